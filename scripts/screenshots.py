"""Regenerate screenshots/: one SVG per screen, from demo data with a pinned clock.

    .venv/bin/python scripts/screenshots.py [OUTPUT_FOLDER]

The README shows these pictures; a test runs this script into a temporary folder so it
cannot rot. Nothing here reads or writes the user's own data.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
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

    out = out.absolute()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, pinned_environment(Path(tmp)) as db:
        if main(["--db", str(db), "demo"]) != 0:
            raise SystemExit("could not build the demo data")
        return [asyncio.run(_shoot(db, name, keys, out)) for name, keys in SHOTS]


@contextlib.contextmanager
def pinned_environment(home: Path) -> Iterator[Path]:
    """A pinned clock and a throw-away home whose default data file is returned.

    The Settings screen shows the data file's path; inside a throw-away home it reads
    `~/.local/share/trust-tui/trust-tui.json` on every machine, so pictures do not change.
    """
    names = ("TRUST_TUI_NOW", "HOME", "XDG_DATA_HOME", "TRUST_TUI_DB")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(
        TRUST_TUI_NOW=NOW, HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share")
    )
    os.environ.pop("TRUST_TUI_DB", None)
    try:
        from trust_tui.paths import default_db_path

        db = default_db_path()
        db.parent.mkdir(parents=True, mode=0o700)
        yield db
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    for path in generate(target):
        print(path.relative_to(target.parent) if path.is_relative_to(target.parent) else path)
