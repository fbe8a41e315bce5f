"""Read-path benchmark: wvorm_core vs the official client, against the same server in one run.

    .venv/bin/python bench/query_bench.py [--objects 100000] [--dims 384]

Starts a local weaviate-server (or uses WEAVIATE_URL=host:port:grpc_port), imports `--objects`
objects (384-d float32 vectors from a Gaussian mixture, 5 properties), then measures client CPU
(`time.process_time`: this process only, the server runs in its own) for each scenario, and the
peak Python memory (tracemalloc) of a 10,000-object fetch. Both clients ask for the same
properties and vectors, and the script checks they return the same objects.

Two passes: against the live server, then against a replay server (a separate process that
answers `Search` with the live server's recorded replies at once), which shows each client's
own cost, as in `research/perf_anchors.md`. grpcio's blocking call also spends CPU while it
waits for the server; wvorm's sync client makes its unary calls over its own HTTP/2
connections, which wait in a plain blocking `recv`.

Each pass also measures the asyncio clients (`wvorm_core.use_async_with_local` against
`weaviate.use_async_with_local`, or their `_custom` twins for the replay server): the same
near_vector scenarios awaited one after another in one event loop, and the limit-10 floors
through grpc.aio and through wvorm's asyncio HTTP/2 driver.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from concurrent import futures
from contextlib import contextmanager
from typing import Any

import grpc as grpc_lib
import weaviate
from dataset import make_data

import wvorm_core
from wvorm_core._ops import search
from wvorm_core._ops.calls import grpc
from wvorm_core._transport.http2 import Http2Channel
from wvorm_core._transport.http2_aio import AsyncHttp2Channel
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.data import DataObject
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.proto.v1 import search_get_pb2

COLLECTION = "BenchQuery"
PROPS = ["title", "body", "category", "price", "count"]


def load(client: wvorm_core.WeaviateClient, rows: list[dict[str, object]], vectors: Any) -> None:
    client.collections.delete(COLLECTION)
    col = client.collections.create(
        COLLECTION,
        properties=[
            Property(name="title", data_type=DataType.TEXT),
            Property(name="body", data_type=DataType.TEXT),
            Property(name="category", data_type=DataType.TEXT),
            Property(name="price", data_type=DataType.NUMBER),
            Property(name="count", data_type=DataType.INT),
        ],
        vector_config=Configure.Vectors.self_provided(),
    )
    started = time.perf_counter()
    for start in range(0, len(rows), 1000):
        chunk = [
            DataObject(rows[i], vector=vectors[i].tolist())
            for i in range(start, min(start + 1000, len(rows)))
        ]
        result = col.data.insert_many(chunk)
        assert not result.errors, list(result.errors.values())[:1]
    print(f"imported {len(rows)} objects in {time.perf_counter() - started:.1f}s")


def _round(fn: Callable[[], object], repeat: int) -> float:
    gc.collect()
    start = time.process_time()
    for _ in range(repeat):
        fn()
    return (time.process_time() - start) / repeat


def cpu_medians(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Client CPU seconds per call of each: medians of 7 rounds, the calls interleaved."""
    rounds: list[list[float]] = [[] for _ in fns]
    for _ in range(7):
        for times, fn in zip(rounds, fns, strict=True):
            times.append(_round(fn, repeat))
    return [statistics.median(times) for times in rounds]


