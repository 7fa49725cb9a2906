"""One screen per file. Imported on demand (the Guide's Markdown is costly at start-up)."""

from __future__ import annotations

__all__ = [
    "ActionsScreen",
    "GuideScreen",
    "HelpScreen",
    "HistoryScreen",
    "ProblemScreen",
    "SafetyScreen",
    "SettingsScreen",
    "TodayScreen",
    "WeekScreen",
]

_MODULES = {
    "ActionsScreen": "actions",
    "GuideScreen": "guide",
    "HelpScreen": "help",
    "HistoryScreen": "history",
    "ProblemScreen": "problem",
    "SafetyScreen": "safety",
    "SettingsScreen": "settings",
    "TodayScreen": "today",
    "WeekScreen": "week",
}


def __getattr__(name: str) -> object:
    # Lazy re-exports: `from trust_tui.tui.screens import WeekScreen` imports only week.py.
    if name in _MODULES:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
