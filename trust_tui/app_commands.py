"""The app's navigation: mode screens, the keys that move between them, the palette's commands,
and the logging flows that Today and the palette share (a mixin of `TrustApp`)."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import ModalScreen, Screen

from trust_tui.messages import LogRequested

if TYPE_CHECKING:
    from textual.app import App

    from trust_tui.tracker import AppData

    _Base = App[int]
else:
    _Base = object

__all__ = ["MODE_SCREENS", "CommandsMixin", "mode_factory", "screen_class"]

MODE_SCREENS: dict[str, tuple[str, str, str]] = {
    # mode: (module in trust_tui.screens, class, title for "go: …")
    "today": ("today", "TodayScreen", "Today"),
    "week": ("week", "WeekScreen", "Week"),
    "history": ("history", "HistoryScreen", "History"),
    "guide": ("guide", "GuideScreen", "Guide"),
    "actions": ("actions", "ActionsScreen", "Actions"),
    "settings": ("settings", "SettingsScreen", "Settings"),
}


def screen_class(module: str, name: str) -> type[Screen[Any]] | None:
    """The screen class, or None while a colleague's file is not there yet."""
    try:
        mod = importlib.import_module(f"trust_tui.screens.{module}")
    except ModuleNotFoundError as error:
        if error.name == f"trust_tui.screens.{module}":
            return None
        raise
    return getattr(mod, name, None)


def mode_factory(mode: str) -> Callable[[], Screen[Any]]:
    module, name, title = MODE_SCREENS[mode]

    def make() -> Screen[Any]:
        cls = screen_class(module, name)
        if cls is None:
            from trust_tui.screens.placeholder import PlaceholderScreen

            return PlaceholderScreen(title)
        return cls()

    return make


class CommandsMixin(_Base):
    """Moving between screens, the palette's commands, and starting a log."""

    data: AppData | None

    # --- navigation ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("go", "help") and (self.data is None or isinstance(self.screen, ModalScreen)):
            return False
        if action == "safety" and type(self.screen).__name__ == "SafetyScreen":
            return False
        # In a dialog, q is a letter of the note; escape closes the dialog first.
        return not (
            action == "quit" and isinstance(self.screen, ModalScreen) and self.data is not None
        )

    async def action_go(self, mode: str) -> None:
        if self.data is None or mode not in MODE_SCREENS:
            return
        await self.switch_mode(mode)

    def action_help(self) -> None:
        cls = screen_class("help", "HelpScreen")
        if cls is None:
            self.notify("Help is on its way.", markup=False)
            return
        self.push_screen(cls())

    def action_safety(self) -> None:
        cls = screen_class("safety", "SafetyScreen")
        if cls is None:
            self.notify(
                "If your partner becomes aggressive or threatening, step away and get help. "
                "This app does not replace a counsellor.",
                title="Safety",
                markup=False,
            )
            return
        self.push_screen(cls())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's "Screenshot" would write the screen (notes, ratings) to an SVG in the
        # current folder, readable by others: not offered for private notes.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Screenshot")
        if self.data is None:
            return
        for mode, (_, _, title) in MODE_SCREENS.items():
            yield SystemCommand(f"go: {title}", f"Open the {title} screen", self._go(mode))
        yield SystemCommand("go: Help", "Every key, grouped", self.action_help)
        yield SystemCommand(
            "go: Safety note", "If you or your partner are not safe", self.action_safety
        )
        for action in self.data.snapshot.active_actions:
            yield SystemCommand(
                f"log: {action.name}", f"Log {action.name} for today", self._log(action.id)
            )

    def _go(self, mode: str) -> Callable[[], Any]:
        return lambda: self.run_action(f"go('{mode}')")

    def _log(self, action_id: str) -> Callable[[], None]:
        return lambda: self.start_log(action_id)

    # --- the logging flows (shared by Today and the palette) ---------------------------------

    @property
    def today(self) -> dt.date:
        assert self.data is not None
        return self.data.today

    def start_log(self, action_id: str, *, with_note: bool = False, backfill: bool = False) -> None:
        """Log an action the way it asks to be logged.

        The weekly check-in opens the guided check-in; "ask what they need" asks for the
        partner's answer; otherwise one key logs today, or a dialog takes a note or a date.
        """
        if self.data is None:
            return
        action = self.data.snapshot.action(action_id)
        if action is None:
            return
        if action_id == "weekly-check-in":
            from trust_tui.widgets.checkin_dialog import CheckInDialog

            self.push_screen(CheckInDialog(action, self.today, backfill=backfill))
        elif action_id == "ask-needs":
            from trust_tui.widgets.needs_dialog import NeedsDialog

            self.push_screen(NeedsDialog(action, self.today, backfill=backfill))
        elif with_note or backfill:
            from trust_tui.widgets.note_dialog import NoteDialog

            self.push_screen(NoteDialog(action, self.today, backfill=backfill))
        else:
            self.post_message(LogRequested(action_id, self.today))
