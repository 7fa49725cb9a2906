"""The app's stylesheet: Textual's, without re-parsing what has not changed."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

__all__ = ["CachedStylesheet"]


class CachedStylesheet(Stylesheet):
    """Textual's `Stylesheet`, whose `reparse` keeps the rules it parsed from each source.

    Textual refreshes the CSS when it first shows each screen, and its `reparse` then parses
    every stylesheet again from scratch (app.tcss and every widget's defaults: ~8 ms at
    start-up, docs/design.md §8), although parsing gives the same rules until the variables
    change. Here `set_variables` with new variables (a theme change) still clears the cache,
    so `reparse` is `parse` over the cache: same rules, same errors. Relies on Textual's
    `Stylesheet._variables` (tests/app/test_startup.py checks the result)."""

    @classmethod
    def replacing(cls, stylesheet: Stylesheet) -> CachedStylesheet:
        """One to stand in for Textual's, with its variables (computing them again from the
        theme costs ~2 ms of start-up)."""
        cached = cls(variables=dict(stylesheet._variables))
        cached.source = stylesheet.source.copy()
        return cached

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:
            super().set_variables(variables)

    def reparse(self) -> None:
        self.parse()
