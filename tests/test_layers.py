"""The architecture, enforced: the domain and the command line stay light and headless."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "trust_tui"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_imports_neither_textual_nor_tinydb() -> None:
    for path in sorted((PACKAGE / "domain").glob("*.py")):
        bad = imported_modules(path) & {"textual", "tinydb", "rich"}
        assert not bad, f"{path.name} imports {bad}"


def test_only_store_imports_tinydb() -> None:
    users = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "tinydb" in imported_modules(path)
    }
    assert users == {"store.py"}


def test_command_line_modules_do_not_import_textual() -> None:
    # Run in a fresh interpreter: importing here would see whatever other tests loaded.
    code = (
        "import sys\n"
        "import trust_tui.cli, trust_tui.commands, trust_tui.report, trust_tui.store, trust_tui.guide\n"
        "import trust_tui.domain.streaks, trust_tui.domain.summary, trust_tui.demo\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_screens_and_widgets_never_open_the_store() -> None:
    """Screens get data and post messages; only the app and tracker talk to the store."""
    for folder in ("screens", "widgets"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            source = path.read_text(encoding="utf-8")
            assert "trust_tui.store" not in source and "tinydb" not in source, path.name
