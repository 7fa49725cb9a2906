"""QA: the corrupt-file screen reads cleanly at 80×24 (no sentence broken across lines)."""

from __future__ import annotations

from pathlib import Path

from app_helpers import screen_text

from trust_tui.app import TrustApp


async def test_problem_screen_instructions_are_not_broken_at_80_columns(app_db: Path) -> None:
    app_db.write_text('{"meta": {"1": {"schema_version": 1', encoding="utf-8")
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "ProblemScreen"
        lines = [line.strip() for line in screen_text(pilot).splitlines()]
        assert "wrong" not in lines  # a word left alone on its line by a hard break
        assert any("it says what is wrong and how to repair it" in line for line in lines)
        # The command to run stands on its own line(s), starting with the program's name.
        assert any(line.startswith("trust-tui --db") for line in lines)
