"""Write the fronts' generated code: typed overloads in the async sources, and the sync twins.

The public fronts (`client.collections...`, the ORM's repositories) are written once, as
asyncio code, in `wvorm_core/_async/` and `wvorm/_async/`. This script

1. expands the overload families below into those sources: a method with a
   `return_properties: ReturnProperties = None` (or `group_by: ... | None = None`) parameter
   gets one `@overload` per row of its family, written just above it and rewritten on every
   run (edit the implementation's signature, never the overloads);
2. writes each source's blocking twin to the `_sync/` folder beside it, through the
   mechanical rules in `RULES` (`AsyncX` -> `X`, `async def` -> `def`, `await x` -> `x`, ...);
3. formats both with `ruff`.

    python scripts/unasync.py          # rewrite the generated code
    python scripts/unasync.py --check  # exit 1 if any of it is stale (run by `make check`)
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [Path("wvorm_core/_async"), Path("wvorm/_async"), Path("wvorm/migrate/_async")]
HEADER = "# Generated from {source} by scripts/unasync.py; do not edit.\n"

RULES: list[tuple[str, str]] = [
    (r"\bWeaviateAsyncClient\b", "WeaviateClient"),
    (r"\bAsync(?=[A-Z])", ""),
    (r"\basync (def|with|for)\b", r"\1"),
    (r"\bawait asyncio\.to_thread\(([\w.]+)(?:, |(?=\)))", r"\1("),
    (r"\bawait asyncio\.sleep\(", "time.sleep("),
    (r"\bawait ", ""),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\b__aiter__\b", "__iter__"),
    (r"\b__anext__\b", "__next__"),
    (r"\bStopAsyncIteration\b", "StopIteration"),
    (r"\b_async\b", "_sync"),
    (r"\b_transport\.aio\b", "_transport.sync"),
    (r"\(asyncio\)", "(blocking)"),
    (r"\basync_client\b", "client"),
]


@dataclass(frozen=True)
class Variant:
    """One overload: the parameter's annotation and default, and what the result becomes."""

    annotation: str
    default: str | None
    result: str


FAMILIES: dict[tuple[str, str], list[Variant]] = {
    # Searches: the collection's model, a model (or custom projection) the caller names, or
    # plain dicts for names.
    ("return_properties", "ReturnProperties"): [
        Variant("None", "None", "P"),
        Variant("type[T] | Projection[T]", None, "T"),
        Variant("PropertySelection", None, "dict[str, object]"),
    ],
    # Aggregations: one result, or one per group.
    ("group_by", "GroupByAggregate | str | None"): [
        Variant("None", "None", "first"),
        Variant("GroupByAggregate | str", None, "second"),
    ],
    # The ORM's aggregations: grouped by a field or not.
    ("group_by", "FieldExpr[Any] | None"): [
        Variant("None", "None", "first"),
        Variant("FieldExpr[Any]", None, "second"),
    ],
}


def _family(func: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, list[Variant]] | None:
    """The family of a public method whose keyword-only parameter matches one, defaulting to
    None."""
    if func.name.startswith("_"):
        return None
    arguments = func.args
    for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
        if arg.annotation is None or not (
            isinstance(default, ast.Constant) and default.value is None
        ):
            continue
        variants = FAMILIES.get((arg.arg, ast.unparse(arg.annotation)))
        if variants is not None:
            return arg.arg, variants
    return None


def _overload(
    func: ast.FunctionDef | ast.AsyncFunctionDef, parameter: str, variant: Variant
) -> str:
    stub = copy.deepcopy(func)
    stub.decorator_list = [ast.Name("overload")]
    stub.body = [ast.Expr(ast.Constant(...))]
    arguments = stub.args
    for arg in arguments.kwonlyargs:
        if arg.arg == parameter:
            arg.annotation = ast.parse(variant.annotation, mode="eval").body
            _set_default(arguments, arg, variant.default)
    assert stub.returns is not None
    stub.returns = _result(stub.returns, variant.result)
    return ast.unparse(stub)


def _set_default(arguments: ast.arguments, arg: ast.arg, default: str | None) -> None:
    value = None if default is None else ast.parse(default, mode="eval").body
    arguments.kw_defaults[arguments.kwonlyargs.index(arg)] = value


