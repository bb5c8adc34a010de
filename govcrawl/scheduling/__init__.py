"""The yearly cycle: the publication calendar (pure), the crawl lock, the APScheduler process."""
