"""Lay a report out as Word exports it to PDF, and write the PDF (no dependency: tests/web/gen/pdf.assemble).

What varies with the seed, as it does between county offices: font and size, column widths (so
labels wrap at different places: `2.其他法律行政法规禁止公` / `开`), label alignment, ruling lines
drawn as stroked lines, as thin filled rectangles (Word) or not at all, whether a table cut by a
page break gets a closing rule, how much narrative stands before each table (so the breaks fall on
different rows), text set line by line or character by character, page numbers in the footer,
figures centred or left-aligned in their cells. Merged cells are drawn as one
cell; a merged cell cut by a page break carries on its wrapped lines on the next page.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from tests.web.gen.pdf import assemble

PAGE_W, PAGE_H = 595.0, 842.0
_FILLER = ("本年度，我单位坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
           "紧紧围绕中心工作，不断完善公开制度，拓展公开渠道，提升公开质量，依法保障人民群众的知情权、参与权、表达权和监督权。")


@dataclass
class Style:
    font: str
    size: float
    margin: float
    rules: str              # stroke | fill | none
    close_at_break: bool
    label_align: str        # left | center
    per_char: bool
    widths_3: list[float]   # the three label columns of table 三
    leading: float
    fillers: list[int]      # narrative lines before tables 二, 三, 四
    page_numbers: str = ""  # footer: "" | "3" | "- 3 -" | "第 3 页 共 5 页" (the number formatted in)
    number_align: str = "center"   # figures in their cells: center | left (headings stay centred)


def pick_style(rnd: random.Random, rules: str | None = None) -> Style:
    size = rnd.choice([7.5, 8.0, 9.0, 10.5])
    style = Style(font=rnd.choice(["STSong-Light", "STHeiti-Regular", "STFangsong-Light"]), size=size,
                 margin=rnd.choice([50.0, 65.0, 80.0]), rules=rules or rnd.choice(["stroke", "fill", "fill", "none"]),
                 close_at_break=rnd.random() < 0.5, label_align=rnd.choice(["left", "center"]),
                 per_char=rnd.random() < 0.3,
                 widths_3=[rnd.choice([1.3, 2.2, 4.5]) * size, rnd.choice([4.5, 6.5, 9.0]) * size,
                           rnd.choice([7.5, 10.0, 14.0]) * size],
                 leading=rnd.choice([1.25, 1.4, 1.6]), fillers=[rnd.randrange(0, 30) for _ in range(3)])
    # drawn last, so every seed keeps the layout it had before these were added
    style.page_numbers = rnd.choice(["", "{n}", "- {n} -", "第 {n} 页 共 {total} 页"])
    style.number_align = rnd.choice(["center", "center", "left"])
    return style


def text_width(text: str, size: float) -> float:
    return sum(size * (0.5 if ord(ch) < 128 else 1.0) for ch in text)


def wrap(text: str, width: float, size: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and text_width(cur + ch, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return lines + [cur] if cur else lines


class Canvas:
    """Pages of text and rules, y measured from the top of the page; written as PDF operators, or
    drawn as an image (a scanner's view of the printout)."""

    def __init__(self, style: Style):
        self.style = style
        self.pages: list[list[tuple]] = [[]]

    def _page(self, page: int) -> list[tuple]:
        while page >= len(self.pages):
            self.pages.append([])
        return self.pages[page]

    def text(self, page: int, x: float, top: float, text: str) -> None:
        self._page(page).append(("text", x, top, text))

    def line(self, page: int, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.style.rules != "none":
            self._page(page).append(("line", x0, y0, x1, y1))

    def _operators(self, ops: list[tuple]) -> str:
        s, out = self.style.size, []
        for op in ops:
            if op[0] == "text":
                _, x, top, text = op
                base = PAGE_H - (top + 0.88 * s)
                for x, part in ([(x + text_width(text[:i], s), ch) for i, ch in enumerate(text)]
                                if self.style.per_char else [(x, text)]):
                    out.append(f"BT /F1 {s} Tf {x:.2f} {base:.2f} Td <{part.encode('utf-16-be').hex()}> Tj ET")
            elif self.style.rules == "stroke":
                _, x0, y0, x1, y1 = op
                out.append(f"0.5 w {x0:.2f} {PAGE_H - y0:.2f} m {x1:.2f} {PAGE_H - y1:.2f} l S")
            else:                               # Word: each border a thin filled rectangle
                _, x0, y0, x1, y1 = op
                w, h = max(x1 - x0, 0.5), max(y1 - y0, 0.5)
                out.append(f"{x0 - 0.25:.2f} {PAGE_H - y0 - h + 0.25:.2f} {w:.2f} {h:.2f} re f")
        return "\n".join(out)

    def pdf(self) -> bytes:
        font = self.style.font
        objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"",
                f"<</Type/Font/Subtype/Type0/BaseFont/{font}/Encoding/UniGB-UCS2-H/DescendantFonts[4 0 R]>>".encode(),
                f"<</Type/Font/Subtype/CIDFontType0/BaseFont/{font}/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)"
                f"/Supplement 2>>/FontDescriptor 5 0 R/DW 1000/W[1 95 500]>>".encode(),
                f"<</Type/FontDescriptor/FontName/{font}/Flags 6/FontBBox[-25 -254 1000 880]/ItalicAngle 0"
                f"/Ascent 880/Descent -120/CapHeight 880/StemV 93>>".encode()]
        kids = []
        for ops in self.pages:
            stream = self._operators(ops).encode()
            kids.append(len(objs) + 1)
            objs.append(f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {PAGE_W:.0f} {PAGE_H:.0f}]/Resources<</Font<</F1 3 0 R>>>>"
                        f"/Contents {len(objs) + 2} 0 R>>".encode())
            objs.append(b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream")
        objs[1] = f"<</Type/Pages/Kids[{' '.join(f'{k} 0 R' for k in kids)}]/Count {len(kids)}>>".encode()
        return assemble(objs, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def images(self, dpi: int, font_path: str, font_index: int = 0) -> list:
        """Each page drawn at dpi in grey (Pillow, a CJK TrueType font)."""
        from PIL import Image, ImageDraw, ImageFont
        k = dpi / 72.0
        font = ImageFont.truetype(font_path, max(int(round(self.style.size * k)), 6), index=font_index)
        out = []
        for ops in self.pages:
            img = Image.new("L", (int(PAGE_W * k), int(PAGE_H * k)), 255)
            draw = ImageDraw.Draw(img)
            for op in ops:
                if op[0] == "text":
                    _, x, top, text = op
                    for i, ch in enumerate(text):     # each glyph at its PDF advance, as a printer sets it
                        draw.text(((x + text_width(text[:i], self.style.size)) * k, top * k), ch, font=font, fill=0)
                else:
                    _, x0, y0, x1, y1 = op
                    draw.line([(x0 * k, y0 * k), (x1 * k, y1 * k)], fill=0, width=max(1, int(round(0.6 * k))))
            out.append(img)
        return out


class Flow:
    """The writing position: page and y, moving down and over page breaks."""

    def __init__(self, canvas: Canvas):
        self.canvas, self.page, self.y = canvas, 0, canvas.style.margin

    @property
    def bottom(self) -> float:
        return PAGE_H - self.canvas.style.margin

    def paragraph(self, text: str) -> None:
        st = self.canvas.style
        step = st.size * st.leading
        for line in wrap(text, PAGE_W - 2 * st.margin, st.size):
            if self.y + step > self.bottom:
                self.page, self.y = self.page + 1, st.margin
            self.canvas.text(self.page, st.margin, self.y, line)
            self.y += step


def _regions(rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int, str]]:
    covered, out = set(), []
    for r0, r1, c0, c1 in merges:
        out.append((r0, r1, c0, c1, rows[r0][c0]))
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    out += [(r, r, c, c, rows[r][c]) for r in range(len(rows)) for c in range(len(rows[0])) if (r, c) not in covered]
    return out


def _is_figure(text: str) -> bool:
    return text.replace(".", "", 1).isdigit()


def draw_table(flow: Flow, rows: list[list[str]], merges, widths: list[float], label_cols: int) -> None:
    st, canvas = flow.canvas.style, flow.canvas
    pad, step = 2.0, st.size * st.leading
    xs = [st.margin]
    for w in widths:
        xs.append(xs[-1] + w)
    regions = _regions(rows, merges)
    wrapped = {reg: wrap(reg[4], xs[reg[3] + 1] - xs[reg[2]] - 2 * pad, st.size) for reg in regions}
    heights = [step + 2 * pad] * len(rows)
    for reg in sorted(regions, key=lambda g: g[1] - g[0]):
        r0, r1 = reg[0], reg[1]
        need = len(wrapped[reg]) * step + 2 * pad
        have = sum(heights[r0:r1 + 1])
        if need > have:
            heights[r1] += need - have
    # rows onto pages: (page, top)
    placed = []
    for h in heights:
        if flow.y + h > flow.bottom:
            flow.page, flow.y = flow.page + 1, st.margin
        placed.append((flow.page, flow.y))
        flow.y += h
    flow.y += step
    for reg in regions:
        r0, r1, c0, c1, _text = reg
        x0, x1 = xs[c0], xs[c1 + 1]
        fragments: dict[int, list[int]] = {}
        for r in range(r0, r1 + 1):
            fragments.setdefault(placed[r][0], []).append(r)
        for page, rs in fragments.items():
            top, bottom = placed[rs[0]][1], placed[rs[-1]][1] + heights[rs[-1]]
            canvas.line(page, x0, top, x0, bottom)
            canvas.line(page, x1, top, x1, bottom)
            if rs[0] == r0 or st.close_at_break:
                canvas.line(page, x0, top, x1, top)
            if rs[-1] == r1 or st.close_at_break:
                canvas.line(page, x0, bottom, x1, bottom)
        # the lines, centred over the whole cell, each on the page of the row it falls in
        lines = wrapped[reg]
        offset = (sum(heights[r0:r1 + 1]) - len(lines) * step) / 2
        for line in lines:
            start = 0.0
            for r in range(r0, r1 + 1):
                if offset < start + heights[r]:
                    break
                start += heights[r]
            if offset + step > start + heights[r] + 0.01 and r < r1:   # the line would cross a row edge
                offset, start, r = start + heights[r], start + heights[r], r + 1
            page, top = placed[r]
            y = top + (offset - start)
            align = st.label_align if c0 < label_cols else st.number_align if _is_figure(line) else "center"
            x = x0 + pad if align == "left" else x0 + (x1 - x0 - text_width(line, st.size)) / 2
            canvas.text(page, x, y, line)
            offset += step


def lay_out(tables, style: Style, title: str) -> Canvas:
    canvas = Canvas(style)
    flow = Flow(canvas)
    flow.paragraph(title)
    flow.paragraph("一、总体情况")
    content = PAGE_W - 2 * style.margin
    for (heading, rows, merges), filler in zip(tables, style.fillers):
        flow.paragraph((_FILLER * 40)[: int(filler * content / style.size)])
        flow.paragraph(heading)
        n = len(rows[0])
        if n == 10:
            labels = style.widths_3
            if content - sum(labels) < 7 * 2.4 * style.size:     # keep room for two digits per column
                labels = [w * (content - 7 * 2.4 * style.size) / sum(labels) for w in labels]
            rest = (content - sum(labels)) / 7
            widths, label_cols = labels + [rest] * 7, 3
        elif n == 4:
            widths, label_cols = [content * 0.4] + [content * 0.2] * 3, 1
        else:
            widths, label_cols = [content / n] * n, 0
        draw_table(flow, rows, merges, widths, label_cols)
    flow.paragraph("五、存在的主要问题及改进情况")
    flow.paragraph(_FILLER)
    flow.paragraph("六、其他需要报告的事项")
    flow.paragraph("无。")
    if style.page_numbers:                 # in the bottom margin, centred: it must never pass for a figure
        total = len(canvas.pages)
        for n in range(total):
            text = style.page_numbers.format(n=n + 1, total=total)
            canvas.text(n, (PAGE_W - text_width(text, style.size)) / 2, PAGE_H - style.margin * 0.6, text)
    return canvas
