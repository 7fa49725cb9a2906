"""Start-up shortcuts (docs/design.md §8) leave the app exactly as Textual's own path would."""

from __future__ import annotations

from app_helpers import SIZE, screen_text
from textual.app import App, ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from trust_tui.app import TrustApp


def _key_states(app: App[object]) -> list[tuple[str, bool, bool]]:
    return [(k.key, k.compact, k.has_class("-compact")) for k in app.screen.query(FooterKey)]


async def test_today_footer_keys_end_as_textual_footer_keys(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ours = _key_states(app)
        footer_line = screen_text(pilot).splitlines()[-1]

    class Plain(App[None]):
        BINDINGS = TrustApp.BINDINGS

        def compose(self) -> ComposeResult:
            yield Footer()

    plain = Plain()
    async with plain.run_test(size=SIZE) as pilot:
        await pilot.pause()
        theirs = dict((key, (compact, cls)) for key, compact, cls in _key_states(plain))
    assert ours, "Today shows its keys"
    for key, compact, has_class in ours:
        if key in theirs:
            assert (compact, has_class) == theirs[key], key
    # Bound keys follow the (non-compact) footer; the palette key keeps Textual's default.
    assert ("ctrl+p", True, True) in ours
    assert all(not compact for key, compact, _ in ours if key != "ctrl+p")
    assert "t Today" in footer_line and "q Quit" in footer_line
