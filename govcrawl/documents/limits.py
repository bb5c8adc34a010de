"""Limits on one document, and the checks that run before any parser touches its bytes.

A crawl meets hostile or broken files; none of them may eat the machine's memory or stall the crawl,
so everything that can be decided from the container directory is decided here, cheaply.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from govcrawl import config


class UnreadableDocument(Exception):
    """The document cannot be read safely or at all; `reason` says why in one line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """Defaults are govcrawl.config's; tests and benches pass tighter or looser ones."""
    max_bytes: int = config.DOCUMENT_MAX_BYTES                    # size of the file as downloaded
    max_pages: int = config.DOCUMENT_MAX_PAGES
    timeout_s: float = config.DOCUMENT_TIMEOUT_S                  # wall time, parsing and OCR included
    max_ocr_pages: int = config.DOCUMENT_MAX_OCR_PAGES
    max_memory_mb: int = config.DOCUMENT_MEMORY_MB                # address space of the parsing process
    max_unzipped_bytes: int = config.DOCUMENT_MAX_UNZIPPED_BYTES
    max_zip_ratio: float = config.DOCUMENT_MAX_ZIP_RATIO
    max_zip_members: int = config.DOCUMENT_MAX_ZIP_MEMBERS
    isolate: bool = True                        # parse in a pool worker with rlimits (False: in-process)


def check_size(data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_bytes:
        raise UnreadableDocument(f"over-size: {len(data)} bytes > limit {limits.max_bytes}")
    if not data:
        raise UnreadableDocument("corrupt: empty file")


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs by the sizes the central directory declares, before inflating anything."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableDocument(f"corrupt: not a readable zip container ({exc})") from None
    if len(infos) > limits.max_zip_members:
        raise UnreadableDocument(f"decompression bomb: {len(infos)} zip members")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            raise UnreadableDocument(
                f"decompression bomb: {info.filename} inflates {info.compress_size} -> {info.file_size} bytes")
    if total > limits.max_unzipped_bytes:
        raise UnreadableDocument(f"decompression bomb: zip members sum to {total} bytes uncompressed")


def check_pages(pages: int, limits: Limits) -> None:
    if pages > limits.max_pages:
        raise UnreadableDocument(f"too many pages: {pages} > limit {limits.max_pages}")
