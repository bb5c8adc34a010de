"""A PDF page's objects exactly as pdfplumber makes them (chars, lines, rects, curves with the same
keys and values), at a fraction of the CPU. pdfplumber's own way spends most of a generated
report's reading in three places, none of which decides anything:

- pdfminer's content-stream tokenizer, a character-at-a-time state machine in Python with a debug
  log call per token: here one regular expression per token over the whole stream
  (`content_objects`) gives the same operands and operators, and the interpreter runs the same
  operator methods on them in the same order (`FastInterpreter`). Whatever the fast tokenizer does
  not know for certain to read as pdfminer does (inline images, `#` escapes in names, procedures,
  stray delimiters, unterminated strings, a keyword inside an array, a `\\<CR><LF>` split by
  pdfminer's 4096-byte buffer) sends the page's stream to pdfminer's own parser unchanged;
- pdfplumber's object conversion, which runs `resolve_all` over every attribute of every char:
  a float, a string or a tuple of floats resolves to itself, so only other values go through it
  (`page_objects`);
- pdfplumber's `dedupe_chars`, which restores the page order with `sorted(key=chars.index)`: a
  linear search comparing dicts, per char. The kept char is always the first of the chars equal
  to it (same text, font, size and position, so one cluster, kept in input order), so its position
  by identity is the one `chars.index` finds (`dedupe_chars`).

bench/pdf_speed.py reads the generator's PDFs and the corpus's real ones both ways in one run and
asserts the same text, grids and figures.
"""
from __future__ import annotations

import binascii
import itertools
import re
from math import isfinite
from operator import itemgetter
from unicodedata import normalize as normalize_unicode

from pdfminer import settings as pdfminer_settings
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTTextContainer
from pdfminer.pdfinterp import PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import KWD, LIT, PSKeyword, PSLiteral
from pdfplumber.page import ALL_ATTRS, FilteredPage, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.exceptions import PdfminerException

# --- the content stream -------------------------------------------------------------------------

_BUFSIZ = 4096          # pdfminer's PSBaseParser.BUFSIZ: its buffers start at multiples of it
# One token after any whitespace (pdfminer's \s, and NUL, which its main state skips). Groups:
# 1 comment, 2 name, 3 float, 4 integer, 5 keyword, 6 hex string, 7 delimiter or quote operator,
# 8 "(" (the string is read by _string), 9 the end, 10 anything else (not certain: pdfminer reads it).
_TOKEN = re.compile(rb"""[ \t\n\r\f\v\x00]*(?:
    (%[^\r\n]*)
  | (/[^#/%\[\]()<>{}\s]*)
  | ([+-]?(?:\d+\.\d*|\.\d+))
  | ([+-]?\d+)
  | ([A-Za-z][^#/%\[\]()<>{}\s]*)
  | (<[0-9a-fA-F \t\n\r\f\v]*>)
  | (<<|\[|>>|\]|['"])
  | (\()
  | (\Z)
  | (.))""", re.VERBOSE | re.DOTALL)
_STRING_STOP = re.compile(rb"[()\\]")
_SPACE = re.compile(rb"\s")
_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.")
_OCTAL = b"01234567"
_ESCAPES = {b"b": 8, b"t": 9, b"n": 10, b"f": 12, b"r": 13, b"(": 40, b")": 41, b"\\": 92}
_INLINE = (KWD(b"BI"), KWD(b"ID"))      # inline images: pdfminer's parser reads them itself


def _string(data: bytes, i: int) -> tuple[bytes, int] | None:
    """The literal string starting after the "(" at i - 1, as pdfminer's _parse_string reads it,
    and the position after its closing ")"; None where the fast reading is not certain."""
    out = bytearray()
    depth = 1
    while True:
        m = _STRING_STOP.search(data, i)
        if m is None:
            return None                            # unterminated: pdfminer's EOF handling decides
        j = m.start()
        out += data[i:j]
        c = data[j:j + 1]
        if c == b"(":
            depth += 1
            out += c
            i = j + 1
        elif c == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), j + 1
            out += c
            i = j + 1
        else:                                      # a backslash: _parse_string_1
            k = j + 1
            digits = b""
            while k < len(data) and len(digits) < 3 and data[k] in _OCTAL:
                digits += data[k:k + 1]
                k += 1
            if digits:
                code = int(digits, 8)
                if code >= 256:
                    return None                    # pdfminer asserts here
                out.append(code)
                i = k
                continue
            if k >= len(data):
                return None
            c = data[k:k + 1]
            if c in _ESCAPES:
                out.append(_ESCAPES[c])
            elif c == b"\r" and k + 1 < len(data) and data[k + 1:k + 2] == b"\n":
                if (k + 1) % _BUFSIZ == 0:
                    return None                    # the \n starts pdfminer's next buffer: it keeps it
                k += 1
            i = k + 1                              # any other escaped character is dropped


