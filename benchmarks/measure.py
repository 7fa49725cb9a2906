"""How each figure of the benchmark is taken. `run.py` repeats these and compares them.

- Whole processes to their first frame (`first_frame`): the program runs under a pseudo-terminal
  (100×32, TERM=xterm-256color) exactly as a user starts it; the clock starts in the parent just
  before the spawn and stops when the terminal output, with escape sequences removed, first holds
  every marker text. Its peak resident memory (VmHWM: the high-water mark since exec, so the
  forked copy of this runner does not count) is read SETTLE seconds later, then ctrl+q is typed
  (both apps quit on it). The bare Textual app and `trust-tui` are measured the same way.
- Whole processes to their exit (`process_seconds`): spawn to exit, output discarded.
- In-process figures (`keypress_seconds`, `summary_seconds`): `time.perf_counter` around the work.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.reference import reference_summary
from trust_tui.domain.models import Snapshot
from trust_tui.domain.streaks import all_streaks
from trust_tui.domain.summary import weekly_summary

TERMINAL_SIZE = (100, 32)
SETTLE = float(os.environ.get("BENCH_SETTLE", "1.5"))
"""Seconds after the first frame before the peak memory is read: trust-tui draws its first frame
from the index and reads every log right after it (about 0.3 s at 50,000 logs), and the peak
must include that read. Its first poll is at 2 s."""
WEEKS = 12
_ESCAPES = re.compile(
    rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])"
)


class BenchmarkError(RuntimeError):
    """A measured program did not behave (no first frame, a failed command)."""


def first_frame(
    argv: Sequence[str], markers: Sequence[str], env: dict[str, str], timeout: float = 60.0
) -> tuple[float, int]:
    """(seconds from spawn to the first frame showing every marker, peak RSS in KiB)."""
    peak = 0
    master, slave = os.openpty()
    columns, rows = TERMINAL_SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    wanted = [m.encode() for m in markers]
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen: float | None = None
    output = b""
    deadline = start + timeout
    try:
        while True:
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.perf_counter()))
            if not ready:
                break
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            if seen is None:
                output += chunk
                text = _ESCAPES.sub(b"", output)
                if all(m in text for m in wanted):
                    seen = time.perf_counter() - start
                    peak = _peak_rss(child.pid, master)
                    os.write(master, b"\x11")  # ctrl+q
    finally:
        if seen is None and child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        _, status, _ = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        os.close(master)
    if seen is None:
        tail = _ESCAPES.sub(b"", output)[-400:].decode(errors="replace")
        raise BenchmarkError(f"{argv} showed no frame with {list(markers)}; it printed: {tail!r}")
    return seen, peak


def _peak_rss(pid: int, master: int) -> int:
    """VmHWM of `pid` in KiB after SETTLE seconds (reading the terminal meanwhile)."""
    until = time.perf_counter() + SETTLE
    while (left := until - time.perf_counter()) > 0:
        if select.select([master], [], [], left)[0]:
            try:
                os.read(master, 1 << 16)
            except OSError:
                break
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise BenchmarkError(f"no VmHWM for process {pid}")


def process_seconds(argv: Sequence[str], env: dict[str, str]) -> float:
    """Seconds from spawn to exit of a process that must succeed."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise BenchmarkError(f"{argv} failed ({done.returncode}): {done.stderr.decode().strip()}")
    return seconds


def keypress_seconds(
    db_path: Path, presses: int, action_id: str = "appreciation-note"
) -> list[float]:
    """Seconds from the key press `l` on Today to the repainted Today screen, `presses` times.

    A weekly action with a target above one: a second log of a daily action on the same day
    asks first (a dialog, not a repaint of Today).

    The app runs headless under Textual's Pilot. The action's row is highlighted first; each
    press is sent as Pilot sends keys (a Key event through the driver) and the clock stops when
    the screen has been refreshed after the new data was published (a callback subscribed to
    `data_changed` that asks the Today screen for `call_after_refresh`). Pilot's own `press`
    is not used for timing: it sleeps in 20 ms steps waiting for the CPU to go idle.

    The disk write runs in the app's thread worker, concurrently with the repaint, exactly as
    in use; we let it finish *between* presses (nobody logs eleven times a second).
    """
    return asyncio.run(_keypresses(db_path, presses, action_id))


async def _keypresses(db_path: Path, presses: int, action_id: str) -> list[float]:
    from textual import events

    from trust_tui.app import TrustApp
    from trust_tui.tui.widgets.action_list import ActionList

    app = TrustApp(db_path=db_path)
    times: list[float] = []
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        assert app.data is not None, f"the app could not open {db_path}: {app.problem}"
        screen = app.screen
        table = screen.query_one(ActionList)
        table.move_cursor(row=table.get_row_index(action_id))
        refreshed = asyncio.Event()
        app.data_changed.subscribe(app, lambda _: screen.call_after_refresh(refreshed.set))
        for _ in range(presses):
            await app.workers.wait_for_complete()
            app.clear_notifications()
            await pilot.pause()
            refreshed.clear()
            before = len(app.data.snapshot.logs)
            key = events.Key("l", "l")
            key.set_sender(app)
            start = time.perf_counter()
            app._driver.send_message(key)  # as Pilot.press does
            await asyncio.wait_for(refreshed.wait(), 30)
            times.append(time.perf_counter() - start)
            if len(app.data.snapshot.logs) != before + 1:
                raise BenchmarkError("the key press did not log the highlighted action")
            if table.get_row(action_id)[1].plain != _progress(app, action_id):
                raise BenchmarkError("the Today screen did not show the new log")
        await app.workers.wait_for_complete()
    return times


def _progress(app: object, action_id: str) -> str:
    from trust_tui.domain.wording import progress_label

    data = app.data  # type: ignore[attr-defined]
    action = data.snapshot.action(action_id)
    return progress_label(action, data.streaks[action_id].this_period)


def summary_work(snapshot: Snapshot, today: dt.date) -> Callable[[], object]:
    """The app's summary work (as `session.build_data`): all streaks plus 12 weeks."""
    week_start = snapshot.settings.week_start_index

    def work() -> object:
        streaks = all_streaks(snapshot.actions, snapshot.logs, today, week_start)
        return streaks, weekly_summary(
            snapshot.actions, snapshot.logs, today, snapshot.settings, WEEKS
        )

    return work


def reference_work(snapshot: Snapshot, today: dt.date) -> Callable[[], object]:
    """The plain-`datetime` reference loop over the same loaded logs."""
    week_start = snapshot.settings.week_start_index
    return lambda: reference_summary(snapshot.actions, snapshot.logs, today, week_start, WEEKS)


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start
