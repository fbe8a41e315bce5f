"""The local-cluster example of docs/embedded.md (`examples/local_cluster.py`), on the session
cluster."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from wvorm_core.embedded import EmbeddedCluster

pytestmark = pytest.mark.cluster


def test_survive_a_crash(
    cluster: EmbeddedCluster, repo_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo_root / "examples" / "local_cluster.py"
    spec = importlib.util.spec_from_file_location("local_cluster_example", path)
    assert spec is not None
    assert spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    texts = example.survive_a_crash(cluster, "DocsNotes")
    assert texts == ["first", "second", "written while node 2 was down"]
    assert "3 objects at QUORUM with a node down" in capsys.readouterr().out
    assert all(server.is_running() for server in cluster.servers)
