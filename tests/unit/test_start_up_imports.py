"""Opening the app reads and imports only what its first frame shows (docs/design.md §8): no
argparse for `trust-tui --db FILE`, and neither pendulum nor the store (with TinyDB) on the way
to Today's data."""

from __future__ import annotations

from pathlib import Path

from app_helpers import run_probe

PROBE = """
import json, sys
from trust_tui.cli import parse_arguments
args = parse_arguments(["--db", sys.argv[1]])
from trust_tui.opening import open_for_app
from trust_tui.paths import resolve_db_path
session, data = open_for_app(resolve_db_path(args.db), from_index=True)
print(json.dumps([data.complete, sorted(sys.modules)]))
"""


def probe(db: Path) -> tuple[bool, set[str]]:
    first, modules = run_probe(PROBE, str(db))
    return first, set(modules)


def test_the_first_frames_data_needs_no_argparse_pendulum_or_store(
    tmp_path: Path, now_pinned: str
) -> None:
    from trust_tui.cli import main

    db = tmp_path / "trust.json"
    assert main(["--db", str(db), "demo"]) == 0
    complete, modules = probe(db)  # `demo` took the day's backup: the index serves
    assert complete is False
    assert "argparse" not in modules and "pendulum" not in modules
    # The store (TinyDB, the journal storage, the write path) waits for the full read.
    assert "tinydb" not in modules and "trust_tui.storage.store" not in modules


FIRST_FRAME = """
import asyncio, json, sys
from trust_tui.app import TrustApp

async def first_frame():
    app = TrustApp(sys.argv[1], from_index=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#today-actions")
        labels = [str(column.label) for column in table.columns.values()]
        return labels, "rich._emoji_codes" in sys.modules

print(json.dumps(asyncio.run(first_frame())))
"""


def test_todays_first_frame_does_not_load_richs_emoji_table(
    tmp_path: Path, now_pinned: str
) -> None:
    """A string column label is parsed as Rich markup, whose first use imports Rich's emoji
    table (~10 ms of the first frame): Today's table gets its labels as Text."""
    from trust_tui.cli import main

    db = tmp_path / "trust.json"
    assert main(["--db", str(db), "demo"]) == 0
    labels, emoji_loaded = run_probe(FIRST_FRAME, str(db))
    assert labels == ["Action", "This period", "Streak", "Step", "Due", "Last done"]
    assert emoji_loaded is False
