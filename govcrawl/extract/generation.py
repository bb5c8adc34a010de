"""Which generation of the format a report is (legacy / 2019 / 2021), from its year and its tables.

The tables that were read decide first (they print the generation's own columns and rows); a page
whose tables gave nothing is told by the year it reports on (formats.md: 2008-2018 legacy, 2019-2020
2019, 2021 on 2021), and only a page without a year by words of its text. A word in the narrative
(政府集中采购, 统计数) never outweighs the year: legacy reports mention procurement too.
"""
from __future__ import annotations

import re

FIRST_2019_YEAR = 2019      # 国办公开办函〔2019〕60号: reports on 2019 and 2020
FIRST_2021_YEAR = 2021      # 国办公开办函〔2021〕30号

_TEXT_SIGNS = (
    ("2021", re.compile(r"本年制发件数|本年发件|本年废止件|现行有效件")),
    ("2019", re.compile(r"本年新制作数量|本年新\s*制作|政府集中采购|对外公开总数量")),
    ("legacy", re.compile(r"统\s*计\s*指\s*标.*统计数|指\s*标\s*名\s*称.*计\s*量\s*单\s*位", re.S)),
)


def of_year(year: int | None) -> str:
    if year is None:
        return ""
    return "2021" if year >= FIRST_2021_YEAR else "2019" if year >= FIRST_2019_YEAR else "legacy"


def of_text(text: str) -> str:
    """The generation the text's words point to, "" when none does."""
    for fmt, pattern in _TEXT_SIGNS:
        if pattern.search(text or ""):
            return fmt
    return ""


def decide(table_format: str, year: int | None, text: str) -> tuple[str, str]:
    """(generation, warning or ""). table_format: the generation of the figures the tables gave
    ("" when they gave none)."""
    by_year = of_year(year)
    if table_format:
        if by_year and by_year != table_format and "legacy" in (by_year, table_format):
            return table_format, f"tables read as format {table_format}, the report year {year} says {by_year}"
        return table_format, ""
    if by_year:
        said = of_text(text)
        if said and said != by_year:
            return by_year, f"format {by_year} from the report year {year}; the text's words suggest {said}"
        return by_year, ""
    return of_text(text), ""
