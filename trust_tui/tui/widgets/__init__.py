"""Widgets: one per file, each showing data it is given (none reads the store)."""
