"""ORM read cost: building `Hit[Model]` instances vs the core client's decode into dicts.

    .venv/bin/python bench/orm_bench.py [--objects 5000] [--rounds 25]

Starts a local weaviate-server, stores `--objects` objects with five properties, and records
the server's `Search` reply for a fetch of all of them. Then, with no I/O in the timed part,
it measures client CPU per object (median of `--rounds`), each call answered with the recorded
reply by `wvorm_core.testing.ScriptedTransport`, for:

- core, dicts: the core client's own work for `fetch_objects(return_properties=[...])`
  (build the request, decode the recorded reply into `Object`s with dict properties);
- core, pydantic: the same with `return_properties=PydanticModel` (decoded straight into it);
- wvorm: `repo.find()`, the same search decoded straight into `Row` (the ORM's decoder runs
  inside the core's reply parsing) plus building the `Hit[Row]` list it returns.

Goal: wvorm at most 1.3x the core's dict decode. A live pass (sync gRPC over loopback,
whose waiting also costs CPU) is printed after it for reference.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable

import grpc
from google.protobuf.message import Message
from pydantic import BaseModel

import wvorm
import wvorm_core
from wvorm import Field, Prop, WvModel
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.testing import Call, GrpcRequest, ScriptedTransport

PROPS = ["title", "body", "category", "price", "count"]


class Row(WvModel, collection="BenchOrmRow"):
    title: Prop[str]
    body: Prop[str]
    category: Prop[str]
    price: Prop[float]
    count: Prop[int] = Field(default=0)


class PlainRow(BaseModel):
    title: str
    body: str
    category: str
    price: float
    count: int


def cpu_per_object(run: Callable[[], object], objects: int, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.process_time()
        run()
        samples.append((time.process_time() - started) / objects * 1e6)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()
    n = args.objects
    with tempfile.TemporaryDirectory() as data:
        options = EmbeddedOptions(port=0, grpc_port=0, persistence_data_path=data, modules=())
        environment = {"QUERY_MAXIMUM_RESULTS": str(max(n, 10000))}
        options = EmbeddedOptions(**{**options.__dict__, "environment_variables": environment})
        with (
            EmbeddedServer(options) as server,
            wvorm_core.connect_to_local(
                host=server.host, port=server.port, grpc_port=server.grpc_port
            ) as client,
        ):
            db = wvorm.Database(client)
            db.create_all([Row])
            rows = [
                Row(title=f"title {i}", body="some body text " * 8, category=f"c{i % 50}",
                    price=i * 0.25, count=i)
                for i in range(n)
            ]  # fmt: skip
            assert db.repo(Row).insert_many(rows).ok
            collection = client.collections.use("BenchOrmRow")
            repo = db.repo(Row)
            reply = recorded_reply(server, n)
            scripted = wvorm_core.WeaviateClient(
                transport=ScriptedTransport(lambda _: reply), skip_init_checks=True
            )
            offline_collection = scripted.collections.use("BenchOrmRow")
            offline_repo = wvorm.Database(scripted).repo(Row)
            assert len(offline_repo.find(limit=n)) == n
            offline: dict[str, Callable[[], object]] = {
                "core, dicts": lambda: offline_collection.query.fetch_objects(
                    limit=n, return_properties=PROPS
                ),
                "core, pydantic": lambda: offline_collection.query.fetch_objects(
                    limit=n, return_properties=PlainRow
                ),
                "wvorm, Hit[Row]": lambda: offline_repo.find(limit=n),
            }
            live: dict[str, Callable[[], object]] = {
                "core, dicts": lambda: collection.query.fetch_objects(
                    limit=n, return_properties=PROPS
                ),
                "wvorm, Hit[Row]": lambda: repo.find(limit=n),
            }
            report("recorded reply, no I/O", offline, n, args.rounds)
            report("live server (sync gRPC waits count too)", live, n, max(3, args.rounds // 5))


def recorded_reply(server: EmbeddedServer, n: int) -> Message:
    """The server's reply to `repo(Row).find(limit=n)`, sent once over a plain gRPC channel."""
    replies: list[Message] = []
    with grpc.insecure_channel(f"{server.host}:{server.grpc_port}") as channel:

        def forward(call: Call) -> Message:
            assert isinstance(call, GrpcRequest)
            request = call.request
            payload = request if isinstance(request, bytes) else request.SerializeToString()
            raw = channel.unary_unary(call.method)(payload, metadata=call.metadata or None)
            replies.append(call.reply_type.FromString(raw))
            return replies[-1]

        recorder = wvorm_core.WeaviateClient(
            transport=ScriptedTransport(forward), skip_init_checks=True
        )
        wvorm.Database(recorder).repo(Row).find(limit=n)
    [reply] = replies
    return reply


def report(title: str, readers: dict[str, Callable[[], object]], n: int, rounds: int) -> None:
    for run in readers.values():
        run()  # warm up
    samples: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(rounds):
        for name, run in readers.items():
            samples[name] += cpu_per_object(run, n, 1)
    base = statistics.median(samples["core, dicts"])
    print(f"{title}: fetch of {n} objects, 5 properties; client CPU per object")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"  {name:<16} {median:6.2f} µs   {median / base:4.2f}x core dicts")


if __name__ == "__main__":
    main()
