"""Helpers of `trust_tui.storage.store`: atomic files, the inter-process lock, backups, the file format.

None of these modules imports TinyDB: `trust_tui/store.py` is the only one that does.
"""
