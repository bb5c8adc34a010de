"""CSV, JSON Lines and Parquet writers over a row iterator: memory stays flat whatever the row count."""
from __future__ import annotations

import csv
import json
from itertools import islice

PARQUET_BATCH = 50_000


def write(fmt: str, fh, columns: list[str], rows) -> None:
    if fmt == "csv":
        w = csv.writer(fh)
        w.writerow(columns)
        w.writerows(rows)
    elif fmt == "jsonl":
        for row in rows:
            fh.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str))
            fh.write("\n")
    elif fmt == "parquet":
        write_parquet(fh, columns, rows)
    else:
        raise ValueError(fmt)


def write_parquet(fh, columns: list[str], rows) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    writer = None
    rows = iter(rows)
    while True:
        chunk = list(islice(rows, PARQUET_BATCH))
        if not chunk and writer is not None:
            break
        table = pa.Table.from_pylist([dict(zip(columns, r)) for r in chunk], schema=writer.schema if writer else None) \
            if chunk else pa.table({c: pa.array([], pa.string()) for c in columns})
        if writer is None:
            writer = pq.ParquetWriter(fh, table.schema)
        writer.write_table(table)
        if not chunk:
            break
    writer.close()
