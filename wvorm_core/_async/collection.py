"""One collection handle: its namespaces, and copies bound to a tenant or consistency level."""

from __future__ import annotations

from typing import Any, Generic, overload

from typing_extensions import Unpack

from wvorm_core._async.aggregate import AsyncAggregateCollection
from wvorm_core._async.collection_batch import AsyncBatchCollection
from wvorm_core._async.config import AsyncConfig
from wvorm_core._async.data import AsyncDataCollection
from wvorm_core._async.generate import AsyncGenerateCollection
from wvorm_core._async.iterator import AsyncCollectionIterator
from wvorm_core._async.query import AsyncQueryCollection
from wvorm_core._async.tenants import AsyncTenants
from wvorm_core._context import CollectionContext, T, target_of
from wvorm_core._ops.cursor import IteratorOptions
from wvorm_core._ops.models import Projection
from wvorm_core._ops.search import ReturnProperties
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.query import PropertySelection
from wvorm_core.classes.tenants import Tenant
from wvorm_core.outputs.query import P, R


class AsyncCollection(Generic[P, R]):
    """A handle to one collection (asyncio); made by `client.collections.use(name)`."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._context = context
        self.data = AsyncDataCollection(transport, context)
        self.batch = AsyncBatchCollection(transport, context)
        self.query = AsyncQueryCollection(transport, context)
        self.generate = AsyncGenerateCollection(transport, context)
        self.aggregate = AsyncAggregateCollection(transport, context)
        self.config = AsyncConfig(transport, context)
        self.tenants = AsyncTenants(transport, context.name)

    @property
    def name(self) -> str:
        return self._context.name

    @property
    def tenant(self) -> str | None:
        return self._context.tenant

    def with_tenant(self, tenant: str | Tenant | None) -> AsyncCollection[P, R]:
        """The same collection, every call scoped to `tenant`."""
        name = tenant.name if isinstance(tenant, Tenant) else tenant
        return AsyncCollection(self._transport, self._context.with_tenant(name))

    @property
    def consistency_level(self) -> ConsistencyLevel | None:
        return self._context.consistency_level

    def with_consistency_level(self, level: ConsistencyLevel | None) -> AsyncCollection[P, R]:
        """The same collection, every read and write at consistency `level`."""
        return AsyncCollection(self._transport, self._context.with_consistency_level(level))

    @overload
    def iterator(
        self, *, return_properties: None = None, **options: Unpack[IteratorOptions]
    ) -> AsyncCollectionIterator[P, R]: ...

    @overload
    def iterator(
        self, *, return_properties: type[T] | Projection[T], **options: Unpack[IteratorOptions]
    ) -> AsyncCollectionIterator[T, R]: ...

    @overload
    def iterator(
        self, *, return_properties: PropertySelection, **options: Unpack[IteratorOptions]
    ) -> AsyncCollectionIterator[dict[str, object], R]: ...

    def iterator(
        self, *, return_properties: ReturnProperties = None, **options: Unpack[IteratorOptions]
    ) -> AsyncCollectionIterator[Any, R]:
        """Every object of the collection, fetched `cache_size` at a time by uuid cursor."""
        target = target_of(self._context)
        return AsyncCollectionIterator(self._transport, target, return_properties, options)

    def __repr__(self) -> str:
        return f"AsyncCollection({self.name!r})"
