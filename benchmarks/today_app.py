"""The second reference app of the start-up budget: Today's widget tree with no data.

The same widgets as trust-tui's Today screen, in the same order (Header, the title, the status
line, the action table with its six columns and placeholder rows, the bordered detail pane, the
hint, the Footer with the same bindings and its keys drawn in the first frame as Today's are),
with no project code and no data file, and only the
few layout rules of Today's panes as CSS: what any app showing that screen pays before it reads
a byte. `tests/unit/test_benchmarks_today.py` keeps it in step with Today. Run as a whole
process by the benchmark, exactly like `trust-tui`; it quits on ctrl+q.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static


class KeysAtOnce(Footer):
    """Textual's Footer with its keys in its first compose, as Today's has them (the stock one
    composes empty and adds its keys a frame or more later, so the first frame would lack
    the ten key widgets Today draws)."""

    def __init__(self) -> None:
        super().__init__()
        self._bindings_ready = True


MARKER = "today-reference-first-frame"
"""Text of the hint line: the runner watches the terminal output for it."""
FOOTER_MARKER = "Earlier day"
"""A key of the Footer (Today's own, drawn in Today's first frame as in the reference's): the
runner waits for it too, in both apps, so both first frames hold the whole tree."""

ROWS = 6
COLUMNS = ("Action", "This period", "Streak", "Step", "Due", "Last done")
DETAIL = (
    "Action 1\n"
    "0/1 this week; streak 10 weeks.\n"
    "Why (step 3.1, a step title): a sentence of about the length of a step's summary, which "
    "wraps onto a second line at 100 columns."
)


class TodayReferenceApp(App[None]):
    CSS = """
    #title, #status { padding: 0 1; }
    #table { height: auto; max-height: 12; margin: 1 0 0 0; }
    #detail { margin: 1 1 0 1; padding: 0 1; border-left: thick $primary; height: auto; }
    #hint { padding: 1 1 0 1; }
    """
    BINDINGS = [
        # Today's keys, each with an action of its own as in the app (one no-op with a
        # different argument): the Footer shows one key per action, so bindings sharing one
        # action would draw a single key.
        Binding("n", "noop('note')", "Note"),
        Binding("b", "noop('earlier')", "Earlier day"),
        Binding("l", "noop('log')", "Log", show=False),
        Binding("t", "noop('today')", "Today"),
        Binding("w", "noop('week')", "Week"),
        Binding("h", "noop('history')", "History"),
        Binding("g", "noop('guide')", "Guide"),
        Binding("a", "noop('actions')", "Actions", show=False),
        Binding("s", "noop('settings')", "Settings", show=False),
        Binding("question_mark", "noop('help')", "Help"),
        Binding("exclamation_mark", "noop('safety')", "Safety"),
        Binding("q", "noop('quit')", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Today", id="title", markup=False)
        yield Static("3 still open today or this week.", id="status", markup=False)
        yield DataTable(id="table", cursor_type="row", zebra_stripes=False)
        yield Static(DETAIL, id="detail", markup=False)
        yield Static(MARKER, id="hint", markup=False)
        yield KeysAtOnce()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column)
        for row in range(ROWS):
            table.add_row(f"Action {row + 1}", "0/1 today", "–", "3.3", "due", "5 days ago")
        table.focus()

    def action_noop(self, name: str) -> None:
        pass


if __name__ == "__main__":
    TodayReferenceApp().run()
