"""Several processes opening one new database at once (two schedulers, a crawl and an export)."""
import subprocess
import sys

OPEN = "import sys; from govcrawl.db import open_db; open_db(sys.argv[1])"


def test_concurrent_first_open_migrates_once(db_url):
    procs = [subprocess.Popen([sys.executable, "-c", OPEN, db_url], stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert all(rc == 0 for rc, _ in results), [err[-500:] for rc, err in results if rc]
