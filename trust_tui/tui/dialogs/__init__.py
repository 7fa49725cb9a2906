"""Dialogs: modal screens, each returning its result with `dismiss(value)`."""
