"""Snapshot tests of every screen: demo data, pinned clock, fixed size.

Update only after looking at the pictures: `pytest tests/app/test_snapshots.py -n0 --snapshot-update`
writes `tests/app/__snapshots__/`, and `snapshot_report.html` shows what changed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import settle

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from screenshots import SHOTS, SIZE, pinned_environment  # noqa: E402
from trust_tui.app import TrustApp  # noqa: E402
from trust_tui.cli import main  # noqa: E402


@pytest.fixture
def snapshot_db(tmp_path: Path) -> Iterator[Path]:
    """Demo data in the default place inside a throw-away home: the same path on every run."""
    with pinned_environment(tmp_path) as db:
        assert main(["--db", str(db), "demo"]) == 0
        yield db


@pytest.mark.parametrize(("name", "keys"), SHOTS, ids=[name for name, _ in SHOTS])
def test_screen_snapshot(snap_compare, snapshot_db: Path, name: str, keys: tuple[str, ...]) -> None:
    assert snap_compare(
        TrustApp(db_path=snapshot_db), press=list(keys), terminal_size=SIZE, run_before=settle
    )


def test_screenshot_script_writes_one_svg_per_screen(tmp_path: Path) -> None:
    from screenshots import generate

    paths = generate(tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{name}.svg" for name, _ in SHOTS)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("<svg") and "trust-tui" in text
    assert "Weekly check-in" in (tmp_path / "today.svg").read_text(encoding="utf-8").replace(
        "&#160;", " "
    )
