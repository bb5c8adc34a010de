"""Parts of a running crawl that are neither parsing nor discovery: redirect handling (redirects),
the crawl's database writes (recorder), whether a run's process is alive (liveness), and run outcomes
that could not be written while the database was gone (outcomes)."""
