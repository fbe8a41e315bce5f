"""The local server launcher: finding the binary, clear errors, clean stops, no orphans."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from wvorm_core import embedded
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.exceptions import EmbeddedServerError


def test_weaviate_binary_must_be_executable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("WEAVIATE_BINARY", str(tmp_path / "missing"))
    with pytest.raises(
        EmbeddedServerError, match=r"WEAVIATE_BINARY=.*missing is not an executable"
    ):
        embedded.find_binary()


def test_without_go_or_binary_the_error_says_how_to_get_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("WEAVIATE_BINARY", raising=False)
    monkeypatch.setenv("WVORM_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EmbeddedServerError, match=r"Go is not installed.*WEAVIATE_BINARY"):
        embedded.install()


def test_cached_binary_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("WEAVIATE_BINARY", raising=False)
    monkeypatch.setenv("WVORM_CACHE_DIR", str(tmp_path))
    assert embedded.find_binary("9.9.9") is None
    binary = tmp_path / "weaviate" / "v9.9.9" / "weaviate-server"
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n")
    assert embedded.find_binary("9.9.9") == binary
    assert embedded.install("9.9.9") == binary  # idempotent: no build when cached


def test_a_server_that_dies_at_start_reports_its_log(tmp_path: Path) -> None:
    script = tmp_path / "fake-server"
    script.write_text("#!/bin/sh\necho 'fatal: cannot bind raft port' >&2\nexit 3\n")
    script.chmod(0o755)
    options = EmbeddedOptions(
        port=0, grpc_port=0, binary_path=str(script), persistence_data_path=str(tmp_path / "d")
    )
    with pytest.raises(EmbeddedServerError, match=r"exited with code 3(.|\n)*cannot bind raft"):
        EmbeddedServer(options).start()


def test_start_and_stop(tmp_path: Path) -> None:
    server = EmbeddedServer(
        EmbeddedOptions(port=0, grpc_port=0, modules=(), persistence_data_path=str(tmp_path))
    )
    with server:
        assert server.is_running()
        assert httpx.get(f"{server.url}/v1/.well-known/ready").status_code == 200
        assert "running" in repr(server)
    assert not server.is_running()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/v1/.well-known/live")


def test_no_orphan_when_the_parent_dies(tmp_path: Path) -> None:
    """A process that starts a server and is then killed takes the server with it."""
    child = textwrap.dedent(
        f"""
        import os, signal
        from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
        server = EmbeddedServer(EmbeddedOptions(
            port=0, grpc_port=0, modules=(), persistence_data_path={str(tmp_path)!r}))
        server.start()
        print(server._process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=120
    )
    pid = int(result.stdout.split()[0])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")


def test_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert embedded.main(["path"]) == 0
    assert capsys.readouterr().out.strip() == str(embedded.find_binary())
    assert embedded.main(["install"]) == 0  # cached: prints the path, builds nothing
    assert capsys.readouterr().out.strip() == str(embedded.find_binary())
    assert embedded.main(["frobnicate"]) == 2
    assert "usage: wvorm-server" in capsys.readouterr().err
