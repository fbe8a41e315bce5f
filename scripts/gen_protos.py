"""Regenerate ``wvorm_core/proto/v1/*_pb2.py`` and their stubs from the ``.proto`` sources.

The ``*_pb2.pyi`` stubs are written to ``stubs/wvorm_core/proto/v1/``: mypy reads them from
there (``mypy_path``) and the wheel ships them next to the modules (``force-include``).

Run from anywhere with the project venv's python:

    python scripts/gen_protos.py           # write the generated files
    python scripts/gen_protos.py --check   # exit 1 if the committed files are stale

The generated ``*_pb2.py`` modules are rewritten to register into the private pool
from ``wvorm_core.proto._pool`` instead of protobuf's default pool. In the ``.pyi``
stubs ``@property`` becomes ``@builtins.property``: mypy-protobuf leaves it bare, which
breaks mypy when a proto field is itself named ``property``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = Path("wvorm_core/proto/v1")
STUB_DIR = "stubs" / PROTO_DIR
DEFAULT_POOL_IMPORT = "from google.protobuf import descriptor_pool as _descriptor_pool\n"
PRIVATE_POOL_IMPORT = "from wvorm_core.proto._pool import POOL as _POOL\n"
DEFAULT_POOL_CALL = "_descriptor_pool.Default()"


def _use_private_pool(source: str, name: str) -> str:
    if source.count(DEFAULT_POOL_IMPORT) != 1 or source.count(DEFAULT_POOL_CALL) != 1:
        sys.exit(f"{name}: unexpected protoc output; cannot switch it to the private pool")
    source = source.replace(DEFAULT_POOL_IMPORT, PRIVATE_POOL_IMPORT)
    return source.replace(DEFAULT_POOL_CALL, "_POOL")


def _qualify_property(stub: str, name: str) -> str:
    if "    @property\n" in stub and "\nimport builtins\n" not in stub:
        sys.exit(f"{name}: unexpected mypy-protobuf output; no 'import builtins'")
    return stub.replace("    @property\n", "    @builtins.property\n")


def generate(out: Path) -> dict[Path, bytes]:
    """Run protoc into ``out``; return the post-processed files keyed by where they belong."""
    protos = sorted((PROTO_DIR / p.name).as_posix() for p in (ROOT / PROTO_DIR).glob("*.proto"))
    # protoc-gen-mypy lives next to the interpreter in the venv.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    cmd = [sys.executable, "-m", "grpc_tools.protoc", "-I.", f"--python_out={out}"]
    cmd += ["--mypy_opt=quiet", f"--mypy_out={out}", *protos]
    subprocess.run(cmd, cwd=ROOT, env={**os.environ, "PATH": path}, check=True)
    files: dict[Path, bytes] = {}
    for file in sorted((out / PROTO_DIR).glob("*_pb2.py*")):
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".py":
            files[PROTO_DIR / file.name] = _use_private_pool(text, file.name).encode("utf-8")
        else:
            files[STUB_DIR / file.name] = _qualify_property(text, file.name).encode("utf-8")
    return files


def committed() -> dict[Path, bytes]:
    """The generated files in the tree (a stub left beside the modules counts, to be removed)."""
    found = [*(ROOT / PROTO_DIR).glob("*_pb2.py*"), *(ROOT / STUB_DIR).glob("*_pb2.pyi")]
    return {f.relative_to(ROOT): f.read_bytes() for f in sorted(found)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(Path(tmp))
    current = committed()
    stale = sorted(p for p in fresh.keys() | current.keys() if fresh.get(p) != current.get(p))
    if args.check:
        if stale:
            names = "".join(f"\n  {p.as_posix()}" for p in stale)
            print(f"stale protobuf files (run scripts/gen_protos.py):{names}", file=sys.stderr)
            return 1
        print(f"{len(fresh)} generated protobuf files are up to date")
        return 0
    for rel in stale:
        target = ROOT / rel
        if rel in fresh:
            target.write_bytes(fresh[rel])
        else:
            target.unlink()
        print(f"{'wrote' if rel in fresh else 'removed'} {rel.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
