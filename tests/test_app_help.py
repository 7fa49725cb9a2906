"""Help (`?`): every key of the app and of every screen, grouped, read from the bindings."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.binding import Binding
from textual.widgets import Static

from trust_tui.app import MODE_SCREENS, TrustApp
from trust_tui.screens.help import HelpScreen, help_groups

SIZE = (100, 32)


def _declared(cls: type) -> list[Binding]:
    return [
        b
        for klass in cls.__mro__
        if klass.__module__.startswith("trust_tui")
        for b in klass.__dict__.get("BINDINGS", [])
        if isinstance(b, Binding)
    ]


def _classes() -> list[type]:
    import importlib

    classes: list[type] = [TrustApp]
    for module, name, _ in MODE_SCREENS.values():
        classes.append(getattr(importlib.import_module(f"trust_tui.screens.{module}"), name))
    from trust_tui.screens.safety import SafetyScreen
    from trust_tui.screens.sources import SourcesScreen
    from trust_tui.widgets.action_form import ActionForm

    return classes + [HelpScreen, SafetyScreen, SourcesScreen, ActionForm]


def test_every_binding_has_a_description_and_an_id() -> None:
    for cls in _classes():
        for binding in _declared(cls):
            assert binding.description, f"{cls.__name__}: {binding.key} has no description"
            assert binding.id, f"{cls.__name__}: {binding.key} has no id"


async def test_help_lists_every_binding_grouped(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        groups = help_groups(app)
        titles = [g.title for g in groups]
        assert titles[0] == "Everywhere"
        # Mode screens follow in the app's order (one with no keys of its own has no group).
        mode_titles = [m[2] for m in MODE_SCREENS.values()]
        shown = [t for t in titles if t in mode_titles]
        assert shown == sorted(shown, key=mode_titles.index)
        assert {"Guide", "Actions", "Settings"} <= set(shown)
        listed = {row.id for group in groups for row in group.rows}
        for cls in _classes():
            for binding in _declared(cls):
                assert binding.id in listed, f"{binding.id} ({cls.__name__}) is missing from help"
        # And they are on the screen, not just in a list: each group's table renders its ids.
        console = Console(width=96, record=True, file=io.StringIO())
        for static in app.screen.query(Static).filter(".help-group"):
            console.print(static.content)
        rendered = console.export_text()
        for group in groups:
            for row in group.rows:
                assert row.id in rendered and row.description in rendered
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_question_mark_closes_help_again(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
