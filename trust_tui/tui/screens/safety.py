"""The guide's safety note, one key (`!`) away from every screen (docs/design.md §7)."""

from __future__ import annotations

from textual.binding import Binding

from trust_tui.guide import ContentError, load_guide
from trust_tui.tui.dialogs.document import DocumentScreen

__all__ = ["FALLBACK_SAFETY", "SafetyScreen"]

FALLBACK_SAFETY = """\
If your partner becomes aggressive or threatening, or you fear for anyone's safety, step away
and get help: contact local emergency services or a domestic-abuse helpline.

This app is a companion, not a counsellor. A couples or individual therapist can help where it
cannot.
"""
"""Shown only if the guide's own note cannot be read: safety must never depend on a file."""


def safety_text() -> str:
    try:
        return load_guide().safety
    except ContentError:
        return FALLBACK_SAFETY


class SafetyScreen(DocumentScreen):
    BINDINGS = [
        # `!` again closes it, so the app's `!` never stacks a second copy on top.
        Binding("exclamation_mark", "close", "Close", show=False, id="safety.close"),
    ]

    def __init__(self, text: str | None = None) -> None:
        super().__init__("Safety first", text if text is not None else safety_text(), id="safety")
