"""Text from a file or the command line, made safe to show on a terminal.

A note, an action name or an argument may hold anything a script or a hand edit put there. Written
raw, an escape sequence could retitle the terminal, move the cursor or hide what follows, and a
bidi override could make a line read differently from what it holds. `visible` is the one rule for
every place such text is shown (the command line's output and errors, and the app): C0 and C1
controls other than newline and tab are shown as a visible stand-in, and so are the bidi
embeddings, overrides and isolates. The stored text is never changed by it.
"""

from __future__ import annotations

import re

__all__ = ["visible", "visible_line"]

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
REPLACEMENT = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT  # C1 controls and bidi controls have no picture of their own


def visible(text: str) -> str:
    """`text` with every control that could act on a terminal replaced by a visible stand-in;
    newlines and tabs are kept."""
    if _UNSAFE.search(text) is None:
        return text  # the common case: nothing to copy
    return _UNSAFE.sub(_stand_in, text)


def visible_line(text: str) -> str:
    """Like `visible`, for a one-line place (a table cell, an error message): newlines and tabs
    are shown as stand-ins too, so one value cannot break the layout around it."""
    if _UNSAFE_LINE.search(text) is None:
        return text
    return _UNSAFE_LINE.sub(_stand_in, text)
