"""Today (the default screen): what is due today and this week, logged with one key; `u` takes
back the last log made since the app opened. While a pause covers today nothing is due; a pause
for space shows the safety note's words on respecting space instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets._footer import FooterKey

from trust_tui.domain.due import (
    DueList,
    ago,
    due_from_streaks,
    last_done_by_action,
    last_done_from_counts,
)
from trust_tui.domain.wording import period_phrase
from trust_tui.tui.messages import LogUndoRequested
from trust_tui.tui.screens.base import STILL_READING, DataScreen
from trust_tui.tui.text import user_content
from trust_tui.tui.widgets.action_list import ActionList

if TYPE_CHECKING:
    from trust_tui.session import AppData

__all__ = ["TodayScreen"]


WELCOME = (
    "Welcome. What you write here stays on this computer, for your eyes only.\n"
    "The guide begins before these actions, with owning what you did: press g.\n"
    "The safety note is on ! at any time.\n"
    "enter logs an action · n adds a note · b picks an earlier day"
)


def _hint(data: AppData) -> str:
    """The keys; on a first visit (nothing logged, no step done), where to begin."""
    if not data.snapshot.active_actions:
        return "No active actions yet: add one on the Actions screen (a)."
    if data.complete:
        started = data.snapshot.logs or any(p.done_on for p in data.snapshot.steps.values())
    else:
        started = data.steps_done or any(data.day_counts or {})
    if not started:
        return WELCOME
    return "enter log · n log with a note · b log an earlier day · u undo the last log"


def _keys_shown(screen: Screen[object]) -> tuple[object, ...]:
    """What the footer shows of the active bindings: keys, labels, actions, enabled, tooltips."""
    return tuple(
        (key, binding.key, binding.description, binding.action, enabled, tooltip)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show
    )


class _Footer(Footer):
    """Textual's Footer, with its keys in the first frame and recomposed only when they change.

    Textual's Footer composes empty, then recomposes once the screen announces its bindings,
    and again at every later announcement (three on the way to the first frame, with identical
    keys): each recompose rebuilds and restyles every key (~8 ms). This one composes its keys
    at once, so the first frame shows them, and recomposes only when the keys shown change. A
    FooterKey is also given its final compact state before it is mounted (Textual mounts it
    compact, then binds it to the footer: two restyles a key). Same keys, same classes, same
    looks. Relies on Textual's `Footer._bindings_ready` and `bindings_changed`
    (tests/app/test_footer_recompose.py).
    """

    _shown: tuple[object, ...] | None = None

    def __init__(self) -> None:
        super().__init__()
        self._bindings_ready = True  # the screen's bindings are known when it composes us

    def bindings_changed(self, screen: Screen[object]) -> None:
        will_recompose = screen.app.app_focus and self.is_attached and screen is self.screen
        if will_recompose:
            shown = _keys_shown(screen)
            if shown == self._shown:
                self._bindings_ready = True
                return
            self._shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        self._shown = _keys_shown(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                bound = "compact" in (getattr(widget, "_reactive_connect", None) or {})
                compact = self.compact if bound else FooterKey.compact._default
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(bool(compact), "-compact", update=False)
            yield widget


class TodayScreen(DataScreen):
    FROM_INDEX = True
    AUTO_FOCUS = "#today-actions"
    BINDINGS = [
        Binding("l", "log", "Log (enter does the same)", id="today.log", show=False),
        Binding("n", "log_note", "Note", id="today.log_note", tooltip="Log with a note"),
        Binding(
            "b", "backfill", "Earlier day", id="today.backfill", tooltip="Log for an earlier date"
        ),
        Binding(
            "u",
            "undo",
            "Undo",
            id="today.undo",
            show=False,
            tooltip="Take back the last log made since opening",
        ),
        Binding(
            "c",
            "calendar",
            "Calendar",
            id="today.calendar",
            show=False,
            tooltip="The action's month",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="today-title", markup=False)
        yield Static(id="today-status", markup=False)
        yield ActionList(id="today-actions")
        yield Static(id="today-why", markup=False)
        yield Static(id="today-hint", markup=False)
        yield _Footer()

    def on_mount(self) -> None:
        self.query_one(ActionList).focus()

    def show_data(self, data: AppData) -> None:
        actions = data.snapshot.active_actions
        self.query_one("#today-title", Static).update(
            f"Today · {data.today.strftime('%A %d %B %Y')}"
        )
        settings = data.snapshot.settings
        due = due_from_streaks(actions, data.streaks, data.today, settings, data.snapshot.pauses)
        if data.complete:
            last = last_done_by_action(data.snapshot.logs, data.today, (a.id for a in actions))
        else:
            last = last_done_from_counts(data.day_counts or {}, data.today, actions)
        last_text = {k: ago(v, data.today) for k, v in last.items()}
        self.query_one(ActionList).show(actions, data.streaks, due, last_text)
        self._show_status(due)
        self.query_one("#today-hint", Static).update(_hint(data))
        self._show_why()

    def _show_status(self, due: DueList) -> None:
        """One line above the list: the check-in due today, or the pause; for space, the note."""
        status = self.query_one("#today-status", Static)
        data = self.trust_app.data
        space = due.pause is not None and due.pause.reason == "space"
        status.set_class(space, "-space")
        # The why-line is a nudge towards the partner: not while they asked for space.
        self.query_one("#today-why", Static).display = not space
        if due.pause is not None:
            until = f" until {due.pause.until:%a %d %b}" if due.pause.until else ""
            line = f"Paused ({due.pause.reason}){until}: nothing is due, and no streak breaks."
            if due.pause.reason == "space":
                line = f"{line}\n\n{self._space_note()}"
            status.update(Content(line))
        elif due.items and due.items[0].checkin_today and data is not None:
            when = data.snapshot.settings.checkin_time
            at = f" at {when:%H:%M}" if when else ""
            status.update(Content(f"Your weekly check-in is due today{at}."))
        elif data is None or not data.snapshot.active_actions:
            status.update("")
        else:
            status.update(
                Content(
                    f"{len(due.items)} still open today or this week."
                    if due.items
                    else "Everything for today and this week is done."
                )
            )

    def _space_note(self) -> str:
        from trust_tui.guide import ContentError, load_space_note

        try:
            return load_space_note()
        except ContentError as error:
            return str(error)

    def _show_why(self) -> None:
        """The highlighted action's standing, and why it matters (its guide step)."""
        why = self.query_one("#today-why", Static)
        data = self.trust_app.data
        action_id = self.query_one(ActionList).highlighted_id
        if data is None or action_id is None:
            why.update("")
            return
        action = data.snapshot.action(action_id)
        streak = data.streaks.get(action_id)
        if action is None or streak is None:
            why.update("")
            return
        step = self.trust_app.guide_step(action.step)
        lines = [user_content(action.name).stylize("bold"), Content(period_phrase(action, streak))]
        if step is not None:
            lines.append(Content(f"Why (step {step.id}, {step.title}): {step.summary}"))
        elif action.description:
            lines.append(user_content(action.description))
        why.update(Content("\n").join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_why()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_log()

    def _highlighted(self) -> str | None:
        return self.query_one(ActionList).highlighted_id

    def action_log(self) -> None:
        if (action_id := self._highlighted()) is not None:
            self.trust_app.start_log(action_id)

    def action_log_note(self) -> None:
        if (action_id := self._highlighted()) is not None:
            self.trust_app.start_log(action_id, with_note=True)

    def action_backfill(self) -> None:
        if (action_id := self._highlighted()) is not None:
            self.trust_app.start_log(action_id, backfill=True)

    def action_undo(self) -> None:
        self.post_message(LogUndoRequested())

    def action_calendar(self) -> None:
        if not self.trust_app.complete:
            self.notify(STILL_READING, timeout=2)
            return
        if (action_id := self._highlighted()) is not None:
            from trust_tui.tui.dialogs.calendar import CalendarDialog

            self.app.push_screen(CalendarDialog(action_id, self.trust_app.today))
