"""The store across real processes: a kill mid-write, concurrent writers, a lock held elsewhere.

Each child is a fresh `python -c` with its own `Store`; the parent never sleeps, it waits on the
child's output or exit.
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
from trust_tui.storage.atomic import TEMP_MARK
from trust_tui.storage.journal import read_state
from trust_tui.storage.store import LockTimeoutError, Store

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 3, 8, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
DEFAULTS = (Action("stay-in-touch", "Call or message", "day", 1, "3.3"),)

PRELUDE = """
import datetime as dt, os, sys
from pathlib import Path
from trust_tui.domain.models import LogEntry
from trust_tui.storage.store import Store

def entry(uid, n=0):
    return LogEntry(uid, "stay-in-touch", dt.date(2026, 3, 1), f"2026-03-01T20:{n % 60:02d}:00-05:00", f"note {n}")

store = Store(Path(sys.argv[1]))
"""


def child(code: str, db: Path, **kw: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = PRELUDE + textwrap.dedent(code)
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-c", script, str(db)], env=env, text=True, **kw
    )


def entry(uid: str) -> LogEntry:
    return LogEntry(uid, "stay-in-touch", dt.date(2026, 3, 1), "2026-03-01T20:00:00-05:00", "x")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "trust.json"
    store = Store(path, default_actions=DEFAULTS, now=lambda: NOW)
    store.open()
    store.add_log(entry("before"))
    return path


def strays(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if TEMP_MARK in name]


# A change appends to the journal; the file itself is replaced only when the journal is
# compacted into it, so that is where a crash between the temp file and the rename can happen.
CRASH_AT_REPLACE = """
store.add_log(entry("kept"))

def crash(src, dst):
    os._exit(9)  # dies after the temp file was written and fsynced, before the rename

os.replace = crash
store.compact()
"""

PAUSE_AT_REPLACE = """
store.add_log(entry("kept"))

def pause(src, dst):
    print("ready", flush=True)
    sys.stdin.readline()  # the parent kills us here

os.replace = pause
store.compact()
"""


def test_exit_between_temp_write_and_replace_keeps_the_old_file(db: Path) -> None:
    old = db.read_bytes()
    process = child(CRASH_AT_REPLACE, db)
    assert process.wait(timeout=20) == 9
    assert db.read_bytes() == old
    leftover = strays(db.parent)
    assert len(leftover) == 1  # proves the child died at the moment we meant
    assert orjson.loads((db.parent / leftover[0]).read_bytes())["logs"]  # a full temp file
    store = Store(db, now=lambda: NOW)
    assert [log.uid for log in store.open().logs] == ["before", "kept"]  # from the journal
    assert strays(db.parent) == []  # cleaned at open


def test_sigkill_between_temp_write_and_replace_keeps_the_old_file(db: Path) -> None:
    old = db.read_bytes()
    process = child(PAUSE_AT_REPLACE, db, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=20) == -signal.SIGKILL
    assert db.read_bytes() == old
    assert len(strays(db.parent)) == 1
    store = Store(db, now=lambda: NOW)
    assert [log.uid for log in store.open().logs] == ["before", "kept"]
    assert strays(db.parent) == []
    store.add_log(entry("after"))  # the lock died with the child
    assert [log.uid for log in store.load().logs] == ["before", "kept", "after"]


WRITER = """
name = sys.argv[2]
sys.stdin.readline()  # start together
for n in range(200):
    store.add_log(entry(f"{name}-{n}", n))
"""


def test_two_processes_logging_200_each_end_with_400(db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert run_together(PRELUDE + WRITER, db, ("a", "b"), env) == [0, 0]
    logs = Store(db).load().logs
    uids = [log.uid for log in logs]
    assert len(uids) == 401 and len(set(uids)) == 401
    assert {f"{name}-{n}" for name in "ab" for n in range(200)} <= set(uids)
    ids = read_state(db)["logs"].keys()  # type: ignore[index]
    assert sorted(map(int, ids)) == list(range(1, 402))
    assert strays(db.parent) == []


def test_an_open_store_sees_and_keeps_another_process_writes(db: Path) -> None:
    app = Store(db, now=lambda: NOW)
    app.open()
    signature = app.signature()
    assert child('store.add_log(entry("from-cli"))', db).wait(timeout=20) == 0
    assert app.signature() != signature
    assert [log.uid for log in app.load().logs] == ["before", "from-cli"]
    app.add_log(entry("from-app"))
    assert child('store.add_log(entry("cli-2"))', db).wait(timeout=20) == 0
    app.add_log(entry("app-2"))  # the app's cache is stale; it must re-read under the lock
    assert [log.uid for log in Store(db).load().logs] == [
        "before",
        "from-cli",
        "from-app",
        "cli-2",
        "app-2",
    ]


HOLD_LOCK = """
from trust_tui.storage.filelock import FileLock, lock_path_for
with FileLock(lock_path_for(Path(sys.argv[1])), shared=False, timeout=5):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_a_lock_held_by_another_process_times_out(db: Path) -> None:
    old = db.read_bytes()
    holder = child(HOLD_LOCK, db, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "locked"
    store = Store(db, lock_timeout=0.3)
    with pytest.raises(LockTimeoutError, match="locked by another trust-tui"):
        store.add_log(entry("blocked"))
    holder.stdin.write("release\n")
    holder.stdin.flush()
    assert holder.wait(timeout=20) == 0
    assert db.read_bytes() == old
    store.add_log(entry("now"))
    assert [log.uid for log in store.load().logs] == ["before", "now"]
