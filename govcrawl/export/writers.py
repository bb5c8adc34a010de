"""CSV, JSON Lines and Parquet writers over a row iterator: memory stays flat whatever the row count.

Every export has an explicit pyarrow schema (queries.py, panel.py), so a Parquet file has the same
column types whether it holds no rows or a million. Parquet is written one row group at a time.
"""
from __future__ import annotations

import csv
import json
from itertools import islice

import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP = 20_000     # rows per Parquet row group: bounds the memory one group takes (bench/export_memory.py)


def write(fmt: str, fh, schema: pa.Schema, rows) -> int:
    """Write rows (tuples in schema order) to fh; return how many were written."""
    if fmt == "csv":
        return write_csv(fh, schema.names, rows)
    if fmt == "jsonl":
        return write_jsonl(fh, schema.names, rows)
    if fmt == "parquet":
        return write_parquet(fh, schema, rows)
    raise ValueError(fmt)


def write_csv(fh, columns: list[str], rows) -> int:
    # None -> empty cell; a reader tells a blank (0, raw "") from a missing value by the `status` column.
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow(row)
        n += 1
    return n


def write_jsonl(fh, columns: list[str], rows) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str))
        fh.write("\n")
        n += 1
    return n


def write_parquet(fh, schema: pa.Schema, rows) -> int:
    rows = iter(rows)
    n = 0
    with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        while True:
            chunk = list(islice(rows, ROW_GROUP))
            if not chunk and n:
                break
            # Column-wise arrays from the chunk: the chunk is the only thing held in memory.
            columns = list(zip(*chunk)) if chunk else [()] * len(schema)
            table = pa.Table.from_arrays([pa.array(col, type=field.type) for col, field in zip(columns, schema)],
                                         schema=schema)
            writer.write_table(table)
            n += len(chunk)
            if not chunk:
                break
    return n
