"""Decompression bombs: small on the wire, gigabytes once inflated. Built in well under a second
from one compressed block repeated (a full flush makes every block of zeros compress to the same
bytes), with real trailers (CRC32 / Adler-32 / sizes), so a decoder that does not stop early meets
a valid stream, not a convenient error."""
from __future__ import annotations

import struct
import zlib
from functools import lru_cache

from tests.web.gen.pdf import assemble

_BLOCK = 16 * 1024 * 1024


def _raw_deflate(total: int) -> bytes:
    """Raw deflate of `total` zero bytes (total a multiple of 16 MiB)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(_BLOCK)) + c.flush(zlib.Z_FULL_FLUSH)
    return block * (total // _BLOCK) + c.flush()


def _checksum(fn, total: int, start: int) -> int:
    zero, value = bytes(_BLOCK), start
    for _ in range(total // _BLOCK):
        value = fn(zero, value)
    return value


@lru_cache(maxsize=None)
def gzip_bomb(total: int = 2 << 30) -> bytes:
    """A gzip member of `total` zeros (Content-Encoding: gzip)."""
    head = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    crc = _checksum(zlib.crc32, total, 0)
    return head + _raw_deflate(total) + struct.pack("<II", crc, total & 0xFFFFFFFF)


@lru_cache(maxsize=None)
def deflate_bomb(total: int = 2 << 30) -> bytes:
    """A zlib stream of `total` zeros (Content-Encoding: deflate, as RFC 9110 means it)."""
    adler = _checksum(zlib.adler32, total, 1)
    return b"\x78\xda" + _raw_deflate(total) + struct.pack(">I", adler)


@lru_cache(maxsize=None)
def pdf_bomb(total: int = 1 << 30) -> bytes:
    """A one-page PDF whose content stream inflates to `total` bytes of spaces-free zeros."""
    stream = b"\x78\xda" + _raw_deflate(total) + struct.pack(">I", _checksum(zlib.adler32, total, 1))
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
            b"<</Length " + str(len(stream)).encode() + b"/Filter/FlateDecode>>stream\n" + stream + b"\nendstream"]
    return assemble(objs)


@lru_cache(maxsize=None)
def docx_bomb(total: int = 1 << 30) -> bytes:
    """A DOCX whose word/document.xml declares and inflates to `total` bytes (honest sizes, as real bombs),
    written by hand: zipfile would spend seconds deflating the gigabyte."""
    ct = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          b'wordprocessingml.document.main+xml"/></Types>')
    members = [(b"[Content_Types].xml", 0, ct, zlib.crc32(ct), len(ct)),
               (b"word/document.xml", 8, _raw_deflate(total), _checksum(zlib.crc32, total, 0), total)]
    out, central = bytearray(), bytearray()
    for name, method, data, crc, size in members:
        fields = struct.pack("<HHHHHIIIHH", 20, 0, method, 0, 0x5821, crc, len(data), size, len(name), 0)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, len(out)) + name
        out += b"PK\x03\x04" + fields + name + data
    end = struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + b"PK\x05\x06" + end)
