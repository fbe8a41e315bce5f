"""The transport seam: whole clients run over `ScriptedTransport`, with no server.

These check what the fronts send and how they read recorded replies; the same paths run
against a real server in `tests/collections`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypedDict
from uuid import UUID

import pytest
from typing_extensions import assert_type

from wvorm_core import WeaviateAsyncClient, WeaviateClient
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateQueryError
from wvorm_core.proto.v1 import health_pb2, search_get_pb2
from wvorm_core.testing import (
    AsyncScriptedTransport,
    Call,
    GrpcRequest,
    RestRequest,
    RestResponse,
    ScriptedTransport,
    json_response,
)

RECORDED_SCHEMA = json.loads((Path(__file__).parent / "_ops" / "schema_reply.json").read_text())
FIRST, SECOND = UUID(int=1), UUID(int=2)


class Article(TypedDict):
    title: str
    words: int


def search_reply() -> search_get_pb2.SearchReply:
    reply = search_get_pb2.SearchReply()
    for uid, title, words in [(FIRST, "Ants", 120), (SECOND, "Bees", 80)]:
        result = reply.results.add()
        result.metadata.id_as_bytes = uid.bytes
        result.properties.non_ref_props.fields["title"].text_value = title
        result.properties.non_ref_props.fields["words"].int_value = words
    return reply


def server(call: Call) -> object:
    """A small scripted Weaviate: meta, health, one search, one schema, one failing path."""
    if isinstance(call, GrpcRequest):
        if call.method.endswith("/Check"):
            return health_pb2.HealthCheckResponse(status=health_pb2.HealthCheckResponse.SERVING)
        if call.method == "/weaviate.v1.Weaviate/Search":
            return search_reply().SerializeToString()
        raise WeaviateQueryError("UNIMPLEMENTED", f"gRPC {call.method}: not scripted")
    assert isinstance(call, RestRequest)
    if call.path == "/meta":
        return json_response({"version": "1.39.2", "grpcMaxMessageSize": 1 << 20})
    if call.path == "/schema/Recorded":
        return json_response(RECORDED_SCHEMA)
    if call.method == "POST" and call.path == "/objects":
        return json_response(call.json)
    return RestResponse(500, b'{"error": [{"message": "disk full"}]}')


def sent_search(
    transport: ScriptedTransport | AsyncScriptedTransport,
) -> search_get_pb2.SearchRequest:
    [call] = [c for c in transport.requests if isinstance(c, GrpcRequest) and "Search" in c.method]
    request = call.request
    if isinstance(request, bytes):
        return search_get_pb2.SearchRequest.FromString(request)
    assert isinstance(request, search_get_pb2.SearchRequest)
    return request


def test_a_client_connects_and_queries_over_the_script() -> None:
    transport = ScriptedTransport(server)
    with WeaviateClient(transport=transport) as client:
        assert str(client.server_version) == "1.39.2"
        articles = client.collections.use("Article", data_model_properties=Article)
        result = articles.query.fetch_objects(limit=2)
    assert_type(result.objects[0].properties, Article)
    assert [(o.uuid, o.properties) for o in result.objects] == [
        (FIRST, {"title": "Ants", "words": 120}),
        (SECOND, {"title": "Bees", "words": 80}),
    ]
    request = sent_search(transport)
    assert (request.collection, request.limit) == ("Article", 2)
    assert sorted(request.properties.non_ref_properties) == ["title", "words"]
    methods = [c.method for c in transport.requests]
    assert methods[:2] == ["GET", "/grpc.health.v1.Health/Check"]


def test_recorded_schema_and_errors_reach_the_caller() -> None:
    transport = ScriptedTransport(server)
    client = WeaviateClient(transport=transport, skip_init_checks=True)
    config = client.collections.use("Recorded").config.get()
    assert config.name == "Recorded"
    assert config.inverted_index_config.bm25.k1 == pytest.approx(1.1)
    with pytest.raises(UnexpectedStatusCodeError, match="disk full") as failed:
        client.collections.exists("Missing")
    assert failed.value.status_code == 500
    with pytest.raises(WeaviateQueryError, match="not scripted"):
        client.collections.use("Article").aggregate.over_all(total_count=True)
    assert transport.requests[-1].method == "/weaviate.v1.Weaviate/Aggregate"


def test_writes_send_what_the_caller_gave() -> None:
    transport = ScriptedTransport(server)
    client = WeaviateClient(transport=transport, skip_init_checks=True)
    uid = client.collections.use("Article").data.insert({"title": "Wasps", "words": 3}, uuid=FIRST)
    assert uid == FIRST
    [call] = transport.requests
    assert isinstance(call, RestRequest)
    assert (call.method, call.path, call.timeout) == ("POST", "/objects", "insert")
    assert call.json == {
        "class": "Article",
        "properties": {"title": "Wasps", "words": 3},
        "id": str(FIRST),
    }


def test_a_reply_of_the_wrong_kind_is_a_clear_error() -> None:
    client = WeaviateClient(transport=ScriptedTransport(lambda call: "nonsense"))
    with pytest.raises(TypeError, match="answered GET /meta with str"):
        client.connect()


async def test_the_async_client_runs_the_same_script() -> None:
    transport = AsyncScriptedTransport(server)
    async with WeaviateAsyncClient(transport=transport) as client:
        articles = client.collections.use("Article", data_model_properties=Article)
        result = await articles.query.near_text("insects", limit=2)
        with pytest.raises(UnexpectedStatusCodeError, match="disk full"):
            await client.collections.exists("Missing")
    assert_type(result.objects[0].properties, Article)
    assert [o.properties["title"] for o in result.objects] == ["Ants", "Bees"]
    request = sent_search(transport)
    assert list(request.near_text.query) == ["insects"]
