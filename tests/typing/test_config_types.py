"""Static types of collection configuration, tenants and aliases (checked by mypy, never run)."""

from __future__ import annotations

from collections.abc import Mapping

from typing_extensions import assert_type

import wvorm_core
from wvorm_core.alias import Alias
from wvorm_core.classes.config import (
    Configure,
    DataType,
    InvertedIndexConfigCreate,
    QuantizerConfig,
    ReplicationDeletionStrategy,
    RerankerProvider,
    StopwordsPreset,
    Tokenization,
    VectorConfig,
    VectorDistances,
    VectorIndexConfig,
    collection_schema,
)
from wvorm_core.classes.tenants import Tenant, TenantActivityStatus
from wvorm_core.collections import AsyncCollection, Collection
from wvorm_core.outputs.config import (
    CollectionConfig,
    CollectionConfigSimple,
    ExportedCollectionConfig,
    GenerativeConfig,
    JsonValue,
    MultiVectorConfig,
    NamedVectorConfig,
    NestedProperty,
    PropertyConfig,
    PropertyVectorizerConfig,
    Quantizer,
    ReferencePropertyConfig,
    RerankerConfig,
    ShardingConfig,
    ShardStatus,
    TextAnalyzerConfig,
    VectorIndexConfigAny,
    VectorIndexConfigDynamic,
    VectorIndexConfigFlat,
    VectorIndexConfigHNSW,
)
from wvorm_core.outputs.indexes import (
    BM25Algorithm,
    IndexStatus,
    IndexTaskStatus,
    PropertyIndexName,
    PropertyIndexStatus,
    PropertyIndexTask,
)


def check_builders() -> None:
    assert_type(Configure.Vectors.text2vec_transformers(source_properties=["a"]), VectorConfig)
    assert_type(Configure.MultiVectors.self_provided(), VectorConfig)
    assert_type(Configure.VectorIndex.hnsw(ef=1), VectorIndexConfig)
    assert_type(Configure.VectorIndex.Quantizer.pq(segments=8), QuantizerConfig)
    assert_type(Configure.inverted_index(bm25_b=0.5), InvertedIndexConfigCreate)
    assert_type(Configure.Reranker.dummy(), RerankerProvider)


def check_config(collection: Collection) -> None:
    config = collection.config.get()
    assert_type(config, CollectionConfig)
    assert_type(config.name, str)
    assert_type(config.description, str | None)
    assert_type(config.properties, tuple[PropertyConfig, ...])
    prop = config.properties[0]
    assert_type(prop.data_type, DataType)
    assert_type(prop.tokenization, Tokenization | None)
    assert_type(prop.index_range_filters, bool)
    assert_type(prop.nested_properties, tuple[NestedProperty, ...])
    assert_type(prop.text_analyzer, TextAnalyzerConfig | None)
    assert_type(prop.vectorizer_configs, Mapping[str, PropertyVectorizerConfig])
    assert_type(config.references, tuple[ReferencePropertyConfig, ...])
    assert_type(config.references[0].target_collections, tuple[str, ...])
    assert_type(config.vector_config, Mapping[str, NamedVectorConfig])
    vector = config.vector_config["default"]
    assert_type(vector.vectorizer.vectorizer, str)
    assert_type(vector.vectorizer.model, Mapping[str, JsonValue])
    assert_type(vector.vectorizer.source_properties, tuple[str, ...] | None)
    index = vector.vector_index_config
    assert_type(index, VectorIndexConfigAny)
    if isinstance(index, VectorIndexConfigHNSW):
        assert_type(index.ef, int)
        assert_type(index.distance_metric, VectorDistances)
        assert_type(index.quantizer, Quantizer | None)
        assert_type(index.multi_vector, MultiVectorConfig | None)
    elif isinstance(index, VectorIndexConfigFlat):
        assert_type(index.vector_cache_max_objects, int)
    else:
        assert_type(index, VectorIndexConfigDynamic)
        assert_type(index.threshold, int)
    assert_type(config.inverted_index_config.bm25.k1, float)
    assert_type(config.inverted_index_config.stopwords.preset, StopwordsPreset)
    assert_type(config.inverted_index_config.stopword_presets, Mapping[str, tuple[str, ...]] | None)
    assert_type(config.inverted_index_config.stopwords.additions, tuple[str, ...] | None)
    assert_type(config.multi_tenancy_config.auto_tenant_creation, bool)
    assert_type(config.replication_config.factor, int)
    assert_type(config.replication_config.deletion_strategy, ReplicationDeletionStrategy)
    assert_type(config.sharding_config, ShardingConfig | None)
    assert_type(config.generative_config, GenerativeConfig | None)
    assert_type(config.reranker_config, RerankerConfig | None)
    assert_type(config.to_dict(), dict[str, object])
    assert_type(collection.config.get_simple(), CollectionConfigSimple)
    assert_type(collection.config.get_shards(), list[ShardStatus])
    assert_type(collection.config.update(description="x"), None)
    assert_type(collection.config.get_dict(), dict[str, object])
    assert_type(collection.config.update_from_dict({"description": "x"}), None)
    assert_type(collection.config.add_property_from_dict({"name": "a", "dataType": ["int"]}), None)
    assert_type(collection_schema("A", description="x"), dict[str, object])


