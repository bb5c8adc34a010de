"""What a scanner makes of a printed report: each laid-out page drawn at 150-300 dpi (Pillow,
WenQuanYi Zen Hei: fonts-wqy-zenhei), turned a little, blurred, speckled, JPEG-compressed, and
saved as an image-only PDF (no text layer)."""
from __future__ import annotations

import io
import random

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def scan_images(canvas, rnd: random.Random) -> tuple[list, int, str]:
    from PIL import Image, ImageFilter
    dpi = rnd.choice([150, 200, 300])
    angle = rnd.uniform(-0.8, 0.8)
    blur = rnd.choice([0.0, 0.4, 0.7])
    specks = rnd.choice([0, 300, 120])           # one speck per this many pixels (0: none)
    quality = rnd.choice([55, 70, 85])
    pages = []
    for img in canvas.images(dpi, FONT, font_index=rnd.choice([0, 1])):
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        if blur:
            img = img.filter(ImageFilter.GaussianBlur(blur))
        if specks:
            px = img.load()
            for _ in range(img.width * img.height // specks):
                px[rnd.randrange(img.width), rnd.randrange(img.height)] = rnd.choice((0, 90, 255))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        pages.append(Image.open(io.BytesIO(buf.getvalue())))
    how = f"{dpi} dpi, rotated {angle:.2f} degrees, blur {blur}, specks 1/{specks or 'none'}, JPEG q{quality}"
    return pages, dpi, how


def image_pdf(pages: list, dpi: int) -> bytes:
    """The pages at their scanning resolution: A4 pages, as scanners write them."""
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return buf.getvalue()
