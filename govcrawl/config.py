"""Every limit and threshold of govcrawl, once. Settings, the document reader, the extraction pool
and the `extract` command read them from here; change a number here and it changes everywhere.

Sizes in bytes, memory in MB of address space (RLIMIT_AS, which counts more than RSS), times in s.
"""
from __future__ import annotations

MiB = 1024 * 1024

# Identity on the wire (Scrapy's USER_AGENT and `govcrawl extract URL`).
USER_AGENT = "govcrawl/0.1 (+open-government annual report archive)"

# Downloads: a response above MAX_DOWNLOAD_BYTES is recorded as too large and never parsed.
MAX_DOWNLOAD_BYTES = 40 * MiB
WARN_DOWNLOAD_BYTES = 10 * MiB
DOWNLOAD_TIMEOUT_S = 30
MAX_REDIRECTS = 8                       # hops a fetch follows before giving up (crawl and `extract URL`)

# Documents (PDF, DOC(X), XLS(X), images): govcrawl.documents.limits.Limits defaults.
# Below the download cap on purpose: a parser's memory grows with the file (pdfplumber keeps every
# page object), so a document of 30..40 MB is downloaded, archived and refused as over-size.
DOCUMENT_MAX_BYTES = 30 * MiB
DOCUMENT_MAX_PAGES = 200
DOCUMENT_TIMEOUT_S = 120.0              # wall time for one document, parsing and OCR included
DOCUMENT_MAX_OCR_PAGES = 30             # OCR costs seconds a page: longer scans are refused
DOCUMENT_MEMORY_MB = 2048               # address space of the process parsing one document
DOCUMENT_MAX_UNZIPPED_BYTES = 200 * MiB  # sum of a DOCX/XLSX zip's members, uncompressed
DOCUMENT_MAX_ZIP_RATIO = 200.0          # uncompressed/compressed of one member: beyond it, a bomb
DOCUMENT_MAX_ZIP_MEMBERS = 5000

# HTML pages: parsed in a pool worker under these limits (a 38 MB page of tiny cells took 1.4 GB).
HTML_MEMORY_MB = 640                    # address space of the worker while it reads one page
HTML_CPU_S = 30                         # CPU seconds for one page
HTML_TIMEOUT_S = 60.0                   # wall time for one page (a loaded machine is slow)
# Cheap refusals before any parse: a report page has hundreds of cells, not hundreds of thousands.
HTML_PRECHECK_BYTES = 4 * MiB           # pages above this are counted before they are parsed
HTML_MAX_CELLS = 100_000                # <td>/<th> in one page
HTML_MAX_TAGS = 1_000_000               # "<" in one page: tags of any kind, an upper bound

# The extraction pool: pre-started worker processes shared by HTML pages and documents.
EXTRACT_WORKERS = 2                     # the machine's cores
WORKER_RECYCLE_RSS_MB = 300             # a worker that kept more than this after a task is replaced
WORKER_RECYCLE_TASKS = 500              # and every worker after this many tasks (fragmentation)
