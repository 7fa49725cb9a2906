"""Small helpers for tests of the app and its session (no sleeps: wait for workers, or for a
condition, a bounded number of turns)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot

if TYPE_CHECKING:
    from trust_tui.session import Session

SIZE = (100, 32)


async def settle(pilot: Pilot[Any]) -> None:
    """Let every worker (disk writes, reloads) finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], object], *, tries: int = 50
) -> bool:
    """Let the app handle its messages until `condition()` holds (a bounded number of turns,
    never a clock): True when it holds. For a change that arrives through a chain of messages."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause()
    return bool(condition())


def screen_text(pilot: Pilot[Any]) -> str:
    """What the terminal shows right now, as plain text lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def file_raw(db: Path) -> dict[str, Any]:
    """The data file with its journal replayed: what the next reader of the disk gets."""
    from trust_tui.storage.journal import read_state

    raw = read_state(db)
    if raw is None:
        raise FileNotFoundError(db)
    return raw


def file_logs(db: Path) -> list[dict[str, Any]]:
    """The log documents on disk, in file order."""
    return list(file_raw(db).get("logs", {}).values())


def file_actions(db: Path) -> list[dict[str, Any]]:
    return list(file_raw(db).get("actions", {}).values())


def file_meta(db: Path) -> dict[str, Any]:
    return next(iter(file_raw(db).get("meta", {}).values()))


def disk_bytes(db: Path) -> bytes:
    """Everything written for `db`: the main file and its journal (a change appends to the
    journal, so comparing the main file alone would miss it)."""
    from trust_tui.storage.journal import journal_path_for

    journal = journal_path_for(db)
    return db.read_bytes() + b"\0journal\0" + (journal.read_bytes() if journal.exists() else b"")


def hand_edit(db: Path, raw: dict[str, Any]) -> None:
    """Write `raw` as the whole data file, as a person or a script editing it would: the
    journal and the index beside it go (they belonged to the file as it was)."""
    import orjson

    from trust_tui.storage.index import index_path_for
    from trust_tui.storage.journal import journal_path_for

    db.write_bytes(orjson.dumps(raw))
    journal_path_for(db).unlink(missing_ok=True)
    index_path_for(db).unlink(missing_ok=True)


async def highlight(pilot: Pilot[Any], action_id: str) -> None:
    """Move Today's cursor to an action's row."""
    from trust_tui.tui.widgets.action_list import ActionList

    table = pilot.app.screen.query_one(ActionList)
    table.move_cursor(row=table.get_row_index(action_id))
    await pilot.pause()


LONG_NAME = "準時に連絡する" * 5 + "x" * 10
"""45 characters, 80 cells wide (CJK counts double): the longest a row must hold."""


def add_long_action(db: Path) -> None:
    """An entry for a default action, then a day action named LONG_NAME with an entry "on time"."""
    from trust_tui.cli import main
    from trust_tui.guide import load_default_actions
    from trust_tui.storage.store import Store
    from trust_tui.tui.dialogs.action_form import build_action

    assert main(["--db", str(db), "log", "stay-in-touch"]) == 0
    store = Store(db, default_actions=load_default_actions())
    actions = store.open().actions
    action = build_action(
        None, actions, name=LONG_NAME, cadence="day", target="2", step="3.3", description=""
    )
    store.upsert_action(action)
    assert main(["--db", str(db), "log", action.id, "--note", "on time"]) == 0


def open_session(db: Path) -> Session:
    """A Session on `db` as the app opens it (default actions, the pinned clock)."""
    from trust_tui import clock
    from trust_tui.guide import load_default_actions
    from trust_tui.session import Session
    from trust_tui.storage.store import Store

    session = Session(
        Store(db, default_actions=load_default_actions(), now=clock.now), db, clock.now
    )
    session.open()
    return session


def run_cli(*args: str) -> int:
    """`trust-tui ARGS…` in this process: its exit code, whether `main` returns it or argparse
    raises SystemExit with it."""
    from trust_tui.cli import main

    try:
        return main(list(args))
    except SystemExit as exit_info:
        return int(exit_info.code or 0)


def run_probe(code: str, *args: str) -> Any:
    """Run `code` in a fresh interpreter (the clock pinned, this checkout first on the path)
    and return the JSON it prints last: what a whole process imports cannot be seen from
    inside the test's own, which has imported everything."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "TRUST_TUI_NOW": "2026-11-27T20:00:00+01:00"}
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_together(code: str, db: Path, names: tuple[str, ...], env: dict[str, str]) -> list[int]:
    """One Python process per name, running `code` with argv [db, name]; each waits on stdin,
    so all are released at once (a real race on the file), then their exit codes."""
    import subprocess
    import sys

    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(db), name],
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        for name in names
    ]
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    return [process.wait(timeout=60) for process in processes]
