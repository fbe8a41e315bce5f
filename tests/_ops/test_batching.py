"""The batcher's decisions, without a server: sizing, ordering, retries, results."""

from __future__ import annotations

from uuid import UUID

import pytest

from wvorm_core._ops.batch import Batcher, Chunk, RetryPolicy, Sizing
from wvorm_core._ops.batch.base import is_transient
from wvorm_core._ops.calls import GrpcRequest
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.data import ReferenceToMulti
from wvorm_core.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateAuthenticationError,
    WeaviateConnectionError,
    WeaviateInvalidInputError,
    WeaviateQueryError,
    WeaviateTimeoutError,
)
from wvorm_core.proto.v1 import base_pb2, batch_pb2


def _reply(errors: dict[int, str] | None = None, took: float = 0.1) -> batch_pb2.BatchObjectsReply:
    reply = batch_pb2.BatchObjectsReply(took=took)
    for index, message in (errors or {}).items():
        reply.errors.add(index=index, error=message)
    return reply


def _objects_request(batcher: Batcher, chunk: Chunk) -> batch_pb2.BatchObjectsRequest:
    """The request the batcher sends for `chunk`, parsed from its wire bytes."""
    call = next(batcher.send(chunk))
    assert isinstance(call, GrpcRequest)
    assert call.method.endswith("/BatchObjects")
    assert isinstance(call.request, bytes)
    return batch_pb2.BatchObjectsRequest.FromString(call.request)


def _add(batcher: Batcher, n: int) -> list[Chunk]:
    sealed = []
    for i in range(n):
        _, full = batcher.add_object("C", {"n": i}, None, None, None, None)
        if full:
            sealed.append(batcher.seal())
    return sealed


def test_fixed_size_seals_full_requests_and_flush_sends_the_rest() -> None:
    batcher = Batcher(Sizing.fixed_size(3), ConsistencyLevel.QUORUM)
    sealed = _add(batcher, 7)
    assert [len(c) for c in sealed] == [3, 3]
    request = _objects_request(batcher, sealed[0])
    assert request.consistency_level == base_pb2.CONSISTENCY_LEVEL_QUORUM
    assert [o.properties.non_ref_properties.fields["n"].number_value for o in request.objects] == [
        0,
        1,
        2,
    ]
    [rest] = batcher.flush()
    assert len(rest) == 1
    assert not batcher.idle
    for chunk in [*sealed, rest]:
        batcher.completed(chunk, _reply(), 0.1)
    assert batcher.idle
    assert batcher.results.objects_stored == 7


def test_references_wait_for_every_object_added_before_them() -> None:
    batcher = Batcher(Sizing.fixed_size(2))
    first, second = _add(batcher, 4)
    source = UUID(int=1)
    plain = batcher.new_references(source, "C", "p", UUID(int=2), None)
    multi = batcher.new_references(source, "C", "p", ReferenceToMulti("T", UUID(int=3)), "t1")
    assert [r.index for r in plain + multi] == [0, 1]
    assert batcher.add_references(plain) == []
    assert batcher.add_references(multi) == []
    batcher.completed(second, _reply(), 0.1)
    assert batcher.released(final=True) == []  # the first request is still out
    batcher.completed(first, _reply(), 0.1)
    [refs] = batcher.released(final=True)
    call = next(batcher.send(refs))
    assert isinstance(call, GrpcRequest)
    assert call.method.endswith("/BatchReferences")
    request = call.request
    assert isinstance(request, batch_pb2.BatchReferencesRequest)
    assert [(r.to_uuid, r.to_collection, r.tenant) for r in request.references] == [
        (str(UUID(int=2)), "", ""),
        (str(UUID(int=3)), "T", "t1"),
    ]
    assert request.references[1].HasField("to_collection")
    assert not request.references[0].HasField("to_collection")
    reply = batch_pb2.BatchReferencesReply(errors=[{"index": 1, "error": "no such target"}])
    batcher.completed(refs, reply, 0.1)
    assert batcher.idle
    [failed] = batcher.results.failed_references
    assert (failed.message, failed.reference.to_uuid) == ("no such target", UUID(int=3))


def test_a_reference_after_a_partial_request_waits_for_it() -> None:
    batcher = Batcher(Sizing.fixed_size(10))
    _add(batcher, 1)
    batcher.add_references(batcher.new_references(UUID(int=1), "C", "p", UUID(int=2), None))
    objects, *more = batcher.flush()
    assert more == []
    assert batcher.released(final=True) == []
    batcher.completed(objects, _reply(), 0.1)
    assert len(batcher.released(final=True)) == 1


