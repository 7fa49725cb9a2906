"""The app's stylesheet: Textual's, without parsing what has not changed."""

from __future__ import annotations

import os
import pickle
import stat
import zlib
from pathlib import Path
from typing import Any

from textual.css import model, parse
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

__all__ = ["CachedStylesheet", "css_cache_dir"]


def css_cache_dir() -> Path:
    """The user's cache folder for trust-tui (`~/.cache/trust-tui` on Linux)."""
    from platformdirs import user_cache_path

    return user_cache_path("trust-tui", appauthor=False)


class CachedStylesheet(Stylesheet):
    """Textual's `Stylesheet`, keeping what it parsed from each source.

    In the process: Textual refreshes the CSS when it first shows each screen, and its `reparse`
    then parses every stylesheet again from scratch (app.tcss and every widget's defaults: ~8 ms
    at start-up, docs/design.md §8), although parsing gives the same rules until the variables
    change. Here `set_variables` with new variables (a theme change) still clears the cache,
    so `reparse` is `parse` over the cache: same rules, same errors.

    Between runs (with a `cache_dir`): the rules parsed from app.tcss (~6 ms of every start)
    are kept in a file there, with everything they were parsed from (the CSS text, the theme's
    variables, the Textual files that parse it); a file that does not match exactly, cannot be
    read, or lies in a folder someone else could write to is ignored and the CSS is parsed.
    The cache holds no data of the user's: only the app's own stylesheet.

    Relies on Textual's `Stylesheet._variables` and `_parse_rules` (tests/app/test_startup.py
    checks the result), pinned to Textual 8.2 in pyproject."""

    cache_dir: Path | None = None

    @classmethod
    def replacing(cls, stylesheet: Stylesheet, cache_dir: Path | None = None) -> CachedStylesheet:
        """One to stand in for Textual's, with its variables (computing them again from the
        theme costs ~2 ms of start-up)."""
        cached = cls(variables=dict(stylesheet._variables))
        cached.source = stylesheet.source.copy()
        cached.cache_dir = cache_dir
        return cached

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:
            super().set_variables(variables)

    def reparse(self) -> None:
        self.parse()

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[Any]:
        args = (css, read_from, is_default_rules, tie_breaker, scope)
        if self.cache_dir is None or is_default_rules or not read_from[0].endswith(".tcss"):
            return super()._parse_rules(*args)
        if args in self._parse_cache:
            return self._parse_cache[args]  # type: ignore[no-any-return]
        key = (*args, sorted(self._variables.items()), _parser_stamp())
        path = self.cache_dir / f"css-{zlib.crc32(repr(key).encode()):08x}.pickle"
        rules = _load(path, key)
        if rules is None:
            rules = super()._parse_rules(*args)
            _save(path, key, rules)
        self._parse_cache[args] = rules
        return rules


def _parser_stamp() -> tuple[int, ...]:
    """Changes when Textual's CSS parser or rule model changes (an upgrade): their files'
    sizes and times."""
    stamp: list[int] = []
    for module in (parse, model):
        st = os.stat(module.__file__ or "")
        stamp += [st.st_size, st.st_mtime_ns]
    return tuple(stamp)


def _private_folder(folder: Path) -> bool:
    """Ours, and no one else may write to it (then no one else can have put a file there)."""
    try:
        st = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


def _load(path: Path, key: tuple[object, ...]) -> list[Any] | None:
    if not _private_folder(path.parent):
        return None
    try:
        with open(path, "rb") as file:
            stored_key, rules = pickle.load(file)  # noqa: S301 - our own file, in our own folder
    except Exception:  # noqa: BLE001 - missing, torn, from another version: parse instead
        return None
    return rules if stored_key == key else None  # type: ignore[no-any-return]


def _save(path: Path, key: tuple[object, ...], rules: list[Any]) -> None:
    """Write the cache file (0600, in a 0700 folder) by a rename; failures are ignored."""
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_folder(path.parent):
            return
        data = pickle.dumps((key, rules), protocol=pickle.HIGHEST_PROTOCOL)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, path)
    except Exception:  # noqa: BLE001 - a cache: never worth stopping the app for
        try:
            os.unlink(temp)
        except OSError:
            pass
