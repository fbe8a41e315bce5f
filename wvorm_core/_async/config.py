"""`collection.config`: read and change one collection's configuration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from wvorm_core._context import CollectionContext
from wvorm_core._ops import config
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
    VectorConfig,
    VectorConfigUpdate,
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
