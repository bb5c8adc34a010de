"""Write docs/data-dictionary.md from the schema, metrics.csv and the export mappings."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govcrawl.export.dictionary import build  # noqa: E402

TARGET = ROOT / "docs" / "data-dictionary.md"

if __name__ == "__main__":
    TARGET.write_text(build(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
