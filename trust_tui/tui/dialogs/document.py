"""A modal that shows one of the guide's own documents (the safety note, the sources)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

__all__ = ["DocumentScreen"]


class DocumentScreen(ModalScreen[None]):
    """Title, scrollable Markdown (links never opened), a Close button; escape closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="document.close"),
        Binding("q", "close", "Close", show=False, id="document.close_q"),
        # A modal screen hides the app's keys; the safety note stays one key away.
        Binding("exclamation_mark", "app.safety", "Safety note", show=False, id="document.safety"),
    ]

    def __init__(self, title: str, markdown: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="dialog-screen document-screen")
        self._title = title
        self._markdown = markdown

    def compose(self) -> ComposeResult:
        # Imported here: the Markdown widget is costly and only needed once this opens.
        from textual.widgets import Markdown

        with Vertical(classes="dialog document-dialog"):
            if not self._markdown.lstrip().startswith("# "):  # else the document has its own
                yield Static(Content(self._title), classes="dialog-title")
            with VerticalScroll(classes="document-scroll"):
                yield Markdown(self._markdown, open_links=False, classes="document-body")
            yield Button("Close  esc", variant="primary", classes="document-close")
        yield Footer()  # the dialog's own keys, not those of the screen behind it

    def on_mount(self) -> None:
        self.query_one(".document-scroll", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()

    def on_markdown_link_clicked(self, event: object) -> None:
        # open_links=False: nothing opens; show the address so it can be copied by hand.
        href = getattr(event, "href", "")
        self.notify(href, title="Link", markup=False)

    def action_close(self) -> None:
        self.dismiss()
