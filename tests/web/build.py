"""Generate the test web: `python -m tests.web.build` rewrites tests/web/sites/ and tests/web/truth.json.

The declared inputs (agencies, years, dates, seeds, styles, deliberate failures) live in tests/web/gen/<site>.py;
figures are drawn from those seeds and every page is rendered from them, so they are the truth.
Commit the output bytes: the server only reads files.
"""
import json
import os
import shutil

from .gen import bulk, pages
from .gen import epoint, fetchlist, gkmlpt, hanweb, jiyue, laixi, shengsi, special

BUILDERS = [laixi.build, shengsi.build, hanweb.build, gkmlpt.build, jiyue.build, epoint.build, fetchlist.build, special.build_down, special.build_blocked, special.build_wzws,
            special.build_jsl]


def main():
    if os.path.isdir(pages.ROOT):
        shutil.rmtree(pages.ROOT)
    reports, distractors = [], []
    built = {}
    for build in BUILDERS + [lambda: special.build_spam(built["laixi"])]:
        site = build()
        bulk.attach(site)
        built[site.id] = site
        site.write()
        reports += [{k: v for k, v in r.items() if k != "case"} for r in site.reports]
        distractors += site.distractors
    out = {"reports": reports, "distractors": distractors}
    with open(os.path.join(os.path.dirname(pages.ROOT), "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
    print(f"{len(reports)} reports, {len(distractors)} distractors")


if __name__ == "__main__":
    main()