_KEYWORDS: dict = {}
_NAMES: dict = {}


def _hex(text: bytes) -> bytes:
    """pdfminer's hex string: whitespace dropped, each pair a byte, an odd last digit a byte."""
    digits = text[1:-1]
    if len(digits) % 2 == 0 and digits.isalnum():
        return binascii.unhexlify(digits)
    return _HEX_PAIR.sub(lambda h: bytes((int(h.group(0), 16),)), _SPACE.sub(b"", digits))


def _tokens(data: bytes) -> list | None:
    """pdfminer's tokens of one content stream (numbers, strings, names, keywords, and the
    array and dictionary delimiters as their keywords), or None where not certain."""
    out: list = []
    append = out.append
    keywords, names = _KEYWORDS, _NAMES
    end = len(data)
    pos = 0
    while True:
        for m in _TOKEN.finditer(data, pos):
            kind = m.lastindex
            if kind == 4:
                append(int(m.group(4)))
            elif kind == 5:
                text = m.group(5)
                token = keywords.get(text)
                if token is None:
                    token = keywords[text] = True if text == b"true" else False if text == b"false" else KWD(text)
                append(token)
                if data[m.end():m.end() + 1] == b"#":
                    return None
            elif kind == 3:
                append(float(m.group(3)))
            elif kind == 6:
                if data[m.end():m.end() + 1] == b">":
                    return None                    # pdfminer reads ">" after a hex string's end as a >> half
                append(_hex(m.group(6)))
            elif kind == 2:
                text = m.group(2)
                token = names.get(text)
                if token is None:
                    try:
                        name: str | bytes = str(text[1:], "utf-8")
                    except Exception:
                        name = text[1:]
                    token = names[text] = LIT(name)
                append(token)
                if data[m.end():m.end() + 1] == b"#":
                    return None
            elif kind == 7:
                append(KWD(m.group(7)))
            elif kind == 8:
                read = _string(data, m.end())
                if read is None:
                    return None
                append(read[0])
                pos = read[1]
                break                              # go on after the string
            elif kind == 9:
                return out
            elif kind == 10:
                return None
            # 1: a comment, ignored as pdfminer does
        else:
            return out if pos >= end else None


_ARRAY_BEGIN, _ARRAY_END, _DICT_BEGIN, _DICT_END = KWD(b"["), KWD(b"]"), KWD(b"<<"), KWD(b">>")


def content_objects(datas: list[bytes]) -> list | None:
    """The top-level objects pdfminer's PDFContentParser yields for these streams (operands,
    arrays as lists, dictionaries as dicts, operators as keywords), or None where not certain."""
    stack: list[tuple[PSKeyword, list]] = []
    out: list = []
    for n, data in enumerate(datas):
        tokens = _tokens(data)
        if tokens is None or (n + 1 < len(datas) and data.endswith(b"/")):
            return None                            # a name cut by a stream's end goes on in the next
        for token in tokens:
            if token is _ARRAY_BEGIN or token is _DICT_BEGIN:
                stack.append((token, []))
                continue
            if token is _ARRAY_END or token is _DICT_END:
                if not stack or stack[-1][0] is not (_ARRAY_BEGIN if token is _ARRAY_END else _DICT_BEGIN):
                    return None
                _kind, objs = stack.pop()
                if token is _DICT_END:
                    if len(objs) % 2 or not all(isinstance(k, PSLiteral) and isinstance(k.name, str)
                                                for k in objs[::2]):
                        return None
                    token = {k.name: v for k, v in zip(objs[::2], objs[1::2]) if v is not None}
                else:
                    token = objs
            elif isinstance(token, PSKeyword) and (stack or token in _INLINE):
                return None                        # an operator inside an array, an inline image
            (stack[-1][1] if stack else out).append(token)
    return None if stack else out


STATS = {"fast": 0, "pdfminer": 0}            # content streams read each way (bench/pdf_speed.py)


class FastInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, fed by content_objects where it can be."""

    _operators: dict = {}

    def execute(self, streams) -> None:
        valid = []
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                return super().execute(streams)    # pdfminer warns and skips these: let it
            valid.append(stream)
        objects = content_objects([s.get_data() for s in valid])
        if objects is None:
            STATS["pdfminer"] += len(valid)
            return super().execute(streams)
        STATS["fast"] += len(valid)
        self.stream_ids.clear()
        self.stream_ids.update(s.objid for s in valid)
        ops = self._operators
        for obj in objects:
            if not isinstance(obj, PSKeyword):
                self.argstack.append(obj)
                continue
            op = ops.get(obj)
            if op is None:
                name = str(obj.name, "utf-8", "ignore")
                method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
                func = getattr(type(self), method, None)
                op = ops[obj] = (func, func.__code__.co_argcount - 1 if func else 0, name)
            func, nargs, name = op
            if func is None:
                if pdfminer_settings.STRICT:
                    raise PDFInterpreterError(f"Unknown operator: {name!r}")
                continue
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    func(self, *args)
            else:
                func(self)


# --- pdfplumber's objects -----------------------------------------------------------------------

_PLAIN = frozenset((float, int, str, bool, type(None), bytes))
_KINDS: dict = {}
_DECODED: dict = {}


_LAYOUTS: dict = {}      # class -> (its objects' attribute names in order, those pdfplumber keeps, their getter)
_SIGNATURES: dict = {}   # the kept values' types -> where the tuples are, or None if any other type is not plain
_UNSEEN = object()


def _attrs(obj) -> dict:
    """obj's attributes that pdfplumber keeps, through resolve_all only where that is no identity:
    a float, a string or a tuple of them resolves to an equal value, a list of such tuples to an
    equal new list. Objects of one class nearly always have the same attributes in the same order
    and of the same types: those are taken in one go."""
    d = obj.__dict__
    names = tuple(d)
    layout = _LAYOUTS.get(obj.__class__)
    if layout is None or layout[0] != names:
        kept = tuple(k for k in names if k in ALL_ATTRS)
        layout = _LAYOUTS[obj.__class__] = (names, kept, itemgetter(*kept) if len(kept) > 1 else None)
    if layout[2] is not None:
        values = layout[2](d)
        signature = tuple(map(type, values))
        tuples = _SIGNATURES.get(signature, _UNSEEN)
        if tuples is _UNSEEN:
            ok = all(t in _PLAIN or t is tuple for t in signature)
            tuples = _SIGNATURES[signature] = tuple(i for i, t in enumerate(signature) if t is tuple) if ok else None
        if tuples is not None and all(_PLAIN.issuperset(map(type, values[i])) for i in tuples):
            return dict(zip(layout[1], values))
    attr = {}
    plain = _PLAIN
    for k, v in d.items():
        if k in ALL_ATTRS:
            t = type(v)
            if t in plain:
                attr[k] = v
            elif t is tuple and plain.issuperset(map(type, v)):
                attr[k] = v
            elif t is list and all(type(p) is tuple and plain.issuperset(map(type, p)) for p in v):
                attr[k] = list(v)                  # a curve's points: a new list of the same tuples
            else:
                attr[k] = resolve_all(v)
    return attr


def _decoded(name):
    if type(name) is not str:
        return resolve_and_decode(name)
    decoded = _DECODED.get(name)
    if decoded is None:
        decoded = _DECODED[name] = resolve_and_decode(name)
    return decoded


class _Page:
    """What pdfplumber's process_object reads of its page, read once."""

    def __init__(self, page):
        self.page = page
        self.number = page.page_number
        self.height = page.height
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.doctop = page.initial_doctop
        self.norm = page.pdf.unicode_norm


