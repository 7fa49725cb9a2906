"""Today (the default screen): what is due today and this week, logged with one key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets._footer import FooterKey

from trust_tui.domain.wording import period_phrase
from trust_tui.tui.screens.base import DataScreen
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
    started = data.snapshot.logs or any(p.done_on for p in data.snapshot.steps.values())
    if not started:
        return WELCOME
    return "enter log · n log with a note · b log an earlier day"


def _keys_shown(screen: Screen[object]) -> tuple[object, ...]:
    """What the footer shows of the active bindings: keys, labels, actions, enabled, tooltips."""
    return tuple(
        (key, binding.key, binding.description, binding.action, enabled, tooltip, binding.show)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
    )


class _Footer(Footer):
    """Textual's Footer, with each key given its final compact state before it is mounted.

    A FooterKey is mounted compact, then bound to the (non-compact) footer: two class changes
    a key, each restyling it from scratch: ~18-21 ms in all on the way to the first frame
    (DESIGN §8). Same keys, same classes, same looks; the restyles are skipped.
    """

    _shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Recompose only when the keys shown change: Textual announces new bindings after
        every focus change and mount, three times with identical keys on the way to the first
        frame, and each recompose rebuilds and restyles every key. Relies on Textual's
        `Footer.bindings_changed` (tests/app/test_footer_recompose.py checks it)."""
        will_recompose = screen.app.app_focus and self.is_attached and screen is self.screen
        if will_recompose:
            shown = _keys_shown(screen)
            if shown == self._shown:
                self._bindings_ready = True
                return
            self._shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                bound = "compact" in (getattr(widget, "_reactive_connect", None) or {})
                compact = self.compact if bound else FooterKey.compact._default
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(bool(compact), "-compact", update=False)
            yield widget


class TodayScreen(DataScreen):
    AUTO_FOCUS = "#today-actions"
    BINDINGS = [
        Binding("l", "log", "Log (enter does the same)", id="today.log", show=False),
        Binding("n", "log_note", "Note", id="today.log_note", tooltip="Log with a note"),
        Binding(
            "b", "backfill", "Earlier day", id="today.backfill", tooltip="Log for an earlier date"
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="today-title", markup=False)
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
        self.query_one(ActionList).show(actions, data.streaks)
        self.query_one("#today-hint", Static).update(_hint(data))
        self._show_why()

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
        lines = [Content(action.name).stylize("bold"), Content(period_phrase(action, streak))]
        if step is not None:
            lines.append(Content(f"Why (step {step.id}, {step.title}): {step.summary}"))
        elif action.description:
            lines.append(Content(action.description))
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
