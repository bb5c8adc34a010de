"""Finding report pages on a portal: link extraction, link scoring, pagination, family adapters."""