def _process(pg: _Page, obj) -> dict:
    """pdfplumber's Page.process_object (0.11), the same keys and values."""
    cls = obj.__class__
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _KINDS[cls] = re.sub(r"^LT", "", cls.__name__).lower()
    attr = _attrs(obj)
    attr["object_type"] = kind
    attr["page_number"] = pg.number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            attr[cs] = _decoded(getattr(obj, cs).name)
    if isinstance(obj, (LTChar, LTTextContainer)):
        text = obj.get_text()
        attr["text"] = normalize_unicode(pg.norm, text) if pg.norm is not None else text
    if isinstance(obj, LTChar):
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):  # pragma: no cover - as pdfplumber
            from pdfplumber.page import fix_fontname_bytes
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
    elif isinstance(obj, LTCurve):
        to_coord = pg.page.point2coord
        attr["pts"] = list(map(to_coord, attr["pts"]))
        attr["path"] = [(cmd, *map(to_coord, pts)) for cmd, *pts in obj.original_path]
        attr["dash"] = obj.dashing_style
    if "y0" in attr:
        attr["top"] = (pg.height - attr["y1"]) + pg.mb_top
        attr["bottom"] = (pg.height - attr["y0"]) + pg.mb_top
        attr["doctop"] = pg.doctop + attr["top"]
    if "x0" in attr and pg.mb_x0 != 0:
        attr["x0"] = attr["x0"] + pg.mb_x0
        attr["x1"] = attr["x1"] + pg.mb_x0
    return attr


def _walk(pg: _Page, objs, laparams, out: dict) -> None:
    """pdfplumber's iter_layout_objects and parse_objects."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            if laparams is not None:
                _add(pg, obj, out)
            _walk(pg, obj._objs, laparams, out)
        else:
            _add(pg, obj, out)


def _add(pg: _Page, obj, out: dict) -> None:
    attr = _process(pg, obj)
    kind = attr["object_type"]
    if kind != "anno":
        out.setdefault(kind, []).append(attr)


def page_objects(page) -> None:
    """Give a pdfplumber page (an original one, not yet parsed) its layout and objects the cheap
    way; everything pdfplumber derives from them afterwards is its own."""
    if not hasattr(page, "_layout"):
        device = PDFPageAggregatorWithMarkedContent(page.pdf.rsrcmgr, pageno=page.page_number,
                                                    laparams=page.pdf.laparams)
        interpreter = FastInterpreter(page.pdf.rsrcmgr, device)
        try:
            interpreter.process_page(page.page_obj)
        except Exception as e:
            raise PdfminerException(e) from e
        page._layout = device.get_result()
    if not hasattr(page, "_objects"):
        objects: dict = {}
        _walk(_Page(page), page._layout._objs, page.pdf.laparams, objects)
        page._objects = objects


def _clusters(objs: list[dict], name: str, tolerance: float) -> list[list[dict]]:
    """pdfplumber's cluster_objects(objs, itemgetter(name), tolerance) for tolerance > 0: the sorted
    distinct values chained while each is within tolerance of the one before, and each cluster's
    objects in input order. Values that are not finite numbers go to pdfplumber's own."""
    values = [o[name] for o in objs]
    if not all(type(v) in (float, int) and isfinite(v) for v in values):
        return cluster_objects(objs, itemgetter(name), tolerance)
    ordered = sorted(set(values))
    ids, last, n = {ordered[0]: 0}, ordered[0], 0
    for v in ordered[1:]:
        if not v <= last + tolerance:
            n += 1
        ids[v] = n
        last = v
    groups: list[list[dict]] = [[] for _ in range(n + 1)]
    for o, v in zip(objs, values):
        groups[ids[v]].append(o)
    return groups


def dedupe(chars: list[dict], tolerance: float = 1, extra_attrs: tuple = ("fontname", "size")) -> list[dict]:
    """pdfplumber.utils.dedupe_chars (tolerance > 0), the page order restored by identity (see above)."""
    key = itemgetter("upright", "text", *(extra_attrs or ()))
    pos_key = itemgetter("doctop", "x0")
    kept = []
    for _grp, grp_chars in itertools.groupby(sorted(chars, key=key), key=key):
        grp_chars = list(grp_chars)
        if len(grp_chars) == 1:                    # one char: one cluster, itself
            kept.append(grp_chars[0])
            continue
        for y_cluster in _clusters(grp_chars, "doctop", tolerance):
            if len(y_cluster) == 1:
                kept.append(y_cluster[0])
                continue
            for x_cluster in _clusters(y_cluster, "x0", tolerance):
                kept.append(x_cluster[0] if len(x_cluster) == 1 else sorted(x_cluster, key=pos_key)[0])
    order = {id(c): i for i, c in enumerate(chars)}
    return sorted(kept, key=lambda c: order[id(c)])


def dedupe_chars(page):
    """pdfplumber's Page.dedupe_chars()."""
    p = FilteredPage(page, lambda x: True)
    p._objects = dict(page.objects)
    p._objects["char"] = dedupe(page.chars)
    return p
