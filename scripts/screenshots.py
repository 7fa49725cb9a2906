"""Regenerate screenshots/: one SVG per screen, from demo data with a pinned clock.

    .venv/bin/python scripts/screenshots.py [OUTPUT_FOLDER]

The README shows these pictures; a test runs this script into a temporary folder so it
cannot rot. Nothing here reads or writes the user's own data.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

NOW = "2026-11-27T20:00:00+01:00"
SIZE = (100, 32)
ROOT = Path(__file__).resolve().parent.parent

# (file name, keys pressed after start-up)
SHOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("today", ()),
    ("week", ("w",)),
    ("history", ("h",)),
    ("guide", ("g",)),
    ("actions", ("a",)),
    ("settings", ("s",)),
    ("help", ("question_mark",)),
    ("safety", ("exclamation_mark",)),
)


async def _shoot(db: Path, name: str, keys: tuple[str, ...], out: Path) -> Path:
    from trust_tui.app import TrustApp

    app = TrustApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(out)))


def generate(out: Path) -> list[Path]:
    """Write every screenshot into `out` and return their paths."""
    from trust_tui.cli import main

    out.mkdir(parents=True, exist_ok=True)
    saved = os.environ.get("TRUST_TUI_NOW")
    os.environ["TRUST_TUI_NOW"] = NOW
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "demo.json"
            if main(["--db", str(db), "demo"]) != 0:
                raise SystemExit("could not build the demo data")
            return [asyncio.run(_shoot(db, name, keys, out)) for name, keys in SHOTS]
    finally:
        if saved is None:
            del os.environ["TRUST_TUI_NOW"]
        else:
            os.environ["TRUST_TUI_NOW"] = saved


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    for path in generate(target):
        print(path.relative_to(target.parent) if path.is_relative_to(target.parent) else path)
