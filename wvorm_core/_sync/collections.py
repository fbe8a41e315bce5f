# Generated from wvorm_core/_async/collections.py by scripts/unasync.py; do not edit.
"""`client.collections`: create, use, list and delete collections."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from wvorm_core._context import CollectionContext
from wvorm_core._ops import config, schema
from wvorm_core._sync._namespace import Namespace
from wvorm_core._sync.collection import Collection
from wvorm_core.classes._legacy_vectors import merge_legacy_vector_arguments
from wvorm_core.classes.config import (
    AnyReferenceProperty,
    GenerativeProvider,
    InvertedIndexConfigCreate,
    MultiTenancyConfigCreate,
    Property,
    ReplicationConfigCreate,
    RerankerProvider,
    ShardingConfigCreate,
    VectorConfig,
    VectorIndexConfig,
    collection_schema,
)
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs.query import P, R

if TYPE_CHECKING:
    from wvorm_core.outputs.config import (
        CollectionConfig,
        CollectionConfigSimple,
        ExportedCollectionConfig,
    )


class Collections(Namespace):
    """The collections of one server (blocking)."""

    def create(
        self,
        name: str,
        *,
        description: str | None = None,
        properties: Sequence[Property] | None = None,
        references: Sequence[AnyReferenceProperty] | None = None,
        vector_config: VectorConfig | Sequence[VectorConfig] | None = None,
        inverted_index_config: InvertedIndexConfigCreate | None = None,
        multi_tenancy_config: MultiTenancyConfigCreate | None = None,
        replication_config: ReplicationConfigCreate | None = None,
        sharding_config: ShardingConfigCreate | None = None,
        generative_config: GenerativeProvider | None = None,
        reranker_config: RerankerProvider | None = None,
        data_model_properties: type[P] | None = None,
        data_model_references: type[R] | None = None,
        vectorizer_config: VectorConfig | Sequence[VectorConfig] | None = None,
        vector_index_config: VectorIndexConfig | None = None,
        object_ttl_config: None = None,
    ) -> Collection[P, R]:
        """Create a collection and return a handle to it, typed by the data models if given.

        `vectorizer_config` and `vector_index_config` are the official client's deprecated
        spellings (folded into `vector_config`); `object_ttl_config` is accepted as None only.
        """
        if object_ttl_config is not None:
            raise WeaviateInvalidInputError("object_ttl_config: wvorm_core has no object TTL yet")
        vector_config = merge_legacy_vector_arguments(
            vector_config, vectorizer_config, vector_index_config
        )
        body = collection_schema(
            name, description=description, properties=properties or (),
            references=references or (), vector_config=vector_config,
            inverted_index_config=inverted_index_config, multi_tenancy_config=multi_tenancy_config,
            replication_config=replication_config, sharding_config=sharding_config,
            generative_config=generative_config, reranker_config=reranker_config,
        )  # fmt: skip
        created = self._transport.run(schema.create(body))
        context = CollectionContext(
            created.name,
            properties_model=data_model_properties,
            references_model=data_model_references,
        )
        return Collection(self._transport, context)

    def create_from_dict(self, config: Mapping[str, object]) -> Collection:
        """Create a collection from its schema JSON (as `GET /v1/schema/{name}` shows it)."""
        created = self._transport.run(schema.create(schema.check_create_dict(config)))
        return self.use(created.name)

    def create_from_config(self, config: CollectionConfig) -> Collection:
        """Create a collection from a `CollectionConfig` (e.g. `export_config` of another)."""
        created = self._transport.run(schema.create(schema.config_body(config)))
        return self.use(created.name)

    def export_config(self, name: str) -> ExportedCollectionConfig:
        """A copy of the full configuration of collection `name`, whose fields may be
        reassigned (e.g. `name`) before `create_from_config`."""
        from wvorm_core.outputs.config import ExportedCollectionConfig

        return ExportedCollectionConfig.copy_of(self._transport.run(config.get_full(name)))

    @overload
    def use(self, name: str, *, skip_argument_validation: bool = False) -> Collection: ...
    @overload
    def use(
        self,
        name: str,
        data_model_properties: type[P],
        data_model_references: None = None,
        *,
        skip_argument_validation: bool = False,
    ) -> Collection[P]: ...
    @overload
    def use(
        self,
        name: str,
        data_model_properties: None = None,
        *,
        data_model_references: type[R],
        skip_argument_validation: bool = False,
    ) -> Collection[dict[str, object], R]: ...
    @overload
    def use(
        self,
        name: str,
        data_model_properties: type[P],
        data_model_references: type[R],
        *,
        skip_argument_validation: bool = False,
    ) -> Collection[P, R]: ...
    def use(
        self,
        name: str,
        data_model_properties: type[Any] | None = None,
        data_model_references: type[Any] | None = None,
        *,
        skip_argument_validation: bool = False,
    ) -> Collection[Any, Any]:
        """A handle to a collection; makes no request.

        `data_model_properties` (a TypedDict or pydantic model) types the results and decides
        which properties queries fetch; `data_model_references` does the same for references.
        `skip_argument_validation` is accepted for the official client's code and changes
        nothing: wvorm_core always checks arguments before sending.
        """
        context: CollectionContext[Any, Any] = CollectionContext(
            name, properties_model=data_model_properties, references_model=data_model_references
        )
        return Collection(self._transport, context)

    get = use

    def exists(self, name: str) -> bool:
        """Whether collection `name` exists."""
        return self._transport.run(schema.exists(name))

    def delete(self, name: str | Sequence[str]) -> None:
        """Delete one collection or several; deleting a missing one is not an error."""
        return self._transport.run(schema.delete_many(name))

    def delete_all(self) -> None:
        """Delete every collection and all its objects."""
        return self._transport.run(schema.delete_all())

    @overload
    def list_all(self, simple: Literal[True] = True) -> dict[str, CollectionConfigSimple]: ...
    @overload
    def list_all(self, simple: Literal[False]) -> dict[str, CollectionConfig]: ...
    def list_all(
        self, simple: bool = True
    ) -> dict[str, CollectionConfigSimple] | dict[str, CollectionConfig]:
        """Every collection's configuration keyed by name (only the main parts if `simple`)."""
        if simple:
            return self._transport.run(schema.list_simple())
        return self._transport.run(schema.list_full())
