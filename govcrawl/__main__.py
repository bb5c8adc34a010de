"""`python -m govcrawl` is the `govcrawl` command (the scheduler starts crawls this way)."""
import sys

from govcrawl.cli import main

sys.exit(main())
