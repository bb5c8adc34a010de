"""The house rules issue 12 set, kept: no import cycle (inside functions too), a thin spider, nobody
reaching into the spider, every CMS family one registry line."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_import_cycle():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_cycles.py")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_the_spider_is_short_and_nothing_reaches_into_it():
    assert len((ROOT / "spiders" / "portals.py").read_text(encoding="utf-8").splitlines()) < 150
    offenders = []
    for path in [*(ROOT / "pipelines").glob("*.py"), *(ROOT / "govcrawl").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bspider\._\w|crawler\.spider\.\w", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_every_family_module_has_its_registry_line():
    from govcrawl.families import registry
    modules = {p.stem for p in (ROOT / "govcrawl" / "families").glob("*.py")} - {"__init__", "base", "registry",
                                                                                    "shell", "antibot"}
    registered = {type(f).__module__.rsplit(".", 1)[-1] for f in registry.FAMILIES}
    assert modules == registered
    assert registry.FAMILIES[-1].name == "generic"       # the fallback claims every page: it comes last
