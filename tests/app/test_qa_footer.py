"""QA: at 80×24 every mode's footer still shows the safety note and quit keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import screen_text

from trust_tui.app import TrustApp


@pytest.mark.parametrize("key", ["t", "w", "h", "g", "a", "s"])
async def test_footer_keeps_safety_and_quit_in_view_at_80_columns(app_db: Path, key: str) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        footer = screen_text(pilot).splitlines()[-1]
        assert "! Safety" in footer and "q Quit" in footer, footer
