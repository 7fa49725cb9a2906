"""`trust_tui.app.TrustApp(db_path=...)`: the import path the command line contract names for
building the full-screen app (docs/design.md). The class lives in `trust_tui.tui.app`."""

from trust_tui.tui.app import TrustApp

__all__ = ["TrustApp"]
