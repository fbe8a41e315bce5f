"""Reply decoders fed mutated server replies: a `WeaviateError`, never another exception.

Real replies are recorded from the session server (a search with vectors and metadata, a
batch insert with one refused object, a collection's config, the tenant list, the collection
list), then replayed through a scripted transport after seeded mutations: for protobuf, bit
flips, truncation, inserted and deleted bytes; for JSON, a value swapped for one of another
type, a key dropped, raw bytes mutated. Every replay must end in a result or a `WeaviateError`;
a replay of the unmutated reply must give the recorded result.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterator

import pytest

import wvorm_core
from wvorm_core._ops.calls import Call, GrpcRequest, RestResponse
from wvorm_core._transport.common import parse_reply
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.data import DataObject
from wvorm_core.exceptions import WeaviateError
from wvorm_core.testing import ScriptedTransport

from .conftest import EXAMPLES

MUTATIONS = 150
"""Mutated replays per recorded operation."""

Action = Callable[[wvorm_core.WeaviateClient], object]


def _name(client: wvorm_core.WeaviateClient) -> str:
    return next(iter(client.collections.list_all(simple=True)))


ACTIONS: dict[str, Action] = {
    "search": lambda c: c.collections.use(_NAME[0]).query.fetch_objects(
        limit=5, include_vector=True, return_metadata=["distance", "creation_time", "score"]
    ),
    "batch": lambda c: c.collections.use(_NAME[0]).data.insert_many(
        [{"n": 1, "t": "a"}, DataObject({"n": 2}, vector=[1.0, 2.0, 3.0, 4.0])]
    ),
    "config": lambda c: c.collections.use(_NAME[0]).config.get(),
    "tenants": lambda c: c.collections.use(_NAME[1]).tenants.get(),
    "list_all": lambda c: c.collections.list_all(),
}
_NAME: list[str] = []


@pytest.fixture(scope="module")
def recorded(client: wvorm_core.WeaviateClient) -> Iterator[dict[str, list[tuple[Call, object]]]]:
    """Each action's requests and the real server's replies (gRPC ones as bytes)."""
    base = f"Replies_{uuid.uuid4().hex[:8]}"
    col = client.collections.create(
        base,
        properties=[
            Property(name="n", data_type=DataType.INT),
            Property(name="t", data_type=DataType.TEXT),
        ],
        vector_config=Configure.Vectors.self_provided(),
    )
    col.data.insert_many(
        [DataObject({"n": i, "t": f"w{i}"}, vector=[i, 1.0, 0.5]) for i in range(5)]
    )
    tenanted = client.collections.create(
        base + "T", multi_tenancy_config=Configure.multi_tenancy(enabled=True)
    )
    tenanted.tenants.create(["alpha", "beta"])
    _NAME[:] = [base, base + "T"]
    real = client._transport  # type: ignore[attr-defined]
    out: dict[str, list[tuple[Call, object]]] = {}
    for action, run in ACTIONS.items():
        exchanges: list[tuple[Call, object]] = []

        def record(call: Call, into: list[tuple[Call, object]] = exchanges) -> object:
            reply = real._send(call)
            into.append(
                (call, reply.SerializeToString() if isinstance(call, GrpcRequest) else reply)
            )
            return reply

        run(wvorm_core.WeaviateClient(transport=ScriptedTransport(record), skip_init_checks=True))
        out[action] = exchanges
    yield out
    client.collections.delete(base)
    client.collections.delete(base + "T")


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    kind = rng.randrange(4)
    if kind == 0 and buf:
        for _ in range(rng.randint(1, 4)):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        del buf[rng.randrange(len(buf) + 1) :]
    elif kind == 2:
        at = rng.randrange(len(buf) + 1)
        buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
    elif buf:
        at = rng.randrange(len(buf))
        del buf[at : at + rng.randint(1, 6)]
    return bytes(buf)


_ODD_VALUES: list[object] = [None, True, 0, -1, 2**70, 1.5, "", "x", [], [1], {}, {"a": 1}]


def _mutate_json(body: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.3:
        return _mutate_bytes(body, rng)
    data = json.loads(body)
    nodes: list[tuple[object, object]] = []  # (container, key) pairs

    def walk(value: object) -> None:
        items = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else ()
        )
        for key, child in items:
            nodes.append((value, key))
            walk(child)

    walk(data)
    if not nodes:
        return json.dumps(rng.choice(_ODD_VALUES)).encode()
    container, key = rng.choice(nodes)
    if isinstance(container, dict) and rng.random() < 0.3:
        del container[key]
    else:
        container[key] = rng.choice(_ODD_VALUES)  # type: ignore[index]
    return json.dumps(data).encode()


def _replay(
    action: str, exchanges: list[tuple[Call, object]], mutate_at: int | None, seed: int
) -> object:
    """Run `action` on a scripted client answering with `exchanges`, the one at `mutate_at`
    mutated."""
    rng = random.Random(seed)
    replies = enumerate(reply for _, reply in exchanges)

    def answer(call: Call) -> object:
        position, reply = next(replies)
        if isinstance(call, GrpcRequest):
            assert isinstance(reply, bytes)
            return parse_reply(call, _mutate_bytes(reply, rng) if position == mutate_at else reply)
        assert isinstance(reply, RestResponse)
        if position == mutate_at and reply.body:
            return RestResponse(reply.status, _mutate_json(reply.body, rng))
        return reply

    client = wvorm_core.WeaviateClient(transport=ScriptedTransport(answer), skip_init_checks=True)
    return ACTIONS[action](client)


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_mutated_replies_fail_typed(
    recorded: dict[str, list[tuple[Call, object]]], action: str
) -> None:
    exchanges = recorded[action]
    assert exchanges
    clean = _replay(action, exchanges, None, 0)
    if action != "batch":  # a batch result carries its timing
        assert repr(clean) == repr(_replay(action, exchanges, None, 0))
    for seed in range(MUTATIONS):
        at = seed % len(exchanges)
        try:
            _replay(action, exchanges, at, seed)
        except WeaviateError as error:
            EXAMPLES[(f"mutated {action}", type(error).__name__)] += 1
        except Exception as error:
            pytest.fail(f"{action}, seed {seed}: {type(error).__name__}: {error}")
        else:
            EXAMPLES[(f"mutated {action}", "decoded")] += 1
