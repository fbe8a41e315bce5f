"""Repositories over `ScriptedTransport`: what each call sends and how replies are read.

No server: the transport records every request and answers from a script. The same calls run
against the real server in the other `tests/orm` modules.
"""

from __future__ import annotations

import json
from uuid import UUID

import pytest
from typing_extensions import assert_type

from wvorm import AsyncDatabase, Database, Field, Hit, Prop, Ref, WvModel, asc
from wvorm_core import WeaviateAsyncClient, WeaviateClient, testing
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateInvalidInputError
from wvorm_core.proto.v1 import search_get_pb2
from wvorm_core.testing import Call, GrpcRequest, RestRequest, RestResponse, ScriptedTransport


class Shelf(WvModel, collection="ScriptedShelf"):
    label: Prop[str]


class Book(WvModel, collection="ScriptedBook"):
    title: Prop[str]
    pages: Prop[int] = Field(default=0)
    shelf: Ref[Shelf] = Field(default=None)


SHELF = Shelf(label="poetry").with_uuid(UUID(int=7))
BOOK = Book(title="Odes", pages=90, shelf=SHELF).with_uuid(UUID(int=8))


def store(call: Call) -> object:
    """Accepts every object insert (echoing it) and refuses books of negative length."""
    assert isinstance(call, RestRequest), f"unexpected request {call}"
    assert (call.method, call.path) == ("POST", "/objects")
    assert isinstance(call.json, dict)
    if call.json["properties"]["pages"] < 0:
        message = {"error": [{"message": "invalid integer property 'pages': below zero"}]}
        return RestResponse(422, json.dumps(message).encode())
    return testing.json_response(call.json)


def test_insert_is_one_request_with_everything() -> None:
    transport = ScriptedTransport(store)
    books = Database(WeaviateClient(transport=transport, skip_init_checks=True)).repo(Book)
    assert books.insert(BOOK, vector=[0.5, 0.25]) == BOOK.uuid
    [call] = transport.requests
    assert isinstance(call, RestRequest)
    assert call.json == {
        "class": "ScriptedBook",
        "properties": {
            "title": "Odes",
            "pages": 90,
            "shelf": [{"beacon": f"weaviate://localhost/{SHELF.uuid}"}],
        },
        "vector": [0.5, 0.25],
        "id": str(BOOK.uuid),
    }


def test_a_refused_insert_names_the_model_and_the_reason() -> None:
    transport = ScriptedTransport(store)
    books = Database(WeaviateClient(transport=transport, skip_init_checks=True)).repo(Book)
    with pytest.raises(WeaviateInvalidInputError, match=r"Book: .*pages': below zero"):
        books.insert(Book(title="Void", pages=-1))
    with pytest.raises(WeaviateInvalidInputError, match="is a Shelf, not a Book"):
        books.insert(SHELF)  # type: ignore[arg-type]
    assert len(transport.requests) == 1

    broken = ScriptedTransport(lambda call: RestResponse(500, b'{"error": "disk full"}'))
    shelves = Database(WeaviateClient(transport=broken, skip_init_checks=True)).repo(Shelf)
    with pytest.raises(UnexpectedStatusCodeError, match="disk full"):
        shelves.insert(SHELF)


async def test_async_insert_is_one_request() -> None:
    transport = testing.AsyncScriptedTransport(store)
    client = WeaviateAsyncClient(transport=transport, skip_init_checks=True)
    uuid = await AsyncDatabase(client).repo(Book).insert(BOOK)
    assert_type(uuid, UUID)
    assert uuid == BOOK.uuid
    [call] = transport.requests
    assert isinstance(call, RestRequest)
    assert (call.method, call.path) == ("POST", "/objects")


def shelves_reply(call: Call) -> object:
    assert isinstance(call, GrpcRequest)
    assert call.method.endswith("/Search")
    reply = search_get_pb2.SearchReply()
    for number, label in [(1, "art"), (2, "maps")]:
        result = reply.results.add()
        result.metadata.id_as_bytes = UUID(int=number).bytes
        result.properties.non_ref_props.fields["label"].text_value = label
    return reply


def test_find_sends_one_typed_search_and_builds_the_models() -> None:
    transport = ScriptedTransport(shelves_reply)
    shelves = Database(WeaviateClient(transport=transport, skip_init_checks=True)).repo(Shelf)
    hits = shelves.find(Shelf.label != "x", order_by=Shelf.label.asc(), limit=5)
    assert_type(hits, list[Hit[Shelf]])
    assert [(h.obj.label, h.obj.uuid, h.uuid) for h in hits] == [
        ("art", UUID(int=1), UUID(int=1)),
        ("maps", UUID(int=2), UUID(int=2)),
    ]
    [call] = transport.requests
    assert isinstance(call, GrpcRequest)
    request = call.request
    if isinstance(request, bytes):
        request = search_get_pb2.SearchRequest.FromString(request)
    assert isinstance(request, search_get_pb2.SearchRequest)
    assert (request.collection, request.limit) == ("ScriptedShelf", 5)
    assert list(request.properties.non_ref_properties) == ["label"]
    assert [(s.path[0], s.ascending) for s in request.sort_by] == [("label", True)]
    assert request.filters.target.property == "label"
    by_function, by_method = asc(Shelf.label), Shelf.label.desc()
    assert (by_function.name, by_function.ascending) == ("label", True)
    assert (by_method.name, by_method.ascending) == ("label", False)
