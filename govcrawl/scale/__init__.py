"""Past one machine: a crawl submitted to Redis, taken part in by any number of `govcrawl worker`s.

The unit of work is the portal. `govcrawl crawl --redis` writes the crawl (its portals, budget,
allow_private) under its own Redis namespace and waits; workers lease a few portals at a time,
crawl them with the ordinary spider in a child process against the shared PostgreSQL database, and
renew their leases while they work. A worker killed with -9 stops renewing: its leases expire and
another worker crawls those portals again (writes are idempotent and versioned, so nothing is
stored twice). Politeness is global (politeness.py: a per-host token in Redis), documents can be
read by pre-started document workers behind a Redis queue (docqueue.py, docworker.py), and every
worker announces itself in a registry with heartbeats (registry.py) that `govcrawl status` shows.

keys.py names every Redis key; the modules here hold no state of their own besides a client.
"""
