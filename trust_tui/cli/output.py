"""Everything the command line prints goes through here: text from the data file or the command
line is made visible (`trust_tui.domain.text.visible`), so no sink can pass an escape sequence
to the terminal."""

from __future__ import annotations

import json
import re
import sys

from trust_tui.domain.text import visible

# JSON escapes C0 controls itself; C1 controls, DEL and bidi controls it passes raw. As `\uXXXX`
# escapes they are the same JSON string, so the data is exactly what is stored.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def say(text: str = "") -> None:
    """One line (or several) of ordinary output."""
    sys.stdout.write(visible(text) + "\n")


def fail(message: str) -> None:
    """One sentence on stderr."""
    sys.stderr.write(f"trust-tui: {visible(message)}\n")


def json_text(value: object) -> str:
    """JSON for standard output or a file: user text kept exactly, never raw controls."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
