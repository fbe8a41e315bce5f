# Generated from wvorm/_async/__init__.py by scripts/unasync.py; do not edit.
"""The ORM's fronts, written once as asyncio code; `wvorm/_sync/` is generated from them."""
