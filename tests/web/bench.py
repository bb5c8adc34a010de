"""A bigger web for benchmarks: copies of every site under renamed hosts, truth renamed alike.

    sites_dir = clone_web("/tmp/benchweb", copies=10)
    with TestWeb(sites_dir=sites_dir) as web: ...

Copy k serves www.laixi.gov.cn as www.laixi-c<k>.gov.cn (every alias renamed the same way in every
file, ASCII bytes only, so GBK pages stay GBK). python -m tests.web.bench OUT_DIR COPIES
"""
import json
import os
import re
import shutil
import sys

from .server import SITES


def _renamer(hosts: list[str], k: int):
    pat = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(h) for h in sorted(hosts, key=len, reverse=True)) + r")(?![\w-])")

    def new(h):
        head, _, rest = h.partition(".gov.cn")
        return f"{head}-c{k}.gov.cn{rest}"
    return (lambda b: pat.sub(lambda m: new(m.group(1)), b.decode("latin-1")).encode("latin-1")), new


def clone_web(out_dir: str, copies: int, src: str = SITES) -> str:
    sites_out = os.path.join(out_dir, "sites")
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(sites_out)
    hosts = []
    for sid in os.listdir(src):
        with open(os.path.join(src, sid, "site.json"), encoding="utf-8") as fh:
            hosts += json.load(fh)["hosts"]
    with open(os.path.join(os.path.dirname(src), "truth.json"), encoding="utf-8") as fh:
        truth = json.load(fh)
    out_truth = {"reports": [], "distractors": []}
    for k in range(1, copies + 1):
        rename, new_host = _renamer(hosts, k)
        for sid in os.listdir(src):
            for root, _, files in os.walk(os.path.join(src, sid)):
                rel = os.path.relpath(root, os.path.join(src, sid))
                parts = [new_host(p) if p in hosts else p for p in rel.split(os.sep)] if rel != "." else []
                dst = os.path.join(sites_out, f"{sid}-c{k}", *parts)
                os.makedirs(dst, exist_ok=True)
                for name in files:
                    with open(os.path.join(root, name), "rb") as fh:
                        data = fh.read()
                    with open(os.path.join(dst, name), "wb") as fh:
                        fh.write(rename(data))
        for kind in ("reports", "distractors"):
            for row in truth[kind]:
                row = json.loads(rename(json.dumps(row, ensure_ascii=False).encode("utf-8")).decode("utf-8"))
                row["site"] = f"{row['site']}-c{k}"
                if "truth_path" in row:
                    sid, _, rest = row["truth_path"].partition("/")
                    host, _, tail = rest.partition("/")
                    row["truth_path"] = f"{sid}-c{k}/{new_host(host) if host in hosts else host}/{tail}"
                out_truth[kind].append(row)
    with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(out_truth, fh, ensure_ascii=False, indent=1)
    return sites_out


if __name__ == "__main__":
    print(clone_web(sys.argv[1], int(sys.argv[2])))
