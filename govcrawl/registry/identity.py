"""Who a home page says it belongs to, and whether that is the government we expect. Pure.

A government site prints its 政府网站标识码 in the footer (the division code plus 4 digits, kept
when the division is renamed: 孟津区's site may still say 4103220001), its name in the title and a
主办 line. A copy site keeps another county's footer; a spam clone carries gambling words or sits
off .gov.cn; a moved site leaves a notice naming its new address.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from govcrawl.discovery.redirects import visible_text
from govcrawl import config
from govcrawl.extract.regions import Division, codes_of, division, divisions_in
from govcrawl.net.guard import is_private, resolve
from govcrawl.registry.names import Target, stem, strip_suffix

SITE_CODE = re.compile(r"(?:政府)?网站(?:标识|识别)码\s*[：:]?\s*([0-9A-Za-z]{10})(?![0-9A-Za-z])")
SPONSOR = re.compile(r"主办(?:单位)?\s*[：:]\s*([^\s|｜,，;；。]{2,40})")
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
META = re.compile(r"""<meta[^>]+name\s*=\s*["']?(?:keywords|description)["']?[^>]*content\s*=\s*["']([^"']*)""", re.I)
MOVED = re.compile(r"(已迁移|迁移至|已迁至|新网址|新域名|网址变更|域名变更|已更换域名|网站已更名|请访问新网站|已启用新域名|改版迁移)")
TITLE_PARTS = re.compile(r"\s*[-_|｜—–·]+\s*")
URL_IN_TEXT = re.compile(r"https?://[\w.-]+(?::\d+)?(?:/[\w./?=&%-]*)?")
# Words of the gambling sites that copy government pages wholesale (portals.md): never in a portal's title.
SPAM_WORDS = ("澳门", "博彩", "娱乐城", "葡京", "太阳城", "百家乐", "赌场", "威尼斯人", "时时彩", "老虎机",
              "六合彩", "投注", "棋牌", "真人视讯", "彩票网", "体育平台", "bet365", "casino")
GOV_HOST_SUFFIXES = (".gov.cn",)


@dataclass(frozen=True)
class Identity:
    site_code: str = ""     # 网站标识码 as printed
    title: str = ""
    sponsor: str = ""       # 主办单位
    moved_to: str = ""      # the new address a moved-notice page names
    spam: str = ""          # the spam word found in title or meta


@dataclass(frozen=True)
class Verdict:
    status: str             # verified | mismatch | clone | unverified | moved
    why: str                # one line of evidence
    how: str = ""           # footer code | name (how a verified site was recognised)


def read_identity(html: str, url: str) -> Identity:
    text = visible_text(html)
    m = SITE_CODE.search(text)
    title_m = TITLE.search(html[:20000])
    title = " ".join(title_m.group(1).split()) if title_m else ""
    sponsor_m = SPONSOR.search(text)
    head = title + " " + " ".join(META.findall(html[:20000]))
    spam = next((w for w in SPAM_WORDS if w.lower() in head.lower()), "")
    return Identity(site_code=m.group(1) if m else "", title=title,
                    sponsor=sponsor_m.group(1) if sponsor_m else "", moved_to=_moved_to(html, text, url), spam=spam)


def _moved_to(html: str, text: str, url: str) -> str:
    """The new address of a "本网站已迁移至 …" notice: a link or a printed URL on another host."""
    if len(text) > config.REGISTRY_NOTICE_MAX_TEXT or not MOVED.search(text):
        return ""        # a home page full of news may mention 迁移; a notice page says little else
    host = urlsplit(url).netloc.lower()
    candidates = []
    try:
        root = lxml.html.fromstring(html)
        candidates += [urljoin(url, a.get("href").strip()) for a in root.iter("a") if (a.get("href") or "").strip()]
    except (etree.ParserError, ValueError):
        pass
    candidates += URL_IN_TEXT.findall(text)
    for c in candidates:
        parts = urlsplit(c)
        if parts.scheme in ("http", "https") and parts.netloc and parts.netloc.lower() != host:
            return c
    return ""


def code_division(site_code: str) -> Division | None:
    """The division a 网站标识码 names by its first 6 digits (an old code resolves to today's)."""
    return division(site_code[:6]) if site_code[:6].isdigit() else None


def whose(identity: Identity) -> Division | None:
    """The government a page says it is, by footer code, else by the name in its title or 主办 line."""
    by_code = code_division(identity.site_code)
    if by_code is not None:
        return by_code
    from_title = _named_government(identity.title) or _named_government(identity.sponsor)
    return from_title


def _named_government(text: str) -> Division | None:
    """The government a title or 主办 line names: "首页 - 洛阳市人民政府" names 洛阳市 (each part tried in turn)."""
    for part in TITLE_PARTS.split(text):
        chain = [d for d in divisions_in(strip_suffix(part.strip())) if d.level != "town"]
        if chain:
            return chain[-1]
    return None


def official_host(url: str, allow_private: bool) -> bool:
    """A government site lives under .gov.cn; an address literal only on a private test web (--allow-private)."""
    host = (urlsplit(url).hostname or "").lower()
    if any(host.endswith(s) for s in GOV_HOST_SUFFIXES):
        return True
    ips = resolve(host) if host.replace(".", "").isdigit() or ":" in host else []
    return allow_private and bool(ips) and all(is_private(ip) for ip in ips)


def judge(identity: Identity, target: Target, url: str, *, allow_private: bool) -> Verdict:
    """Is the page at `url` the site of `target`? Never verified on a guess: a footer code naming another
    division refuses the page whatever its title says."""
    if identity.spam:
        return Verdict("clone", f"spam clone: '{identity.spam}' in title/meta")
    if not official_host(url, allow_private):
        return Verdict("clone", f"host {urlsplit(url).hostname} is off .gov.cn")
    if identity.moved_to:
        return Verdict("moved", f"notice names the new address {identity.moved_to}")
    code = identity.site_code
    if code and code[:6].isdigit():
        if code[:6] not in codes_of(target.code):
            other = code_division(code)
            named = f"{other.name} {other.code}" if other else "no known division"
            return Verdict("mismatch", f"网站标识码 {code} belongs to {named}, not {target.name} {target.code}")
        if target.level in ("department", "township") and not _names(identity, target.unit):
            return Verdict("unverified", f"网站标识码 {code} is {target.code}'s but the page does not name {target.unit}")
        return Verdict("verified", f"网站标识码 {code}", "footer code")
    named = whose(identity)
    if target.level in ("department", "township"):
        if _names(identity, target.unit) and (named is None or named.code == target.code):
            return Verdict("verified", f"title/主办 name {target.unit}", "name")
        return Verdict("unverified", "no 网站标识码 and the page does not name the unit")
    if named is not None and named.code != target.code:
        return Verdict("mismatch", f"the page names {named.name} {named.code}, not {target.name}")
    if named is not None:
        return Verdict("verified", f"title/主办 name {named.name} (no 网站标识码)", "name")
    return Verdict("unverified", "no 网站标识码 and no government name on the home page")


def _names(identity: Identity, unit: str) -> bool:
    forms = {unit, stem(unit)}
    return any(f and (f in identity.title or f in identity.sponsor) for f in forms)
