"""Collections and their namespaces (`data`, `query`, ...), sync and async."""

from wvorm_core._async.collection import AsyncCollection
from wvorm_core._async.collection_batch import AsyncCollectionBatch
from wvorm_core._async.collections import AsyncCollections
from wvorm_core._async.iterator import AsyncCollectionIterator
from wvorm_core._ops.cursor import ITERATOR_CACHE_SIZE
from wvorm_core._sync.collection import Collection
from wvorm_core._sync.collection_batch import CollectionBatch
from wvorm_core._sync.collections import Collections
from wvorm_core._sync.iterator import CollectionIterator

CollectionAsync = AsyncCollection
"""The official client's name of `AsyncCollection`."""

__all__ = [
    "ITERATOR_CACHE_SIZE",
    "AsyncCollection",
    "AsyncCollectionBatch",
    "AsyncCollectionIterator",
    "AsyncCollections",
    "Collection",
    "CollectionAsync",
    "CollectionBatch",
    "CollectionIterator",
    "Collections",
]
