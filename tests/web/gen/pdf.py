"""A minimal text PDF (no dependency): CJK through the standard STSong-Light CID font, UCS-2 encoded."""


def text_pdf(lines: list[str], per_page: int = 48) -> bytes:
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    objs: list[bytes] = []
    n_pages = len(pages)
    first_page = 6  # objects 1..5: catalog, pages, type0 font, cid font, descriptor
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(n_pages))
    objs.append(b"<</Type/Catalog/Pages 2 0 R>>")
    objs.append(f"<</Type/Pages/Kids[{kids}]/Count {n_pages}>>".encode())
    objs.append(b"<</Type/Font/Subtype/Type0/BaseFont/STSong-Light/Encoding/UniGB-UCS2-H/DescendantFonts[4 0 R]>>")
    objs.append(b"<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)"
                b"/Ordering(GB1)/Supplement 2>>/FontDescriptor 5 0 R/DW 1000>>")
    objs.append(b"<</Type/FontDescriptor/FontName/STSong-Light/Flags 6/FontBBox[-25 -254 1000 880]/ItalicAngle 0"
                b"/Ascent 880/Descent -120/CapHeight 880/StemV 93>>")
    for i, chunk in enumerate(pages):
        ops = ["BT /F1 11 Tf 40 800 Td 14 TL"]
        for line in chunk:
            ops.append("<" + line.encode("utf-16-be").hex().upper() + "> Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode()
        objs.append(f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>"
                    f"/Contents {first_page + 2 * i + 1} 0 R>>".encode())
        objs.append(b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream")
    return assemble(objs, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")


def assemble(objs: list[bytes], header: bytes = b"%PDF-1.4\n") -> bytes:
    """Numbered objects (1 = the catalog), the xref table and the trailer around them."""
    out = bytearray(header)
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<</Size {len(objs) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
