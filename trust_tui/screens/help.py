"""Help (`?`): every key, grouped by where it works, read from the BINDINGS themselves.

Nothing here is written by hand: the groups come from the app's bindings, each mode screen's,
and every other screen, dialog and widget of the package that declares its own. A key added
anywhere shows up here, with its description and id, so this screen cannot go stale.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Static

__all__ = ["HelpGroup", "HelpRow", "HelpScreen", "help_groups"]

_PACKAGES = ("trust_tui.screens", "trust_tui.widgets")
_SKIP = {"PlaceholderScreen", "DocumentScreen"}


@dataclass(frozen=True)
class HelpRow:
    keys: str
    description: str
    id: str


@dataclass(frozen=True)
class HelpGroup:
    title: str
    rows: tuple[HelpRow, ...]


def _own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """Bindings `cls` declares or inherits from our own classes, not Textual's base ones."""
    base = next(
        (
            b
            for b in cls.__mro__[1:]
            if b.__module__.startswith("textual.") and issubclass(b, DOMNode)
        ),
        None,
    )
    inherited = (
        {(b.key, b.action) for bs in base._merged_bindings.key_to_bindings.values() for b in bs}
        if base is not None and base._merged_bindings is not None
        else set()
    )
    merged = cls._merged_bindings
    if merged is None:
        return []
    return [
        b
        for bs in merged.key_to_bindings.values()
        for b in bs
        if b.description and (b.key, b.action) not in inherited
    ]


def _rows(app: App[Any], bindings: Iterable[Binding]) -> tuple[HelpRow, ...]:
    """One row per binding, in declaration order; a binding bound to several keys at once
    ('e,enter', one id) is one row with its keys joined ('e / enter')."""
    rows: dict[tuple[str, str, str], list[str]] = {}
    for binding in bindings:
        key = (binding.id or binding.action, binding.description, binding.id or "")
        rows.setdefault(key, []).append(app.get_key_display(binding))
    return tuple(
        HelpRow(" / ".join(dict.fromkeys(keys)), description, binding_id)
        for (_, description, binding_id), keys in rows.items()
    )


def _title(name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name.removesuffix("Screen")).split()
    return " ".join([words[0]] + [w.lower() for w in words[1:]]) if words else name


def _package_classes() -> list[type[DOMNode]]:
    """Every screen and widget class defined in our screens/ and widgets/ packages."""
    found: list[type[DOMNode]] = []
    for package_name in _PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            try:
                module = importlib.import_module(f"{package_name}.{info.name}")
            except ImportError:  # a file still being written by a colleague: skip it for now
                continue
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if (
                    cls.__module__ == module.__name__
                    and issubclass(cls, (Screen, Widget))
                    and cls.__name__ not in _SKIP
                ):
                    found.append(cls)
    return found


def help_groups(app: App[Any]) -> list[HelpGroup]:
    """Everywhere (the app), then each mode screen in order, then dialogs and widgets."""
    from trust_tui.app import MODE_SCREENS

    groups = [HelpGroup("Everywhere", _rows(app, _own_bindings(type(app))))]
    seen: set[str] = set()
    by_name = {cls.__name__: cls for cls in _package_classes()}
    for _, class_name, title in MODE_SCREENS.values():
        seen.add(class_name)
        if (cls := by_name.get(class_name)) is not None:
            groups.append(HelpGroup(title, _rows(app, _own_bindings(cls))))
    for name in sorted(set(by_name) - seen):
        rows = _rows(app, _own_bindings(by_name[name]))
        if rows:
            groups.append(HelpGroup(_title(name), rows))
    groups.append(HelpGroup("Built into Textual", _builtin_rows(app)))
    return [group for group in groups if group.rows]


def _builtin_rows(app: App[Any]) -> tuple[HelpRow, ...]:
    """The palette key, and the base App and Screen keys that carry a description."""
    palette = Binding(
        app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette (go: …, log: …)"
    )
    builtin = [palette] if app.ENABLE_COMMAND_PALETTE else []
    for cls in (App, Screen):
        merged = cls._merged_bindings
        if merged is not None:
            builtin += [b for bs in merged.key_to_bindings.values() for b in bs if b.description]
    return _rows(app, builtin)


def _table(group: HelpGroup) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("key", width=14, no_wrap=True, style="bold")
    table.add_column("what", ratio=1)
    table.add_column("id", style="dim", no_wrap=True)
    for row in group.rows:
        # Text cells: a Rich table parses plain strings as markup.
        table.add_row(Text(row.keys), Text(row.description), Text(row.id))
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
            yield Button("Close", variant="primary", id="help-close")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
