"""`collection.config`: read and change one collection's configuration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wvorm_core._ops import config
from wvorm_core._ops.calls import Op
from wvorm_core._ops.config import ShardStatusInput
from wvorm_core._transport.base import AsyncTransport, Transport
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
from wvorm_core.collections._context import CollectionContext
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs.config import CollectionConfig, CollectionConfigSimple, ShardStatus


def _update(
    name: str,
    description: str | None,
    property_descriptions: Mapping[str, str] | None,
    inverted_index_config: InvertedIndexConfigUpdate | None,
    multi_tenancy_config: MultiTenancyConfigUpdate | None,
    replication_config: ReplicationConfigUpdate | None,
    vector_config: VectorConfigUpdate | Sequence[VectorConfigUpdate] | None,
    generative_config: GenerativeProvider | None,
    reranker_config: RerankerProvider | None,
) -> Op[None]:
    current = yield from config.get_schema(name)
    body = config.update_body(
        current,
        description=description,
        property_descriptions=property_descriptions,
        inverted_index_config=inverted_index_config,
        multi_tenancy_config=multi_tenancy_config,
        replication_config=replication_config,
        vector_config=vector_config,
        generative_config=generative_config,
        reranker_config=reranker_config,
    )
    yield from config.put_schema(body)


def _vectors(vector_config: VectorConfig | Sequence[VectorConfig]) -> list[VectorConfig]:
    vectors = [vector_config] if isinstance(vector_config, VectorConfig) else list(vector_config)
    if not vectors:
        raise WeaviateInvalidInputError("add_vector: no vectors given")
    return vectors


def _reference(
    ref: ReferenceProperty | ReferencePropertyMultiTarget,
) -> ReferenceProperty | ReferencePropertyMultiTarget:
    if not isinstance(ref, (ReferenceProperty, ReferencePropertyMultiTarget)):
        raise WeaviateInvalidInputError(f"add_reference takes a ReferenceProperty, got {ref!r}")
    return ref


def _property(prop: Property) -> Property:
    if not isinstance(prop, Property):
        raise WeaviateInvalidInputError(f"add_property takes a Property, got {prop!r}")
    return prop


class Config:
    """The configuration of one collection (blocking)."""

    def __init__(self, transport: Transport, context: CollectionContext[Any, Any]) -> None:
        self._transport = transport
        self._name = context.name
        self._tenant = context.tenant

    def get(self) -> CollectionConfig:
        """The collection's configuration as the server reports it."""
        return self._transport.run(config.get_full(self._name))

    def get_simple(self) -> CollectionConfigSimple:
        """Name, description, properties, references, vectors and modules only."""
        return self._transport.run(config.get_simple(self._name))

    def update(
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
        return self._transport.run(
            _update(
                self._name, description, property_descriptions, inverted_index_config,
                multi_tenancy_config, replication_config, vector_config, generative_config,
                reranker_config,
            )
        )  # fmt: skip

    def add_property(self, prop: Property) -> None:
        """Add a property; existing objects do not get a value for it."""
        return self._transport.run(config.add_property(self._name, _property(prop)))

    def add_reference(self, ref: ReferenceProperty | ReferencePropertyMultiTarget) -> None:
        """Add a cross-reference property."""
        return self._transport.run(config.add_property(self._name, _reference(ref)))

    def add_vector(self, vector_config: VectorConfig | Sequence[VectorConfig]) -> None:
        """Add named vectors; existing objects get no vector for them."""
        return self._transport.run(config.add_vector(self._name, _vectors(vector_config)))

    def get_shards(self) -> list[ShardStatus]:
        """The status of every shard (of the handle's tenant, if any)."""
        return self._transport.run(config.get_shards(self._name, self._tenant))

    def update_shards(
        self, status: ShardStatusInput, shard_names: str | Sequence[str] | None = None
    ) -> list[ShardStatus]:
        """Set shards READY or READONLY (all shards when `shard_names` is None)."""
        names = [shard_names] if isinstance(shard_names, str) else shard_names
        return self._transport.run(config.update_shards(self._name, status, names, self._tenant))


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
            _update(
                self._name, description, property_descriptions, inverted_index_config,
                multi_tenancy_config, replication_config, vector_config, generative_config,
                reranker_config,
            )
        )  # fmt: skip

    async def add_property(self, prop: Property) -> None:
        """Add a property; existing objects do not get a value for it."""
        return await self._transport.run(config.add_property(self._name, _property(prop)))

    async def add_reference(self, ref: ReferenceProperty | ReferencePropertyMultiTarget) -> None:
        """Add a cross-reference property."""
        return await self._transport.run(config.add_property(self._name, _reference(ref)))

    async def add_vector(self, vector_config: VectorConfig | Sequence[VectorConfig]) -> None:
        """Add named vectors; existing objects get no vector for them."""
        return await self._transport.run(config.add_vector(self._name, _vectors(vector_config)))

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
