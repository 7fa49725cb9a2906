"""What the guide draws on (`content/sources.md`), opened from the Guide screen."""

from __future__ import annotations

from trust_tui.guide import load_guide
from trust_tui.tui.dialogs.document import DocumentScreen

__all__ = ["SourcesScreen"]


class SourcesScreen(DocumentScreen):
    def __init__(self, text: str | None = None) -> None:
        super().__init__(
            "Sources", text if text is not None else load_guide().sources, id="sources"
        )
