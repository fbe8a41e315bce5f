"""Batch and single-object requests built without a server, and their replies parsed."""

from __future__ import annotations

import pickle
import struct
from uuid import RFC_4122, UUID, SafeUUID

import numpy as np
import pytest
from pydantic import BaseModel

from wvorm_core._ops import data
from wvorm_core._ops.batch import encode as batch
from wvorm_core._ops.calls import GrpcRequest, RestRequest, RestResponse
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.data import DataObject, DataReferenceMulti, ReferenceToMulti
from wvorm_core.classes.query import Filter
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import base_pb2, batch_delete_pb2, batch_pb2

U = UUID(int=1)
V = UUID(int=2)


class Note(BaseModel):
    text: str


def test_objects_request_carries_everything() -> None:
    data, uuids = batch.objects_request(
        "Note",
        [
            DataObject(
                {"text": "a"},
                uuid=U,
                vector=np.array([1.0, 2.0], dtype=np.float64),
                references={"by": V, "in": ReferenceToMulti("Shelf", [U, str(V)])},
            ),
            Note(text="b"),
            DataObject(Note(text="c"), vector={"title": [0.5]}),
        ],
        tenant="t1",
        level=ConsistencyLevel.ALL,
    )
    request = batch_pb2.BatchObjectsRequest.FromString(data)
    assert request.consistency_level == base_pb2.CONSISTENCY_LEVEL_ALL
    first, second, third = request.objects
    assert (first.uuid, first.collection, first.tenant) == (str(U), "Note", "t1")
    assert struct.unpack("<2f", first.vector_bytes) == (1.0, 2.0)
    assert [(r.prop_name, list(r.uuids)) for r in first.properties.single_target_ref_props] == [
        ("by", [str(V)])
    ]
    multi = first.properties.multi_target_ref_props[0]
    assert (multi.prop_name, multi.target_collection, list(multi.uuids)) == (
        "in",
        "Shelf",
        [str(U), str(V)],
    )
    assert second.properties.non_ref_properties.fields["text"].string_value == "b"
    assert uuids[0] == U
    assert UUID(second.uuid) == uuids[1]
    assert uuids[1].version == 4
    assert third.vectors[0].name == "title"
    assert third.vectors[0].type == base_pb2.Vectors.VECTOR_TYPE_SINGLE_FP32


def test_insert_many_maps_errors_to_their_objects() -> None:
    op = batch.insert_many("Note", [{"text": "a"}, {"text": 1}], "t1")
    call = next(op)
    assert isinstance(call, GrpcRequest)
    assert call.method == "/weaviate.v1.Weaviate/BatchObjects"
    assert call.timeout == "insert"
    assert isinstance(call.request, bytes)
    request = batch_pb2.BatchObjectsRequest.FromString(call.request)
    assert [(o.collection, o.tenant) for o in request.objects] == [("Note", "t1")] * 2
    assert not request.HasField("consistency_level")
    reply = batch_pb2.BatchObjectsReply(errors=[{"index": 1, "error": "wrong type"}])
    with pytest.raises(StopIteration) as done:
        op.send(reply)
    result = done.value.value
    assert list(result.uuids) == [0]
    assert str(result.uuids[0]) == request.objects[0].uuid
    assert result.errors[1].uuid == UUID(request.objects[1].uuid)
    assert result.errors[1].message == "wrong type"
    assert result.errors[1].properties == {"text": 1}


def test_random_uuids_are_version_4_and_distinct() -> None:
    pairs = [batch.random_uuid() for _ in range(600)]  # more than one pool
    assert len({text for text, _ in pairs}) == 600
    for text, ident in pairs:
        assert UUID(text) == ident
        assert str(ident) == text
        assert hash(ident) == hash(UUID(text))
        assert (ident.version, ident.variant) == (4, RFC_4122)
        assert ident.is_safe is SafeUUID.unknown
        assert pickle.loads(pickle.dumps(ident)) == ident


