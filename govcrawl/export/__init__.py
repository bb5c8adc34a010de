"""Reading the database out: the row queries of each export, and the CSV/JSONL/Parquet writers."""
