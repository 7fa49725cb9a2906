"""A yes/no question in a small modal; dismisses with True or False. The safe answer has the
focus; the other is red only when it takes something away (a delete, an unmark)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

__all__ = ["ConfirmDialog"]


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", "No", id="confirm.no"),
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
    ]

    def __init__(
        self,
        question: Content,
        yes: str = "Delete",
        no: str = "Keep it",
        *,
        destructive: bool = True,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.yes, self.no = yes, no
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                if self.destructive:
                    yield Button(f"{self.yes}  y", id="confirm-yes", variant="error")
                    yield Button(f"{self.no}  n", id="confirm-no", variant="primary")
                else:  # logging a day long ago, or twice: nothing is lost either way
                    yield Button(f"{self.yes}  y", id="confirm-yes", variant="primary")
                    yield Button(f"{self.no}  n", id="confirm-no", variant="default")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
