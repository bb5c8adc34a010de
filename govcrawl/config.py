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

# Scans (govcrawl/documents/ocr.py, cells.py): what counts as ink, and how sure a number must be.
OCR_INK_LEVEL = 200                     # grey below this is ink (rules and strokes are grey after scanning)
OCR_MIN_INK_PIXELS = 6                  # fewer ink pixels in a cell (after the speck filter): a blank cell
OCR_CROP_MARGIN_PX = 6                  # white kept around a cell's ink for the recogniser
OCR_MIN_DIGIT_SCORE = 0.85              # a scanned number: its surest agreeing read's weakest digit (tests/docgen scans: a 0 read 9 at 0.75 twice)
OCR_RENDER_DPI = 150                    # a scanned PDF page is rendered at this for OCR
OCR_FINE_FACTOR = 2                     # and at this multiple of it for its number cells (12 px digits -> 24)
OCR_DETECT_SCALE = 0.5                  # text outside tables is found on the page scaled by this
OCR_THREADS = 1                         # onnxruntime threads per model (the pool runs documents in parallel)
OCR_REC_MIN_WIDTH = 320                 # px: crops narrower are padded to it (less costs time, loses accuracy: 96 read 90/200)
OCR_REC_BATCH = 16                      # crops per recogniser call

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

# Scale-out (govcrawl/scale): `govcrawl crawl --redis` submits, `govcrawl worker` processes take part.
SCALE_LEASE_S = 30.0                    # a worker's hold on its portals; not renewed in time, others take them
SCALE_HEARTBEAT_S = 5.0                 # how often a worker renews its leases and its registry entry
SCALE_PORTALS_PER_BATCH = 50            # portals one worker's crawl process holds at once, at most
SCALE_MIN_BATCH = 10                    # and at least, while that many wait (enough to keep its requests busy)
SCALE_LANES_PER_WORKER = 1              # crawl processes a worker runs at once (each is fed portals as it has room)
SCALE_MAX_ATTEMPTS = 3                  # a portal whose crawl process failed this often is given up (recorded)
SCALE_SUBMITTER_TTL_S = 30.0            # a submitted crawl whose `govcrawl crawl --redis` is gone this long: abandoned
SCALE_POLITENESS_POLL_S = 0.05          # a request waiting for its host's token asks Redis again after this
SCALE_DOCUMENT_QUEUE_WAIT_S = 600.0     # a document job waits this long for a free document worker, then unreadable
SCALE_TOKEN_GRACE_S = 30.0              # a host token outlives DOWNLOAD_TIMEOUT by this, then a dead worker's is freed

# The portal registry (govcrawl/registry): `govcrawl portals discover|verify`.
REGISTRY_FETCH_TIMEOUT_S = 15           # one home page; a government portal slower than this is down for the walk
REGISTRY_MAX_PAGE_BYTES = 5 * MiB       # a home page larger than this is not read (link boxes sit in ordinary pages)
REGISTRY_WORKERS = 8                    # home pages verified at once (threads; the work is waiting on the network)
REGISTRY_MAX_PORTALS = 5000             # candidate sites one walk verifies at most (a province has ~100-200 counties)
REGISTRY_MAX_DEPTH = 3                  # province -> city -> county -> departments/townships
REGISTRY_BOX_MAX_LINKS = 600            # a "link box" with more links than this is the whole page, not a box
REGISTRY_BOX_TITLE_CHARS = 24           # a box title (市县政府网站) is short; longer text is content
REGISTRY_MOVED_HOPS = 3                 # notice pages ("本网站已迁移至…") followed one after another at most
REGISTRY_NOTICE_MAX_TEXT = 2000         # visible characters of a "本网站已迁移至…" notice page at most

# The crawl's frontier and policy (govcrawl/crawl/).
CRAWL_BUDGET = 400                      # requests per portal per crawl (--budget)
CRAWL_MAX_DEPTH = 6                     # link hops from a seed; past it only a listing's reports and pages
CRAWL_QUERY_VARIANTS = 25               # distinct ?queries per path (calendars, search pages make endless ones)
CRAWL_PAGE_STATES_BATCH = 50           # pages' validators written together (one transaction); lost on a kill: refetched
CRAWL_MAX_ATTACHMENTS = 5               # documents of one report page fetched as its copies
CRAWL_FOLLOW_SCORE = 20                 # a listing's links scoring below this are not followed
CRAWL_REPORT_PAGE_FOLLOW_SCORE = 80     # from a report page only other reports and report columns
CRAWL_CATEGORY_SCORE = 50               # a family's category (Hanweb 目录, gkmlpt) must score this to be listed
CRAWL_EMPTY_COLUMN_SCORE = 70           # a column scoring this with no report yet is watched from now on

