"""Opening the data file for the app, in a thread that starts before Textual is imported.

The command line starts `open_in_background` first thing, so the session's modules, the index and
the first frame's figures are read while the main thread imports Textual (~130 ms); the app then
finds them ready when it composes Today instead of waiting for them (docs/design.md §8). No
Textual here: the command line never imports it unless it opens the app.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trust_tui.session import AppData, Session
    from trust_tui.storage.store import Store

__all__ = ["Opened", "open_for_app", "open_in_background"]

Opened = tuple["Session", "AppData"]


def open_for_app(db_path: Path, *, from_index: bool) -> Opened:
    """The session and the first frame's data: from the derived index when `from_index` and it
    can serve (the logs are read right after the first frame), else from the whole file."""
    from trust_tui import clock
    from trust_tui.session import Session

    def make_store() -> Store:
        # Made on the first full read: the first frame needs neither the store nor TinyDB.
        from trust_tui.guide import load_default_actions
        from trust_tui.storage.store import Store

        # The plain clock: the app's figures are plain dates (docs/design.md §8), and
        # wrapping each reading in pendulum cost its 20 ms import before the first frame.
        return Store(db_path, default_actions=load_default_actions(), now=clock.now_plain)

    session = Session(make_store, db_path, clock.now_plain)
    data = session.open_from_index() if from_index else None
    if data is None:
        data = session.open()
    _read_steps(data)
    return session, data


def _read_steps(data: AppData) -> None:
    """Read the guide step Today's why line names on its first frame (cached by
    `guide.load_step`), here rather than on the main thread: the first listed action's, or the
    check-in's on its day. Another row's is read when it is highlighted. Never raises: a step
    that cannot be read is Today's to report."""
    from trust_tui.guide import load_step

    shown = [a for a in data.snapshot.actions if not a.archived and a.id in data.streaks]
    first = shown[:1] + [a for a in shown if a.kind == "check-in"][:1]
    for action in first:
        if action.step:
            try:
                load_step(action.step)
            except Exception:  # noqa: BLE001, S112 - ContentError and the like: Today says it
                continue


def open_in_background(db_path: Path, *, from_index: bool) -> Future[Opened]:
    """`open_for_app` in a daemon thread; its result (or error) lands in the future."""
    future: Future[Opened] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(open_for_app(db_path, from_index=from_index))
        except BaseException as error:  # noqa: BLE001 - handed to the app, which shows it
            future.set_exception(error)

    threading.Thread(target=run, name="trust-tui-open", daemon=True).start()
    return future
