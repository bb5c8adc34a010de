"""A crawl's decisions: pure policy per page, the frontier that admits requests, per-portal state."""
