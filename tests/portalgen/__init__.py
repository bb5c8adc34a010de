"""A seeded generator of hundreds of simulated government portals, served on loopback (issue 13).

    web = PortalWeb(seed=7, portals=300).start()    # every portal on its own 127.1-3.x.y, one port
    web.write_portals_csv(path); web.truth(); web.case(row); web.distractors(); web.stop()

plan.py    portals, columns, reports, distractors from (seed, index): families (TRS, plain, Hanweb with or
           without its 信息公开目录, 集约化, gkmlpt, Epoint, and iframe/script-pager ones the crawler does not
           know), real divisions, towns and department names, redirects, pagers, copies, page dates
look.py    each portal's chrome, list markup and date styles drawn part by part
families.py URL shapes per family; site.py routes; apis.py the family APIs (dataproxy, search.jsp,
           gkmlpt JSON, Epoint REST); render.py pages; content.py / legacy.py the report bodies and figures
compare.py a crawl's database against the truth, per class (the tags of a portal and a report)

Pages are computed on request from the plan; the truth comes from the same plan, so a failure
replays with the same --seed and --portals (bench/portalgen.py --sites p0012 crawls one portal of
it). CLI: python -m tests.portalgen.serve
"""
from .web import PortalWeb  # noqa: E402,F401
