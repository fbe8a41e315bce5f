"""Find, install, start and stop a local `weaviate-server`.

The binary comes from `WEAVIATE_BINARY`, else from the per-version cache folder
(`$WVORM_CACHE_DIR`, default `~/.cache/wvorm`), else it is built once with
`go install github.com/weaviate/weaviate/cmd/weaviate-server@<version>`.

Run `wvorm-server install` to build it ahead of time (`wvorm-server path` prints where it is).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from wvorm_core.exceptions import EmbeddedServerError

if TYPE_CHECKING:
    from wvorm_core.client import WeaviateAsyncClient, WeaviateClient

WEAVIATE_VERSION = "1.39.2"
"""The server version wvorm is tested against (the newest v1.39.x the Go proxy builds)."""

GO_PACKAGE = "github.com/weaviate/weaviate/cmd/weaviate-server"

DEFAULT_MODULES = (
    "text2vec-bigram",
    "generative-dummy",
    "reranker-dummy",
    "ref2vec-centroid",
    "backup-filesystem",
)
"""Modules that need nothing outside the machine."""


def cache_dir() -> Path:
    """The folder for built binaries and default data: `$WVORM_CACHE_DIR` or `~/.cache/wvorm`."""
    if env := os.environ.get("WVORM_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wvorm"


def find_binary(version: str = WEAVIATE_VERSION) -> Path | None:
    """The server binary to use, or None if it has to be installed first."""
    if env := os.environ.get("WEAVIATE_BINARY"):
        path = Path(env)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise EmbeddedServerError(f"WEAVIATE_BINARY={env} is not an executable file")
        return path
    path = _cached_binary(version)
    return path if path.is_file() else None


def _cached_binary(version: str) -> Path:
    return cache_dir() / "weaviate" / f"v{version}" / "weaviate-server"


def install(version: str = WEAVIATE_VERSION, progress: Callable[[str], None] | None = None) -> Path:
    """Return the server binary, building it with Go first if needed (idempotent)."""
    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    if (found := find_binary(version)) is not None:
        return found
    go = shutil.which("go")
    if go is None:
        raise EmbeddedServerError(
            f"no weaviate-server {version} found and Go is not installed. Either install Go "
            f"(1.26+) so wvorm can build it, point WEAVIATE_BINARY at a weaviate-server "
            f"binary, or run Weaviate elsewhere and use connect_to_local()."
        )
    target = _cached_binary(version)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.is_file():
            return target
        say(f"building weaviate-server v{version} with Go (first time only; takes minutes)")
        started = time.monotonic()
        with tempfile.TemporaryDirectory(dir=target.parent) as staging:
            env = {**os.environ, "CGO_ENABLED": "0", "GOBIN": staging, "GOTOOLCHAIN": "local"}
            command = [go, "install", "-trimpath", "-ldflags", "-s -w", f"{GO_PACKAGE}@v{version}"]
            process = subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            assert process.stdout is not None
            tail: list[str] = []
            for line in process.stdout:
                tail = [*tail[-19:], line.rstrip()]
                say(f"  {line.rstrip()}")
            if process.wait() != 0:
                log = "\n".join(tail)
                raise EmbeddedServerError(f"`{' '.join(command)}` failed:\n{log}")
            os.replace(Path(staging) / "weaviate-server", target)
        say(f"built {target} in {time.monotonic() - started:.0f} s")
    return target


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _free_port_pair(host: str) -> int:
    """A port p with p and p+1 both free (raft and its internal RPC port)."""
    for _ in range(50):
        port = free_port(host)
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.bind((host, port + 1))
            return port
    raise EmbeddedServerError("found no two adjacent free ports for raft")


@dataclass(frozen=True)
class EmbeddedOptions:
    """How to run a local server. Port 0 means: pick a free one."""

    version: str = WEAVIATE_VERSION
    hostname: str = "127.0.0.1"
    port: int = 8079
    grpc_port: int = 50050
    persistence_data_path: str | None = None
    binary_path: str | None = None
    modules: Sequence[str] = DEFAULT_MODULES
    environment_variables: Mapping[str, str] = field(default_factory=dict)
    startup_timeout: float = 120.0


class EmbeddedServer:
    """One `weaviate-server` process on loopback; use as a context manager or start/stop."""

    def __init__(self, options: EmbeddedOptions | None = None) -> None:
        self.options = options or EmbeddedOptions()
        host = self.options.hostname
        self.host = host
        self.port = self.options.port or free_port(host)
        self.grpc_port = self.options.grpc_port or free_port(host)
        data = self.options.persistence_data_path
        self.data_path = Path(data) if data else cache_dir() / "data" / str(self.port)
        self._process: subprocess.Popen[bytes] | None = None
        self._finalizer: weakref.finalize[..., EmbeddedServer] | None = None

    def __repr__(self) -> str:
        state = "running" if self.is_running() else "stopped"
        return f"EmbeddedServer({self.url}, grpc={self.grpc_port}, {state})"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_path / "weaviate.log"

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def environment(self) -> dict[str, str]:
        """The environment the server runs with (ports, data folder, modules)."""
        host = self.host
        gossip = _free_port_pair(host)
        raft = _free_port_pair(host)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", ""),
            "PERSISTENCE_DATA_PATH": str(self.data_path / "data"),
            "BACKUP_FILESYSTEM_PATH": str((self.data_path / "backups").resolve()),
            "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED": "true",
            "DEFAULT_VECTORIZER_MODULE": "none",
            "ENABLE_MODULES": ",".join(self.options.modules),
            "CLUSTER_HOSTNAME": "node1",
            "CLUSTER_IN_LOCALHOST": "true",
            "CLUSTER_BIND_ADDR": host,
            "CLUSTER_GOSSIP_BIND_PORT": str(gossip),
            "CLUSTER_DATA_BIND_PORT": str(gossip + 1),
            "RAFT_PORT": str(raft),
            "RAFT_INTERNAL_RPC_PORT": str(raft + 1),
            "RAFT_BOOTSTRAP_EXPECT": "1",
            "RAFT_TIMEOUTS_MULTIPLIER": "1",
            "GRPC_PORT": str(self.grpc_port),
            "DISABLE_TELEMETRY": "true",
            "GO_PROFILING_DISABLE": "true",
            "LOG_LEVEL": "info",
        }
        env.update(self.options.environment_variables)
        return env

    def start(self) -> None:
        """Start the server and wait until it is ready; the error carries the log's tail."""
        self.launch()
        self.wait_until_ready()

    def launch(self) -> None:
        """Start the process without waiting (cluster nodes become ready only together)."""
        if self.is_running():
            return
        binary = Path(self.options.binary_path) if self.options.binary_path else None
        binary = binary or install(self.options.version)
        self.data_path.mkdir(parents=True, exist_ok=True)
        command = [str(binary), "--host", self.host, "--port", str(self.port), "--scheme", "http"]
        command += ["--read-timeout=600s", "--write-timeout=600s"]
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                command,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.data_path,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        self._finalizer = weakref.finalize(self, _terminate, self._process)

    def wait_until_ready(self, timeout: float | None = None) -> None:
        """Wait until `/v1/.well-known/ready` answers 200; stop the server if it never does."""
        limit = self.options.startup_timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        url = f"{self.url}/v1/.well-known/ready"
        with httpx.Client(timeout=2.0, trust_env=False) as http:
            while time.monotonic() < deadline:
                if self._process is None:
                    raise EmbeddedServerError(f"weaviate-server on {self.url} is not started")
                if self._process.poll() is not None:
                    raise EmbeddedServerError(
                        f"weaviate-server exited with code {self._process.returncode} "
                        f"while starting; last log lines:\n{self.log_tail()}"
                    )
                with contextlib.suppress(httpx.TransportError):
                    if http.get(url).status_code == 200:
                        return
                time.sleep(0.2)
        self.stop()
        raise EmbeddedServerError(
            f"weaviate-server was not ready on {self.url} within "
            f"{limit:.0f} s; last log lines:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the server: SIGTERM, then SIGKILL after `timeout` seconds."""
        if self._process is not None:
            _terminate(self._process, timeout)
        self._forget_process()

    def kill(self) -> None:
        """End the server at once with SIGKILL, as a crash would (no shutdown, no flush)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._forget_process()

    def _forget_process(self) -> None:
        if self._finalizer is not None:
            self._finalizer.detach()
        self._finalizer = None
        self._process = None

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _terminate(process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _die_with_parent() -> None:
    """In the child: ask Linux to SIGTERM it when the parent dies, so no server is orphaned."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


class _PortPicker:
    """Free loopback ports, each handed out once (nodes of one cluster must not share any)."""

    def __init__(self, host: str) -> None:
        self._host = host
        self._taken: set[int] = set()

    def single(self) -> int:
        for _ in range(100):
            port = free_port(self._host)
            if port not in self._taken:
                self._taken.add(port)
                return port
        raise EmbeddedServerError("found no free port that is not already taken")

    def pair(self) -> int:
        """A port p with p+1 also free: gossip and data ports, raft and its RPC port."""
        for _ in range(100):
            port = _free_port_pair(self._host)
            if not {port, port + 1} & self._taken:
                self._taken.update((port, port + 1))
                return port
        raise EmbeddedServerError("found no two adjacent free ports that are not already taken")


@dataclass(frozen=True)
class ClusterNode:
    """One node of an `EmbeddedCluster`: its name and every port it listens on."""

    index: int
    name: str
    http_port: int
    grpc_port: int
    gossip_port: int
    data_port: int
    raft_port: int
    raft_rpc_port: int


class EmbeddedCluster:
    """An N-node Weaviate cluster on loopback, each node an `EmbeddedServer` of its own.

    Every node gets its own ports and data folder (`<data>/<node name>`); they form one Raft
    group (`RAFT_BOOTSTRAP_EXPECT=nodes`). `start()` (or `with`) returns once every node
    reports every node `HEALTHY` in `/v1/nodes`. `stop(i)`, `kill(i)` (SIGKILL) and
    `restart(i)` act on one node; `client(i)` connects to node `i`. Without
    `persistence_data_path` the data lives in a temporary folder removed by `close()`.
    """

    def __init__(
        self,
        nodes: int = 3,
        *,
        persistence_data_path: str | None = None,
        version: str = WEAVIATE_VERSION,
        binary_path: str | None = None,
        hostname: str = "127.0.0.1",
        modules: Sequence[str] = DEFAULT_MODULES,
        environment_variables: Mapping[str, str] | None = None,
        startup_timeout: float = 180.0,
    ) -> None:
        if not isinstance(nodes, int) or isinstance(nodes, bool) or nodes < 1:
            raise EmbeddedServerError(f"nodes must be a whole number of at least 1, got {nodes!r}")
        self.startup_timeout = startup_timeout
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        if persistence_data_path is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="wvorm-cluster-")
            persistence_data_path = self._temporary.name
        self.data_path = Path(persistence_data_path)
        self.nodes: tuple[ClusterNode, ...] = _plan_nodes(nodes, _PortPicker(hostname))
        self.servers: tuple[EmbeddedServer, ...] = tuple(
            EmbeddedServer(
                EmbeddedOptions(
                    version=version,
                    hostname=hostname,
                    port=node.http_port,
                    grpc_port=node.grpc_port,
                    persistence_data_path=str(self.data_path / node.name),
                    binary_path=binary_path,
                    modules=modules,
                    environment_variables={
                        **_cluster_environment(self.nodes, node, hostname),
                        **(environment_variables or {}),
                    },
                    startup_timeout=startup_timeout,
                )
            )
            for node in self.nodes
        )

    def __repr__(self) -> str:
        running = sum(server.is_running() for server in self.servers)
        return f"EmbeddedCluster({len(self.nodes)} nodes, {running} running, {self.data_path})"

    def __len__(self) -> int:
        return len(self.nodes)

    def server(self, i: int) -> EmbeddedServer:
        """The `EmbeddedServer` of node `i` (its `url`, `port`, `grpc_port`, `log_path`)."""
        if not isinstance(i, int) or not 0 <= i < len(self.servers):
            raise EmbeddedServerError(f"no node {i!r}: the cluster has nodes 0..{len(self) - 1}")
        return self.servers[i]

    def start(self) -> None:
        """Start every node together and wait until all of them report all nodes healthy."""
        try:
            for server in self.servers:
                server.launch()
            for server in self.servers:
                server.wait_until_ready(self.startup_timeout)
            self.wait_until_healthy()
        except BaseException:
            self.stop_all()
            raise

    def wait_until_healthy(self, timeout: float | None = None) -> None:
        """Wait until every node answers `/v1/nodes` with every node `HEALTHY`."""
        limit = self.startup_timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        expected = {node.name for node in self.nodes}
        seen: dict[str, object] = {}
        with httpx.Client(timeout=5.0, trust_env=False) as http:
            while time.monotonic() < deadline:
                if not all(self._reports_healthy(http, s, expected, seen) for s in self.servers):
                    time.sleep(0.5)
                    continue
                return
        raise EmbeddedServerError(
            f"the cluster was not healthy within {limit:.0f} s; /v1/nodes said: {seen}"
        )

    @staticmethod
    def _reports_healthy(
        http: httpx.Client, server: EmbeddedServer, expected: set[str], seen: dict[str, object]
    ) -> bool:
        if not server.is_running():
            raise EmbeddedServerError(
                f"{server} is not running; last log lines:\n{server.log_tail()}"
            )
        try:
            reply = http.get(f"{server.url}/v1/nodes")
            statuses = {n["name"]: n["status"] for n in reply.json().get("nodes", [])}
        except (httpx.TransportError, ValueError, KeyError, TypeError, AttributeError) as error:
            seen[server.url] = repr(error)
            return False
        seen[server.url] = statuses
        return set(statuses) == expected and all(v == "HEALTHY" for v in statuses.values())

    def stop(self, i: int, timeout: float = 30.0) -> None:
        """Stop node `i` cleanly (SIGTERM, then SIGKILL after `timeout` seconds)."""
        self.server(i).stop(timeout)

    def kill(self, i: int) -> None:
        """End node `i` at once with SIGKILL, as a crash would."""
        self.server(i).kill()

    def wait_until_down(self, i: int, timeout: float = 30.0) -> None:
        """Wait until every running node reports node `i` as not `HEALTHY` (or no longer
        lists it).

        Until then the cluster still counts the node as a replica: right after a crash a write
        coordinated by a node that has not noticed may wait on it (measured: a QUORUM insert
        over REST once waited out its 90 s timeout).
        """
        name = self.nodes[i].name
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=5.0, trust_env=False) as http:
            while time.monotonic() < deadline:
                statuses = [
                    _reported_status(http, server.url, name)
                    for server in self.servers
                    if server.is_running()
                ]
                if all(status not in (None, "HEALTHY") for status in statuses):
                    return
                time.sleep(0.2)
        raise EmbeddedServerError(f"node {name} still reported HEALTHY after {timeout:.0f} s")

    def restart(self, i: int, *, wait_healthy: bool = True) -> None:
        """Stop node `i` if it runs, start it on the same ports and data, wait until ready
        (and, with `wait_healthy`, until the whole cluster is healthy again)."""
        server = self.server(i)
        server.stop()
        server.start()
        if wait_healthy:
            self.wait_until_healthy()

    def client(self, i: int = 0, **kwargs: Any) -> WeaviateClient:
        """A connected client for node `i` (keyword arguments go to `connect_to_local`)."""
        from wvorm_core.connect import connect_to_local

        server = self.server(i)
        return connect_to_local(server.host, server.port, server.grpc_port, **kwargs)

    def async_client(self, i: int = 0, **kwargs: Any) -> WeaviateAsyncClient:
        """An async client for node `i`, not yet connected (`async with` connects it)."""
        from wvorm_core.connect import use_async_with_local

        server = self.server(i)
        return use_async_with_local(server.host, server.port, server.grpc_port, **kwargs)

    def stop_all(self, timeout: float = 30.0) -> None:
        """Stop every node (SIGTERM to all at once, then wait for each)."""
        for server in self.servers:
            if server.is_running() and server._process is not None:
                server._process.send_signal(signal.SIGTERM)
        for server in self.servers:
            server.stop(timeout)

    def close(self) -> None:
        """Stop every node and remove the temporary data folder, if the cluster made one."""
        self.stop_all()
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def __enter__(self) -> EmbeddedCluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _plan_nodes(count: int, ports: _PortPicker) -> tuple[ClusterNode, ...]:
    width = len(str(count - 1))  # names of equal width: Raft matches node names by substring
    planned = []
    for i in range(count):
        http, grpc, gossip, raft = ports.single(), ports.single(), ports.pair(), ports.pair()
        name = f"node{i:0{width}d}"
        planned.append(ClusterNode(i, name, http, grpc, gossip, gossip + 1, raft, raft + 1))
    return tuple(planned)


