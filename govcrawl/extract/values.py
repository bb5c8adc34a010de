"""One cell's printed text -> a Decimal, or None when it cannot be read with certainty.

Never guesses: anything that is not plainly a number (or a printed "none") is unreadable.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from decimal import Decimal, InvalidOperation

ZERO = Decimal(0)
_TEN_THOUSAND = Decimal(10000)

# Printed ways of saying "none": a dash, a slash, 无.
_NONE_MARKS = frozenset({"-", "--", "---", "—", "——", "———", "–", "/", "无", "0", "—0—"})
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)$")
# Words that carry the sign of a change (本年增/减 column).
_SIGN_WORDS = (("增加", 1), ("新增", 1), ("增", 1), ("减少", -1), ("减", -1))
# Unit suffixes; the factor converts into 万元 when the key's unit is 万元.
_UNIT_SUFFIXES = (("万元", 1), ("亿元", 10000), ("元", None), ("人次", 1), ("件", 1), ("项", 1), ("条", 1),
                  ("个", 1), ("人", 1), ("次", 1), ("篇", 1))
_SPACES = frozenset(" \t\r\n\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff")


_DIGIT_GAP = re.compile(r"\d[\s\u200b\ufeff]+\d")


def _strip(text: str) -> str | None:
    # NFKC turns full-width digits, signs and NBSP into their ASCII forms.
    text = unicodedata.normalize("NFKC", text)
    if _DIGIT_GAP.search(text):     # "3 4": two numbers or one? not ours to guess
        return None
    return "".join(ch for ch in text if ch not in _SPACES)


@lru_cache(maxsize=4096)    # cells repeat a lot ("0", ""); Decimal is immutable
def parse_value(raw: str | None, unit: str = "件") -> Decimal | None:
    """Decimal the cell means (blank -> 0; amounts in 万元 when unit is 万元), None if unreadable."""
    if raw is None:                 # OCR could not read the cell
        return None
    text = _strip(raw)
    if text is None:
        return None
    if text in _NONE_MARKS or text == "":
        return ZERO
    sign = 1
    if text[0] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    else:
        for word, s in _SIGN_WORDS:
            if text.startswith(word):
                sign, text = s, text[len(word):]
                break
    factor: Decimal | None = Decimal(1)
    for suffix, f in _UNIT_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            if unit == "万元":
                factor = Decimal(1) / _TEN_THOUSAND if f is None else Decimal(f)
            elif suffix in ("万元", "亿元", "元"):
                return None     # money printed in a count cell: not a count
            break
    if not _NUMBER.match(text):
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return sign * value * factor


def is_value_text(raw: str | None) -> bool:
    """True when the text reads as a cell value (a number or a printed none), not as a label."""
    return raw is not None and parse_value(raw, "万元") is not None
