"""What a crawl does with each fetched page: pure decisions over (page, portal state).

`decide` reads one response and says what it is (an error of which kind, a report candidate with its
copies, a listing), what to remember of it, and which requests it wants next (scored links, family
requests); `seeds` says where a portal's crawl starts. Nothing here sends a request or writes to the
database: govcrawl/runtime applies decisions, govcrawl/crawl/frontier.py admits the wanted requests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from govcrawl import config
from govcrawl.crawl.frontier import CrawlOptions, Want
from govcrawl.crawl.state import PortalCrawl
from govcrawl.discovery import pages
from govcrawl.discovery.entrypoints import should_turn_page
from govcrawl.discovery.links import Link, is_document_url
from govcrawl.discovery.scoring import is_pagination, is_report_link, link_score, looks_like_report_title
from govcrawl.extract.decode import decode_page
from govcrawl.extract.facts import url_date
from govcrawl.families import registry
from govcrawl.families.antibot import challenge
from govcrawl.families.base import FamilyRequest, Page
from govcrawl.net import host_allowed


@dataclass(frozen=True)
class Fetch:
    """A response as the policy sees it: where it came from and why it was asked for."""
    url: str                          # final URL (after redirects)
    status: int
    body: bytes
    content_type: str = ""
    headers: object = None            # Scrapy Headers (Set-Cookie of anti-bot walls)
    role: str = ""
    depth: int = 0
    anchor: str = ""
    fragment: str = ""
    candidate: bool = False
    listing_url: str = ""
    listing_date: str = ""
    family: FamilyRequest | None = None
    family_origin: str = ""


@dataclass
class Decision:
    wants: list[Want] = field(default_factory=list)
    errors: list[tuple[str, str, str]] = field(default_factory=list)   # (url, kind, detail)
    remember: str = ""                # remember the page (validators, digest) as this kind
    unchanged_report: bool = False    # a 304 of a known report
    status: str = ""                  # what the page says of the portal: down | blocked
    candidate: bool = False           # the page goes to the classifier as a report candidate
    attachments: list[str] = field(default_factory=list)   # its copies, fetched before it goes on
    listing: tuple[str, list[str]] | None = None            # (listing, report URLs it links)
    empty_column: str = ""            # a report column with no report yet
    report_via: tuple[str, str] | None = None               # (document, listing): a wrapper page's report
    html: str | None = None           # the decoded page, when it is HTML
    more: list[FamilyRequest] = field(default_factory=list)
    family: str = ""                  # the CMS family that claims the page
    listing_date: str = ""            # the candidate's date for its copies (listing's, else the page's own)


def seeds(state: PortalCrawl, recheck: bool) -> list[Want]:
    """The learned listings (or the home page) and the listings the portals file names; with `recheck`
    every known report too."""
    urls = list(dict.fromkeys((state.old_entry_points if state.incremental else [state.entry.url])
                              + list(state.entry.listings)))
    out = [Want(url=u, depth=0, score=100, role="seed") for u in urls]
    if recheck:
        out += [Want(url=u, depth=1, score=90, role="report", candidate=True) for u in sorted(state.known_reports)]
    return out


def decide(f: Fetch, state: PortalCrawl, opts: CrawlOptions) -> Decision:
    d = Decision()
    if 300 <= f.status < 400 and f.status != 304:
        d.errors.append((f.url, f"http_{f.status}", "redirect without a usable Location"))
        return d
    if f.status == 304:
        d.remember, d.unchanged_report = f.role, f.url in state.known_reports
        return d
    blocked = challenge(f.status, f.headers, f.body)
    if blocked:
        d.status = "blocked"
        d.errors.append((f.url, "blocked", blocked))
        return d
    if f.status >= 400:
        if f.role == "seed" and f.depth == 0 and f.url.rstrip("/") == state.entry.url.rstrip("/"):
            d.status = "down"
        d.errors.append((f.url, f"http_{f.status}", ""))
        return d
    if not opts.naive:
        answer = registry.read_answer(f.family or FamilyRequest(url=f.url, family=""), f.url, f.body, f.content_type)
        if answer is not None:        # a Hanweb proxy or gkmlpt API answer: a listing without a page
            d.remember = "listing"
            _follow(d, f, state, opts, answer.links, config.CRAWL_FOLLOW_SCORE, answer.more)
            return d
    kind = pages.content_kind(f.content_type, f.body, f.url)
    if kind == "html" and pages.claims_document(f.content_type, f.url):
        # An HTML page served as .pdf/.doc or with a document's type: often an error page. Read as HTML.
        d.errors.append((f.url, "mistyped", "served as a document, bytes are HTML"))
    if kind != "html":
        if f.candidate or looks_like_report_title(f.anchor):
            d.candidate = True
        else:
            d.errors.append((f.url, "not_html", kind))
        return d
    # Not Scrapy's text: portals send GBK under ISO-8859-1 or UTF-8 headers.
    html = decode_page(f.body, f.content_type)
    if pages.soft_404(html):
        d.errors.append((f.url, "soft_404", ""))
        return d
    d.html, d.remember = html, "listing"
    links = registry.page_links(html, f.url)
    if opts.naive:
        d.candidate = True
        _follow(d, f, state, opts, links, float("-inf"))
        return d
    page = Page(url=f.url, html=html, fragment=f.fragment, links=tuple(links))
    d.more = registry.follow_ups(page)
    claimed = registry.claimants(f.url, html)
    d.family = claimed[0].name
    d.errors += [(f.url, "family_miss", why) for why in registry.misses(claimed, page, links, d.more)]
    title = pages.page_title(html)
    if not (looks_like_report_title(title) or looks_like_report_title(f.anchor)):
        _follow(d, f, state, opts, links, config.CRAWL_FOLLOW_SCORE, d.more)
        return d
    docs = attachments_of(links, state.hosts)
    # A copy read as the report has no date of its own: the listing's, else the page's (printed or in its
    # URL, /art/2024/3/8/); a listing that prints [03-28] gave none.
    date = f.listing_date or pages.page_date(html) or _url_day(f.url)
    if docs and pages.attachment_wrapper(html):
        # "详见附件": the page only wraps the document, so the report is the document itself.
        listing = f.listing_url or f.url
        d.wants.append(Want(url=docs[0], depth=99, score=95, role="candidate", anchor=f.anchor or title,
                            candidate=True, listing_url=listing, listing_date=date))
        d.report_via = (docs[0], listing)
    else:
        d.candidate, d.attachments, d.listing_date = True, docs, date
    # From a report page only other reports and report columns; never its own copies (PDF/DOCX of the
    # same report: sources of this report, not reports of their own).
    copies = set(docs)
    _follow(d, f, state, opts, [l for l in links if l.url not in copies], config.CRAWL_REPORT_PAGE_FOLLOW_SCORE,
            d.more, listing=False)
    return d


def _url_day(url: str) -> str:
    day = url_date(url)
    return day.isoformat() if day else ""


def attachments_of(links: list[Link], hosts: frozenset[str]) -> list[str]:
    """A report page's documents on the portal's own hosts: its copies."""
    docs = [l.url for l in links if is_document_url(l.url) and host_allowed(urlsplit(l.url).netloc, hosts)]
    return list(dict.fromkeys(docs))[:config.CRAWL_MAX_ATTACHMENTS]


def _follow(d: Decision, f: Fetch, state: PortalCrawl, opts: CrawlOptions, links: list[Link], follow_min: float,
            more=(), listing: bool = True) -> None:
    """The links worth following, best first, and the family requests (Hanweb POST, gkmlpt API)."""
    depth = f.depth + 1
    # Past the depth limit only a listing's own reports, pages and family answers are followed:
    # a column first reached by a long detour must still yield every report it lists.
    too_deep = depth > opts.max_depth and not opts.naive
    origin = f.family_origin or f.url             # the listing a family answer belongs to
    reports = [l for l in links if is_report_link(l.text)]
    if listing:
        d.listing = (origin, [l.url.split("#", 1)[0] for l in reports])
        if not reports and link_score(f.anchor, f.url) >= config.CRAWL_EMPTY_COLUMN_SCORE:
            d.empty_column = origin
    if state.incremental:
        # From a learned listing only what is new; its other pages only when they can hold something new.
        # (a page fetched by an earlier crawl, e.g. a distractor or a document's wrapper, is not new)
        new = [l for l in reports if all(l.url.split("#", 1)[0] not in known for known in
                                         (state.known_reports, state.seen, state.validators))]
        turn_page = should_turn_page(new, reports, [l.date for l in links if l.date], state.newest_known)
        links = new + ([l for l in links if is_pagination(l.kind, l.text)] if turn_page else [])
        more = more if turn_page else ()
    for link in links:
        if not opts.naive:
            if is_document_url(link.url) and not looks_like_report_title(link.text):
                continue
            if link.url in state.known_reports and state.incremental:
                continue        # known reports are rechecked by the scheduler's verify runs, not here
        score = link_score(link.text, link.url, link.kind)
        if score < follow_min:
            continue
        candidate = looks_like_report_title(link.text)
        if too_deep and not (candidate or link.kind == "frame" or is_pagination(link.kind, link.text)):
            continue
        d.wants.append(Want(url=link.url, depth=depth, score=score, role="candidate" if candidate else "link",
                            anchor=link.text, listing_url=origin, listing_date=link.date, candidate=candidate))
    for fr in more:
        if not worth_following(fr):
            continue
        d.wants.append(Want(url=fr.url, depth=depth, score=60, role="listing", family=fr,
                            family_origin=origin if fr.origin_is_page else ""))


def worth_following(fr: FamilyRequest) -> bool:
    """A family request standing for a category (Hanweb 目录, gkmlpt) only when it reads as a report column."""
    return fr.always or link_score(fr.anchor, fr.anchor_url) >= config.CRAWL_CATEGORY_SCORE
