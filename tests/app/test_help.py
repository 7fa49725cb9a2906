"""Help (`?`): every key of the app and of every screen, grouped, read from the bindings; the
footer keeps the safety note and quit in view."""

from __future__ import annotations

import io

from app_helpers import SIZE, screen_text
from rich.console import Console
from textual.widgets import Static

from trust_tui.app import TrustApp
from trust_tui.tui.app import MODE_SCREENS
from trust_tui.tui.screens.help import PLACES, HelpScreen, declared_bindings, place_class


def test_every_binding_has_a_description_and_an_id() -> None:
    for _, where in PLACES:
        cls = place_class(where)
        for binding in declared_bindings(cls):
            assert binding.description, f"{cls.__name__}: {binding.key} has no description"
            assert binding.id, f"{cls.__name__}: {binding.key} has no id"


def test_every_mode_screen_is_a_place_in_help() -> None:
    titles = [title for title, _ in PLACES]
    assert [t for t in titles if t in {t for _, t in MODE_SCREENS.values()}] == [
        title for _, title in MODE_SCREENS.values()
    ]


async def test_help_shows_every_key_with_its_description_and_no_internal_id(
    app: TrustApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=96, record=True, file=io.StringIO())
        for static in app.screen.query(Static):
            console.print(static.content)
        rendered = console.export_text()
        assert rendered.index("Everywhere") < rendered.index("Today") < rendered.index("Guide")
        for _, where in PLACES:
            for binding in declared_bindings(place_class(where)):
                assert binding.description in rendered, binding.description
                # Ids such as go-today or guide.toggle_done are for code, not for people.
                if binding.id is not None and ("." in binding.id or "-" in binding.id):
                    assert binding.id not in rendered, f"internal id {binding.id} shown"
        assert "Command palette (go: …, log: …)" in rendered
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_question_mark_closes_help_again(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_the_footer_keeps_safety_and_quit_in_view_at_80_columns(app: TrustApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("t", "w", "h", "g", "a", "s"):  # every screen
            await pilot.press(key)
            await pilot.pause()
            footer = screen_text(pilot).splitlines()[-1]
            assert "! Safety" in footer and "q Quit" in footer, (key, footer)
