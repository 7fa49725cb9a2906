"""The architecture, enforced: the import-linter contracts in pyproject.toml, and the command
line starting without Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_command_line_loads_no_textual_or_rich() -> None:
    # Run in a fresh interpreter: importing here would see whatever other tests loaded. Every
    # subcommand's module is imported, as a run of `trust-tui log` would.
    code = (
        "import sys\n"
        "import trust_tui.cli, trust_tui.cli.subcommands, trust_tui.cli.report\n"
        "import trust_tui.storage.store, trust_tui.guide, trust_tui.demo\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
