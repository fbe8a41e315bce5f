# Generated from wvorm_core/_async/collection.py by scripts/unasync.py; do not edit.
"""One collection handle: its namespaces, and copies bound to a tenant or consistency level."""

from __future__ import annotations

from typing import Any, Generic, overload

from typing_extensions import Unpack

from wvorm_core._context import CollectionContext, T, target_of
from wvorm_core._ops.cursor import IteratorOptions
from wvorm_core._ops.models import Projection
from wvorm_core._ops.search import ReturnProperties
from wvorm_core._sync.aggregate import AggregateCollection
from wvorm_core._sync.collection_batch import BatchCollection
from wvorm_core._sync.config import Config
from wvorm_core._sync.data import DataCollection
from wvorm_core._sync.generate import GenerateCollection
from wvorm_core._sync.iterator import CollectionIterator
from wvorm_core._sync.query import QueryCollection
from wvorm_core._sync.tenants import Tenants
from wvorm_core._transport.base import Transport
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.query import PropertySelection
from wvorm_core.classes.tenants import Tenant
from wvorm_core.outputs.query import P, R


class Collection(Generic[P, R]):
    """A handle to one collection (blocking); made by `client.collections.use(name)`."""

    def __init__(self, transport: Transport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._context = context
        self.data = DataCollection(transport, context)
        self.batch = BatchCollection(transport, context)
        self.query = QueryCollection(transport, context)
        self.generate = GenerateCollection(transport, context)
        self.aggregate = AggregateCollection(transport, context)
        self.config = Config(transport, context)
        self.tenants = Tenants(transport, context.name)

    @property
    def name(self) -> str:
        return self._context.name

    @property
    def tenant(self) -> str | None:
        return self._context.tenant

    def with_tenant(self, tenant: str | Tenant | None) -> Collection[P, R]:
        """The same collection, every call scoped to `tenant`."""
        name = tenant.name if isinstance(tenant, Tenant) else tenant
        return Collection(self._transport, self._context.with_tenant(name))

    @property
    def consistency_level(self) -> ConsistencyLevel | None:
        return self._context.consistency_level

    def with_consistency_level(self, level: ConsistencyLevel | None) -> Collection[P, R]:
        """The same collection, every read and write at consistency `level`."""
        return Collection(self._transport, self._context.with_consistency_level(level))

    @overload
    def iterator(
        self, *, return_properties: None = None, **options: Unpack[IteratorOptions]
    ) -> CollectionIterator[P, R]: ...

    @overload
    def iterator(
        self, *, return_properties: type[T] | Projection[T], **options: Unpack[IteratorOptions]
    ) -> CollectionIterator[T, R]: ...

    @overload
    def iterator(
        self, *, return_properties: PropertySelection, **options: Unpack[IteratorOptions]
    ) -> CollectionIterator[dict[str, object], R]: ...

    def iterator(
        self, *, return_properties: ReturnProperties = None, **options: Unpack[IteratorOptions]
    ) -> CollectionIterator[Any, R]:
        """Every object of the collection, fetched `cache_size` at a time by uuid cursor."""
        target = target_of(self._context)
        return CollectionIterator(self._transport, target, return_properties, options)

    def __repr__(self) -> str:
        return f"Collection({self.name!r})"
