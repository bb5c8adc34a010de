"""The project's own fault web: hostile loopback portals for tests/test_faults.py and bench/faults.py."""
