"""`trust-tui log`, the command run most often, imports only what it uses once the index can
serve it: neither TinyDB nor pendulum, nor orjson (which brings json, uuid and platform), nor the
temp-name and export helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-27T20:00:00+01:00"

PROBE = """
import json, sys
from trust_tui.cli import main
code = main(["--db", sys.argv[1], "log", "stay-in-touch", "--note", "probe"])
print(json.dumps([code, sorted(sys.modules)]))
"""

UNWANTED = (
    "tinydb",
    "pendulum",
    "orjson",
    "secrets",
    "hashlib",
    "uuid",
    "csv",
    "tomllib",
    "shutil",
)


def run_probe(db: Path) -> tuple[int, set[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRUST_TUI_NOW": NOW}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    code, modules = json.loads(out.stdout.strip().splitlines()[-1])
    return code, set(modules)


def test_the_log_command_imports_only_what_it_uses(tmp_path: Path) -> None:
    db = tmp_path / "trust.json"
    code, first = run_probe(db)  # a new file: the full path through Store, TinyDB and all
    assert code == 0 and "tinydb" in first
    code, modules = run_probe(db)  # then the index serves it
    assert code == 0
    assert sorted(name for name in UNWANTED if name in modules) == []
    assert not any(name.startswith("trust_tui.tui") or name == "textual" for name in modules)
