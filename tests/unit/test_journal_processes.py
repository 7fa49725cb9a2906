"""The journal across real processes: SIGKILL mid-append and mid-compaction, two `trust-tui log`
processes at once, the app's store and the command line together.

Each child is a fresh interpreter; the parent never sleeps, it waits on the child's output or
exit (as tests/unit/test_store_processes.py does).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest
from app_helpers import run_together

from trust_tui.domain.models import Action, LogEntry
from trust_tui.storage import journal
from trust_tui.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-27T20:00:00+01:00"
DEFAULTS = (Action("stay-in-touch", "Call or message", "day", 1, "3.3"),)

PRELUDE = """
import datetime as dt, os, sys
from pathlib import Path
from trust_tui.domain.models import LogEntry
from trust_tui.storage.store import Store

def entry(uid):
    return LogEntry(uid, "stay-in-touch", dt.date(2026, 11, 27), "2026-11-27T20:00:00+01:00", "x")

store = Store(Path(sys.argv[1]))
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "TRUST_TUI_NOW": NOW}


def child(code: str, db: Path, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code), str(db)],
        env=env(),
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        **kw,
    )


def kill_when_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=20) == -signal.SIGKILL


def entry(uid: str) -> LogEntry:
    return LogEntry(uid, "stay-in-touch", dt.date(2026, 11, 27), "2026-11-27T20:00:00+01:00", "x")


def uids(db: Path) -> list[str]:
    return [log.uid for log in Store(db).load().logs]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "trust.json"
    store = Store(path, default_actions=DEFAULTS, now=lambda: dt.datetime.fromisoformat(NOW))
    store.open()
    store.add_log(entry("before"))
    return path


HALF_WRITTEN_LINE = """
real = os.write

def half(fd, data):
    written = real(fd, bytes(data)[: len(data) // 2])  # half a line reaches the file
    print("ready", flush=True)
    sys.stdin.readline()  # the parent kills us here
    return written

os.write = half
store.add_log(entry("torn"))
"""


def test_sigkill_mid_append_leaves_a_torn_tail_that_is_ignored_then_cut(db: Path) -> None:
    size = journal.journal_path_for(db).stat().st_size
    kill_when_ready(child(HALF_WRITTEN_LINE, db))
    data = journal.journal_path_for(db).read_bytes()
    assert len(data) > size and journal.parse(data).torn  # proves the kill fell mid-line
    assert uids(db) == ["before"]
    store = Store(db)
    store.add_log(entry("after"))  # the lock died with the child; the tail is cut first
    assert not journal.parse(journal.journal_path_for(db).read_bytes()).torn
    assert uids(db) == ["before", "after"]


BEFORE_JOURNAL_REMOVED = """
store.add_log(entry("kept"))
real = os.unlink

def pause(path, *args, **kwargs):
    if str(path).endswith(".journal"):
        print("ready", flush=True)  # the new file is in place; the old journal is still there
        sys.stdin.readline()
    return real(path, *args, **kwargs)

os.unlink = pause
store.compact()
"""


def test_sigkill_after_compaction_before_the_journal_is_removed_doubles_nothing(db: Path) -> None:
    kill_when_ready(child(BEFORE_JOURNAL_REMOVED, db))
    assert journal.journal_path_for(db).exists()
    on_disk = orjson.loads(db.read_bytes())
    assert sorted(d["uid"] for d in on_disk["logs"].values()) == ["before", "kept"]
    assert uids(db) == ["before", "kept"]  # the stale journal is not replayed again
    Store(db).add_log(entry("after"))
    assert uids(db) == ["before", "kept", "after"]


CLI_WRITER = """
import sys
from trust_tui.cli import main
sys.stdin.readline()  # start together
for n in range(25):
    assert main(["--db", sys.argv[1], "log", "stay-in-touch", "--note", f"{sys.argv[2]}-{n}"]) == 0
"""


def test_two_log_commands_appending_at_once_lose_and_double_nothing(db: Path) -> None:
    assert run_together(CLI_WRITER, db, ("a", "b"), env()) == [0, 0]
    raw = journal.read_state(db)
    assert raw is not None
    notes = sorted(d["note"] for d in raw["logs"].values())
    assert notes == sorted(["x"] + [f"{name}-{n}" for name in "ab" for n in range(25)])
    assert sorted(map(int, raw["logs"])) == list(range(1, 52))
    assert len(Store(db).load().logs) == 51


def test_the_app_store_and_the_command_line_together(db: Path) -> None:
    app = Store(db)
    app.open()
    cli = [sys.executable, "-m", "trust_tui", "--db", str(db), "log", "stay-in-touch"]
    for n in range(5):
        assert subprocess.run([*cli, "--note", f"cli-{n}"], env=env(), check=False).returncode == 0
        app.add_log(entry(f"app-{n}"))
        if n == 2:
            app.delete_log("before")
        if n == 3:
            assert app.compact()
    seen = [log.uid if log.uid.startswith("app-") else log.note for log in app.load().logs]
    assert sorted(seen) == sorted([f"cli-{n}" for n in range(5)] + [f"app-{n}" for n in range(5)])
    assert [log.uid for log in Store(db).load().logs] == [log.uid for log in app.load().logs]
