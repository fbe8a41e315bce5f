"""The ORM's fronts, written once as asyncio code; `wvorm/_sync/` is generated from them."""