def peak_bytes(fn: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    kept = fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del kept
    return peak


@contextmanager
def server_endpoint() -> Iterator[tuple[str, int, int]]:
    if url := os.environ.get("WEAVIATE_URL"):
        host, port, grpc_port = url.split(":")
        yield host, int(port), int(grpc_port)
        return
    with tempfile.TemporaryDirectory(prefix="wvorm-bench-") as data:
        options = EmbeddedOptions(
            port=0,
            grpc_port=0,
            persistence_data_path=data,
            environment_variables={"QUERY_MAXIMUM_RESULTS": "100000"},
        )
        with EmbeddedServer(options) as server:
            yield server.host, server.port, server.grpc_port


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--dims", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rows, vectors = make_data(args.objects, args.dims)
    queries = [v.tolist() for v in vectors[:: max(1, len(vectors) // 50)][:50]]
    with server_endpoint() as (host, port, grpc_port):
        ours = wvorm_core.connect_to_local(host=host, port=port, grpc_port=grpc_port)
        ours.connect()
        official = weaviate.connect_to_local(
            host=host, port=port, grpc_port=grpc_port, skip_init_checks=True
        )
        try:
            load(ours, rows, vectors)
            print("\n== live server ==")
            run(ours, official, queries, args, iterate=True, grpc_target=f"{host}:{grpc_port}")
            print("\n== live server, asyncio ==")
            asyncio.run(
                run_async(
                    wvorm_core.use_async_with_local(host=host, port=port, grpc_port=grpc_port),
                    weaviate.use_async_with_local(
                        host=host, port=port, grpc_port=grpc_port, skip_init_checks=True
                    ),
                    queries,
                    args,
                    grpc_target=f"{host}:{grpc_port}",
                )
            )
            replies = record(ours, queries[0], args)
        finally:
            ours.collections.delete(COLLECTION)
            ours.close()
            official.close()
        with replay_server(replies) as replay_port:
            ours = wvorm_core.connect_to_custom(
                host, port, False, "127.0.0.1", replay_port, False, skip_init_checks=True
            )
            ours.connect()
            official = weaviate.connect_to_custom(
                http_host=host, http_port=port, http_secure=False,
                grpc_host="127.0.0.1", grpc_port=replay_port, grpc_secure=False,
                skip_init_checks=True,
            )  # fmt: skip
            try:
                print("\n== replay server (client cost only) ==")
                run(
                    ours, official, queries[:1], args, iterate=False,
                    grpc_target=f"127.0.0.1:{replay_port}",
                )  # fmt: skip
            finally:
                ours.close()
                official.close()
            print("\n== replay server (client cost only), asyncio ==")
            asyncio.run(
                run_async(
                    wvorm_core.use_async_with_custom(
                        host, port, False, "127.0.0.1", replay_port, False, skip_init_checks=True
                    ),
                    weaviate.use_async_with_custom(
                        http_host=host, http_port=port, http_secure=False,
                        grpc_host="127.0.0.1", grpc_port=replay_port, grpc_secure=False,
                        skip_init_checks=True,
                    ),
                    queries[:1],
                    args,
                    grpc_target=f"127.0.0.1:{replay_port}",
                )
            )  # fmt: skip


ReplyKey = tuple[int, bool]


def _key(request: search_get_pb2.SearchRequest) -> ReplyKey:
    return request.limit, request.metadata.vector or bool(request.metadata.vectors)


def record(ours: Any, vector: list[float], args: argparse.Namespace) -> dict[ReplyKey, bytes]:
    """The live server's reply bytes for each scenario's request."""
    target = search.Target(COLLECTION)
    replies = {}
    for limit in (10, 100, min(10_000, args.objects)):
        for with_vector in (False, True):
            options = {"limit": limit, "include_vector": with_vector}
            message, _ = search.prepare(target, "bench", PROPS, options, search.near_vector(vector))
            reply = ours._transport.run(
                grpc(search.SERVICE, "Search", message, search_get_pb2.SearchReply)
            )
            replies[_key(message)] = reply.SerializeToString()
    return replies


def _serve_replay(replies: dict[ReplyKey, bytes], ports: Any) -> None:
    def answer(request: bytes, context: Any) -> bytes:
        return replies[_key(search_get_pb2.SearchRequest.FromString(request))]

    server = grpc_lib.server(futures.ThreadPoolExecutor(2))
    handler = grpc_lib.unary_unary_rpc_method_handler(answer)
    server.add_generic_rpc_handlers(
        [grpc_lib.method_handlers_generic_handler("weaviate.v1.Weaviate", {"Search": handler})]
    )
    ports.put(server.add_insecure_port("127.0.0.1:0"))
    server.start()
    server.wait_for_termination()


@contextmanager
def replay_server(replies: dict[ReplyKey, bytes]) -> Iterator[int]:
    """A gRPC server in its own process answering `Search` with recorded replies."""
    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    process = context.Process(target=_serve_replay, args=(replies, ports), daemon=True)
    process.start()
    try:
        yield int(ports.get(timeout=60))
    finally:
        process.terminate()
        process.join()


@contextmanager
def floors(grpc_target: str, vector: list[float]) -> Iterator[tuple[Callable[[], object], ...]]:
    """A bare limit-10 search and the upb parse of its reply, once through grpcio and once
    through wvorm's own HTTP/2 connection: the least a client can spend on each transport."""
    options = {"limit": 10}
    message, _ = search.prepare(
        search.Target(COLLECTION), "floor", PROPS, options, search.near_vector(vector)
    )
    payload = message.SerializeToString()
    method = f"/{search.SERVICE}/Search"
    channel = grpc_lib.insecure_channel(grpc_target)
    call = channel.unary_unary(method, _registered_method=True)
    host, port = grpc_target.rsplit(":", 1)
    http2 = Http2Channel(host, int(port))
    parse = search_get_pb2.SearchReply.FromString
    try:
        yield (
            lambda: parse(call(payload)),
            lambda: parse(http2.unary(method, payload, (), 30, 2**26)),  # type: ignore[arg-type]
        )
    finally:
        channel.close()
        http2.close()


def run(
    ours: Any,
    official: Any,
    queries: list[list[float]],
    args: argparse.Namespace,
    iterate: bool,
    grpc_target: str,
) -> None:
    a = ours.collections.use(COLLECTION).query
    b = official.collections.use(COLLECTION).query
    cursor = iter(range(10**9))

    def q() -> list[float]:
        return queries[next(cursor) % len(queries)]

    scenarios: list[tuple[str, Callable[[], Any], Callable[[], Any], int, int]] = []
    for limit, with_vector in ((10, False), (10, True), (100, False), (100, True)):
        scenarios.append(
            (
                f"near_vector limit {limit}{' + vectors' if with_vector else ''}",
                lambda limit=limit, v=with_vector: a.near_vector(
                    q(), limit=limit, include_vector=v, return_properties=PROPS
                ),
                lambda limit=limit, v=with_vector: b.near_vector(
                    q(), limit=limit, include_vector=v, return_properties=PROPS
                ),
                args.queries,
                limit,
            )
        )  # fmt: skip
    fetch = min(10_000, args.objects)
    scenarios.append(
        (
            f"{fetch} objects + vectors",
            lambda: a.near_vector(q(), limit=fetch, include_vector=True, return_properties=PROPS),
            lambda: b.near_vector(q(), limit=fetch, include_vector=True, return_properties=PROPS),
            1,
            fetch,
        )
    )
    if iterate:
        ca = ours.collections.use(COLLECTION)
        cb = official.collections.use(COLLECTION)
        scenarios.append(
            (
                f"iterator over {args.objects} + vectors",
                lambda: sum(1 for _ in ca.iterator(include_vector=True, return_properties=PROPS)),
                lambda: sum(1 for _ in cb.iterator(include_vector=True, return_properties=PROPS)),
                1,
                args.objects,
            )
        )
    check(a, b, queries[0])
    print(f"{'scenario':36} {'official':>12} {'wvorm':>12} {'ratio':>7}  per object")
    for name, ours_fn, official_fn, repeat, objects in scenarios:
        ours_fn(), official_fn()  # warm up
        t_official, t_ours = cpu_medians([official_fn, ours_fn], repeat)
        per = f"{t_official / objects * 1e6:7.2f} vs {t_ours / objects * 1e6:5.2f} us"
        print(
            f"{name:36} {t_official * 1e3:9.3f} ms {t_ours * 1e3:9.3f} ms "
            f"{t_official / t_ours:6.2f}x  {per}"
        )
    with floors(grpc_target, queries[0]) as (grpcio_floor, http2_floor):
        t_official, t_ours, t_grpcio, t_http2 = cpu_medians(
            [
                lambda: b.near_vector(queries[0], limit=10, return_properties=PROPS),
                lambda: a.near_vector(queries[0], limit=10, return_properties=PROPS),
                grpcio_floor,
                http2_floor,
            ],
            args.queries,
        )
    print(
        f"limit 10 floors (bare call + upb parse): grpcio {t_grpcio * 1e3:.3f} ms, "
        f"wvorm's HTTP/2 {t_http2 * 1e3:.3f} ms; above the HTTP/2 floor: official "
        f"{(t_official - t_http2) * 1e3:.3f} ms, wvorm {(t_ours - t_http2) * 1e3:.3f} ms; "
        f"whole calls {t_official / t_ours:.2f}x"
    )
    peak_official = peak_bytes(lambda: b.near_vector(q(), limit=fetch, include_vector=True))
    peak_ours = peak_bytes(lambda: a.near_vector(q(), limit=fetch, include_vector=True))
    print(
        f"peak Python memory, {fetch} objects + vectors: official {peak_official / 2**20:.1f} "
        f"MiB, wvorm {peak_ours / 2**20:.1f} MiB ({peak_official / peak_ours:.2f}x less)"
    )


async def _async_round(fn: Callable[[], Awaitable[object]], repeat: int) -> float:
    gc.collect()
    start = time.process_time()
    for _ in range(repeat):
        await fn()
    return (time.process_time() - start) / repeat


async def async_cpu_medians(fns: list[Callable[[], Awaitable[object]]], repeat: int) -> list[float]:
    """Client CPU seconds per awaited call of each: medians of 7 interleaved rounds."""
    rounds: list[list[float]] = [[] for _ in fns]
    for _ in range(7):
        for times, fn in zip(rounds, fns, strict=True):
            times.append(await _async_round(fn, repeat))
    return [statistics.median(times) for times in rounds]


async def run_async(
    ours: Any, official: Any, queries: list[list[float]], args: argparse.Namespace, grpc_target: str
) -> None:
    """The asyncio clients on the same server: near_vector scenarios, then the limit-10 floors
    (a bare call and the upb parse of its reply, through grpc.aio and wvorm's HTTP/2)."""
    await ours.connect()
    await official.connect()
    try:
        a = ours.collections.use(COLLECTION).query
        b = official.collections.use(COLLECTION).query
        cursor = iter(range(10**9))

        def q() -> list[float]:
            return queries[next(cursor) % len(queries)]

        mine = await a.near_vector(
            queries[0], limit=10, include_vector=True, return_properties=PROPS
        )
        theirs = await b.near_vector(
            queries[0], limit=10, include_vector=True, return_properties=PROPS
        )
        assert [o.uuid for o in mine.objects] == [o.uuid for o in theirs.objects]
        assert ours._transport._http2 is not None, "the asyncio client runs on wvorm's HTTP/2"
        print(f"{'scenario':36} {'official':>12} {'wvorm':>12} {'ratio':>7}")
        for limit, with_vector in ((10, False), (10, True), (100, False), (100, True)):

            def ours_fn(limit: int = limit, v: bool = with_vector) -> Awaitable[object]:
                return a.near_vector(q(), limit=limit, include_vector=v, return_properties=PROPS)

            def official_fn(limit: int = limit, v: bool = with_vector) -> Awaitable[object]:
                return b.near_vector(q(), limit=limit, include_vector=v, return_properties=PROPS)

            await ours_fn(), await official_fn()  # warm up
            t_official, t_ours = await async_cpu_medians([official_fn, ours_fn], args.queries)
            name = f"async near_vector limit {limit}{' + vectors' if with_vector else ''}"
            print(
                f"{name:36} {t_official * 1e3:9.3f} ms {t_ours * 1e3:9.3f} ms "
                f"{t_official / t_ours:6.2f}x"
            )
        options = {"limit": 10}
        message, _ = search.prepare(
            search.Target(COLLECTION), "floor", PROPS, options, search.near_vector(queries[0])
        )
        payload = message.SerializeToString()
        method = f"/{search.SERVICE}/Search"
        channel = grpc_lib.aio.insecure_channel(grpc_target)
        call = channel.unary_unary(method, _registered_method=True)
        host, port = grpc_target.rsplit(":", 1)
        http2 = AsyncHttp2Channel(host, int(port))
        parse = search_get_pb2.SearchReply.FromString

        async def grpcio_floor() -> object:
            return parse(await call(payload))

        async def http2_floor() -> object:
            return parse(await http2.unary(method, payload, (), 30, 2**26))  # type: ignore[arg-type]

        try:
            await grpcio_floor(), await http2_floor()
            t_grpcio, t_http2 = await async_cpu_medians([grpcio_floor, http2_floor], args.queries)
        finally:
            await channel.close()
            await http2.close()
        print(
            f"async limit 10 floors (bare call + upb parse): grpc.aio {t_grpcio * 1e3:.3f} ms, "
            f"wvorm's HTTP/2 {t_http2 * 1e3:.3f} ms ({t_grpcio / t_http2:.2f}x)"
        )
    finally:
        await ours.close()
        await official.close()


def check(a: Any, b: Any, vector: list[float]) -> None:
    """Both clients must do the same work: same ids, same properties, same vectors."""
    mine = a.near_vector(vector, limit=10, include_vector=True, return_properties=PROPS)
    theirs = b.near_vector(vector, limit=10, include_vector=True, return_properties=PROPS)
    assert [o.uuid for o in mine.objects] == [o.uuid for o in theirs.objects]
    for x, y in zip(mine.objects, theirs.objects, strict=True):
        assert x.properties == dict(y.properties)
        assert list(x.vector["default"]) == y.vector["default"]


if __name__ == "__main__":
    main()
