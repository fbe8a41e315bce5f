"""The `BatchStream` state machine fed recorded reply sequences, without a server."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import pytest

from wvorm_core._ops.batch import WINDOW, Phase, Reply, RetryPolicy, StreamBatcher
from wvorm_core._ops.batch.stream import PhaseError, Request
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.exceptions import WeaviateConnectionError, WeaviateError, WeaviateQueryError
from wvorm_core.proto.v1 import base_pb2


def _add(batcher: StreamBatcher, n: int, start: int = 0) -> list[UUID]:
    """Add objects the way the fronts do: seal each full message."""
    added = []
    for i in range(start, start + n):
        ident, full = batcher.add_object("C", {"n": i}, None, UUID(int=i + 1), None, None)
        added.append(ident)
        if full:
            batcher.seal()
    return added


def _uuids(request: bytes) -> list[str]:
    return [o.uuid for o in Request.FromString(request).data.objects.values]


def _ack() -> Reply:
    return Reply(acks=Reply.Acks())


def _results(
    ok: Sequence[str] = (), errors: dict[str, str] | None = None, beacons: bool = False
) -> Reply:
    results = Reply.Results()
    for key in ok:
        results.successes.add(**{"beacon" if beacons else "uuid": key})
    for key, message in (errors or {}).items():
        results.errors.add(error=message, **{"beacon" if beacons else "uuid": key})
    return Reply(results=results)


def _kinds(requests: list[bytes]) -> list[str | None]:
    return [Request.FromString(r).WhichOneof("message") for r in requests]


def test_objects_flow_in_a_window_of_acknowledged_messages_then_stop() -> None:
    batcher = StreamBatcher(ConsistencyLevel.QUORUM)
    start = Request.FromString(batcher.start())
    assert start.start.consistency_level == base_pb2.CONSISTENCY_LEVEL_QUORUM
    _add(batcher, 200 * (WINDOW + 1) + 10)
    first = batcher.next_requests(final=False)
    assert len(first) == WINDOW
    assert all(len(_uuids(r)) == 200 for r in first)
    assert batcher.next_requests(final=False) == []
    batcher.received(_ack())
    [fifth] = batcher.next_requests(final=False)
    assert _uuids(fifth)[0] == str(UUID(int=801))
    assert batcher.next_requests(final=True) == []
    batcher.received(_ack())
    [rest] = batcher.next_requests(final=True)
    assert len(_uuids(rest)) == 10
    for request in [*first, fifth, rest]:
        batcher.received(_results(_uuids(request)))
    assert batcher.idle
    assert batcher.results.objects_stored == 1010
    batcher.finish()
    assert _kinds(batcher.next_requests(final=True)) == ["stop"]
    assert batcher.closed(None) is None


def test_backoff_sets_the_message_size() -> None:
    batcher = StreamBatcher()
    batcher.start()
    batcher.received(Reply(backoff=Reply.Backoff(batch_size=50)))
    assert batcher.batch_size == 50
    _add(batcher, 120)
    assert [len(_uuids(r)) for r in batcher.next_requests(final=False)] == [50, 50]


def test_refusals_are_reported_with_the_server_reason() -> None:
    batcher = StreamBatcher()
    batcher.start()
    uuids = _add(batcher, 3)
    [request] = batcher.next_requests(final=True)
    batcher.received(_results([str(uuids[0]), str(uuids[2])], {str(uuids[1]): "invalid integer"}))
    [failed] = batcher.results.failed_objects
    assert failed.uuid == uuids[1]
    assert failed.message == "invalid integer"
    assert failed.properties == {"n": 1}
    assert failed.object_.index == 1
    assert batcher.results.objects_stored == 2
    assert batcher.number_errors == 1
    objects = Request.FromString(request).data.objects.values
    assert objects[1].uuid == str(uuids[1])
    assert objects[1].properties.non_ref_properties.fields["n"].number_value == 1


def test_references_wait_for_the_results_of_earlier_objects_and_match_by_beacon() -> None:
    batcher = StreamBatcher()
    batcher.start()
    uuids = _add(batcher, 2)
    for target in (uuids[1], uuids[0]):
        batcher.add_references(batcher.new_references(uuids[0], "C", "link", target, None))
    [objects] = batcher.next_requests(final=True)
    assert _kinds(batcher.next_requests(final=True)) == []
    batcher.received(_results(_uuids(objects)))
    [refs] = batcher.next_requests(final=True)
    references = Request.FromString(refs).data.references.values
    assert [r.to_uuid for r in references] == [str(uuids[1]), str(uuids[0])]
    beacon = f"weaviate://localhost/C/{uuids[0]}/link"
    batcher.received(_results([beacon], beacons=True))
    batcher.received(_results(errors={beacon: "target missing"}, beacons=True))
    assert batcher.idle
    [failed] = batcher.results.failed_references
    assert failed.message == "target missing"
    assert failed.reference.to_uuid == uuids[0]
    assert batcher.results.references_sent == 2


def test_shutting_down_stops_writing_and_the_next_stream_resends_what_has_no_result() -> None:
    batcher = StreamBatcher(retry=RetryPolicy(first_delay=0.5))
    batcher.start()
    uuids = _add(batcher, 400)
    sent = batcher.next_requests(final=False)
    batcher.received(_ack())
    batcher.received(_results(_uuids(sent[0])))
    batcher.received(Reply(shutting_down=Reply.ShuttingDown()))
    _add(batcher, 5, start=400)
    assert _kinds(batcher.next_requests(final=True)) == ["stop"]
    assert batcher.closed(None) == 0.0
    assert Request.FromString(batcher.start()).HasField("start")
    again = batcher.next_requests(final=True)
    assert [len(_uuids(r)) for r in again] == [200, 5]
    assert _uuids(again[0])[0] == str(uuids[200])
    assert batcher.closed(WeaviateConnectionError("refused")) == 0.5
    batcher.start()
    again = batcher.next_requests(final=True)
    for request in again:
        batcher.received(_results(_uuids(request)))
    assert batcher.idle
    assert batcher.results.objects_stored == 405
    assert batcher.results.failed_objects == []


def test_out_of_memory_waits_as_told_then_resends() -> None:
    batcher = StreamBatcher()
    batcher.start()
    _add(batcher, 10)
    [sent] = batcher.next_requests(final=True)
    batcher.received(Reply(out_of_memory=Reply.OutOfMemory(uuids=_uuids(sent), wait_time=3)))
    assert _kinds(batcher.next_requests(final=True)) == ["stop"]
    assert batcher.closed(None) == 3.0
    batcher.start()
    [again] = batcher.next_requests(final=True)
    assert _uuids(again) == _uuids(sent)


def test_passing_refusals_are_sent_again() -> None:
    batcher = StreamBatcher()
    batcher.start()
    uuids = _add(batcher, 2)
    batcher.next_requests(final=True)
    batcher.received(_results([str(uuids[0])], {str(uuids[1]): "context canceled"}))
    [again] = batcher.next_requests(final=True)
    assert _uuids(again) == [str(uuids[1])]
    batcher.received(_results(_uuids(again)))
    assert batcher.idle
    assert batcher.number_errors == 0


def test_a_stream_that_never_answers_fails_every_item_after_the_retries() -> None:
    batcher = StreamBatcher(retry=RetryPolicy(max_attempts=3))
    uuids = _add(batcher, 3)
    batcher.add_references(batcher.new_references(uuids[0], "C", "link", uuids[1], None))
    down = WeaviateConnectionError("server unavailable")
    for _ in range(2):
        batcher.start()
        batcher.next_requests(final=True)
        assert batcher.closed(down) is not None
    batcher.start()
    with pytest.raises(WeaviateError, match="gave up"):
        batcher.closed(down)
    assert batcher.phase is Phase.FINISHED
    assert batcher.idle
    assert [f.uuid for f in batcher.results.failed_objects] == uuids
    assert all("server unavailable" in f.message for f in batcher.results.failed_objects)
    assert len(batcher.results.failed_references) == 1


def test_a_refused_stream_raises_and_reports_every_item() -> None:
    batcher = StreamBatcher()
    batcher.start()
    _add(batcher, 2)
    batcher.next_requests(final=True)
    refused = WeaviateQueryError("UNIMPLEMENTED", "gRPC BatchStream: unknown method")
    with pytest.raises(WeaviateQueryError):
        batcher.closed(refused)
    assert batcher.idle
    assert len(batcher.results.failed_objects) == 2


def test_messages_over_the_size_limit_are_split_in_order() -> None:
    batcher = StreamBatcher(max_message_bytes=2000)
    batcher.start()
    for i in range(10):
        batcher.add_object("C", {"text": "x" * 200}, None, UUID(int=i + 1), None, None)
    requests = batcher.next_requests(final=True)
    assert len(requests) > 1
    assert all(len(r) <= 1600 for r in requests)
    assert [u for r in requests for u in _uuids(r)] == [str(UUID(int=i + 1)) for i in range(10)]


def test_phases_of_a_stream_that_ends_when_the_context_finishes() -> None:
    batcher = StreamBatcher()
    assert batcher.phase is Phase.WAITING
    batcher.start()
    assert batcher.phase is Phase.OPEN
    _add(batcher, 3)
    [sent] = batcher.next_requests(final=True)
    batcher.received(_results(_uuids(sent)))
    assert batcher.idle
    assert batcher.next_requests(final=True) == []  # idle, but the context goes on
    assert batcher.phase is Phase.OPEN
    batcher.finish()
    assert _kinds(batcher.next_requests(final=True)) == ["stop"]
    assert batcher.phase is Phase.STOPPING
    assert batcher.next_requests(final=True) == []
    assert batcher.closed(None) is None
    assert batcher.phase is Phase.FINISHED


def test_phases_of_a_stream_the_server_halts() -> None:
    batcher = StreamBatcher()
    batcher.start()
    _add(batcher, 3)
    batcher.received(Reply(shutting_down=Reply.ShuttingDown()))
    assert batcher.phase is Phase.HALTED
    assert _kinds(batcher.next_requests(final=True)) == ["stop"]
    assert batcher.phase is Phase.STOPPING
    batcher.received(Reply(out_of_memory=Reply.OutOfMemory(wait_time=2)))
    assert batcher.phase is Phase.STOPPING
    assert batcher.closed(None) == 2.0
    assert batcher.phase is Phase.WAITING
    batcher.start()
    assert batcher.phase is Phase.OPEN
    assert [len(_uuids(r)) for r in batcher.next_requests(final=True)] == [3]


def test_moves_the_protocol_does_not_have_raise() -> None:
    batcher = StreamBatcher()
    with pytest.raises(PhaseError, match="WAITING to WAITING"):
        batcher.closed(None)
    batcher.start()
    with pytest.raises(PhaseError, match="OPEN to OPEN"):
        batcher.start()
    batcher.finish()
    batcher.next_requests(final=True)
    assert batcher.closed(None) is None
    with pytest.raises(PhaseError, match="FINISHED to OPEN"):
        batcher.start()
    assert batcher.phase is Phase.FINISHED


def test_abandon_finishes_from_any_phase_and_reports_what_is_left() -> None:
    batcher = StreamBatcher()
    batcher.start()
    uuids = _add(batcher, 2)
    batcher.next_requests(final=False)
    batcher.add_object("C", {"n": 9}, None, UUID(int=99), None, None)
    batcher.abandon(WeaviateConnectionError("gone"))
    assert batcher.phase is Phase.FINISHED
    assert batcher.idle
    failed = batcher.results.failed_objects
    assert [f.uuid for f in failed] == [*uuids, UUID(int=99)]
    assert all(f.message == "batch stream ended: gone" for f in failed)
    batcher.abandon(None)
    assert batcher.phase is Phase.FINISHED
    assert len(batcher.results.failed_objects) == 3
