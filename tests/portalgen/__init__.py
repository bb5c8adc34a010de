"""A seeded generator of hundreds of simulated government portals, served on loopback (issue 13a).

    web = PortalWeb(seed=7, portals=300).start()    # every portal on its own 127.1-3.x.y, one port
    web.write_portals_csv(path); web.truth(); web.case(row); web.distractors(); web.stop()

Pages are computed on request from (seed, portal, path); the truth comes from the same plan
(plan.py), so a failure replays with the same --seed and --portals. CLI: python -m tests.portalgen.serve
"""
from .web import PortalWeb  # noqa: E402,F401
