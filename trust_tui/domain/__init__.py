"""Pure domain logic: models, validation, calendar, streaks and summaries.

Nothing here imports Textual or TinyDB (a test enforces it), so the command line and the
benchmarks can use it without paying for the UI.
"""
