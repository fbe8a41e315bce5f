"""Collections and their namespaces (`data`, `query`), sync and async."""

from wvorm_core.collections.collection import AsyncCollection, Collection
from wvorm_core.collections.collections import AsyncCollections, Collections

__all__ = ["AsyncCollection", "AsyncCollections", "Collection", "Collections"]
