"""The `wvorm` command: `wvorm migrate plan|generate|apply|check|history|show` and `wvorm inspect`.

Exit codes: 0 done (for `check`: everything agrees), 1 `check` found drift or pending
revisions, 2 an error (a models module that does not import, a server that does not answer...).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import wvorm_core
from wvorm._cli_settings import (
    Settings,
    SettingsError,
    endpoint,
    load_models,
    pyproject_table,
    resolve,
    ruff_line_length,
)
from wvorm.migrate import Migrator, generate
from wvorm.migrate._history import LeaseHeldError
from wvorm.migrate._offline import MigrationError
from wvorm.migrate._revisions import RevisionError, chain
from wvorm_core import Auth
from wvorm_core.exceptions import WeaviateError

EXIT_OK, EXIT_DRIFT, EXIT_ERROR = 0, 1, 2
_COLOURS = {"bold": "1", "red": "31", "green": "32", "yellow": "33"}


class _Out:
    """Plain text, with colour only on a terminal (and never when NO_COLOR is set)."""

    def __init__(self) -> None:
        self.colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")

    def line(self, text: str = "", style: str = "") -> None:
        if self.colour and style:
            text = f"\033[{_COLOURS[style]}m{text}\033[0m"
        print(text, flush=True)


def _connection_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="Weaviate REST endpoint, http://host:port (env WEAVIATE_URL)")
    parser.add_argument("--grpc-port", type=int, help="gRPC port (env WEAVIATE_GRPC_PORT)")
    parser.add_argument("--api-key", help="API key (env WEAVIATE_API_KEY)")
    parser.add_argument(
        "--embedded", action="store_true", help="start a local weaviate-server for this command"
    )


def _project_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--models", help="module that defines the WvModel classes (package.module)")
    parser.add_argument("--dir", help="folder of revision files (default: migrations)")
    parser.add_argument("--history-collection", help="collection that records applied revisions")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wvorm", description="Weaviate schema migrations.")
    commands = parser.add_subparsers(dest="command", required=True)
    migrate = commands.add_parser("migrate", help="plan, write and apply schema revisions")
    steps = migrate.add_subparsers(dest="step", required=True)

    def step(name: str, text: str) -> argparse.ArgumentParser:
        sub = steps.add_parser(name, help=text, description=text)
        _project_flags(sub)
        if name != "generate":
            _connection_flags(sub)
        return sub

    plan = step("plan", "show what it takes to bring the live schema to the models")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan.add_argument(
        "--allow-drop", action="store_true", help="plan dropping unmodelled collections"
    )
    generate = step("generate", "write the next revision file from the models")
    generate.add_argument("-m", "--message", required=True, help="what the revision does")
    generate.add_argument("--allow-drop", action="store_true", help="drop removed collections")
    apply = step("apply", "apply pending revisions under the migration lease")
    apply.add_argument(
        "--allow-destructive", action="store_true", help="allow steps that drop data"
    )
    apply.add_argument(
        "--allow-irreversible", action="store_true", help="allow steps that cannot be undone"
    )
    apply.add_argument(
        "--break-lease", action="store_true", help="take the lease from a holder that died"
    )
    apply.add_argument(
        "--keep-old",
        action="store_true",
        help="keep the collection versions that rebuilds replace (for a rollback)",
    )
    step("check", "exit 0 when models, revisions and the live schema agree, 1 when not")
    step("history", "list the applied revisions")
    show = step("show", "print one revision and whether it is applied")
    show.add_argument("revision", help="revision id or file name (or its NNNN number)")

    inspect = commands.add_parser(
        "inspect",
        help="write WvModel source for an existing schema",
        description=(
            "write WvModel classes for collections on the server (all when none is named)"
        ),
    )
    _connection_flags(inspect)
    inspect.add_argument("collections", nargs="*", help="collections to write (default: all)")
    inspect.add_argument("-o", "--output", help="file to write (default: standard output)")
    inspect.add_argument(
        "--line-length", type=int, help="width to lay out for (default: ruff's setting, or 88)"
    )
    return parser


@contextmanager
def _client(settings: Settings) -> Iterator[wvorm_core.WeaviateClient]:
    if settings.embedded:
        reindex = {"RUNTIME_REINDEX_ENABLED": "true"}
        with wvorm_core.connect_to_embedded(environment_variables=reindex) as client:
            yield client
        return
    host, port, secure = endpoint(settings.url)
    auth = Auth.api_key(settings.api_key) if settings.api_key else None
    with wvorm_core.connect_to_custom(
        host, port, secure, host, settings.grpc_port, secure, auth_credentials=auth
    ) as client:
        yield client


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = _Out()
    try:
        settings = resolve(vars(args), os.environ, pyproject_table(Path.cwd()))
        if args.command == "inspect":
            return _inspect(args, settings, out)
        return _MIGRATE[args.step](args, settings, out)
    except (SettingsError, RevisionError, MigrationError, LeaseHeldError, WeaviateError) as error:
        out.line(f"error: {error}", "red")
        return EXIT_ERROR


def _migrator(settings: Settings, client: wvorm_core.WeaviateClient, out: _Out) -> Migrator:
    return Migrator(
        client,
        load_models(settings.models),
        directory=settings.directory,
        history=settings.history,
        progress=out.line,
    )


def _plan(args: argparse.Namespace, settings: Settings, out: _Out) -> int:
    models = load_models(settings.models)
    with _client(settings) as client:
        plan = Migrator(client, models, history=settings.history).plan(allow_drop=args.allow_drop)
    if args.json:
        print(json.dumps(plan.to_json(), indent=2))
    elif plan.is_empty:
        out.line("the live schema matches the models: nothing to do", "green")
    else:
        out.line(plan.table())
        for hint in plan.hints:
            out.line(f"hint: {hint}", "yellow")
        if flags := plan.needs_flags():
            out.line(f"apply will need: {' '.join(sorted(flags))}", "yellow")
    return EXIT_OK


def _generate(args: argparse.Namespace, settings: Settings, out: _Out) -> int:
    models = load_models(settings.models)
    path = generate(settings.directory, models, args.message, allow_drop=args.allow_drop)
    if path is None:
        out.line("the models match the newest revision: no file written", "green")
    else:
        out.line(f"wrote {path}; review it, then run `wvorm migrate apply`", "green")
    return EXIT_OK


def _apply(args: argparse.Namespace, settings: Settings, out: _Out) -> int:
    with _client(settings) as client:
        done = _migrator(settings, client, out).apply(
            allow_destructive=args.allow_destructive,
            allow_irreversible=args.allow_irreversible,
            break_lease=args.break_lease,
            keep_old=args.keep_old,
        )
    out.line(f"applied {len(done)} revision(s)" if done else "nothing to apply", "green")
    return EXIT_OK


def _check(args: argparse.Namespace, settings: Settings, out: _Out) -> int:
    with _client(settings) as client:
        found = _migrator(settings, client, out).status()
    for problem in found.problems:
        out.line(problem, "red")
    if found.ok:
        out.line(f"up to date at {found.head or 'no revisions'}", "green")
    return EXIT_OK if found.ok else EXIT_DRIFT


def _history(args: argparse.Namespace, settings: Settings, out: _Out) -> int:
    with _client(settings) as client:
        rows = Migrator(client, (), history=settings.history).history()
    for row in rows:
        out.line(f"{row.revision}  {row.applied_at:%Y-%m-%d %H:%M:%S}  {row.host}  {row.message}")
    if not rows:
        out.line("no revisions applied yet")
    return EXIT_OK


def _show(args: argparse.Namespace, settings: Settings, out: _Out) -> int:
    wanted = str(args.revision)
    revisions = chain(settings.directory)
    found = [r for r in revisions if wanted in (r.id, r.path.name, r.path.stem, r.path.name[:4])]
    if not found:
        raise SettingsError(f"no revision {wanted!r} in {settings.directory}")
    revision = found[0]
    with _client(settings) as client:
        done = {r.revision for r in Migrator(client, (), history=settings.history).history()}
    state = "applied" if revision.id in done else "pending"
    out.line(f"{revision.path.name}  revision {revision.id}  ({state})", "bold")
    out.line(f"parent: {revision.parent or 'none'}")
    out.line(f"message: {revision.message}")
    for op in revision.operations:
        out.line(f"  {op.kind.value:<10} {op.describe()}")
    return EXIT_OK


def _inspect(args: argparse.Namespace, settings: Settings, out: _Out) -> int:
    from wvorm.codegen import models_source

    with _client(settings) as client:
        found = client.collections.list_all()
        own = {settings.history, f"{settings.history}Lease"}
        wanted = args.collections or sorted(set(found) - own)
        if missing := sorted(set(wanted) - set(found)):
            raise SettingsError(f"no such collections on the server: {missing}")
        classes = [client.collections.use(name).config.get_dict() for name in wanted]
    source = models_source(classes, line_length=args.line_length or ruff_line_length(Path.cwd()))
    if args.output:
        Path(args.output).write_text(source)
        out.line(f"wrote {args.output}", "green")
    else:
        sys.stdout.write(source)
    return EXIT_OK


_MIGRATE: dict[str, Callable[[argparse.Namespace, Settings, _Out], int]] = {
    "plan": _plan,
    "generate": _generate,
    "apply": _apply,
    "check": _check,
    "history": _history,
    "show": _show,
}

if __name__ == "__main__":
    sys.exit(main())
