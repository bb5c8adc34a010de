"""Compare a crawl's SQLite database with the generator's truth, per class of page variant.

A report's classes are its portal's and its own tags (family:trs, body:word, copy:pdf_only, …).
Counted per report: found or missed; duplicate (a copy of it stored as a report of its own);
per figure of a found report: exact, wrong (a value that differs: the worst outcome), unreadable
(stored without a value), missing (not stored); per fact: wrong; checks that differ from the
printed tables' own failures. Extra (false) reports are stored URLs that are no report of the
truth, named by what they are.
"""
import sqlite3
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation

FACTS = ("agency", "level", "region_code", "year", "published", "format")
COLUMNS = ["reports", "found", "missed", "duplicate", "extra", "fig_exact", "fig_wrong", "fig_unreadable", "fig_missing",
           "fig_extra", "checks_differ"]


def load_db(path: str):
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    reports = {r["url"]: dict(r) for r in con.execute(
        "SELECT id, url, agency, level, region_code, year, published, format FROM reports")}
    figs = defaultdict(dict)
    for r in con.execute("SELECT report_id, key, value, status, raw FROM figures WHERE current = 1"):
        figs[r["report_id"]][r["key"]] = (r["value"], r["status"], r["raw"])
    failed = defaultdict(set)
    for r in con.execute("SELECT report_id, \"check\", passed FROM checks WHERE current = 1"):
        if not r["passed"]:
            failed[r["report_id"]].add(r["check"])
    runs = con.execute("SELECT coalesce(sum(requests), 0) FROM crawl_run_portals "
                       "WHERE run_id = (SELECT max(id) FROM crawl_runs)").fetchone()[0]
    con.close()
    return reports, figs, failed, runs


def same_value(stored, want: str) -> bool:
    try:
        return Decimal(str(stored)) == Decimal(want)
    except InvalidOperation:
        return False


def _figures(c: Counter, problems: list, url: str, want: dict, got: dict) -> None:
    for key, value in want.items():
        v = got.get(key)
        if v is None:
            c["fig_missing"] += 1
        elif v[0] is None:
            c["fig_unreadable"] += 1
        elif same_value(v[0], value):
            c["fig_exact"] += 1
        else:
            c["fig_wrong"] += 1
            problems.append(("wrong", url, f"{key} = {v[0]} (raw {v[2]!r}), truth {value}"))
    extra = [k for k in got if k not in want and got[k][0] is not None]
    c["fig_extra"] += len(extra)
    for k in extra[:3]:
        problems.append(("extra_figure", url, f"{k} = {got[k][0]} (raw {got[k][2]!r})"))


def compare(web, db_path: str, which=None) -> dict:
    truth = web.truth(which)
    reports, figs, failed, requests = load_db(db_path)
    by_url = {t["url"]: t for t in truth}
    copy_of = {u: t for t in truth for u in t["copies"]}
    cls = defaultdict(Counter)
    total = Counter()
    problems = []
    for t in truth:
        case = web.case(t)
        row = reports.get(t["url"])
        c = Counter(reports=1)
        dups = [u for u in t["copies"] if u in reports]
        c["duplicate"] = len(dups)
        for u in dups:
            problems.append(("duplicate", u, f"{t['site']} copy of {t['url']} stored as a report of its own"))
        if row is None:
            c["missed"] = 1
            problems.append(("missed", t["url"], f"{t['site']} " + " ".join(t["classes"])))
        else:
            c["found"] = 1
            _figures(c, problems, t["url"], case["figures"], figs.get(row["id"], {}))
            for fact in FACTS:
                want, have = case["facts"][fact], row[fact]
                if str(want) != str(have if have not in ("", None) else None):
                    c[f"fact_{fact}"] += 1
                    problems.append(("fact", t["url"], f"{fact} = {have!r}, truth {want!r} ({t['site']})"))
            if failed.get(row["id"], set()) != set(case["checks_failed"]):
                c["checks_differ"] += 1
                problems.append(("checks", t["url"], f"failed {sorted(failed.get(row['id'], ()))}, "
                                                     f"truth {sorted(case['checks_failed'])}"))
        for tag in t["classes"] + ["all"]:
            cls[tag].update(c)
        total.update(c)
    distractor = {d["url"]: d for d in web.distractors(which)}
    portal_tags = {p.pid: p.tags for p in web.plan}
    extras = Counter()
    for url in reports:
        if url in by_url or url in copy_of:
            continue
        d = distractor.get(url)
        kind = d["kind"] if d else "document" if url.endswith((".pdf", ".docx")) else "other"
        extras[kind] += 1
        problems.append(("extra_report", url, kind))
        for tag in (portal_tags[d["site"]] if d else []) + ["all", f"extra:{kind}"]:
            cls[tag]["extra"] += 1      # a distractor counts against its portal's classes
    return {"classes": cls, "total": total, "extras": extras, "requests": requests, "problems": problems}


def table(result: dict, min_reports: int = 1) -> str:
    """One row per class: reports, found … and the wrong facts one column per fact."""
    heads = COLUMNS + [f"x_{f[:6]}" for f in FACTS]
    width = max([28] + [len(t) + 1 for t in result["classes"]])
    lines = [f"{'class':<{width}}" + "".join(f"{h:>{max(len(h) + 1, 7)}}" for h in heads)]
    for tag in sorted(result["classes"], key=lambda t: (t != "all", t)):
        c = result["classes"][tag]
        if c["reports"] < min_reports and not c["extra"]:
            continue
        vals = [c[k] for k in COLUMNS] + [c[f"fact_{f}"] for f in FACTS]
        lines.append(f"{tag:<{width}}" + "".join(f"{v:>{max(len(h) + 1, 7)}}" for h, v in zip(heads, vals)))
    return "\n".join(lines)
