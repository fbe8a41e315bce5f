"""Fixtures for the wire-fault tests: toxiproxy in front of the session server's REST and gRPC
ports, clients through it with short timeouts, and a tally of faults and outcomes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

import wvorm_core
from wvorm_core.classes.init import AdditionalConfig, Timeout
from wvorm_core.embedded import EmbeddedServer

from .toxiproxy import Proxy, Toxiproxy

TIMEOUT = 1.5
"""The query and insert timeout of the clients through the proxy, in seconds."""

OUTCOMES: Counter[tuple[str, str, str]] = Counter()
"""(fault, transport, outcome) -> how often; printed at the end of the session."""


def config(builtin_grpc: bool) -> AdditionalConfig:
    return AdditionalConfig(
        timeout=Timeout(query=TIMEOUT, insert=TIMEOUT, init=2), builtin_grpc=builtin_grpc
    )


@pytest.fixture(scope="session")
def toxiproxy() -> Iterator[Toxiproxy]:
    running = Toxiproxy()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture(scope="session")
def proxies(toxiproxy: Toxiproxy, server: EmbeddedServer) -> tuple[Proxy, Proxy]:
    """(REST, gRPC) proxies to the session server."""
    rest = toxiproxy.proxy("rest", f"127.0.0.1:{server.port}")
    grpc = toxiproxy.proxy("grpc", f"127.0.0.1:{server.grpc_port}")
    return rest, grpc


@pytest.fixture(autouse=True)
def _no_toxics_left(toxiproxy: Toxiproxy) -> Iterator[None]:
    toxiproxy.reset()
    yield
    toxiproxy.reset()


def proxied_client(proxies: tuple[Proxy, Proxy], builtin_grpc: bool) -> wvorm_core.WeaviateClient:
    rest, grpc = proxies
    return wvorm_core.connect_to_local(
        host="127.0.0.1",
        port=rest.port,
        grpc_port=grpc.port,
        additional_config=config(builtin_grpc),
    )


def proxied_async_client(
    proxies: tuple[Proxy, Proxy], builtin_grpc: bool
) -> wvorm_core.WeaviateAsyncClient:
    rest, grpc = proxies
    return wvorm_core.use_async_with_local(
        host="127.0.0.1",
        port=rest.port,
        grpc_port=grpc.port,
        additional_config=config(builtin_grpc),
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not OUTCOMES:
        return
    terminalreporter.section("wire faults injected")
    for (fault, transport, outcome), count in sorted(OUTCOMES.items()):
        terminalreporter.write_line(f"{fault:<22} {transport:<14} {outcome:<28} {count}")
    terminalreporter.write_line(f"total {sum(OUTCOMES.values())}")
