"""`client.tokenization`, `client.debug`, `client.graphql_raw_query` and
`client.get_open_id_configuration` against the real server."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

import wvorm_core
from wvorm_core import WeaviateClient
from wvorm_core._ops.calls import RestRequest
from wvorm_core.classes.config import Configure, DataType, Property, StopwordsPreset, Tokenization
from wvorm_core.classes.tokenization import StopwordsCreate
from wvorm_core.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateInvalidInputError,
    WeaviateUnsupportedFeatureError,
)
from wvorm_core.outputs.tokenization import TokenizeResult
from wvorm_core.testing import ScriptedTransport, json_response


def test_tokenize_text(client: WeaviateClient) -> None:
    word = client.tokenization.text("The Quick brown-fox", Tokenization.WORD)
    assert word == TokenizeResult(
        indexed=["the", "quick", "brown", "fox"], query=["quick", "brown", "fox"]
    )
    field = client.tokenization.text("The Quick", Tokenization.FIELD)
    assert field.indexed == ["The Quick"]
    no_stopwords = client.tokenization.text(
        "the fox", Tokenization.WORD, stopwords=StopwordsCreate(preset=StopwordsPreset.NONE)
    )
    assert no_stopwords.query == ["the", "fox"]
    more = client.tokenization.text(
        "the red fox",
        Tokenization.WORD,
        stopwords=StopwordsCreate(preset=StopwordsPreset.EN, additions=["red"]),
    )
    assert more.query == ["fox"]
    named = client.tokenization.text(
        "the red fox",
        Tokenization.WORD,
        analyzer_config=Configure.text_analyzer(stopword_preset="colours"),
        stopword_presets={"colours": ["red"]},
    )
    assert named.query == ["the", "fox"]
    folded = client.tokenization.text(
        "Café", Tokenization.WORD, analyzer_config=Configure.text_analyzer(ascii_fold=True)
    )
    assert folded.indexed == ["cafe"]


def test_tokenize_for_property(client: WeaviateClient, collection_name: str) -> None:
    client.collections.create(
        collection_name,
        properties=[
            Property(name="title", data_type=DataType.TEXT, tokenization=Tokenization.LOWERCASE),
            Property(name="year", data_type=DataType.INT),
        ],
    )
    result = client.tokenization.for_property(collection_name, "title", "Hello, World-Wide")
    assert result.indexed == ["hello,", "world-wide"]
    with pytest.raises(UnexpectedStatusCodeError, match="tokenization is not enabled"):
        client.tokenization.for_property(collection_name, "year", "1999")


def test_tokenize_bad_input(client: WeaviateClient) -> None:
    with pytest.raises(WeaviateInvalidInputError, match="not both"):
        client.tokenization.text(
            "x",
            Tokenization.WORD,
            stopwords=StopwordsCreate(),
            stopword_presets={"a": ["b"]},  # type: ignore[call-overload]
        )
    with pytest.raises(WeaviateInvalidInputError, match="unknown tokenization"):
        client.tokenization.text("x", "bogus")  # type: ignore[arg-type]
    with pytest.raises(WeaviateInvalidInputError, match="list of strings"):
        client.tokenization.text("x", Tokenization.WORD, stopword_presets={"a": "b"})
    with pytest.raises(WeaviateInvalidInputError, match="both added and removed"):
        StopwordsCreate(additions=["a"], removals=["a"])


def test_tokenization_needs_1_37() -> None:
    def old_server(call: object) -> object:
        assert isinstance(call, RestRequest)
        return json_response({"version": "1.36.4", "hostname": "", "modules": {}})

    client = WeaviateClient(transport=ScriptedTransport(old_server), skip_init_checks=True)
    client.connect()
    with pytest.raises(WeaviateUnsupportedFeatureError, match=r"needs Weaviate 1\.37\.0"):
        client.tokenization.text("x", Tokenization.WORD)


async def test_async_tokenization(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    result = await async_client.tokenization.text("Hello World", Tokenization.WHITESPACE)
    assert result.indexed == ["Hello", "World"]
    await async_client.collections.create(
        collection_name, properties=[Property(name="body", data_type=DataType.TEXT)]
    )
    words = await async_client.tokenization.for_property(collection_name, "body", "A b")
    assert words.indexed == ["a", "b"]


def test_debug_get_object(client: WeaviateClient, collection_name: str) -> None:
    client.collections.create(
        collection_name, properties=[Property(name="title", data_type=DataType.TEXT)]
    )
    before = datetime.now(timezone.utc).replace(microsecond=0)
    ident = client.collections.use(collection_name).data.insert(
        {"title": "Raw"}, vector=[0.5, 0.25, 1.0]
    )
    stored = client.debug.get_object_over_rest(collection_name, ident)
    assert stored is not None
    assert (stored.collection, stored.uuid, stored.tenant) == (collection_name, ident, None)
    assert stored.properties == {"title": "Raw"}
    assert stored.vector == [0.5, 0.25, 1.0]
    assert stored.creation_time >= before
    assert stored.last_update_time == stored.creation_time
    assert client.debug.get_object_over_rest(collection_name, uuid.uuid4()) is None
    with pytest.raises(WeaviateInvalidInputError, match="not a uuid"):
        client.debug.get_object_over_rest(collection_name, "nope")


async def test_async_debug(
    async_client: wvorm_core.WeaviateAsyncClient, collection_name: str
) -> None:
    await async_client.collections.create(
        collection_name,
        properties=[Property(name="n", data_type=DataType.INT)],
        multi_tenancy_config=Configure.multi_tenancy(auto_tenant_creation=True),
    )
    tenant = async_client.collections.use(collection_name).with_tenant("t1")
    ident = await tenant.data.insert({"n": 7})
    stored = await async_client.debug.get_object_over_rest(
        collection_name, str(ident), tenant="t1", node_name="node1"
    )
    assert stored is not None
    assert (stored.properties, stored.tenant) == ({"n": 7}, "t1")


def test_graphql_raw_query(client: WeaviateClient, collection_name: str) -> None:
    client.collections.create(
        collection_name, properties=[Property(name="n", data_type=DataType.INT)]
    )
    client.collections.use(collection_name).data.insert_many([{"n": 1}, {"n": 2}])
    with pytest.warns(DeprecationWarning, match="May 2027"):
        got = client.graphql_raw_query(f"{{ Get {{ {collection_name} {{ n }} }} }}")
    assert got.errors is None
    rows = got.get[collection_name]
    assert isinstance(rows, list)
    assert sorted(row["n"] for row in rows) == [1, 2]
    with pytest.warns(DeprecationWarning, match="GraphQL"):
        counted = client.graphql_raw_query(
            f"{{ Aggregate {{ {collection_name} {{ meta {{ count }} }} }} }}"
        )
    assert counted.aggregate[collection_name] == [{"meta": {"count": 2}}]
    with pytest.warns(DeprecationWarning, match="GraphQL"):
        failed = client.graphql_raw_query("{ Get { NoSuchCollection { n } } }")
    assert failed.errors is not None
    assert "NoSuchCollection" in str(failed.errors[0]["message"])
    assert failed.get == {}


async def test_async_graphql_and_oidc(
    async_client: wvorm_core.WeaviateAsyncClient, client: WeaviateClient, collection_name: str
) -> None:
    await async_client.collections.create(
        collection_name, properties=[Property(name="n", data_type=DataType.INT)]
    )
    with pytest.warns(DeprecationWarning, match="GraphQL"):
        got = await async_client.graphql_raw_query(f"{{ Get {{ {collection_name} {{ n }} }} }}")
    assert got.get == {collection_name: []}
    # The test server has no OIDC configured.
    assert await async_client.get_open_id_configuration() is None
    assert client.get_open_id_configuration() is None


def test_open_id_configuration_parse() -> None:
    def oidc(call: object) -> object:
        assert isinstance(call, RestRequest)
        assert call.authenticated is False
        return json_response({"href": "https://idp/.well-known", "clientId": "wv", "scopes": ["a"]})

    client = WeaviateClient(transport=ScriptedTransport(oidc), skip_init_checks=True)
    assert client.get_open_id_configuration() == {
        "href": "https://idp/.well-known",
        "clientId": "wv",
        "scopes": ["a"],
    }
