"""Text from a file or the command line, made safe to show on a terminal.

A note, an action name or an argument may hold anything a script or a hand edit put there. Written
raw, an escape sequence could retitle the terminal, move the cursor or hide what follows, and a
bidi override could make a line read differently from what it holds. `visible` is the one rule for
every place such text is shown (the command line's output and errors, and the app): C0 and C1
controls other than newline and tab are shown as a visible stand-in, and so are the bidi
embeddings, overrides and isolates. The stored text is never changed by it.

`fit` is the one rule for cutting a name or a note to a width: by terminal cells (a CJK character
or most emoji take two, a combining accent none), so a wide name never overflows its column, with
"…" where it was cut. `pad` fills to a width in cells, for the plain-text tables.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ELLIPSIS", "cell_width", "fit", "pad", "visible", "visible_line"]

ELLIPSIS = "…"
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")

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


def _cells(char: str) -> int:
    if unicodedata.combining(char) or char in _ZERO_WIDTH:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes on one line."""
    if text.isascii():
        return len(text)  # the common case, and the command line's: one cell a character
    return sum(_cells(char) for char in text)


def fit(text: str, width: int) -> str:
    """`text` if it takes at most `width` cells; otherwise cut so that it ends with "…" and takes
    at most `width` cells. A wide character is never split (the result may then be one cell
    short), and a combining mark stays with its letter."""
    if cell_width(text) <= width:
        return text
    if width < 1:
        return ""
    room, kept = width - 1, 0
    for index, char in enumerate(text):
        kept += _cells(char)
        if kept > room:
            return text[:index] + ELLIPSIS
    return text + ELLIPSIS  # not reached: the text was wider than `width`


def pad(text: str, width: int) -> str:
    """`fit(text, width)` with spaces after it to fill exactly `width` cells (a column)."""
    cut = fit(text, width)
    return cut + " " * (width - cell_width(cut))