def test_transient_failures_back_off_boundedly_then_report_every_object() -> None:
    batcher = Batcher(Sizing.fixed_size(2), retry=RetryPolicy(max_attempts=4, max_delay=1.0))
    [chunk] = _add(batcher, 2)
    delays = []
    while True:
        batcher.send(chunk)
        delay = batcher.failed(chunk, WeaviateConnectionError("gRPC: server unavailable"))
        if delay is None:
            break
        delays.append(delay)
    assert delays == [0.25, 0.5, 1.0]
    assert batcher.idle
    messages = [e.message for e in batcher.results.failed_objects]
    assert messages == ["request failed after 4 attempt(s): gRPC: server unavailable"] * 2
    assert [e.properties for e in batcher.results.failed_objects] == [{"n": 0}, {"n": 1}]


def test_permanent_failures_are_not_retried_and_auth_errors_stop_the_batch() -> None:
    batcher = Batcher(Sizing.fixed_size(1))
    first, second = _add(batcher, 2)
    batcher.send(first)
    assert batcher.failed(first, WeaviateQueryError("INVALID_ARGUMENT", "bad request")) is None
    assert batcher.number_errors == 1
    batcher.send(second)
    with pytest.raises(WeaviateAuthenticationError):
        batcher.failed(second, WeaviateAuthenticationError("401"))


def test_which_failures_are_transient() -> None:
    assert is_transient(WeaviateConnectionError("refused"))
    assert is_transient(WeaviateTimeoutError("slow"))
    assert is_transient(WeaviateQueryError("RESOURCE_EXHAUSTED", "busy"))
    assert is_transient(UnexpectedStatusCodeError("x", 503, "restarting"))
    assert is_transient(UnexpectedStatusCodeError("x", 429, "slow down"))
    assert not is_transient(UnexpectedStatusCodeError("x", 422, "invalid"))
    assert not is_transient(WeaviateQueryError("INVALID_ARGUMENT", "bad"))


def test_objects_refused_for_a_passing_reason_are_resent_alone() -> None:
    batcher = Batcher(Sizing.fixed_size(3))
    [chunk] = _add(batcher, 3)
    batcher.send(chunk)
    again = batcher.completed(
        chunk, _reply({0: "invalid integer property", 2: "store is shutting down"}), 0.1
    )
    assert again is not None
    assert [e[6] for e in again.entries] == [2]
    assert not batcher.idle
    batcher.send(again)
    assert batcher.completed(again, _reply(), 0.1) is None
    assert batcher.idle
    assert batcher.results.objects_stored == 2
    assert [e.index for e in batcher.results.failed_objects] == [0]


def test_dynamic_sizing_follows_the_servers_pace() -> None:
    batcher = Batcher(Sizing.dynamic())
    assert batcher.batch_size == 100
    for _ in range(4):
        [chunk] = _add(batcher, batcher.batch_size)
        batcher.completed(chunk, _reply(took=0.01), 0.01)
    assert batcher.batch_size == 1000
    [chunk] = _add(batcher, 1000)
    batcher.completed(chunk, _reply(took=10.0), 10.0)
    assert batcher.batch_size == 100


def test_rate_limit_spaces_requests() -> None:
    now = [0.0]
    batcher = Batcher(Sizing.rate_limit(600), clock=lambda: now[0])
    assert batcher.batch_size == 100
    first, second, third = _add(batcher, 300)
    assert batcher.send_delay(first) == 0
    assert batcher.send_delay(second) == pytest.approx(10.0)
    now[0] = 15.0
    assert batcher.send_delay(third) == pytest.approx(5.0)


def test_requests_over_the_message_limit_are_split() -> None:
    batcher = Batcher(Sizing.fixed_size(10), max_message_bytes=2000)
    for i in range(10):
        _, full = batcher.add_object("C", {"text": "x" * 200}, None, UUID(int=i), None, None)
    assert full
    parts = batcher.split_if_too_large(batcher.seal())
    assert len(parts) > 1
    requests = [_objects_request(batcher, p) for p in parts]
    assert all(r.ByteSize() <= 1600 for r in requests)
    assert [UUID(o.uuid) for r in requests for o in r.objects] == [UUID(int=i) for i in range(10)]
    assert sum(len(p) for p in parts) == 10
    for part in parts:
        batcher.completed(part, _reply(), 0.1)
    assert batcher.idle
    assert batcher.results.objects_stored == 10


def test_invalid_settings_and_objects_are_refused() -> None:
    with pytest.raises(WeaviateInvalidInputError, match="batch_size"):
        Sizing.fixed_size(0)
    with pytest.raises(WeaviateInvalidInputError, match="requests_per_minute"):
        Sizing.rate_limit(0)
    batcher = Batcher(Sizing.fixed_size(5))
    with pytest.raises(WeaviateInvalidInputError, match="object 0"):
        batcher.add_object("C", {"bad": {1, 2}}, None, None, None, None)
    batcher.add_object("C", {"ok": 1}, None, None, None, None)
    [chunk] = batcher.flush()
    request = _objects_request(batcher, chunk)
    assert len(chunk) == len(request.objects) == 1  # the refused one left nothing behind
