"""Today's footer recomposes only when the keys it shows change (a guard on Textual's
`Footer.bindings_changed`, whose behaviour this relies on: pinned to Textual 8.2 in pyproject)."""

from __future__ import annotations

from pathlib import Path

from app_helpers import SIZE, settle

from trust_tui.app import TrustApp
from trust_tui.tui.screens import today


async def test_identical_keys_do_not_recompose_the_footer(
    demo_db: Path, monkeypatch: object
) -> None:
    composed: list[int] = []
    real = today._Footer.compose

    def counting(self: today._Footer):  # type: ignore[no-untyped-def]
        items = list(real(self))
        composed.append(len(items))
        yield from items

    monkeypatch.setattr(today._Footer, "compose", counting)  # type: ignore[attr-defined]
    app = TrustApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = len(composed)
        # Composed once, keys and all (Textual's composes empty, then again per announcement).
        assert first == 1 and composed[0] > 0
        footer = app.screen.query_one(today._Footer)
        footer.bindings_changed(app.screen)  # the same keys again: nothing to do
        await settle(pilot)
        assert len(composed) == first
        await pilot.press("h")  # another screen, other keys: its own footer
        await pilot.press("t")  # back on Today
        await settle(pilot)
        keys = [k.key for k in app.screen.query(today.FooterKey)]
        assert "n" in keys and "b" in keys
