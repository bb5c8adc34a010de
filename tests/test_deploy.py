"""deploy/: the systemd units pass a real `systemd-analyze verify`, and every command they and the
crontab run is one the govcrawl CLI accepts.

`verify` refuses an ExecStart binary that does not exist, so the units are verified as copies whose
/opt/govcrawl/.venv path points at this checkout's venv; nothing else is changed.
"""
import configparser
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govcrawl.cli import build_parser
from govcrawl.scheduling.calendar import load_config

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PROD_BIN = "/opt/govcrawl/.venv/bin"
UNITS = sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer"))


def venv_bin() -> Path:
    return Path(sys.executable).parent


def systemd_analyze() -> str:
    tool = shutil.which("systemd-analyze")
    assert tool, "systemd-analyze is missing: apt-get install systemd"
    return tool


def verify(paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([systemd_analyze(), "verify", *map(str, paths)], capture_output=True, text=True, timeout=60)


def local_copies(tmp_path: Path) -> list[Path]:
    out = []
    for unit in UNITS:
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace(PROD_BIN, str(venv_bin())))
        out.append(copy)
    return out


def unit(name: str) -> configparser.ConfigParser:
    cp = configparser.ConfigParser(strict=False, interpolation=None)
    cp.optionxform = str
    cp.read(DEPLOY / name)
    return cp


def test_units_exist():
    assert {u.name for u in UNITS} == {"govcrawl-crawl.service", "govcrawl-crawl.timer", "govcrawl-scheduler.service",
                                       "govcrawl-worker@.service"}
    assert (venv_bin() / "govcrawl").exists()


def test_systemd_analyze_verify_passes_without_a_warning(tmp_path):
    r = verify(local_copies(tmp_path))
    assert r.returncode == 0, r.stderr
    assert (r.stdout + r.stderr).strip() == ""


def test_verify_really_checks(tmp_path):
    """The same run on a broken copy must complain, or the test above proves nothing."""
    bad = tmp_path / "govcrawl-scheduler.service"
    text = (DEPLOY / bad.name).read_text().replace(PROD_BIN, str(venv_bin()))
    bad.write_text(text.replace("Restart=on-failure", "Restart=sometimes"))
    r = verify([bad])
    assert "sometimes" in r.stdout + r.stderr


def test_limits_and_restart():
    crawl, sched, timer = unit("govcrawl-crawl.service"), unit("govcrawl-scheduler.service"), unit("govcrawl-crawl.timer")
    assert crawl["Service"]["Type"] == "oneshot"
    assert crawl["Service"]["TimeoutStartSec"] == "6h"       # the run-time limit of a oneshot unit
    for u in (crawl, sched):
        assert u["Service"]["MemoryMax"] and u["Service"]["TimeoutStopSec"]
        assert u["Service"]["EnvironmentFile"] == "/etc/govcrawl/govcrawl.env"
        assert u["Service"]["ExecStart"].startswith(PROD_BIN + "/govcrawl ")
    assert sched["Service"]["Restart"] == "on-failure"
    assert timer["Timer"]["Unit"] == "govcrawl-crawl.service" and timer["Timer"]["Persistent"] == "true"
    # the scheduler's crawl grace (schedule.toml) ends before systemd's SIGKILL
    cfg = load_config(str(DEPLOY / "schedule.example.toml"))
    assert cfg.stop_timeout_seconds < int(sched["Service"]["TimeoutStopSec"])


def test_env_example_has_the_variables():
    env = dict(line.split("=", 1) for line in (DEPLOY / "govcrawl.env.example").read_text().splitlines()
               if line and not line.startswith("#"))
    assert env["GOVCRAWL_ENV"] == "production"
    assert env["GOVCRAWL_DB"].startswith("postgresql://")
    assert env["GOVCRAWL_PORTALS"].endswith(".csv")


def cli_args(command: str) -> list[str]:
    """The govcrawl arguments of a command line, with the env file's variables filled in."""
    words = shlex.split(command.replace("${GOVCRAWL_PORTALS}", "/etc/govcrawl/portals.csv")
                        .replace('"$GOVCRAWL_PORTALS"', "/etc/govcrawl/portals.csv"))
    i = next(i for i, w in enumerate(words) if w.endswith("bin/govcrawl"))
    return words[i + 1:]


def test_unit_commands_parse_with_the_cli():
    for name in ("govcrawl-crawl.service", "govcrawl-scheduler.service"):
        args = build_parser().parse_args(cli_args(unit(name)["Service"]["ExecStart"]))
        assert args.command in ("crawl", "schedule")
        assert args.portals == "/etc/govcrawl/portals.csv"


def test_worker_template_runs_a_worker_per_instance():
    worker = unit("govcrawl-worker@.service")["Service"]
    assert worker["EnvironmentFile"] == "-/etc/govcrawl/worker-%i.env"     # configparser keeps the last one
    for extra in ("", "--documents"):
        line = worker["ExecStart"].replace("${GOVCRAWL_REDIS}", "redis://127.0.0.1:6379/0")
        args = build_parser().parse_args(cli_args(line.replace("$GOVCRAWL_WORKER_ARGS", extra)))
        assert args.command == "worker" and args.redis == "redis://127.0.0.1:6379/0" and args.documents == bool(extra)


def test_crontab_lines():
    lines = [l for l in (DEPLOY / "crontab.example").read_text().splitlines()
             if l.strip() and not l.startswith("#") and not re.match(r"^[A-Z_]+=", l)]
    assert len(lines) >= 5
    for line in lines:
        fields = line.split(None, 5)
        assert len(fields) == 6, line
        assert all(re.fullmatch(r"[\d*,/-]+", f) for f in fields[:5]), line
        assert "%" not in fields[5], line                      # cron turns % into newlines
        cmd = fields[5]
        assert "bin/govcrawl " in cmd or "bin/scrapy crawl portals" in cmd, line
        if "bin/govcrawl " in cmd:
            build_parser().parse_args(cli_args(cmd.split(" >>")[0]))
