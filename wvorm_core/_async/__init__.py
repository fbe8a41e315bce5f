"""The source of every client front, written once for asyncio; `scripts/unasync.py` writes the
blocking twins into `wvorm_core/_sync/`."""
