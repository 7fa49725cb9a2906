"""`trust-tui log`, the command run most often, imports only what it uses once the index can
serve it: neither TinyDB nor pendulum, nor orjson (which brings json, uuid and platform), nor the
temp-name and export helpers."""

from __future__ import annotations

from pathlib import Path

from app_helpers import run_probe

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


def probe(db: Path) -> tuple[int, set[str]]:
    first, modules = run_probe(PROBE, str(db))
    return first, set(modules)


def test_the_log_command_imports_only_what_it_uses(tmp_path: Path) -> None:
    db = tmp_path / "trust.json"
    code, first = probe(db)  # a new file: the full path through Store, TinyDB and all
    assert code == 0 and "tinydb" in first
    code, modules = probe(db)  # then the index serves it
    assert code == 0
    assert sorted(name for name in UNWANTED if name in modules) == []
    assert not any(name.startswith("trust_tui.tui") or name == "textual" for name in modules)
