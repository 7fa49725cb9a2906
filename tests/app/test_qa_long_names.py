"""QA: a long action name (up to 80 characters, CJK counts double) never pushes the other
columns off an 80-column screen."""

from __future__ import annotations

from pathlib import Path

from app_helpers import screen_text, settle

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import Store
from trust_tui.tui.dialogs.action_form import build_action

LONG = "準時に連絡する" * 5 + "x" * 10  # 45 characters, 80 cells wide


def _add_long_action(db: Path) -> None:
    assert main(["--db", str(db), "log", "stay-in-touch"]) == 0
    store = Store(db, default_actions=load_default_actions())
    snapshot = store.open()
    action = build_action(
        None, snapshot.actions, name=LONG, cadence="day", target="2", step="3.3", description=""
    )
    store.upsert_action(action)
    store.add_logs([])
    assert main(["--db", str(db), "log", action.id, "--note", "on time"]) == 0


async def test_actions_table_keeps_its_columns_in_view(app_db: Path) -> None:
    _add_long_action(app_db)
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(pilot)
        assert "How often" in text and "Entries" in text
        assert "2× a day" in text
        assert "…" in text
        table = app.screen.query_one("#action-table")
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        # The detail below still shows the whole name.
        assert LONG in str(app.screen.query_one("#action-detail").render()).replace("\n", "")


async def test_history_table_keeps_the_note_column_in_view(app_db: Path) -> None:
    _add_long_action(app_db)
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        header = next(line for line in screen_text(pilot).splitlines() if "Date" in line)
        assert "Note" in header
        assert "on time" in screen_text(pilot)
