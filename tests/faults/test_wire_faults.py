"""Faults on the wire between a client and the real server, through toxiproxy.

Each fault is applied to a connection the client already uses (and to any it opens under the
fault). A call under a fault must end within the call's timeout plus one second, either with
exactly the result a clean call gives or with a `WeaviateError` subclass: never a hang, a
partial or a wrong result. Once the fault is removed, the same client answers correctly
again. gRPC calls run over both transports (wvorm's own HTTP/2 and grpcio), blocking and
asyncio; REST calls over httpx, blocking and asyncio.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

import pytest

import wvorm_core
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.exceptions import WeaviateError

from .conftest import OUTCOMES, TIMEOUT, proxied_async_client, proxied_client
from .toxiproxy import Proxy

OBJECTS = 300
BODY = "x" * 300
"""Each object's text: 300 objects make a search reply of about 100 kB."""
SLACK = 1.0
"""How long past its timeout a failing call may take."""


@dataclass(frozen=True)
class Fault:
    """A toxic (or the proxy going down) and whether a call under it may still succeed."""

    name: str
    kind: str
    stream: str = "downstream"
    attributes: dict[str, int] = field(default_factory=dict)
    must_fail: bool = True
    cut_at: bool = False
    """For `limit_data`: the byte count is chosen per protocol, partway into the reply."""


FAULTS = [
    Fault("latency_short", "latency", attributes={"latency": 200}, must_fail=False),
    Fault("latency_long", "latency", attributes={"latency": 1800}),
    Fault("cut_mid_reply", "limit_data", cut_at=True),
    Fault("reset", "reset_peer", attributes={"timeout": 0}),
    Fault("stall_reply", "timeout", attributes={"timeout": 0}),
    Fault("stall_request", "timeout", stream="upstream", attributes={"timeout": 0}),
    Fault(
        "slice",
        "slicer",
        attributes={"average_size": 64, "size_variation": 32, "delay": 10},
        must_fail=False,
    ),
    Fault("drip", "slicer", attributes={"average_size": 40, "size_variation": 0, "delay": 100_000}),
    Fault("down", "down"),
]
CUT_AT = {"rest": 400, "grpc": 3000}
"""Bytes of the reply let through before `cut_mid_reply` closes the connection."""


def apply(fault: Fault, proxy: Proxy, protocol: str) -> AbstractContextManager[None]:
    if fault.kind == "down":
        return proxy.down()
    attributes = {"bytes": CUT_AT[protocol]} if fault.cut_at else fault.attributes
    return proxy.toxic(fault.kind, fault.stream, **attributes)


