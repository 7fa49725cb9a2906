"""QA: the Actions screen's words."""

from __future__ import annotations


async def test_archived_action_counts_its_entries_in_good_english(app_db) -> None:  # type: ignore[no-untyped-def]
    from app_helpers import SIZE

    from trust_tui.app import TrustApp
    from trust_tui.cli import main

    assert main(["--db", str(app_db), "log", "shared-activity"]) == 0
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        table = app.screen.query_one("#action-table")
        table.move_cursor(row=table.get_row_index("shared-activity"))
        await pilot.press("x")
        await pilot.pause()
        detail = str(app.screen.query_one("#action-detail").render())
        assert "Its 1 entry is kept" in detail
        table.move_cursor(row=table.get_row_index("ask-needs"))
        await pilot.press("x")
        await pilot.pause()
        table.move_cursor(row=table.get_row_index("ask-needs"))
        await pilot.pause()
        detail = str(app.screen.query_one("#action-detail").render())
        assert "0 entries" not in detail and "No entries yet" in detail
