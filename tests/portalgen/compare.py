"""Compare a crawl's SQLite database with the generator's truth, per class of page variant.

A report's classes are its portal's and its own tags (family:trs, body:word, copy:pdf_only, …).
Counted per report: found or missed; per figure of a found report: exact, wrong (a value that
differs: the worst outcome), unreadable (stored without a value), missing (not stored); extra
(false) reports are stored URLs that are no report of the truth, named by what they are.
"""
import sqlite3
from collections import Counter, defaultdict
from decimal import Decimal

FACTS = ("agency", "level", "region_code", "year", "published", "format")


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


def compare(web, db_path: str, which=None) -> dict:
    truth = web.truth(which)
    reports, figs, failed, requests = load_db(db_path)
    by_url = {t["url"]: t for t in truth}
    cls = defaultdict(Counter)
    total = Counter()
    problems = []
    for t in truth:
        case = web.case(t)
        tags = t["classes"] + ["all"]
        row = reports.get(t["url"])
        c = Counter(reports=1)
        if row is None:
            c["missed"] = 1
            problems.append(("missed", t["url"], " ".join(t["classes"])))
        else:
            c["found"] = 1
            got = figs.get(row["id"], {})
            for key, want in case["figures"].items():
                v = got.get(key)
                if v is None:
                    c["fig_missing"] += 1
                elif v[0] is None:
                    c["fig_unreadable"] += 1
                elif Decimal(str(v[0])) == Decimal(want):
                    c["fig_exact"] += 1
                else:
                    c["fig_wrong"] += 1
                    problems.append(("wrong", t["url"], f"{key} = {v[0]} (raw {v[2]!r}), truth {want}"))
            extra = [k for k in got if k not in case["figures"] and got[k][0] is not None]
            c["fig_extra"] += len(extra)
            for k in extra[:3]:
                problems.append(("extra_figure", t["url"], f"{k} = {got[k][0]} (raw {got[k][2]!r})"))
            for fact in FACTS:
                want, have = case["facts"][fact], row[fact]
                if str(want) != str(have if have not in ("", None) else None):
                    c[f"fact_{fact}"] += 1
                    problems.append(("fact", t["url"], f"{fact} = {have!r}, truth {want!r}"))
            if failed.get(row["id"], set()) != set(case["checks_failed"]):
                c["checks_differ"] += 1
        for tag in tags:
            cls[tag].update(c)
        total.update(c)
    distractor = {d["url"]: d["kind"] for d in web.distractors(which)}
    copies = {}
    for t in truth:
        it = t["_item"]
        if it.copy in ("pdf", "docx", "both"):
            base = t["url"].rsplit("/", 1)[0]
            copies[t["url"]] = base
    extras = Counter()
    for url in reports:
        if url in by_url:
            continue
        kind = distractor.get(url) or ("document copy" if url.endswith((".pdf", ".docx")) else "other")
        extras[kind] += 1
        problems.append(("extra_report", url, kind))
    return {"classes": cls, "total": total, "extras": extras, "requests": requests, "problems": problems}


def table(result: dict, min_reports: int = 1) -> str:
    cols = ["reports", "found", "missed", "fig_exact", "fig_wrong", "fig_unreadable", "fig_missing", "fig_extra"]
    lines = [f"{'class':<28}" + "".join(f"{c:>15}" for c in cols) + f"{'facts_wrong':>13}"]
    for tag in sorted(result["classes"], key=lambda t: (t != "all", t)):
        c = result["classes"][tag]
        if c["reports"] < min_reports:
            continue
        facts = sum(v for k, v in c.items() if k.startswith("fact_"))
        lines.append(f"{tag:<28}" + "".join(f"{c[k]:>15}" for k in cols) + f"{facts:>13}")
    return "\n".join(lines)
