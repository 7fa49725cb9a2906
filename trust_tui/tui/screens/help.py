"""Help (`?`): every key, grouped by where it works, read from the bindings themselves.

Each group lists the bindings a class declares (its `BINDINGS`, and those of its own base classes
in this package) with their descriptions: a key added to a screen or dialog shows up here, so
this screen cannot go stale. `PLACES` says which classes, in which order.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Static

__all__ = ["PLACES", "HelpGroup", "HelpRow", "HelpScreen", "declared_bindings", "help_groups"]

PLACES: tuple[tuple[str, str], ...] = (
    # (group title, "module:Class" under trust_tui.tui)
    ("Everywhere", "app:TrustApp"),
    ("Today", "screens.today:TodayScreen"),
    ("Week", "screens.week:WeekScreen"),
    ("Week: the grid", "widgets.streak_grid:StreakGrid"),
    ("Week: the rating chart", "widgets.rating_chart:RatingChart"),
    ("An action's calendar", "dialogs.calendar:CalendarDialog"),
    ("History", "screens.history:HistoryScreen"),
    ("Guide", "screens.guide:GuideScreen"),
    ("Actions", "screens.actions:ActionsScreen"),
    ("Settings", "screens.settings:SettingsScreen"),
    ("Logging, check-in and edit dialogs", "dialogs.log_dialog:LogDialog"),
    ("The action form", "dialogs.action_form:ActionForm"),
    ("Questions", "dialogs.confirm:ConfirmDialog"),
    ("Help, safety note and sources", "dialogs.document:DocumentScreen"),
)


@dataclass(frozen=True)
class HelpRow:
    keys: str
    description: str


@dataclass(frozen=True)
class HelpGroup:
    title: str
    rows: tuple[HelpRow, ...]


def place_class(where: str) -> type[Any]:
    module, name = where.split(":")
    return getattr(importlib.import_module(f"trust_tui.tui.{module}"), name)  # type: ignore[no-any-return]


def declared_bindings(cls: type[Any]) -> list[Binding]:
    """The bindings `cls` and its base classes in this package declare, nearest first; a key
    rebound by a subclass is listed once."""
    found: list[Binding] = []
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("trust_tui."):
            continue
        for binding in klass.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.description and binding.key not in seen:
                seen.add(binding.key)
                found.append(binding)
    return found


def _rows(app: App[Any], bindings: Iterable[Binding]) -> tuple[HelpRow, ...]:
    """One row per action and description, in declaration order; several keys for one
    ('e,enter', or two bindings) share a row ('e / enter')."""
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        for key in binding.key.split(","):
            shown = app.get_key_display(Binding(key.strip(), binding.action, binding.description))
            rows.setdefault((binding.action, binding.description), []).append(shown)
    return tuple(
        HelpRow(" / ".join(dict.fromkeys(keys)), description)
        for (_, description), keys in rows.items()
    )


def help_groups(app: App[Any]) -> list[HelpGroup]:
    """The groups of `PLACES` that have keys, then the keys built into Textual."""
    groups = [
        HelpGroup(title, _rows(app, declared_bindings(place_class(where))))
        for title, where in PLACES
    ]
    groups.append(HelpGroup("Built into Textual", _builtin_rows(app)))
    return [group for group in groups if group.rows]


def _builtin_rows(app: App[Any]) -> tuple[HelpRow, ...]:
    """The palette key, and the base App and Screen keys that carry a description."""
    palette = Binding(
        app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette (go: …, log: …)"
    )
    builtin = [palette] if app.ENABLE_COMMAND_PALETTE else []
    for cls in (App, Screen):
        builtin += [b for b in cls.BINDINGS if isinstance(b, Binding) and b.description]
    return _rows(app, builtin)


def _table(group: HelpGroup) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", width=14, no_wrap=True, style="bold")
    table.add_column("what", ratio=1)
    for row in group.rows:
        # Text cells: a Rich table parses plain strings as markup.
        table.add_row(Text(row.keys), Text(row.description))
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.close_question"),
        Binding("q", "close", "Close", show=False, id="help.close_q"),
        # A modal screen hides the app's keys; the safety note stays one key away.
        Binding("exclamation_mark", "app.safety", "Safety note", show=False, id="help.safety"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(Content("Every key"), classes="dialog-title")
            yield Static(
                Content("Letters type as usual inside a text box; escape or tab leaves it."),
                classes="dialog-hint",
            )
            with VerticalScroll(id="help-scroll"):
                for group in help_groups(self.app):
                    yield Static(Content(group.title), classes="help-group-title")
                    yield Static(_table(group), classes="help-group")
            yield Button("Close  esc", variant="primary", id="help-close")
        yield Footer()  # the dialog's own keys, not those of the screen behind it

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
