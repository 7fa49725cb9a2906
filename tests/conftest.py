"""Shared fixtures: a pinned clock, a throw-away data file, isolated user folders.

Nothing a test does may touch the real user's data folder: every test gets its own
XDG folders and no TRUST_TUI_DB; app tests also get their own HOME.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from trust_tui.tui.app import TrustApp

NOW = "2026-11-27T20:00:00+01:00"
"""A Friday evening; the week (from Monday) began on 2026-11-23."""


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    base = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = base / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv("TRUST_TUI_DB", raising=False)
    return base


@pytest.fixture
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture
def now_pinned(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRUST_TUI_NOW", NOW)
    return NOW


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A data file's path in a new private folder; the file itself is not created. (Some test
    files define their own `db`.)"""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder / "trust.json"


@pytest.fixture
def app_db(tmp_path: Path, now_pinned: str, isolated_home: Path) -> Path:
    """Where an app test's data file goes (created by the app on first open)."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "trust.json"


@pytest.fixture
def demo_db(app_db: Path) -> Path:
    """A data file holding the demo history up to the pinned now."""
    from trust_tui.cli import main

    assert main(["--db", str(app_db), "demo"]) == 0
    return app_db


@pytest.fixture
def app(app_db: Path) -> TrustApp:
    """The app on the test's data file (`app_db`, or `demo_db` when the test asks for it too):
    `async with app.run_test(size=SIZE) as pilot`. The file is read when the app starts, so a
    test may fill it first."""
    from trust_tui.app import TrustApp

    return TrustApp(db_path=app_db)
