"""The data dictionary (docs/data-dictionary.md), generated from the SQLAlchemy metadata,
metrics.csv, the panel's mapping rules and the report_panel view. scripts/build_dictionary.py writes
it; tests/test_panel.py fails when the committed file differs from what this builds now.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from govcrawl.db.models import Base
from govcrawl.export import descriptions as D
from govcrawl.export.columns import EXPORTS, PANEL_REPORT
from govcrawl.export.panel import DERIVED, KEPT_APART, panel_keys
from govcrawl.extract.metrics import METRICS

VIEW_MIGRATION = Path(__file__).resolve().parent.parent / "migrations" / "versions" / "0003_panel_view.py"
GENERATIONS = ("2021", "2019", "legacy")

# Every figure back to its document and cell, in one query (run with :report_id and :key).
PROVENANCE_SQL = """SELECT r.id AS report_id, r.agency, r.year, f.key, f.value, f.raw, f.status,
       d.url AS document_url, d.fetched_at, d.sha256, f.table_no, f.row_label, f.col_label, f.source
FROM figures f
JOIN reports r ON r.id = f.report_id
LEFT JOIN documents d ON d.id = f.document_id
WHERE f.current AND f.report_id = :report_id AND f.key = :key"""

def _view_keys() -> list[str]:
    spec = importlib.util.spec_from_file_location("panel_view_migration", VIEW_MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.KEYS)


def english(key: str) -> str:
    try:
        return " › ".join(D.SEGMENTS[s] for s in key.split("."))
    except KeyError as exc:
        raise KeyError(f"no English for segment {exc} of {key}: add it to govcrawl/export/descriptions.py") from exc


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _tables() -> list[str]:
    out = ["## Tables", ""]
    for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
        if table.name not in D.TABLES:
            raise KeyError(f"table {table.name} has no description in govcrawl/export/descriptions.py")
        zh, en = D.TABLES[table.name]
        out += [f"### `{table.name}` — {zh}", "", en, "", "| column | type | null | 中文 | meaning |",
                "| --- | --- | --- | --- | --- |"]
        for col in table.columns:
            desc = D.COLUMNS.get(f"{table.name}.{col.name}") or (D.COLUMNS["id"] if col.name == "id" else None)
            if desc is None:
                raise KeyError(f"column {table.name}.{col.name} has no description in govcrawl/export/descriptions.py")
            fk = ", ".join(f"→ {fk.target_fullname}" for fk in col.foreign_keys)
            out.append(f"| `{col.name}` | {col.type} | {'yes' if col.nullable else 'no'} | {_cell(desc[0])} | "
                       f"{_cell(desc[1])}{' ' + fk if fk else ''} |")
        out.append("")
    return out


def _keys() -> list[str]:
    by_key: dict[str, dict[str, object]] = {}
    for m in METRICS:
        by_key.setdefault(m.key, {})[m.format] = m
    out = ["## Keys (metrics.csv)", "",
           "One row per canonical key. 中文 is the row and column label of the standard table (both "
           "generations' labels when they differ). Units: 件 cases, 项 items, 条 pieces of information, "
           "次 times, 篇 articles, 个 units, 人 persons, 人次 person-times, 万元 10,000 yuan.", "",
           "| key | table | unit | generations | 中文 | meaning |", "| --- | --- | --- | --- | --- | --- |"]
    for key, defs in by_key.items():
        gens = [g for g in GENERATIONS if g in defs]
        labels = []
        for g in gens:
            label = f"{defs[g].row_label} / {defs[g].col_label}"
            if label not in [lab.split(": ", 1)[-1] for lab in labels]:
                labels.append(label if len(gens) == 1 else f"{g}: {label}")
        if len(labels) == 1:
            labels = [labels[0].split(": ", 1)[-1]] if len(gens) > 1 else labels
        first = defs[gens[0]]
        gen_text = ", ".join(gens) + (" (and 2021 reports printing (六) as one row)" if key in DERIVED else "")
        out.append(f"| `{key}` | {first.table} | {first.unit} | {gen_text} | {_cell('; '.join(labels))} | "
                   f"{_cell(english(key))} |")
    return out + [""]


def _panel() -> list[str]:
    out = ["## The panel (`govcrawl export panel`)", "",
           "One row per report (current version), one column per canonical key (the key itself is the "
           f"column name, {len(panel_keys())} keys). A key printed by both 2019 and 2021 reports is one "
           "column: metrics.csv gives a row the same key only where the State Council kept its meaning. "
           "Empty means not printed by this report's format, or unreadable; never 0.", "",
           "| column | type | meaning |", "| --- | --- | --- |"]
    out += [f"| `{c.name}` | {c.type} | {_cell(c.meaning)} |" for c in PANEL_REPORT]
    out += ["| `<key>` | double | the figure (see Keys) |", "", "### Mapped between generations", "",
            "| panel column | filled from, when the column itself was not printed |", "| --- | --- |"]
    out += [f"| `{t}` | {' + '.join(f'`{p}`' for p in parts)} (2021 sub-rows of (六)其他处理; all three must be read) |"
            for t, parts in DERIVED.items()]
    out += ["", "### Kept apart (look alike, do not mean the same)", "", "| 2021 / newer | 2019 / older | why |",
            "| --- | --- | --- |"]
    out += [f"| `{a}` | `{b}` | {_cell(why)} |" for a, b, why in KEPT_APART]
    return out + [""]


def _exports() -> list[str]:
    out = ["## Export columns (`govcrawl export reports|metrics|checks`)", "",
           "The same columns in CSV, JSON Lines and Parquet (Parquet types below). Filters: `--year` "
           "(repeatable), `--region` (division-code prefix), `--report-format`, `--level`, `--checks passed|failed`.", ""]
    for name, cols in EXPORTS.items():
        out += [f"### `{name}`", "", "| column | Parquet type | meaning |", "| --- | --- | --- |"]
        out += [f"| `{c.name}` | {c.type} | {_cell(c.meaning)} |" for c in cols]
        out.append("")
    return out


def _view() -> list[str]:
    keys = _view_keys()
    out = ["## SQL view `report_panel`", "",
           "Created by migration 0003 on SQLite and PostgreSQL: one row per report, the report fields and "
           "the core figures of tables 三 and 四 that mean the same in 2019 and 2021, as columns (dots become "
           "underscores). Only status ok figures of the current version; `published` and `deadline` are "
           "'YYYY-MM-DD' text; `on_time` is 1, 0 or NULL. Unlike the panel export, the view does not derive "
           "`requests_other_total` from the 2021 sub-rows. "
           "Example: `SELECT year, level, AVG(on_time), SUM(requests_new_total) FROM report_panel GROUP BY year, level;`",
           "", "Columns: `report_id, region_code, agency, level, year, format, published, deadline, on_time, "
           "checks_failed, unreadable, url`, then:", ""]
    out += [", ".join(f"`{k.replace('.', '_')}`" for k in keys), ""]
    return out


def build() -> str:
    lines = ["# Data dictionary", "",
             "Generated by `scripts/build_dictionary.py` from the SQLAlchemy models (govcrawl/db/models.py), "
             "govcrawl/data/metrics.csv and govcrawl/export/. Do not edit by hand: change the source and run "
             "`.venv/bin/python scripts/build_dictionary.py`.", "",
             "## Deadlines", "",
             "A report on year Y is due 31 January of Y+1 for a department or township, 31 March of Y+1 for "
             "a government's own report (province, city, county); reports on years before 2019 (2008 "
             "regulation) 31 March for everyone. `on_time` = published ≤ deadline.", "",
             "## Provenance: from a number to the cell it came from", "",
             "Every figure records the document it was read from (`figures.document_id`), the table "
             "(`table_no`) and the row and column labels as printed. One query:", "",
             "```sql", PROVENANCE_SQL, "```", "",
             "`govcrawl export metrics` carries the same trail in its columns `document_id, document_url, "
             "table, row_label, col_label, raw`. Older versions of a report keep their figures with "
             "`current = false`.", ""]
    lines += _tables() + _exports() + _view() + _panel() + _keys()
    return "\n".join(lines).rstrip() + "\n"