def check_property_indexes(collection: Collection) -> None:
    config = collection.config
    assert_type(config.delete_property_index("a", "searchable"), bool)
    task = config.update_property_index("a", "searchable", tokenization=Tokenization.FIELD)
    assert_type(task, PropertyIndexTask)
    assert_type(task.status, IndexTaskStatus)
    assert_type(task.task_id, str | None)
    assert_type(
        config.update_property_index("a", "searchable", algorithm="blockmax"), PropertyIndexTask
    )
    assert_type(config.rebuild_property_index("a", "filterable", tenants=["t"]), PropertyIndexTask)
    assert_type(config.cancel_property_index("a", "rangeFilters"), PropertyIndexTask)
    statuses = config.get_property_indexes()
    assert_type(statuses, list[PropertyIndexStatus])
    status = statuses[0]
    assert_type(status.index_name, PropertyIndexName)
    assert_type(status.status, IndexStatus)
    assert_type(status.progress, float | None)
    assert_type(status.target_tokenization, Tokenization | None)
    assert_type(status.algorithm, BM25Algorithm | None)
    assert_type(status.busy, bool)
    assert_type(config.wait_for_property_indexes(timeout=1.0), list[PropertyIndexStatus])


def check_collections(client: wvorm_core.WeaviateClient) -> None:
    assert_type(client.collections.create("A"), Collection)
    assert_type(client.collections.create_from_dict({"class": "A"}), Collection)
    assert_type(client.collections.export_config("A"), ExportedCollectionConfig)
    assert_type(client.collections.list_all(simple=False), dict[str, CollectionConfig])
    assert_type(client.collections.list_all(simple=True), dict[str, CollectionConfigSimple])
    tenants = client.collections.use("A").tenants
    assert_type(tenants.get(), dict[str, Tenant])
    assert_type(tenants.get_by_name("t"), Tenant | None)
    assert_type(tenants.get()["t"].activity_status, TenantActivityStatus)
    assert_type(client.alias.get(alias_name="x"), Alias | None)
    assert_type(client.alias.list_all(), dict[str, Alias])


async def check_async(client: wvorm_core.WeaviateAsyncClient) -> None:
    collection = await client.collections.create("A")
    assert_type(collection, AsyncCollection)
    assert_type(await collection.config.get(), CollectionConfig)
    assert_type(await collection.config.get_dict(), dict[str, object])
    assert_type(await collection.config.delete_property_index("a", "filterable"), bool)
    assert_type(await collection.config.update_property_index("a", "filterable"), PropertyIndexTask)
    assert_type(await collection.config.wait_for_property_indexes(), list[PropertyIndexStatus])
    assert_type(await client.collections.list_all(simple=False), dict[str, CollectionConfig])
    assert_type(await collection.tenants.get_by_name("t"), Tenant | None)
    assert_type(await client.alias.update(alias_name="a", new_target_collection="B"), bool)
