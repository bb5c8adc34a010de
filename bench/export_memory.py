"""Peak memory of `govcrawl export metrics` against loading everything into pandas.

Generates SQLite databases of N figures (default 100 000 and 1 000 000: 200 figures per report),
exports metrics as csv, jsonl and parquet with the real CLI under /usr/bin/time -v, then runs a
baseline that reads the same rows with pandas.read_sql and writes them. Prints max RSS (MB) and
wall time. Constant memory means the export's RSS does not grow with N; the baseline's does.

    .venv/bin/python bench/export_memory.py [--sizes 100000 1000000] [--dir /tmp/govcrawl-bench]
                                            [--postgres postgresql://postgres@127.0.0.1:5432/postgres]

Measured 2026-11-21 on the team machine (2 cores, SQLite, max RSS from /usr/bin/time -v; the
machine was shared with other test runs, so times are noisy, memory is not):

      figures format   export MB      s  pandas MB      s  rows out
       100000 csv          112.9   11.1      253.4    5.4    100000
       100000 jsonl        113.0   11.6      349.6   10.2    100000
       100000 parquet      209.1   10.0      253.5    4.4    100000
      1000000 csv          112.8   46.3     1258.7   36.1   1000000
      1000000 jsonl        112.8   19.8     2150.1   15.7   1000000
      1000000 parquet      209.6   18.2     1287.0    7.1   1000000

PostgreSQL 15 on loopback (--postgres), same 1 000 000 figures, server-side cursor:

      1000000 csv          120.8   16.7     1627.9   16.2   1000000
      1000000 jsonl        121.2   26.4     2259.6   17.9   1000000
      1000000 parquet      218.5   19.9     1628.2    7.3   1000000

~110 MB is the interpreter with SQLAlchemy and pyarrow loaded; Parquet adds one 20 000-row group.
"""
from __future__ import annotations

import argparse
import csv
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govcrawl.db.session import open_db, resolve_db_url  # noqa: E402

PER_REPORT = 200
BASELINE = """
import sys, pandas as pd
from sqlalchemy import create_engine
engine = create_engine(sys.argv[1])
df = pd.read_sql("SELECT f.report_id, f.key, f.value, f.raw, f.status, f.table_no, f.row_label, f.col_label, "
                 "f.source, f.document_id FROM figures f WHERE f.current ORDER BY f.report_id, f.key", engine)
fmt, out = sys.argv[2], sys.argv[3]
if fmt == "csv": df.to_csv(out, index=False)
elif fmt == "jsonl": df.to_json(out, orient="records", lines=True, force_ascii=False)
else: df.to_parquet(out)
"""


def keys() -> list[tuple[str, str, str, str]]:
    with open(ROOT / "govcrawl" / "data" / "metrics.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["format"] == "2021"]
    return [(r["key"], r["table"], r["row_label"], r["col_label"]) for r in rows][:PER_REPORT]


def generate(path: Path, n_figures: int) -> str:
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    engine, _ = open_db(url)          # schema through Alembic, as in production
    engine.dispose()
    ks = keys()
    n_reports = n_figures // len(ks)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO blobs (sha256, size, data) VALUES (?, 1, x'00')", ("0" * 64,))
    con.execute("INSERT INTO documents (id, url, final_url, status, content_type, encoding, sha256, size, etag, "
                "last_modified, fetched_at) VALUES (1, 'http://bench.example/1.html', '', 200, '', '', ?, 1, '', '', "
                "'2024-01-01')", ("0" * 64,))
    con.executemany(
        "INSERT INTO reports (id, url, title, agency, region_code, level, year, format, published, full_text, "
        "sections, version, content_sha256, checks_failed, unreadable, warnings, first_seen_at, updated_at) "
        "VALUES (?, ?, '', ?, ?, 'county', ?, '2021', ?, '', '{}', 1, '', 0, 0, '[]', '2024-01-01', '2024-01-01')",
        ((i, f"http://bench.example/{i}.html", f"机关{i}", f"{370000 + i % 999:06d}", 2021 + i % 3,
          f"{2022 + i % 3}-03-01") for i in range(1, n_reports + 1)))

    def figures():
        for i in range(1, n_reports + 1):
            for j, (key, table, row, col) in enumerate(ks):
                v = (i * 7 + j * 13) % 1000
                yield (i, key, v, str(v), table, row, col)
    con.executemany("INSERT INTO figures (report_id, version, current, key, value, status, raw, table_no, row_label, "
                    "col_label, source, document_id) VALUES (?, 1, 1, ?, ?, 'ok', ?, ?, ?, ?, 'html', 1)", figures())
    con.commit()
    con.close()
    return url


def copy_to_postgres(sqlite_path: Path, admin_url: str, name: str) -> str:
    """A PostgreSQL copy of a generated SQLite database (schema via Alembic, rows via COPY)."""
    import psycopg
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    engine, _ = open_db(url)
    engine.dispose()
    src = sqlite3.connect(sqlite_path)
    with psycopg.connect(url) as pg:
        for table in ("blobs", "documents", "reports", "figures"):
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            with pg.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                    cp.write_row([bool(v) if c == "current" else v for c, v in zip(cols, row)])
    src.close()
    return url


def measure(cmd: list[str]) -> tuple[float, float]:
    t0 = time.monotonic()
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return rss_kb / 1024, wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--dir", default="/tmp/govcrawl-bench")
    ap.add_argument("--postgres", metavar="ADMIN_URL",
                    help="also measure on PostgreSQL, e.g. postgresql://postgres@127.0.0.1:5432/postgres")
    args = ap.parse_args()
    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    govcrawl = str(Path(sys.executable).parent / "govcrawl")
    runs = [(n, generate(work / f"bench_{n}.db", n), "sqlite") for n in args.sizes]
    if args.postgres:
        runs += [(n, copy_to_postgres(work / f"bench_{n}.db", args.postgres, f"govcrawl_bench_{n}"), "postgresql")
                 for n in args.sizes]
    print(f"{'figures':>9} {'db':10} {'format':7} {'export MB':>10} {'s':>6} {'pandas MB':>10} {'s':>6} {'rows out':>9}")
    for n, url, backend in runs:
        for fmt in ("csv", "jsonl", "parquet"):
            out = work / f"metrics_{n}.{fmt}"
            rss, wall = measure([govcrawl, "export", "metrics", "--db", url, "--format", fmt, "-o", str(out)])
            if fmt == "parquet":
                import pyarrow.parquet as pq
                rows = pq.ParquetFile(out).metadata.num_rows
            else:
                with open(out, "rb") as fh:
                    rows = sum(1 for _ in fh) - (fmt == "csv")
            base_rss, base_wall = measure([sys.executable, "-c", BASELINE, resolve_db_url(url), fmt, str(work / f"base_{n}.{fmt}")])
            print(f"{n:>9} {backend:10} {fmt:7} {rss:>10.1f} {wall:>6.1f} {base_rss:>10.1f} {base_wall:>6.1f} {rows:>9}", flush=True)


    if args.postgres:
        import psycopg
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            for n in args.sizes:
                admin.execute(f'DROP DATABASE IF EXISTS "govcrawl_bench_{n}" WITH (FORCE)')


if __name__ == "__main__":
    main()
