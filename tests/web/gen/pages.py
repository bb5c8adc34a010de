"""Site writer and the HTML every family shares: report bodies, list items with publication markers.

List items are wrapped in <!--gc-item href="ALIAS_URL"-->…<!--/gc-item--> so the server can hide an item
whose page has not appeared yet at the web's clock (the markers are stripped before serving).
"""
import json
import os
from urllib.parse import urlsplit

from . import tables
from .figures import failed_checks

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sites")


class Site:
    """Collects the files, report truths and distractors of one site, then writes them."""

    def __init__(self, site_id: str, hosts: list[str], family: str, code: str, name: str, level: str,
                 encoding: str = "utf-8", **extra):
        self.id, self.hosts, self.encoding = site_id, hosts, encoding
        self.meta = {"hosts": hosts, "family": family, "code": code, "name": name, "level": level,
                     "encoding": encoding, **extra}
        self.files: dict[str, bytes] = {}
        self.reports: list[dict] = []
        self.distractors: list[dict] = []
        self.appears: dict[str, str] = {}
        self.modified: dict[str, str] = {}
        self.data: dict[str, object] = {}   # data/<name>: what dynamic handlers serve

    def path_of(self, url: str) -> str:
        u = urlsplit(url)
        assert u.hostname in self.hosts, url
        p = u.path + ("index.html" if u.path.endswith("/") else "")
        return u.hostname + p + ("@" + u.query if u.query else "")

    def put(self, url: str, content, date: str | None = None, appears: str | None = None, ctype: str | None = None):
        data = content if isinstance(content, bytes) else content.encode(self.encoding, "xmlcharrefreplace")
        self.files[self.path_of(url)] = data
        if ctype:
            self.meta.setdefault("types", {})[url] = ctype
        if date:
            self.modified[url] = date
        if appears:
            self.appears[url] = appears

    def distractor(self, url: str, kind: str, title: str):
        self.distractors.append({"url": url, "site": self.id, "kind": kind, "title": title})

    def write(self):
        base = os.path.join(ROOT, self.id)
        os.makedirs(base, exist_ok=True)
        for rel, data in self.files.items():
            full = os.path.join(base, rel)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as fh:
                fh.write(data)
        for r in self.reports:
            with open(os.path.join(ROOT, r["truth_path"]), "w", encoding="utf-8") as fh:
                json.dump(r["case"], fh, ensure_ascii=False, indent=1)
        for name, obj in self.data.items():
            os.makedirs(os.path.join(base, "data"), exist_ok=True)
            with open(os.path.join(base, "data", name), "w", encoding="utf-8") as fh:
                json.dump(obj, fh, ensure_ascii=False, indent=1)
        meta = dict(self.meta, appears=self.appears, modified=self.modified)
        with open(os.path.join(base, "site.json"), "w", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False, indent=1)


def item(url: str, html: str) -> str:
    return f'<!--gc-item href="{url}"-->{html}<!--/gc-item-->\n'


def report_body(r: dict) -> str:
    """The body a report page prints: narrative sections around the three tables."""
    f, st, fmt, y, a = r["figures"], r.get("style", {}), r["format"], r["year"], r["agency"]
    if fmt == "legacy":
        parts = [f"<p>一、概述</p><p>{y}年，{a}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。</p>",
                 f"<p>二、主动公开政府信息情况</p><p>{r.get('legacy_text', '')}</p>",
                 "<p>三、依申请公开政府信息情况</p><p>所有依申请公开办件均在规定期限内答复。</p>",
                 "<p>四、政府信息公开工作存在的主要问题和改进措施</p><p>信息公开工作队伍力量还比较薄弱。</p>",
                 "<p>五、其他需要报告的事项</p><p>本年度无其他需要报告的事项。</p>",
                 f"<p style=\"text-align:center\">{a}{y}年度政府信息公开情况统计表</p>",
                 tables.legacy_table(r["legacy_rows"])]
        return "\n".join(parts)
    new_total = f.get("requests.new.total", 0)
    said = r.get("narrative_requests", new_total)  # a report may quote a figure that disagrees with its table
    spec = "国办公开办函〔2021〕30号" if fmt == "2021" else "国办公开办函〔2019〕60号"
    t2, t3, t4 = tables.table2(fmt, f, st), tables.table3(fmt, f, st), tables.table4(fmt, f, st)
    if st.get("flatten"):
        t3 = tables.flattened(t3)
    return "\n".join([
        f"<p>本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（{spec}）要求编制。"
        f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。</p>",
        "<p><strong>一、总体情况</strong></p>",
        f"<p>{y}年，{a}坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。"
        f"全年共收到政府信息公开申请{said}件，均在法定期限内答复。</p>",
        "<p><strong>二、主动公开政府信息情况</strong></p>", t2,
        "<p><strong>三、收到和处理政府信息公开申请情况</strong></p>", t3,
        "<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>", t4,
        "<p><strong>五、存在的主要问题及改进情况</strong></p>",
        "<p>一是政策解读形式还不够丰富；二是工作人员业务水平有待提高。下一步将加强培训，提升公开质量。</p>",
        "<p><strong>六、其他需要报告的事项</strong></p>",
        f"<p>{a}{y}年未收取信息处理费。</p>"])


def truth_case(r: dict, url: str, source: str) -> dict:
    """The corpus case (team-brief.md) of one generated report."""
    fmt = r["format"]
    single = r.get("style", {}).get("other_single_row", False)
    figures = {k: str(v) for k, v in r["figures"].items()}
    failed = [] if fmt == "legacy" else failed_checks(fmt, r["figures"], single)
    assert failed == sorted(r.get("expect_failed", [])), (url, failed)
    return {"source": source, "url": url, "listing_date": r.get("listing_date"),
            "facts": {"agency": r["agency"], "level": r["level"], "region_code": r["code"], "year": r["year"],
                      "published": r["published"], "format": fmt},
            "figures": figures, "unreadable": [], "checks_failed": failed, "is_report": True,
            **({"scan": True} if r.get("scan") else {}),   # a scan: every figure exact or unreadable
            "provenance": "generated from the declared inputs of tests/web/build.py"
                          + (f" ({r['provenance']})" if r.get("provenance") else "")}


def add_report(site: Site, url: str, page, r: dict, extra: dict | None = None, rel: str | None = None):
    """Store a rendered report page, its truth beside it and its row in the web's truth list.
    `rel`: store the source under this site-relative file instead of the URL's file (SPA bodies)."""
    if rel is None:
        site.put(url, page, date=r["published"], appears=r["published"])
        rel = site.path_of(url)
    else:
        site.files[rel] = page if isinstance(page, bytes) else page.encode(site.encoding)
        site.appears[url] = r["published"]
    truth_path = rel + ".truth.json"
    case = truth_case(r, url, os.path.basename(rel))
    site.reports.append({"url": url, "site": site.id, "agency": r["agency"], "level": r["level"],
                         "region_code": r["code"], "year": r["year"], "published": r["published"],
                         "format": r["format"], "checks_failed": case["checks_failed"],
                         "truth_path": f"{site.id}/{truth_path}", "case": case, **(extra or {})})
