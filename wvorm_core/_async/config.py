"""`collection.config`: read and change one collection's configuration."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from wvorm_core._context import CollectionContext
from wvorm_core._ops import config, indexes
from wvorm_core._ops.config import ShardStatusInput
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.classes.config import (
    GenerativeProvider,
    InvertedIndexConfigUpdate,
    MultiTenancyConfigUpdate,
    Property,
    ReferenceProperty,
    ReferencePropertyMultiTarget,
    ReplicationConfigUpdate,
    RerankerProvider,
    Tokenization,
    VectorConfig,
    VectorConfigUpdate,
)
from wvorm_core.outputs.indexes import (
    PropertyIndexName,
    PropertyIndexStatus,
    PropertyIndexTask,
)

if TYPE_CHECKING:
    from wvorm_core.outputs.config import CollectionConfig, CollectionConfigSimple, ShardStatus


class AsyncConfig:
    """The configuration of one collection (asyncio)."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[Any, Any]) -> None:
        self._transport = transport
        self._name = context.name
        self._tenant = context.tenant

    async def get(self) -> CollectionConfig:
        """The collection's configuration as the server reports it."""
        return await self._transport.run(config.get_full(self._name))

    async def get_simple(self) -> CollectionConfigSimple:
        """Name, description, properties, references, vectors and modules only."""
        return await self._transport.run(config.get_simple(self._name))

    async def update(
        self,
        *,
        description: str | None = None,
        property_descriptions: Mapping[str, str] | None = None,
        inverted_index_config: InvertedIndexConfigUpdate | None = None,
        multi_tenancy_config: MultiTenancyConfigUpdate | None = None,
        replication_config: ReplicationConfigUpdate | None = None,
        vector_config: VectorConfigUpdate | Sequence[VectorConfigUpdate] | None = None,
        generative_config: GenerativeProvider | None = None,
        reranker_config: RerankerProvider | None = None,
    ) -> None:
        """Change what the server allows to change (`Reconfigure.*`); the rest is kept.

        Reads the current configuration, applies the changes and writes it back.
        """
        return await self._transport.run(
            config.update(
                self._name, description, property_descriptions, inverted_index_config,
                multi_tenancy_config, replication_config, vector_config, generative_config,
                reranker_config,
            )
        )  # fmt: skip

    async def add_property(self, prop: Property) -> None:
        """Add a property; existing objects do not get a value for it."""
        return await self._transport.run(
            config.add_property(self._name, config.check_property(prop))
        )

    async def add_reference(self, ref: ReferenceProperty | ReferencePropertyMultiTarget) -> None:
        """Add a cross-reference property."""
        return await self._transport.run(
            config.add_property(self._name, config.check_reference(ref))
        )

    async def add_vector(self, vector_config: VectorConfig | Sequence[VectorConfig]) -> None:
        """Add named vectors; existing objects get no vector for them."""
        return await self._transport.run(
            config.add_vector(self._name, config.check_vectors(vector_config))
        )

    async def get_shards(self) -> list[ShardStatus]:
        """The status of every shard (of the handle's tenant, if any)."""
        return await self._transport.run(config.get_shards(self._name, self._tenant))

    async def update_shards(
        self, status: ShardStatusInput, shard_names: str | Sequence[str] | None = None
    ) -> list[ShardStatus]:
        """Set shards READY or READONLY (all shards when `shard_names` is None)."""
        names = [shard_names] if isinstance(shard_names, str) else shard_names
        return await self._transport.run(
            config.update_shards(self._name, status, names, self._tenant)
        )

    async def get_dict(self) -> dict[str, object]:
        """The collection's schema JSON exactly as the server returns it."""
        return await self._transport.run(config.get_schema(self._name))

    async def update_from_dict(self, changes: Mapping[str, object]) -> None:
        """Deep-merge `changes` (schema JSON) into the live schema and write it back.

        Objects merge key by key; lists and scalars replace. The server decides what may change.
        """
        return await self._transport.run(config.update_from_dict(self._name, changes))

    async def add_property_from_dict(self, prop: Mapping[str, object]) -> None:
        """Add a property or reference given as REST JSON, e.g.
        `{"name": "year", "dataType": ["int"]}`."""
        return await self._transport.run(
            config.add_property_from_dict(self._name, config.check_property_dict(prop))
        )

    async def delete_property_index(
        self, property_name: str, index_name: PropertyIndexName
    ) -> bool:
        """Drop the `filterable`, `searchable` or `rangeFilters` index of a property."""
        return await self._transport.run(
            indexes.delete_index(self._name, property_name, index_name)
        )

    async def update_property_index(
        self,
        property_name: str,
        index_name: PropertyIndexName,
        *,
        tokenization: Tokenization | None = None,
        algorithm: Literal["blockmax"] | None = None,
        tenants: str | Sequence[str] | None = None,
    ) -> PropertyIndexTask:
        """Make a property index exist with the given configuration (Weaviate 1.39+).

        Enables a missing index, changes the tokenization, or moves a searchable index to
        `blockmax` (one change per call). The server reindexes in the background: `STARTED`
        with a task id, or `NO_OP` when the index is already so. `tenants` limits the work
        to some tenants, for format-only changes (creating a `rangeFilters` index).
        """
        return await self._transport.run(
            indexes.update_index(
                self._name, property_name, index_name, tokenization, algorithm, tenants
            )
        )

    async def rebuild_property_index(
        self,
        property_name: str,
        index_name: PropertyIndexName,
        *,
        tenants: str | Sequence[str] | None = None,
    ) -> PropertyIndexTask:
        """Rebuild a property index from the stored objects, its configuration unchanged."""
        return await self._transport.run(
            indexes.rebuild_index(self._name, property_name, index_name, tenants)
        )

    async def cancel_property_index(
        self, property_name: str, index_name: PropertyIndexName
    ) -> PropertyIndexTask:
        """Cancel the reindex task running on a property index (`NO_OP` when none runs)."""
        return await self._transport.run(
            indexes.cancel_index(self._name, property_name, index_name)
        )

    async def get_property_indexes(self) -> list[PropertyIndexStatus]:
        """The state of every property index, with the progress of running reindex tasks."""
        return await self._transport.run(indexes.get_indexes(self._name))

    async def wait_for_property_indexes(
        self, *, timeout: float = 300.0, poll_interval: float = 0.5
    ) -> list[PropertyIndexStatus]:
        """Poll until no index is pending or indexing; returns the final states.

        Raises `WeaviateTimeoutError` naming the indexes still busy after `timeout` seconds,
        and `WeaviateError` as soon as a reindex task has failed.
        """
        indexes.check_wait(timeout, poll_interval)
        deadline = time.monotonic() + timeout
        while True:
            statuses = await self.get_property_indexes()
            busy = indexes.busy_indexes(self._name, statuses)
            if not busy:
                return statuses
            if time.monotonic() >= deadline:
                raise indexes.wait_timeout(self._name, busy, timeout)
            await asyncio.sleep(poll_interval)
