"""The official client's spellings that wvorm_core accepts, each checked on its own (against
the real server where the server is involved)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

import wvorm_core
from wvorm_core.classes import _legacy_vectors
from wvorm_core.classes.config import (
    Configure,
    DataType,
    GenerativeSearches,
    Property,
    ReferenceProperty,
    Rerankers,
    StopwordsCreate,
    Vectorizers,
)
from wvorm_core.classes.data import DataObject, DataReference, DataReferenceMulti
from wvorm_core.classes.init import AdditionalConfig, Timeout
from wvorm_core.classes.query import Filter
from wvorm_core.classes.tenants import Tenant, TenantActivityStatus
from wvorm_core.embedded import EmbeddedServer
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.util import file_encoder_b64


@pytest.fixture
def fresh_warnings() -> Iterator[None]:
    """Forget which deprecated spellings already warned in this process."""
    saved = set(_legacy_vectors._warned)
    _legacy_vectors._warned.clear()
    yield
    _legacy_vectors._warned.clear()
    _legacy_vectors._warned.update(saved)


def test_legacy_vectorizer_spellings_build_the_same_vectors_and_warn_once(
    fresh_warnings: None,
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = Configure.Vectorizer.none()
        again = Configure.Vectorizer.text2vec_transformers()
        named = Configure.NamedVectors.none(
            "title", vector_index_config=Configure.VectorIndex.flat()
        )
    assert first == Configure.Vectors.self_provided()
    assert again == Configure.Vectors.text2vec_transformers()
    assert named == Configure.Vectors.self_provided(
        name="title", vector_index_config=Configure.VectorIndex.flat()
    )
    messages = [str(w.message) for w in caught if w.category is DeprecationWarning]
    assert len(messages) == 2
    assert messages[0].startswith("Configure.Vectorizer is deprecated")
    assert messages[1].startswith("Configure.NamedVectors is deprecated")


def test_additional_config_takes_the_query_insert_pair() -> None:
    config = AdditionalConfig(timeout=(60, 120))
    assert config.timeout == Timeout(query=60, insert=120)
    assert AdditionalConfig().timeout == Timeout()
    with pytest.raises(WeaviateInvalidInputError, match="query, insert"):
        AdditionalConfig(timeout=(1, 2, 3))  # type: ignore[arg-type]


def test_connect_with_the_timeout_pair(server: EmbeddedServer) -> None:
    with wvorm_core.connect_to_local(
        port=server.port,
        grpc_port=server.grpc_port,
        additional_config=AdditionalConfig(timeout=(60, 120)),
    ) as client:
        assert client.is_ready()


def test_old_tenant_statuses_are_aliases() -> None:
    assert TenantActivityStatus.FROZEN is TenantActivityStatus.OFFLOADED
    assert TenantActivityStatus.HOT is TenantActivityStatus.ACTIVE
    assert TenantActivityStatus.COLD is TenantActivityStatus.INACTIVE
    assert Tenant("t", TenantActivityStatus.COLD).to_dict()["activityStatus"] == "INACTIVE"


def test_module_name_enums_compare_with_read_back_names() -> None:
    assert Vectorizers.NONE == "none"
    assert Vectorizers.TEXT2VEC_TRANSFORMERS == "text2vec-transformers"
    assert Rerankers.COHERE == "reranker-cohere"
    assert GenerativeSearches.DUMMY == "generative-dummy"
    from wvorm_core.outputs import config as outputs_config

    assert outputs_config.Vectorizers is Vectorizers


def test_stopwords_create_is_in_classes_config() -> None:
    from wvorm_core.classes.tokenization import StopwordsCreate as from_tokenization

    assert StopwordsCreate is from_tokenization
    assert StopwordsCreate(additions=["a"]).to_dict() == {"additions": ["a"]}


def test_data_reference_multi_target_is_the_multi_class() -> None:
    ref = DataReference.MultiTarget(
        from_property="source", from_uuid="a", to_uuid="b", target_collection="Author"
    )
    assert type(ref) is DataReferenceMulti


def test_create_with_the_official_keywords(
    client: wvorm_core.WeaviateClient, collection_name: str, fresh_warnings: None
) -> None:
    with pytest.warns(DeprecationWarning, match="Configure.Vectorizer is deprecated"):
        vectorizer = Configure.Vectorizer.none()
    collection = client.collections.create(
        collection_name,
        properties=[
            Property(
                name="address",
                data_type=DataType.OBJECT,
                nested_properties=Property(name="city", data_type=DataType.TEXT),
            )
        ],
        vectorizer_config=vectorizer,
        vector_index_config=Configure.VectorIndex.flat(),
        object_ttl_config=None,
    )
    config = collection.config.get()
    default = config.vector_config["default"]
    assert default.vectorizer.vectorizer == Vectorizers.NONE
    assert default.vector_index_config.index_type.value == "flat"
    nested = config.properties[0].nested_properties
    assert nested is not None
    assert [p.name for p in nested] == ["city"]
    collection.data.insert({"address": {"city": "Utrecht"}}, vector=[0.1, 0.2])
    assert collection.query.fetch_objects().objects[0].properties == {
        "address": {"city": "Utrecht"}
    }


def test_create_refuses_what_it_cannot_honour(client: wvorm_core.WeaviateClient) -> None:
    with pytest.raises(WeaviateInvalidInputError, match="not both"):
        client.collections.create(
            "Never",
            vector_config=Configure.Vectors.self_provided(),
            vectorizer_config=Configure.Vectors.self_provided(),
        )
    with pytest.raises(WeaviateInvalidInputError, match="single vector"):
        client.collections.create(
            "Never",
            vector_config=[
                Configure.Vectors.self_provided(name="a"),
                Configure.Vectors.self_provided(name="b"),
            ],
            vector_index_config=Configure.VectorIndex.flat(),
        )
    with pytest.raises(WeaviateInvalidInputError, match="object TTL"):
        client.collections.create("Never", object_ttl_config=object())  # type: ignore[arg-type]
    assert not client.collections.exists("Never")


def test_use_takes_skip_argument_validation(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    client.collections.create(collection_name, vector_config=Configure.Vectors.self_provided())
    collection = client.collections.use(collection_name, skip_argument_validation=True)
    uuid = collection.data.insert({"title": "x"}, vector=[1.0, 0.0])
    assert [o.uuid for o in collection.query.fetch_objects().objects] == [uuid]


def test_filter_keywords_are_the_official_ones(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    collection = client.collections.create(
        collection_name,
        properties=[
            Property(name="title", data_type=DataType.TEXT),
            Property(name="tags", data_type=DataType.TEXT_ARRAY),
            Property(name="points", data_type=DataType.INT),
        ],
        vector_config=Configure.Vectors.self_provided(),
    )
    collection.data.insert_many(
        [
            DataObject({"title": "alpha", "tags": ["red"], "points": 1}),
            DataObject({"title": "beta", "tags": ["blue"], "points": 2}),
        ]
    )

    def titles(where: object) -> list[str]:
        found = collection.query.fetch_objects(filters=where)  # type: ignore[arg-type]
        return sorted(str(o.properties["title"]) for o in found.objects)

    assert titles(Filter.by_property("title").equal(val="alpha")) == ["alpha"]
    assert titles(Filter.by_property("points").greater_than(val=1)) == ["beta"]
    assert titles(Filter.by_property("title").like(val="b*")) == ["beta"]
    assert titles(Filter.by_property("tags").contains_any(val=["red", "blue"])) == ["alpha", "beta"]
    assert titles(Filter.by_property("points").not_equal(val=1)) == ["beta"]


def test_ref_filters_on_metadata_match_the_official_encoding() -> None:
    from weaviate.classes.query import Filter as OfficialFilter
    from weaviate.collections.filters import _FilterToGRPC

    from wvorm_core._ops.filters import compile_filter

    since = datetime(2000, 1, 1, tzinfo=timezone.utc)
    pairs = [
        (Filter.by_ref("to").by_creation_time(), OfficialFilter.by_ref("to").by_creation_time()),
        (Filter.by_ref("to").by_update_time(), OfficialFilter.by_ref("to").by_update_time()),
    ]
    for ours, official in pairs:
        mine = compile_filter(ours.greater_than(val=since))
        theirs = _FilterToGRPC.convert(official.greater_than(since))
        assert theirs is not None
        assert mine.target.SerializeToString() == theirs.target.SerializeToString()
        assert mine.operator == theirs.operator


def test_official_error_names_are_raised(server: EmbeddedServer) -> None:
    from wvorm_core import exceptions
    from wvorm_core.embedded import free_port

    assert exceptions.WeaviateBaseError is exceptions.WeaviateError
    assert issubclass(exceptions.WeaviateInvalidInputException, ValueError)
    with pytest.raises(exceptions.WeaviateStartUpError):
        wvorm_core.connect_to_local(port=free_port(), grpc_port=free_port())
    with (
        wvorm_core.connect_to_local(port=server.port, grpc_port=server.grpc_port) as client,
        pytest.raises(exceptions.UnexpectedStatusCodeException),
    ):
        client.collections.create_from_dict({"class": "Bad", "vectorIndexType": "nope"})


def test_near_media_fills_the_field_of_its_kind(tmp_path: Path) -> None:
    from wvorm_core._ops.search import Target, near_media, prepare
    from wvorm_core.classes.query import NearMediaType

    for kind in NearMediaType:
        request, _ = prepare(
            Target("Clips"), "near_media", None, {"distance": 0.5}, near_media(b"\x00\x01", kind)
        )
        field = getattr(request, f"near_{kind.value}")
        assert getattr(field, kind.value) == "AAE="
        assert field.distance == 0.5
    source = tmp_path / "clip.bin"
    source.write_bytes(b"\x00\x01")
    assert file_encoder_b64(source) == "AAE="
    with source.open("rb") as handle:
        assert file_encoder_b64(handle) == "AAE="


def test_near_media_reaches_the_server(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    from wvorm_core.classes.query import NearMediaType
    from wvorm_core.exceptions import WeaviateQueryError

    collection = client.collections.create(
        collection_name, vector_config=Configure.Vectors.self_provided()
    )
    collection.data.insert({}, vector=[1.0, 0.0])
    with pytest.raises(WeaviateQueryError, match=r"(?i)video"):
        collection.query.near_media(b"\x00\x01", NearMediaType.VIDEO)


def test_ref_count_takes_count_and_create_takes_none_lists(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    collection = client.collections.create(
        collection_name,
        properties=None,
        references=None,
        vector_config=Configure.Vectors.self_provided(),
    )
    collection.config.add_reference(ReferenceProperty(name="to", target_collection=collection.name))
    first = collection.data.insert({}, vector=[1.0, 0.0])
    second = collection.data.insert({}, references={"to": [first]}, vector=[1.0, 0.0])
    found = collection.query.fetch_objects(
        filters=Filter.by_ref_count("to").greater_or_equal(count=1)
    ).objects
    assert [o.uuid for o in found] == [second]


def test_anyscale_and_the_iterator_page_size() -> None:
    from wvorm_core.collections import ITERATOR_CACHE_SIZE

    provider = Configure.Generative.anyscale(model="m", temperature=0.5)
    assert (provider.module, dict(provider.settings)) == (
        "generative-anyscale",
        {"model": "m", "temperature": 0.5},
    )
    assert ITERATOR_CACHE_SIZE == 100


def test_read_back_arrays_equal_lists_and_stay_immutable(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    collection = client.collections.create(
        collection_name,
        properties=[Property(name="title", data_type=DataType.TEXT)],
        vector_config=Configure.Vectors.text2vec_transformers(source_properties=["title"]),
        inverted_index_config=Configure.inverted_index(
            stopwords_additions=["wvorm"], stopwords_removals=["the"]
        ),
    )
    config = collection.config.get()
    stopwords = config.inverted_index_config.stopwords
    assert stopwords.additions == ["wvorm"]
    assert stopwords.removals == ["the"]
    assert stopwords.additions == ("wvorm",)
    sources = config.vector_config["default"].vectorizer.source_properties
    assert sources == ["title"]
    assert sources != ["other"]
    assert not hasattr(sources, "append")


def test_id_or_vector_among_properties_is_refused_before_sending(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    from wvorm_core.exceptions import WeaviateInsertInvalidPropertyError

    collection = client.collections.create(
        collection_name,
        properties=[Property(name="name", data_type=DataType.TEXT)],
        vector_config=Configure.Vectors.self_provided(),
    )
    for bad in ({"name": "a", "id": "x"}, {"name": "a", "vector": [1.0]}):
        with pytest.raises(WeaviateInsertInvalidPropertyError, match="object 1: 'id' and 'vector'"):
            collection.data.insert_many([{"name": "fine"}, bad])
    assert collection.query.fetch_objects().objects == []


def test_contextionary_builder() -> None:
    vector = Configure.Vectors.text2vec_contextionary(source_properties=["title"])
    assert vector.to_dict()["vectorizer"] == {
        "text2vec-contextionary": {"vectorizeClassName": True, "properties": ["title"]}
    }


def test_export_config_copy_recipe_keeps_every_setting(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    from wvorm_core.classes.config import VectorDistances

    client.collections.create(
        collection_name,
        properties=[Property(name="title", data_type=DataType.TEXT)],
        vector_config=[
            Configure.Vectors.self_provided(
                name="dot",
                vector_index_config=Configure.VectorIndex.hnsw(distance_metric=VectorDistances.DOT),
            ),
            Configure.Vectors.self_provided(
                name="flat",
                vector_index_config=Configure.VectorIndex.flat(
                    distance_metric=VectorDistances.L2_SQUARED
                ),
            ),
        ],
        inverted_index_config=Configure.inverted_index(stopwords_additions=["wvorm"]),
    )
    copy_name = collection_name + "Copy"
    config = client.collections.export_config(collection_name)
    config.name = copy_name
    try:
        client.collections.create_from_config(config)
        original = client.collections.export_config(collection_name).to_dict()
        copied = client.collections.export_config(copy_name).to_dict()
        assert copied.pop("class") == copy_name
        original.pop("class")
        assert copied == original
        vectors = client.collections.use(copy_name).config.get().vector_config
        assert vectors["dot"].vector_index_config.distance_metric is VectorDistances.DOT
        assert vectors["flat"].vector_index_config.distance_metric is VectorDistances.L2_SQUARED
    finally:
        client.collections.delete(copy_name)
    with pytest.raises(AttributeError, match="no field"):
        config.nmae = "typo"


def test_phone_number_reads_back_with_the_official_attributes(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    from wvorm_core.classes.data import PhoneNumber

    collection = client.collections.create(
        collection_name,
        properties=[Property(name="phone", data_type=DataType.PHONE_NUMBER)],
        vector_config=Configure.Vectors.self_provided(),
    )
    collection.data.insert({"phone": PhoneNumber("020 555 1234", "NL")}, vector=[1.0, 0.0])
    phone = collection.query.fetch_objects().objects[0].properties["phone"]
    assert phone.number == "020 555 1234"
    assert phone.default_country == "NL"
    assert phone.country_code == 31
    assert phone.international_formatted == "+31 20 555 1234"
    assert phone.national == 205551234
    assert phone.valid is True
    assert phone["internationalFormatted"] == "+31 20 555 1234"
