"""The fast content-stream reading (govcrawl.documents.pdfobjects) against pdfminer's own parser:
where it answers at all, it yields exactly pdfminer's objects; where it is not certain it answers
None and pdfminer reads the stream. bench/pdf_speed.py compares whole readings of real and
generated PDFs."""
from __future__ import annotations

import random

import pytest
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSEOF

from govcrawl.documents.pdfobjects import content_objects


def pdfminer_objects(datas: list[bytes]):
    """pdfminer's top-level objects of these streams, or the exception it raises."""
    try:
        parser = PDFContentParser([PDFStream({}, d) for d in datas])
    except PSEOF:
        return []
    out = []
    try:
        while True:
            out.append(parser.nextobject()[1])
    except PSEOF:
        return out
    except Exception as exc:          # noqa: BLE001 - whatever pdfminer raises, the fast way must defer
        return exc


def same(datas: list[bytes]) -> bool:
    fast, slow = content_objects(datas), pdfminer_objects(datas)
    if fast is None:
        return True                   # deferred to pdfminer
    return not isinstance(slow, Exception) and fast == slow and [type(x) for x in fast] == [type(x) for x in slow]


CASES = [
    b"BT /F1 10.5 Tf 65.00 769.96 Td <6dee5b89> Tj ET",
    b"q 1 0 0 1 0 0 cm 0.5 w 10 10 m 100 10 l S Q 0 0 1 rg 1 2 3 4 re f*",
    b"[(A) -120 (B) 33.5 <0041 00 42>] TJ 1 Tw (x) ' 1 2 (y) \"",
    b"/Span <</MCID 3 /ActualText (x)>> BDC (Hi) Tj EMC",
    b"(nested (paren) here) Tj (esc \\n\\t\\(\\)\\\\ \\101\\7\\08 \\q) Tj",
    b"(line \\\r\ncontinued) Tj (cr \\\r alone) Tj",
    b"% a comment\n1 0 0 RG %another\r\n2 w",
    b"-.5 +.5 5. .5 -3 +7 0.25 12abc 1.2.3",
    b"true false null Tj",
    b"/ /a#20b /n\x00x Do",
    b"<> Tj <ABC> Tj < 41 42 > Tj <<>> BDC",
    b"<AB>> Tj",
    b"- 5 Td . 3 Td",
    b"{ 1 } exec",
    b"(unterminated",
    b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",
    b"(\\777) Tj",
    b"[1 [2 3] <</A [4]>>] 5",
    b"[1 2 Tj] 3",
    b"] [ >>",
    b"\xe4\xb8\xad Tj",
    b"/Name#",
    b"",
    b"   \n\t ",
    b"12",
    b"1 2 re",
]


@pytest.mark.parametrize("data", CASES)
def test_a_content_stream_reads_as_pdfminer_reads_it_or_is_left_to_it(data: bytes) -> None:
    assert same([data])


def test_the_common_streams_are_read_fast() -> None:
    for data in (CASES[0], CASES[1], CASES[2], CASES[3], CASES[4], CASES[6], CASES[7], CASES[10], CASES[17]):
        assert content_objects([data]) is not None, data


def test_streams_of_one_page_read_as_one_sequence() -> None:
    for parts in ([b"BT /F1 9 Tf", b"(a) Tj ET"], [b"[1 2", b"3] 0 d"], [b"1 0 0 1 0 0 c", b"m"],
                  [b"(a) Tj /", b"F1 9 Tf"], [b"BT", b"", b"ET"], [b"<</A 1", b">> BDC"]):
        assert same(parts), parts


def test_an_escaped_cr_lf_across_pdfminer_buffers_is_left_to_pdfminer() -> None:
    for pad in range(4080, 4100):
        data = b" " * pad + b"(a\\\r\nb) Tj"
        assert same([data]), pad