def _cluster_environment(
    nodes: Sequence[ClusterNode], node: ClusterNode, hostname: str
) -> dict[str, str]:
    """What makes one server a member of the cluster: its ports, its peers, the Raft group."""
    return {
        "CLUSTER_HOSTNAME": node.name,
        "CLUSTER_GOSSIP_BIND_PORT": str(node.gossip_port),
        "CLUSTER_DATA_BIND_PORT": str(node.data_port),
        "CLUSTER_JOIN": ",".join(
            f"{hostname}:{other.gossip_port}" for other in nodes if other is not node
        ),
        "RAFT_PORT": str(node.raft_port),
        "RAFT_INTERNAL_RPC_PORT": str(node.raft_rpc_port),
        "RAFT_JOIN": ",".join(f"{other.name}:{other.raft_port}" for other in nodes),
        "RAFT_BOOTSTRAP_EXPECT": str(len(nodes)),
        "MEMBERLIST_FAST_FAILURE_DETECTION": "true",
    }


def _reported_status(http: httpx.Client, url: str, name: str) -> str | None:
    """The status node `name` has in the `/v1/nodes` of the node at `url`: "" when it is not
    listed, None when `url` does not answer."""
    try:
        found = http.get(f"{url}/v1/nodes").json().get("nodes", [])
    except (httpx.HTTPError, ValueError):
        return None
    return str({n.get("name"): n.get("status") for n in found}.get(name, ""))


def main(argv: Sequence[str] | None = None) -> int:
    """The `wvorm-server [install|path]` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "install"
    if command == "install":
        print(install())
        return 0
    if command == "path":
        found = find_binary()
        print(found or "")
        return 0 if found else 1
    print("usage: wvorm-server [install|path]", file=sys.stderr)
    return 2
