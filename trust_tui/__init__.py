"""trust-tui: a private terminal companion for rebuilding a partner's trust."""

__version__ = "0.1.0"
