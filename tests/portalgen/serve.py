"""Serve generated portals until killed: python -m tests.portalgen.serve --portals 300 --seed 7 --portals-out FILE

Prints the portals CSV (also written to --portals-out) and serves on 127.1-3.x.y, one port.
--truth-out FILE writes the truth rows (tests/web truth.json shape, with each report's classes and figures).
"""
import argparse
import json
import sys
from tests.loopback import serve_until_interrupted

from .web import PortalWeb


def main(argv=None):
    ap = argparse.ArgumentParser(description="serve generated government portals on loopback")
    ap.add_argument("--portals", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--portals-out", required=True)
    ap.add_argument("--truth-out")
    a = ap.parse_args(argv)
    web = PortalWeb(seed=a.seed, portals=a.portals, port=a.port).start()
    web.write_portals_csv(a.portals_out)
    with open(a.portals_out, encoding="utf-8") as fh:
        sys.stdout.write(fh.read())
    if a.truth_out:
        rows = [dict({k: v for k, v in r.items() if k != "_item"}, figures=web.case(r)["figures"]) for r in web.truth()]
        with open(a.truth_out, "w", encoding="utf-8") as fh:
            json.dump({"reports": rows, "distractors": web.distractors()}, fh, ensure_ascii=False, indent=1)
    print(f"serving {len(web.plan)} portals on port {web.port}", file=sys.stderr, flush=True)
    serve_until_interrupted(web)


if __name__ == "__main__":
    main()
