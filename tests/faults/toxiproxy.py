"""Toxiproxy (Shopify's TCP fault proxy) on loopback, driven through its HTTP API.

The binary is built once with `go install` into `~/.cache/wvorm/toxiproxy/` (the module path and
version are pinned below); `WVORM_TOXIPROXY` may name another binary. Every proxy listens on
127.0.0.1 and may only forward to a loopback address.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from wvorm_core.embedded import free_port

MODULE = "github.com/Shopify/toxiproxy/v2/cmd/server@v2.5.0"
CACHE = Path.home() / ".cache" / "wvorm" / "toxiproxy"


def binary() -> Path:
    """The toxiproxy server binary, built on first use."""
    if named := os.environ.get("WVORM_TOXIPROXY"):
        return Path(named)
    built = CACHE / "server"
    if built.exists():
        return built
    go = shutil.which("go") or "/usr/local/go/bin/go"
    if not Path(go).exists():
        raise RuntimeError("the fault tests need toxiproxy: install Go, or set WVORM_TOXIPROXY")
    CACHE.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GOBIN": str(CACHE), "GOFLAGS": "-p=1"}
    subprocess.run([go, "install", MODULE], check=True, env=env, capture_output=True)
    return built


def _loopback(address: str) -> None:
    host = address.rsplit(":", 1)[0].strip("[]")
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"the fault proxy only forwards to loopback, not {address}")


class Proxy:
    """One proxied TCP endpoint; `listen` is the port clients connect to."""

    def __init__(self, api: httpx.Client, name: str, port: int, counts: Counter[str]) -> None:
        self._api = api
        self.name = name
        self.port = port
        self._counts = counts

    @contextmanager
    def toxic(self, kind: str, stream: str = "downstream", **attributes: int) -> Iterator[None]:
        """Apply one toxic (to open connections too) for the block, then remove it."""
        name = f"{kind}_{stream}"
        body = {"name": name, "type": kind, "stream": stream, "attributes": attributes}
        self._api.post(f"/proxies/{self.name}/toxics", json=body).raise_for_status()
        self._counts[kind] += 1
        try:
            yield
        finally:
            self._api.delete(f"/proxies/{self.name}/toxics/{name}").raise_for_status()

    @contextmanager
    def down(self) -> Iterator[None]:
        """Disable the proxy for the block: open connections close, new ones are refused."""
        self._api.post(f"/proxies/{self.name}", json={"enabled": False}).raise_for_status()
        self._counts["down"] += 1
        try:
            yield
        finally:
            self._api.post(f"/proxies/{self.name}", json={"enabled": True}).raise_for_status()


class Toxiproxy:
    """A running toxiproxy server; `counts` tallies the toxics applied, by kind."""

    def __init__(self) -> None:
        port = free_port()
        self._process = subprocess.Popen(
            [str(binary()), "-host", "127.0.0.1", "-port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._api = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
        self.counts: Counter[str] = Counter()
        for _ in range(100):
            try:
                self._api.get("/version").raise_for_status()
                break
            except httpx.TransportError:
                time.sleep(0.05)
        else:
            self.close()
            raise RuntimeError("toxiproxy did not start")

    def proxy(self, name: str, upstream: str) -> Proxy:
        _loopback(upstream)
        body = {"name": name, "listen": "127.0.0.1:0", "upstream": upstream, "enabled": True}
        reply = self._api.post("/proxies", json=body)
        reply.raise_for_status()
        port = int(reply.json()["listen"].rsplit(":", 1)[1])
        return Proxy(self._api, name, port, self.counts)

    def reset(self) -> None:
        """Remove every toxic and enable every proxy."""
        self._api.post("/reset").raise_for_status()

    def close(self) -> None:
        self._api.close()
        self._process.terminate()
        self._process.wait(10)