def within_deadline(call: Callable[[], object]) -> tuple[object, float]:
    """Run `call` in a thread; returns its result or the exception it raised, and the seconds
    it took. A call still running well past its deadline fails the test as a hang."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as error:
            outcome.append(error)

    started = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(TIMEOUT + SLACK + 30)
    assert outcome, f"the call hung for {time.monotonic() - started:.1f}s"
    return outcome[0], time.monotonic() - started


async def within_deadline_async(call: Callable[[], Awaitable[object]]) -> tuple[object, float]:
    started = time.monotonic()
    try:
        result: object = await asyncio.wait_for(call(), TIMEOUT + SLACK + 30)
    except asyncio.TimeoutError:
        pytest.fail(f"the call hung for {time.monotonic() - started:.1f}s")
    except Exception as error:
        result = error
    return result, time.monotonic() - started


def judge(fault: Fault, transport: str, outcome: object, elapsed: float, expected: object) -> None:
    """The rules every call under a fault obeys; the outcome is tallied for the report."""
    label = type(outcome).__name__ if isinstance(outcome, BaseException) else "correct result"
    OUTCOMES[(fault.name, transport, label)] += 1
    assert elapsed <= TIMEOUT + SLACK, f"{fault.name}: {label} after {elapsed:.2f}s"
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, WeaviateError), f"{fault.name}: {outcome!r} is not typed"
    else:
        assert not fault.must_fail, f"{fault.name}: a call succeeded through the fault"
        assert outcome == expected, f"{fault.name}: a wrong or partial result"


RECOVERY = 3.0
"""How long after a connection-breaking fault the client may take to answer correctly again
(grpcio waits out its reconnect backoff after a refused connection)."""


def recovered(fault: Fault, transport: str, call: Callable[[], object], expected: object) -> None:
    """The same client answers correctly once the fault is gone: at once after a fault that
    leaves connections whole, within `RECOVERY` seconds (each failure typed) otherwise."""
    until = time.monotonic() + (RECOVERY if fault.must_fail else 0)
    while True:
        try:
            assert call() == expected
            return
        except WeaviateError as error:
            OUTCOMES[(fault.name, transport, f"after: {type(error).__name__}")] += 1
            if time.monotonic() > until:
                raise
            time.sleep(0.1)


async def recovered_async(
    fault: Fault, transport: str, call: Callable[[], Awaitable[object]], expected: object
) -> None:
    until = time.monotonic() + (RECOVERY if fault.must_fail else 0)
    while True:
        try:
            assert await call() == expected
            return
        except WeaviateError as error:
            OUTCOMES[(fault.name, transport, f"after: {type(error).__name__}")] += 1
            if time.monotonic() > until:
                raise
            await asyncio.sleep(0.1)


@pytest.fixture(scope="module")
def dataset(client: wvorm_core.WeaviateClient) -> Iterator[str]:
    """A collection of `OBJECTS` objects, written directly (not through the proxy)."""
    name = f"Faults_{uuid.uuid4().hex[:10]}"
    col = client.collections.create(
        name,
        properties=[
            Property(name="n", data_type=DataType.INT),
            Property(name="body", data_type=DataType.TEXT),
        ],
        vector_config=Configure.Vectors.self_provided(),
    )
    col.data.insert_many([{"n": i, "body": f"{i}:{BODY}"} for i in range(OBJECTS)])
    yield name
    client.collections.delete(name)


def rows(reply: object) -> list[tuple[object, ...]]:
    objects = reply.objects  # type: ignore[attr-defined]
    return sorted((o.uuid, o.properties["n"], o.properties["body"]) for o in objects)


@pytest.fixture(scope="module")
def expected(client: wvorm_core.WeaviateClient, dataset: str) -> tuple[object, object]:
    """What clean calls answer: the search rows and the collection config."""
    col = client.collections.use(dataset)
    found = rows(col.query.fetch_objects(limit=OBJECTS))
    assert len(found) == OBJECTS
    return found, col.config.get()


TRANSPORTS = {"builtin": True, "grpcio": False}


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_grpc_call_under_fault(
    proxies: tuple[Proxy, Proxy],
    dataset: str,
    expected: tuple[object, object],
    fault: Fault,
    transport: str,
) -> None:
    with proxied_client(proxies, TRANSPORTS[transport]) as client:
        col = client.collections.use(dataset)

        def search() -> object:
            return rows(col.query.fetch_objects(limit=OBJECTS))

        assert search() == expected[0]
        with apply(fault, proxies[1], "grpc"):
            outcome, elapsed = within_deadline(search)
        judge(fault, f"sync {transport}", outcome, elapsed, expected[0])
        recovered(fault, f"sync {transport}", search, expected[0])


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
async def test_grpc_call_under_fault_async(
    proxies: tuple[Proxy, Proxy],
    dataset: str,
    expected: tuple[object, object],
    fault: Fault,
    transport: str,
) -> None:
    async with proxied_async_client(proxies, TRANSPORTS[transport]) as client:
        col = client.collections.use(dataset)

        async def search() -> object:
            return rows(await col.query.fetch_objects(limit=OBJECTS))

        assert await search() == expected[0]
        with apply(fault, proxies[1], "grpc"):
            outcome, elapsed = await within_deadline_async(search)
        judge(fault, f"async {transport}", outcome, elapsed, expected[0])
        await recovered_async(fault, f"async {transport}", search, expected[0])


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_rest_call_under_fault(
    proxies: tuple[Proxy, Proxy],
    dataset: str,
    expected: tuple[object, object],
    fault: Fault,
) -> None:
    with proxied_client(proxies, True) as client:
        col = client.collections.use(dataset)
        assert col.config.get() == expected[1]
        with apply(fault, proxies[0], "rest"):
            outcome, elapsed = within_deadline(col.config.get)
        judge(fault, "sync rest", outcome, elapsed, expected[1])
        recovered(fault, "sync rest", col.config.get, expected[1])


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
async def test_rest_call_under_fault_async(
    proxies: tuple[Proxy, Proxy], dataset: str, expected: tuple[object, object], fault: Fault
) -> None:
    async with proxied_async_client(proxies, True) as client:
        col = client.collections.use(dataset)
        assert await col.config.get() == expected[1]
        with apply(fault, proxies[0], "rest"):
            outcome, elapsed = await within_deadline_async(col.config.get)
        judge(fault, "async rest", outcome, elapsed, expected[1])
        await recovered_async(fault, "async rest", col.config.get, expected[1])