_PIECES = [b"0", b"12", b"-3", b"+4", b"5.", b".5", b"-.25", b"1.2.3", b"-", b".", b"+", b"Tj", b"T*", b"ET",
           b"re", b"true", b"false", b"null", b"/F1", b"/", b"/a#41", b"/x\x00y", b"(s)", b"(a(b)c)", b"(\\n\\)x)",
           b"(\\101\\1234)", b"(\\\r\n)", b"(\\\n)", b"(\\q)", b"(", b")", b"<41>", b"<4 1>", b"<414>", b"<>", b"<",
           b">", b"<<", b">>", b"[", b"]", b"{", b"}", b"'", b'"', b"%c\n", b"%c\r", b"\x00", b"\xff", b"#", b"BI",
           b"ID", b"EI", b"\\"]
_SEPARATORS = [b" ", b"\n", b"\r\n", b"\t", b"", b"\x0b", b"\x0c"]


def test_random_token_soup_reads_as_pdfminer_reads_it_or_is_left_to_it() -> None:
    rnd = random.Random(14)
    fast = 0
    for _ in range(3000):
        data = b"".join(rnd.choice(_PIECES) + rnd.choice(_SEPARATORS) for _ in range(rnd.randrange(1, 14)))
        assert same([data]), data
        fast += content_objects([data]) is not None
    assert fast > 300                 # the soup is not all deferred


def test_duplicate_chars_are_dropped_as_pdfplumber_drops_them() -> None:
    """Word exports that print a char twice (a bold imitation) lose the copy; the same chars, the
    same order. Positions on a coarse lattice make exact and near duplicates frequent."""
    from pdfplumber.utils import dedupe_chars as pdfplumber_dedupe

    from govcrawl.documents.pdfobjects import dedupe
    rnd = random.Random(7)
    for _ in range(300):
        chars = []
        for _ in range(rnd.randrange(1, 60)):
            top = rnd.choice([10.0, 10.5, 11.0, 11.9, 12.0, 30.0, 31.2, 0.0, -0.0, 7])
            chars.append({"upright": rnd.random() < 0.9, "text": rnd.choice("0012一二"),
                          "fontname": rnd.choice(["F1", "F2"]), "size": rnd.choice([9.0, 10.5]),
                          "doctop": top, "top": top, "x0": rnd.choice([5.0, 5.6, 6.0, 6.9, 8.0, 40.0, 41.0]),
                          "n": len(chars)})
        if rnd.random() < 0.3:
            chars += [dict(c) for c in rnd.sample(chars, min(3, len(chars)))]    # equal dicts, later
        want = pdfplumber_dedupe(chars)
        got = dedupe(chars)
        assert [id(c) for c in got] == [id(c) for c in want]


def test_a_ruled_cell_takes_the_chars_whose_middle_it_holds_in_page_order() -> None:
    from govcrawl.documents.pdf import _inside
    rnd = random.Random(3)
    for _ in range(200):
        chars = []
        for _ in range(rnd.randrange(0, 80)):
            x, y = rnd.choice([0.0, 10.0, 10.5, 20.0, 33.3]) + rnd.random() * 5, rnd.choice([0.0, 12.0, 24.0, 25.5]) + rnd.random() * 3
            chars.append({"x0": x, "x1": x + rnd.choice([0.0, 5.0, 10.5]), "top": y, "bottom": y + rnd.choice([0.0, 9.0, 10.5])})
        within = _inside(chars)
        for _ in range(20):
            x0, top = rnd.choice([0.0, 10.0, 15.0, 20.0]), rnd.choice([0.0, 12.0, 16.5, 24.0, float("nan")])
            box = (x0, top, x0 + rnd.choice([0.0, 5.0, 12.75, 40.0]), top + rnd.choice([0.0, 4.5, 12.0, 30.0]))
            want = [ch for ch in chars if box[0] <= (ch["x0"] + ch["x1"]) / 2 <= box[2]
                    and box[1] <= (ch["top"] + ch["bottom"]) / 2 <= box[3]]
            assert [id(c) for c in within(*box)] == [id(c) for c in want]
