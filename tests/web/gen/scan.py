"""A report as a scanner makes it: the report's HTML tables drawn with Pillow (WenQuanYi Zen Hei), each page
turned a little, blurred and specked, saved as an image-only PDF (no text layer). Needs fonts-wqy-zenhei.

The figures are the ones the tables print, so the report's truth is the usual one plus "scan": true
(every figure must come out exact or unreadable, never wrong).
"""
import io
import random
import re

from lxml import html as lhtml

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
PAGE_W, PAGE_H, MARGIN = 1240, 1754, 90        # A4 at 150 dpi


def _font(size):
    from PIL import ImageFont
    return ImageFont.truetype(FONT, size)


def _cells(table_html):
    """[(row, col, rowspan, colspan, text)] of an HTML table, spans placed like a browser does."""
    root = lhtml.fromstring(table_html)
    taken, out = set(), []
    for r, tr in enumerate(root.iter("tr")):
        c = 0
        for td in tr.findall("td"):
            while (r, c) in taken:
                c += 1
            rs, cs = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            text = re.sub(r"\s+", "", td.text_content().replace("\xa0", " "))
            out.append((r, c, rs, cs, text))
            taken.update((r + i, c + j) for i in range(rs) for j in range(cs))
            c += cs
    return out


def _wrap(draw, text, font, width):
    lines, cur = [], ""
    for ch in text:
        if draw.textlength(cur + ch, font=font) > width and cur:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return lines + [cur] if cur or not lines else lines


def draw_table(table_html, width=PAGE_W - 2 * MARGIN, size=19):
    """The table as a white image with black rules, label columns wide, figure columns narrow."""
    from PIL import Image, ImageDraw
    cells, font = _cells(table_html), _font(size)
    ncol = max(c + cs for _, c, _, cs, _ in cells)
    nrow = max(r + rs for r, _, rs, _, _ in cells)
    def figure_like(c):
        ts = [t for _, c2, _, cs, t in cells if c2 == c and cs == 1]
        return sum(bool(re.fullmatch(r"[\d０-９.．,—\-万元件条次]*", t)) for t in ts) * 2 > len(ts)
    numeric = [figure_like(c) for c in range(ncol)]
    nfig = sum(numeric)
    fig_w = min(100, width // (ncol + 2)) if nfig else 0
    label_w = (width - fig_w * nfig) / max(ncol - nfig, 1)
    xs = [0.0]
    for c in range(ncol):
        xs.append(xs[-1] + (fig_w if numeric[c] else label_w))
    scratch = ImageDraw.Draw(Image.new("L", (10, 10)))
    line_h = size + 6
    heights = [line_h + 10] * nrow
    for r, c, rs, cs, t in cells:     # a row is as tall as its tallest single-row cell
        if rs == 1:
            n = len(_wrap(scratch, t, font, xs[c + cs] - xs[c] - 10))
            heights[r] = max(heights[r], n * line_h + 10)
    ys = [0]
    for h in heights:
        ys.append(ys[-1] + h)
    img = Image.new("L", (int(xs[-1]) + 3, ys[-1] + 3), 255)
    d = ImageDraw.Draw(img)
    for r, c, rs, cs, t in cells:
        x0, x1, y0, y1 = xs[c], xs[c + cs], ys[r], ys[r + rs]
        d.rectangle([x0, y0, x1, y1], outline=0, width=2)
        lines = _wrap(d, t, font, x1 - x0 - 10)
        top = (y0 + y1) / 2 - len(lines) * line_h / 2 + 3
        for i, ln in enumerate(lines):
            d.text(((x0 + x1) / 2 - d.textlength(ln, font=font) / 2, top + i * line_h), ln, font=font, fill=0)
    return img


def pages(title, blocks):
    """Lay out [("h", text) | ("p", text) | ("table", html)] on A4 pages; a table never splits."""
    from PIL import Image, ImageDraw
    out, y = [], PAGE_H
    page = draw = None
    for kind, what in [("title", title)] + blocks:
        if kind == "table":
            part = draw_table(what)
            h = part.height
        else:
            font = _font(30 if kind == "title" else 22)
            lines = _wrap(ImageDraw.Draw(Image.new("L", (1, 1))), what, font, PAGE_W - 2 * MARGIN)
            h = len(lines) * (font.size + 14) + 10
        if page is None or y + h > PAGE_H - MARGIN:
            page = Image.new("L", (PAGE_W, PAGE_H), 255)
            draw, y = ImageDraw.Draw(page), MARGIN
            out.append(page)
        if kind == "table":
            page.paste(part, (MARGIN, y))
            y += h + 16
        else:
            for ln in lines:
                x = (PAGE_W - draw.textlength(ln, font=font)) / 2 if kind == "title" else MARGIN
                draw.text((x, y), ln, font=font, fill=0)
                y += font.size + 14
            y += 16
    return out


def scanned(images, seed):
    """Each page turned by under a degree, slightly blurred, with specks: what a scanner makes of a printout."""
    from PIL import Image, ImageFilter
    rnd = random.Random(seed)
    out = []
    for img in images:
        img = img.rotate(rnd.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=255)
        img = img.filter(ImageFilter.GaussianBlur(0.6))
        px = img.load()
        for _ in range(img.width * img.height // 400):
            px[rnd.randrange(img.width), rnd.randrange(img.height)] = rnd.choice((0, 110, 200))
        out.append(img)
    return out


def image_pdf(images) -> bytes:
    """An image-only PDF (no text layer), fixed metadata so the bytes do not change between builds."""
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=150.0, save_all=True, append_images=images[1:],
                   title="scan", author="", creationDate=None, modDate=None)
    data = buf.getvalue()
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 (D:20230331000000)", data)