def test_bad_objects_are_named() -> None:
    with pytest.raises(WeaviateInvalidInputError, match=r"object 1: .*not a uuid"):
        batch.objects_request("Note", [{"a": 1}, DataObject({"a": 1}, uuid="x")])
    with pytest.raises(WeaviateInvalidInputError, match="object 0: properties must be"):
        batch.objects_request("Note", [42])
    with pytest.raises(WeaviateInvalidInputError, match="one-dimensional"):
        batch.objects_request("Note", [DataObject({}, vector=np.zeros((2, 2)))])
    with pytest.raises(WeaviateInvalidInputError, match=r"reference 'by'.*not a uuid"):
        batch.objects_request("Note", [DataObject({}, references={"by": "nope"})])


def test_delete_many_request_and_reply() -> None:
    op = batch.delete_many(
        "Note", Filter.by_property("n").equal(1), True, True, "t1", ConsistencyLevel.ONE
    )
    call = next(op)
    assert isinstance(call, GrpcRequest)
    request = call.request
    assert isinstance(request, batch_delete_pb2.BatchDeleteRequest)
    assert (request.verbose, request.dry_run, request.tenant) == (True, True, "t1")
    assert request.consistency_level == base_pb2.CONSISTENCY_LEVEL_ONE
    assert request.filters.target.property == "n"
    reply = batch_delete_pb2.BatchDeleteReply(matches=2, successful=1, failed=1)
    reply.objects.add(uuid=U.bytes, successful=True, error="")
    reply.objects.add(uuid=V.bytes, successful=False, error="locked")
    with pytest.raises(StopIteration) as done:
        op.send(reply)
    result = done.value.value
    assert (result.matches, result.successful, result.failed) == (2, 1, 1)
    assert [(o.uuid, o.successful, o.error) for o in result.objects] == [
        (U, True, None),
        (V, False, "locked"),
    ]


def test_reference_records_expand_targets() -> None:
    records = batch.reference_records(
        "Note", [DataReferenceMulti("in", U, [U, V], target_collection="Shelf")], "t1"
    )
    request = batch.references_request(records, ConsistencyLevel.QUORUM)
    assert [(r.from_uuid, r.to_uuid, r.to_collection, r.tenant) for r in request.references] == [
        (str(U), str(U), "Shelf", "t1"),
        (str(U), str(V), "Shelf", "t1"),
    ]
    assert request.consistency_level == base_pb2.CONSISTENCY_LEVEL_QUORUM


def test_rest_writes_put_the_tenant_in_the_body_and_consistency_in_the_query() -> None:
    scope = data.Scope("Note", "t1", ConsistencyLevel.QUORUM)
    insert = data.insert(scope, {"text": "a"}, {"by": V}, U, [1.0, 0.5])
    call = next(insert)
    assert isinstance(call, RestRequest)
    assert (call.method, call.path, call.params) == (
        "POST",
        "/objects",
        {"consistency_level": "QUORUM"},
    )
    assert call.json == {
        "class": "Note",
        "properties": {"text": "a", "by": [{"beacon": f"weaviate://localhost/{V}"}]},
        "tenant": "t1",
        "vector": [1.0, 0.5],
        "id": str(U),
    }
    with pytest.raises(StopIteration) as done:
        insert.send(RestResponse(200, b"{}"))
    assert done.value.value == U

    delete = data.delete_by_id(scope, U)
    call = next(delete)
    assert isinstance(call, RestRequest)
    assert call.params == {"tenant": "t1", "consistency_level": "QUORUM"}
    with pytest.raises(StopIteration) as done:
        delete.send(RestResponse(404, b""))
    assert done.value.value is False

    ref = data.reference_add(scope, U, "in", ReferenceToMulti("Shelf", V))
    call = next(ref)
    assert isinstance(call, RestRequest)
    assert call.path == f"/objects/Note/{U}/references/in"
    assert call.json == {"beacon": f"weaviate://localhost/Shelf/{V}"}
