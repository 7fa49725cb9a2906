"""`python -m trust_tui` is the same as `trust-tui`."""

from trust_tui.cli import main

raise SystemExit(main())