def _result(returns: ast.expr, result: str) -> ast.expr:
    """`Any` in the return annotation becomes `result`; 'first' / 'second' pick one side of
    an `A | B` annotation."""
    if result in ("first", "second"):
        if not (isinstance(returns, ast.BinOp) and isinstance(returns.op, ast.BitOr)):
            sys.exit(f"{ast.unparse(returns)}: a group_by method must return `A | B`")
        return returns.left if result == "first" else returns.right
    replacement = ast.parse(result, mode="eval").body

    class Swap(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.expr:
            return replacement if node.id == "Any" else node

    return Swap().visit(copy.deepcopy(returns))  # type: ignore[no-any-return]


def _is_overload(node: ast.stmt, name: str) -> bool:
    return (
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.name == name
        and any(isinstance(d, ast.Name) and d.id == "overload" for d in node.decorator_list)
    )


def expand_overloads(source: str) -> str:
    """`source` with every family method's overloads written afresh above it."""
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []
    for owner in ast.walk(ast.parse(source)):
        if not isinstance(owner, (ast.ClassDef, ast.Module)):
            continue
        body = owner.body
        for index, node in enumerate(body):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if _is_overload(node, node.name):
                continue
            family = _family(node)
            if family is None:
                continue
            first = index
            while first > 0 and _is_overload(body[first - 1], node.name):
                first -= 1
            start = body[first].decorator_list[0].lineno if first < index else node.lineno
            stop = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            indent = " " * node.col_offset
            stubs = [_overload(node, family[0], variant) for variant in family[1]]
            text = "".join(
                "".join(indent + line + "\n" for line in stub.splitlines()) + "\n" for stub in stubs
            )
            edits.append((start - 1, stop - 1, text))
    for start, stop, text in sorted(edits, reverse=True):
        lines[start:stop] = [text]
    return "".join(lines)


def unasync(source: str, origin: Path) -> str:
    """The blocking twin of an async module."""
    for pattern, replacement in RULES:
        source = re.sub(pattern, replacement, source)
    return HEADER.format(source=origin.as_posix()) + source


def ruff(source: str, path: Path, fix_imports: bool) -> str:
    """`source` formatted as `path` would be (imports sorted and pruned if `fix_imports`)."""
    command = [sys.executable, "-m", "ruff"]
    name = f"--stdin-filename={path}"
    if fix_imports:
        source = _ruff(
            [*command, "check", "--fix-only", "--select=I,F401,UP028", "--unsafe-fixes", name, "-"],
            source,
        )
    return _ruff([*command, "format", name, "-"], source)


def _ruff(command: list[str], source: str) -> str:
    done = subprocess.run(command, input=source, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return done.stdout


def generated() -> tuple[dict[Path, str], set[Path]]:
    """Every file this script writes (repo-relative path -> text), and the stale sync files
    whose async source is gone."""
    files: dict[Path, str] = {}
    orphans: set[Path] = set()
    for folder in SOURCES:
        target = folder.parent / "_sync"
        for path in sorted((ROOT / folder).glob("*.py")):
            relative = path.relative_to(ROOT)
            source = ruff(expand_overloads(path.read_text()), relative, fix_imports=False)
            files[relative] = source
            twin = target / path.name
            files[twin] = ruff(unasync(source, relative), twin, fix_imports=True)
        orphans |= {p.relative_to(ROOT) for p in (ROOT / target).glob("*.py")} - set(files)
    return files, orphans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated code is stale")
    check = parser.parse_args().check
    files, orphans = generated()
    stale = sorted(orphans | {p for p, text in files.items() if _read(ROOT / p) != text})
    if check:
        if stale:
            names = "\n  ".join(str(p) for p in stale)
            sys.exit(f"stale generated fronts (run python scripts/unasync.py):\n  {names}")
        return
    for path in stale:
        full = ROOT / path
        if path in orphans:
            full.unlink()
            print(f"removed {path}")
        else:
            full.parent.mkdir(parents=True, exist_ok=True)
            full.write_text(files[path])
            print(f"wrote {path}")


def _read(path: Path) -> str | None:
    return path.read_text() if path.exists() else None


if __name__ == "__main__":
    main()
