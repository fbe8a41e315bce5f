# Generated from wvorm_core/_async/__init__.py by scripts/unasync.py; do not edit.
"""The source of every client front, written once for asyncio; `scripts/unasync.py` writes the
blocking twins into `wvorm_core/_sync/`."""
