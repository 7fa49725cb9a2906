"""Pausing Python's cyclic garbage collector while a whole data file is turned into objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused", "pause_for_start_up", "resume_after_start_up"]

_paused_for_start_up = False


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """No cyclic collection while a file's entries are built (~1.5 million objects at 50,000
    logs, none of them cyclic garbage): each allocation burst would otherwise trigger
    collections that rescan what was decoded, about a third of the load.

    With `freeze`, what is alive afterwards is moved out of the collector's reach for good (it
    is still freed by reference counting when replaced). Resumed afterwards unless it was
    already paused; a concurrent pause elsewhere at worst collects a little earlier.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()


def pause_for_start_up() -> None:
    """No cyclic collection until the app's first frame (`resume_after_start_up`).

    Importing Textual and building the first screen make some 200,000 objects that live as
    long as the app; on the way to the first frame they cost a full collection (~25 ms) and
    many young ones (~25 ms), a third of the start-up (docs/design.md §8)."""
    global _paused_for_start_up
    if gc.isenabled():
        gc.disable()
        _paused_for_start_up = True


def resume_after_start_up() -> None:
    """After the first frame: what start-up made is moved out of the collector's reach (as
    `collector_paused(freeze=True)` does for the logs), then collection resumes. Only undoes
    `pause_for_start_up`, and only once."""
    global _paused_for_start_up
    if _paused_for_start_up:
        _paused_for_start_up = False
        gc.freeze()
        gc.enable()
