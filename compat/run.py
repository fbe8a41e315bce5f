"""`make compat`: the official client's integration suite as wvorm_core's yardstick.

1. Fetches the `weaviate-client` sdist of `CLIENT_VERSION` from PyPI (cached under
   ~/.cache/wvorm/compat) and unpacks its `integration/` folder.
2. Starts one weaviate-server (the version wvorm is tested against) on the ports the suite
   expects, 8080/50051, with the offline modules and the settings of the suite's main CI server.
3. Runs the suite once with the official client (installed in the venv at the same version),
   to learn which tests pass in this environment; the outcome is cached by sdist and server
   version, so later runs skip it.
4. Runs the tests that passed, minus `compat/excluded.txt`, with `import weaviate` answered by
   wvorm_core (`compat/plugin.py`), and prints both counts.

Per-test outcomes go to build/compat/outcomes.tsv. Arguments after the options are passed to
the wvorm_core run (`make compat ARGS=integration/test_collection_filter.py`), and the counts
then cover those tests only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

from wvorm_core.embedded import WEAVIATE_VERSION, EmbeddedOptions, EmbeddedServer, cache_dir
from wvorm_core.testing import LocalVectorizer

CLIENT_VERSION = "4.23.1"
"""The official client whose integration suite is run (the newest 4.23 release on PyPI)."""

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXCLUDED = HERE / "excluded.txt"
REPORT = ROOT / "build" / "compat"
PORT, GRPC_PORT = 8080, 50051

SERVER_SETTINGS = {
    "ENABLE_MODULES": ",".join(
        [
            "text2vec-transformers",
            "backup-filesystem",
            "generative-dummy",
            "generative-anyscale",
            "reranker-dummy",
            "reranker-cohere",
        ]
    ),
    "AUTOSCHEMA_ENABLED": "false",
    "QUERY_DEFAULTS_LIMIT": "25",
    "DISABLE_LAZY_LOAD_SHARDS": "true",
    "GRPC_MAX_MESSAGE_SIZE": "100000000",
    "OBJECTS_TTL_DELETE_SCHEDULE": "@every 1m",
    "EXPORT_ENABLED": "true",
}
"""The suite's main CI server (`ci/docker-compose.yml`), less the contextionary vectorizer,
whose place the local transformers stand-in takes."""


def compat_dir() -> Path:
    path = cache_dir() / "compat"
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch_suite(version: str) -> Path:
    """The unpacked sdist folder of `weaviate-client==version` (downloaded once)."""
    unpacked = compat_dir() / f"weaviate_client-{version}"
    if (unpacked / "integration" / "conftest.py").exists():
        return unpacked
    archive = compat_dir() / f"weaviate_client-{version}.tar.gz"
    if not archive.exists():
        print(f"compat: downloading the weaviate-client {version} sdist from PyPI", flush=True)
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
                *("--no-binary", ":all:", f"weaviate-client=={version}", "-d", str(compat_dir())),
            ],
            check=True,
        )
    prefix = f"weaviate_client-{version}/"
    wanted = (prefix + "integration/", prefix + "pytest.ini")
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(wanted)]
        tar.extractall(compat_dir(), members=members, filter="data")
    return unpacked


def check_ports_free() -> None:
    for port in (PORT, GRPC_PORT):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                sys.exit(f"compat: port {port} is taken; the suite needs 8080 and 50051 free")


def read_jsonl(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def run_suite(
    suite: Path, mode: str, out: Path, select: Path | None, args: list[str], server: str
) -> float:
    """Run pytest over the suite in `mode`; the outcomes land in `out`. Returns seconds."""
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(HERE),
        "WVORM_COMPAT_MODE": mode,
        "WVORM_COMPAT_OUT": str(out),
        "WVORM_COMPAT_SERVER_VERSION": server,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if select is not None:
        env["WVORM_COMPAT_SELECT"] = str(select)
    command = [sys.executable, "-m", "pytest", "-p", "plugin", "-p", "no:cacheprovider"]
    command += ["-c", str(suite / "pytest.ini"), "--rootdir", str(suite), "-o", "addopts="]
    command += ["-q", "--no-header", "-p", "no:randomly", "--continue-on-collection-errors"]
    command += args or ["integration"]
    log = compat_dir() / f"{mode}.log"
    print(f"compat: running the suite with {mode} (log: {log})", flush=True)
    started = time.monotonic()
    with open(log, "w") as handle:
        subprocess.run(command, cwd=suite, env=env, stdout=handle, stderr=subprocess.STDOUT)
    if not out.exists():
        tail = "\n".join(log.read_text().splitlines()[-6:])
        print(f"compat: the {mode} run recorded no test; the log ends with:\n{tail}")
    return time.monotonic() - started


def excluded_tests() -> dict[str, str]:
    """`compat/excluded.txt`: `test id  # reason` per line."""
    excluded = {}
    for line in EXCLUDED.read_text().splitlines():
        test, _, reason = line.partition("#")
        if test.strip():
            excluded[test.strip()] = reason.strip()
    return excluded


def clear_server(server: EmbeddedServer) -> None:
    import wvorm_core

    with wvorm_core.connect_to_local(port=server.port, grpc_port=server.grpc_port) as client:
        client.collections.delete_all()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refresh", action="store_true", help="re-run the official client")
    parser.add_argument("pytest_args", nargs="*", help="test files or ids for the wvorm_core run")
    options = parser.parse_args(argv)

    installed = metadata.version("weaviate-client")
    suite = fetch_suite(CLIENT_VERSION)
    official_out = compat_dir() / f"official-{CLIENT_VERSION}-{WEAVIATE_VERSION}.jsonl"
    ours_out = compat_dir() / f"wvorm_core-{CLIENT_VERSION}-{WEAVIATE_VERSION}.jsonl"
    need_official = options.refresh or not official_out.exists()
    if need_official and installed != CLIENT_VERSION:
        sys.exit(
            f"compat: the venv has weaviate-client {installed}, the suite is {CLIENT_VERSION}; "
            "run `make setup`"
        )
    check_ports_free()
    data = compat_dir() / "server"
    shutil.rmtree(data, ignore_errors=True)
    timings = {}
    with LocalVectorizer() as vectorizer:
        env = {**SERVER_SETTINGS, "TRANSFORMERS_INFERENCE_API": vectorizer.url}
        env["BACKUP_FILESYSTEM_PATH"] = str(data / "backups")
        env["EXPORT_DEFAULT_PATH"] = str(data / "exports")
        options_ = EmbeddedOptions(
            port=PORT, grpc_port=GRPC_PORT, persistence_data_path=str(data),
            environment_variables=env,
        )  # fmt: skip
        with EmbeddedServer(options_) as server:
            if need_official:
                partial = official_out.with_suffix(".partial")
                timings["official"] = run_suite(
                    suite, "official", partial, None, [], WEAVIATE_VERSION
                )
                partial.rename(official_out)
                clear_server(server)
            official = read_jsonl(official_out)
            passed = [r["test"] for r in official if r.get("outcome") == "passed"]
            excluded = excluded_tests()
            wanted = [test for test in passed if test not in excluded]
            select = compat_dir() / "select.txt"
            select.write_text("\n".join(wanted) + "\n")
            timings["wvorm_core"] = run_suite(
                suite, "wvorm_core", ours_out, select, options.pytest_args, WEAVIATE_VERSION
            )
    return report(official, read_jsonl(ours_out), excluded, options.pytest_args, timings)


def report(
    official: list[dict[str, str]],
    ours: list[dict[str, str]],
    excluded: dict[str, str],
    scope: list[str],
    timings: dict[str, float],
) -> int:
    def in_scope(test: str) -> bool:
        return not scope or any(test.startswith(part.split("::")[0]) for part in scope)

    official_by_test = {r["test"]: r for r in official if "test" in r}
    ours_by_test = {r["test"]: r for r in ours if "test" in r}
    import_errors = {r["file"]: r["why"] for r in ours if "file" in r}
    passed = [t for t, r in official_by_test.items() if r["outcome"] == "passed" and in_scope(t)]
    counted = [t for t in passed if t not in excluded]
    REPORT.mkdir(parents=True, exist_ok=True)
    rows = ["test\tofficial\twvorm_core\twhy"]
    ours_passed = 0
    for test, record in sorted(official_by_test.items()):
        if not in_scope(test):
            continue
        mine = ours_by_test.get(test)
        file = test.split("::")[0]
        if test in excluded:
            outcome, why = "excluded", excluded[test]
        elif mine is not None:
            outcome, why = mine["outcome"], mine["why"]
        elif record["outcome"] != "passed":
            outcome, why = "not-run", "did not pass with the official client"
        elif file in import_errors:
            outcome, why = "import-error", import_errors[file]
        else:
            outcome, why = "not-run", "not collected"
        ours_passed += outcome == "passed" and record["outcome"] == "passed"
        rows.append(f"{test}\t{record['outcome']}\t{outcome}\t{why}")
    (REPORT / "outcomes.tsv").write_text("\n".join(rows) + "\n")
    official_counts = Counter(r["outcome"] for t, r in official_by_test.items() if in_scope(t))
    print(f"compat: official client {CLIENT_VERSION} on weaviate-server {WEAVIATE_VERSION}:")
    print("  all tests: " + ", ".join(f"{n} {o}" for o, n in sorted(official_counts.items())))
    print(f"  official-passed: {len(passed)} (excluded by name: {len(passed) - len(counted)})")
    share = 100 * ours_passed / len(counted) if counted else 0.0
    print(f"  passed through wvorm_core: {ours_passed} of {len(counted)} ({share:.1f}%)")
    for mode, seconds in timings.items():
        print(f"  {mode} run: {seconds:.0f} s")
    print(f"  per-test outcomes: {REPORT / 'outcomes.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
