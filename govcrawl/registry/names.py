"""Which government or unit a link-box entry names, relative to the portal that lists it. Pure.

孟津区 / 孟津 / 洛阳市孟津区人民政府 / 孟津县人民政府网 (the old name) on 洛阳市's portal are the
county 410308; 教育局 / 孟津区教育局 on 孟津区's portal its department; 城关镇 its township.
A name that is not under the listing government (中国政府网, a neighbour city, 洛阳市教育局 on a
county's portal) is nobody's here: None, never a guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from govcrawl.extract.regions import Division, division, divisions_in, divisions_under, old_names, towns_of

GOV_SUFFIXES = ("人民政府门户网站", "人民政府网站", "人民政府网", "人民政府", "政府门户网站", "政府网站", "政府网",
                "门户网站", "政府门户", "门户网", "网站", "政府")
DIVISION_SUFFIXES = ("自治县", "自治州", "自治旗", "地区", "林区", "特区", "县", "区", "市", "旗", "州", "盟")
UNIT_SUFFIXES = ("局", "委员会", "委", "办公室", "办", "中心", "院", "署", "厅", "队")
TOWN_SUFFIXES = ("街道办事处", "街道", "镇", "乡", "苏木")
GOVERNMENT_LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Target:
    code: str        # division code; a department's or township's is its government's
    name: str        # full name: 孟津区人民政府, 孟津区教育局, 孟津区城关镇人民政府
    level: str       # city | county | department | township
    unit: str = ""   # 教育局, 城关镇: the part a unit's own site prints


def government_name(d: Division) -> str:
    return d.name + "人民政府"


def strip_suffix(text: str, suffixes=GOV_SUFFIXES) -> str:
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def stem(name: str) -> str:
    """孟津区 -> 孟津; 嵩县 stays (a one-character stem names nothing)."""
    short = strip_suffix(name, DIVISION_SUFFIXES)
    return short if len(short) >= 2 else name


@lru_cache(maxsize=512)
def _forms_under(code: str) -> dict[str, tuple[str, ...]]:
    """Every way a link box may print a division under `code` (name, stem, old names) -> codes."""
    forms: dict[str, set[str]] = {}
    for d in divisions_under(code):
        for name in [d.name, *old_names(d.code)]:
            for form in (name, stem(name)):
                forms.setdefault(form, set()).add(d.code)
    return {k: tuple(sorted(v)) for k, v in forms.items()}


def _outers(parent: Division) -> list[Division]:
    """The lister and the divisions above it: 河南省, 洛阳市, 孟津区 for 孟津区."""
    out = [division(parent.code[:2] + "0000"), division(parent.code[:4] + "00"), parent]
    return [d for i, d in enumerate(out) if d is not None and d not in out[:i]]


def variants(text: str, parent: Division) -> list[str]:
    """The name with the lister's and its ancestors' names taken off the front, one at a time, in
    order (洛阳市孟津区教育局 -> 孟津区教育局 -> 教育局); a stem only where the full name is not printed."""
    out = [text]
    for d in _outers(parent):
        for form in (d.name, stem(d.name)):
            if text.startswith(form) and len(text) > len(form) + 1:
                text = text[len(form):]
                out.append(text)
                break
    return out


def _prefixed_by_other_outer(text: str, parent: Division) -> bool:
    """The name starts with an ancestor's name that the lister's own name does not follow."""
    for d in _outers(parent)[:-1]:
        for form in (d.name, stem(d.name)):
            if text.startswith(form):
                rest = text[len(form):]
                return not rest.startswith((parent.name, stem(parent.name)))
    return False


def _through_city(text: str, parent: Division) -> Target | None:
    """洛阳市孟津区人民政府 on 河南省's portal: a city's name, then one of its governments."""
    if parent.level != "province":
        return None
    for d in divisions_under(parent.code):
        if d.level != "city":
            continue
        for form in (d.name, stem(d.name)):
            if text.startswith(form) and len(text) > len(form) + 1:
                t = target_of(text[len(form):], d)
                return t if t is not None and t.level in GOVERNMENT_LEVELS else None
    return None


def target_of(name: str, parent: Division) -> Target | None:
    """The government or unit under `parent` that `name` names, or None."""
    names = variants(strip_suffix("".join(name.split())), parent)
    forms = _forms_under(parent.code)
    for v in names:
        codes = forms.get(v, ())
        if len(codes) > 1:
            return None               # two divisions print the same way here: not settled by a name
        if codes:
            d = division(codes[0])
            return Target(d.code, government_name(d), d.level)
    inner = _through_city(names[-1], parent)
    if inner is not None:
        return inner
    if _prefixed_by_other_outer(names[0], parent):
        return None                   # 洛阳市教育局 on 孟津区's portal is the city's, not the county's
    ancestors = {d.code for d in _outers(parent)}
    chain = divisions_in(names[-1], hint=parent.code)
    if any(d.level in GOVERNMENT_LEVELS and d.code not in ancestors for d in chain):
        return None                   # another government's own unit (洛阳市教育局 on a county's portal)
    if parent.level == "county":
        towns = towns_of(parent.code)
        for v in names:
            town = v.removesuffix("办事处") if v.endswith("街道办事处") else v
            if town.endswith(TOWN_SUFFIXES) and town in towns:
                office = "人民政府" if town.endswith(("镇", "乡", "苏木")) else "办事处"
                return Target(parent.code, parent.name + town + office, "township", town)
    core = names[-1]
    if core.endswith(UNIT_SUFFIXES) and len(core) >= 3 and not any(d.level == "town" for d in chain):
        return Target(parent.code, parent.name + core, "department", core)
    return None
