# Generated from wvorm/migrate/_async/rebuild.py by scripts/unasync.py; do not edit.
"""Carrying out `Rebuild` and `RenameCollection` (blocking): a new versioned collection, the
objects copied over, the name switched to it through an alias.

For a rebuild of `X`: create `X_v{n}` (the next free version) from the planned schema, copy
every object (`copy_objects`), then point the name at it. If `X` is an alias already, that is
one alias update and the previous version is deleted afterwards (unless `keep_old`). If `X` is
still a collection, Weaviate forbids an alias with its name: `X` is deleted and the alias
created right away, and the time in between, when `X` answers "not found", is measured and
reported (the one-time conversion). A collection rename does the same under the new name and
keeps the old name as an alias. Each step is checked against the server first, so a run that
was stopped anywhere is finished by running it again: the version that has the planned schema
is copied into again (the same uuids, so nothing doubles) or, when the copy was complete and
the old collection already gone, only switched to.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from wvorm.migrate._aliases import (
    renamed_references,
    version_name,
    version_of,
    versioned,
    versions,
)
from wvorm.migrate._convert import Conversion, converter
from wvorm.migrate._copying import CopyReport, data_types
from wvorm.migrate._diff import diff
from wvorm.migrate._json import JsonObject, as_list, as_object
from wvorm.migrate._offline import MigrationError
from wvorm.migrate._snapshot import normalize_class
from wvorm.migrate._sync.copy import copy_objects
from wvorm.migrate.operations import Rebuild, RenameCollection
from wvorm_core import WeaviateClient

Progress = Callable[[str], None]
_SHOWN_FAILURES = 5
_SWITCH_TIMEOUT = 30.0


def rebuild(
    client: WeaviateClient,
    op: Rebuild | RenameCollection,
    *,
    progress: Progress,
    keep_old: bool = False,
) -> str:
    """Carry out `op` (module docstring); returns the physical collection the name now has."""
    name = op.collection
    old_name = op.renamed_from if isinstance(op, RenameCollection) else name
    aliases = {a.alias: a.collection for a in (client.alias.list_all()).values()}
    classes = {n: c.to_dict() for n, c in (client.collections.list_all(simple=False)).items()}
    source = aliases.get(old_name) or (old_name if old_name in classes else None)
    target = _finished_version(op, classes, aliases, source)
    if target is None:
        if source is None:
            raise MigrationError(f"{op.describe()}: {old_name} does not exist on the server")
        _check_referrers(classes, source)
        target = version_name(name, max(versions(name, classes), default=0) + 1)
        _copy_into(client, op, classes[source], target, aliases, progress)
    elif target != source:
        progress(f"  {target} holds the planned schema already: copying into it again")
        if source is not None:
            _copy_into(client, op, classes[source], target, aliases, progress, create=False)
    renamed = sorted(a for a, t in aliases.items() if source is not None and t == source)
    for alias in dict.fromkeys([old_name, *renamed, name]):
        _point(client, alias, target, aliases, progress)
    previous = source if source not in (None, target, old_name, name) else None
    if previous is not None and keep_old:
        progress(f"  kept the previous version {previous} (delete it when no longer needed)")
    elif previous is not None:
        client.collections.delete(previous)
        progress(f"  deleted the previous version {previous}")
    return target


def _model_class(cls: Mapping[str, object], name: str, physical: str) -> JsonObject:
    """A physical class read as the model `name` (its self-references named `name` too)."""
    body = renamed_references(cls, {physical: name})
    body["class"] = name
    return normalize_class(body)


def _finished_version(
    op: Rebuild | RenameCollection,
    classes: Mapping[str, Mapping[str, object]],
    aliases: Mapping[str, str],
    source: str | None,
) -> str | None:
    """The newest version of the name, not older than the source, that has the planned schema
    (a copy into it began, or ended, in an earlier run)."""
    name = op.collection
    floor = version_of(name, source) if source is not None else None
    model_names = {p: a for a, p in versioned(aliases, classes).items()}
    for number, physical in sorted(versions(name, classes).items(), reverse=True):
        if floor is not None and number < floor:
            break
        body = renamed_references(classes[physical], model_names)
        if diff({name: _model_class(body, name, physical)}, {name: dict(op.schema)}).is_empty:
            return physical
    return None


def _check_referrers(classes: Mapping[str, Mapping[str, object]], source: str) -> None:
    referrers = sorted(
        f"{other}.{as_object(prop).get('name')}"
        for other, cls in classes.items()
        if other != source
        for prop in as_list(cls.get("properties"))
        if source in [str(t) for t in as_list(as_object(prop).get("dataType"))]
    )
    if referrers:
        raise MigrationError(
            f"rebuilding {source} would leave the references {referrers} pointing at a "
            "collection that is deleted (references name a physical collection); rebuilding "
            "the collections that reference it is not supported yet"
        )


def _conversions(
    op: Rebuild | RenameCollection, source: Mapping[str, object]
) -> dict[str, Conversion]:
    renames = op.renames if isinstance(op, Rebuild) else {}
    old_types = data_types(source)
    out = {}
    for new, new_type in data_types(op.schema).items():
        old_type = old_types.get(renames.get(new, new))
        if old_type is not None and old_type != new_type:
            out[new] = converter(old_type, new_type)
    return out


def _copy_into(
    client: WeaviateClient,
    op: Rebuild | RenameCollection,
    source: Mapping[str, object],
    target: str,
    aliases: Mapping[str, str],
    progress: Progress,
    *,
    create: bool = True,
) -> CopyReport:
    physical = str(source.get("class"))
    convert = _conversions(op, source)
    if create:
        names = {**aliases, op.collection: target, physical: target}
        if isinstance(op, RenameCollection):
            names[op.renamed_from] = target
        body = renamed_references(op.schema, names)
        body["class"] = target
        client.collections.create_from_dict(body)
        progress(f"  created {target}")
    report = copy_objects(
        client,
        physical,
        target,
        revectorize=op.vectors if isinstance(op, Rebuild) else (),
        renames=op.renames if isinstance(op, Rebuild) else {},
        convert=convert,
        progress=progress,
    )
    if report.failed:
        shown = "; ".join(f"{f.uuid}: {f.reason}" for f in report.failed[:_SHOWN_FAILURES])
        more = len(report.failed) - _SHOWN_FAILURES
        raise MigrationError(
            f"{len(report.failed)} objects of {physical} cannot be copied into {target} ({shown}"
            f"{f'; and {more} more' if more > 0 else ''}); {physical} is unchanged and still "
            "in use: fix these objects there and run apply again"
        )
    progress(
        f"  copied {report.objects} objects and {report.references} references "
        f"{physical} -> {target} in {report.seconds:.1f} s"
    )
    return report


def _point(
    client: WeaviateClient,
    alias: str,
    target: str,
    aliases: Mapping[str, str],
    progress: Progress,
) -> None:
    """Make `alias` name `target`: update an alias, create a missing one, or replace a
    collection of that name by an alias to it (measuring how long the name was missing)."""
    current = aliases.get(alias)
    if current == target:
        return
    if current is not None:
        client.alias.update(alias_name=alias, new_target_collection=target)
        progress(f"  alias {alias} -> {target} (was {current})")
        return
    if not client.collections.exists(alias):
        client.alias.create(alias_name=alias, target_collection=target)
        progress(f"  alias {alias} -> {target}")
        return
    started = time.monotonic()
    client.collections.delete(alias)
    client.alias.create(alias_name=alias, target_collection=target)
    while not client.collections.exists(alias):
        if time.monotonic() - started > _SWITCH_TIMEOUT:
            raise MigrationError(f"the alias {alias} -> {target} did not become usable")
    gap = time.monotonic() - started
    progress(
        f"  {alias} is now an alias of {target}: the collection {alias} was replaced by the "
        f"alias, and the name was unavailable for {gap * 1000:.0f} ms (once, the first time)"
    )
