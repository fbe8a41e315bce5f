# Generated from wvorm/migrate/_async/copy.py by scripts/unasync.py; do not edit.
"""`copy_objects` (blocking): every object of one collection into another, through the cursor and
the batcher of the public client, tenant by tenant, references in a second pass."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping
from typing import Any

from wvorm.migrate._convert import Conversion, ConversionError
from wvorm.migrate._copying import CopyReport, FailedObject, Layout, TenantCopy
from wvorm.migrate._offline import MigrationError
from wvorm_core import WeaviateClient
from wvorm_core.classes.data import ReferenceInput, ReferenceToMulti
from wvorm_core.classes.query import QueryReference
from wvorm_core.classes.tenants import Tenant, TenantActivityStatus
from wvorm_core.collections import Collection as Handle

Progress = Callable[[str], None]

_BATCH_SIZE = 200
_PAGE = 500
_READABLE = frozenset({TenantActivityStatus.ACTIVE, TenantActivityStatus.INACTIVE})


def copy_objects(
    client: WeaviateClient,
    source: str,
    target: str,
    *,
    revectorize: Collection[str] = (),
    renames: Mapping[str, str] | None = None,
    convert: Mapping[str, Conversion] | None = None,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy every object of `source` into the existing collection `target` (blocking).

    Uuids, properties and vectors are kept, except the named vectors in `revectorize`, which
    the target's vectorizer computes anew. `renames` maps a target property to the source
    property it takes its values from, `convert` a target property to a conversion of its
    values (`wvorm.migrate.converter`); an object a conversion or the server refuses is listed
    in `failed`, never dropped silently. Multi-tenant collections are copied tenant by tenant
    (the target gets the source's tenants, with their activity status once copied). References
    are written after every object, self-references pointing into `target`. A re-run writes
    the same objects again (same uuids), so a copy that was stopped can simply be run again.
    Raises `MigrationError` when the counts do not add up (source == target + failed).
    """
    started = time.monotonic()
    tell = progress or (lambda _message: None)
    source_handle = client.collections.use(source)
    target_handle = client.collections.use(target)
    source_class = source_handle.config.get_dict()
    target_class = target_handle.config.get_dict()
    layout = Layout(
        source_class,
        target_class,
        revectorize=revectorize,
        renames=renames or {},
        convert=convert or {},
    )
    tenants = _tenants(source_handle, target_handle, source_class, target_class)
    failed: list[FailedObject] = []
    copied: dict[str | None, int] = {}
    references: dict[str | None, int] = {}
    try:
        for tenant in tenants:
            src, dst = _scoped(source_handle, tenant), _scoped(target_handle, tenant)
            copied[_name(tenant)] = _copy_objects(src, dst, layout, failed, tell)
        skip = {f.uuid for f in failed}
        for tenant in tenants:
            src, dst = _scoped(source_handle, tenant), _scoped(target_handle, tenant)
            references[_name(tenant)] = _copy_references(src, dst, layout, skip, tell)
        counts = {
            _name(t): _counts(_scoped(source_handle, t), _scoped(target_handle, t)) for t in tenants
        }
    finally:
        _restore(source_handle, target_handle, tenants)
    per_tenant = {
        name: TenantCopy(
            source=source_count,
            target=target_count,
            copied=copied.get(name, 0),
            references=references.get(name, 0),
            failed=sum(1 for f in failed if f.tenant == name),
        )
        for name, (source_count, target_count) in counts.items()
    }
    _verify(source, target, per_tenant)
    return CopyReport(
        objects=sum(copied.values()),
        references=sum(references.values()),
        failed=tuple(failed),
        tenants=per_tenant,
        seconds=time.monotonic() - started,
    )


def _name(tenant: Tenant | None) -> str | None:
    return tenant.name if tenant is not None else None


def _scoped(collection: Handle[Any, Any], tenant: Tenant | None) -> Handle[Any, Any]:
    return collection if tenant is None else collection.with_tenant(tenant.name)


def _multi_tenant(cls: Mapping[str, object]) -> bool:
    settings = cls.get("multiTenancyConfig")
    return isinstance(settings, dict) and settings.get("enabled") is True


def _tenants(
    source: Handle[Any, Any],
    target: Handle[Any, Any],
    source_class: Mapping[str, object],
    target_class: Mapping[str, object],
) -> list[Tenant | None]:
    """The scopes to copy: [None] without tenants, else the source's tenants as they were.

    Each is active on both sides while it is copied (`_restore` sets the status back); the
    target gets the tenants it lacks.
    """
    multi = _multi_tenant(source_class), _multi_tenant(target_class)
    if multi == (False, False):
        return [None]
    if multi != (True, True):
        state = "on" if multi[1] else "off"
        raise MigrationError(
            f"copy {source.name} -> {target.name}: multi-tenancy turned {state}; the copy "
            "cannot choose which tenant objects belong to (copy them with a data transform)"
        )
    found = sorted((source.tenants.get()).values(), key=lambda t: t.name)
    if stuck := [t.name for t in found if t.activity_status not in _READABLE]:
        raise MigrationError(
            f"{source.name}: tenants {stuck} are offloaded (or moving); onload them first"
        )
    existing = target.tenants.get()
    active = TenantActivityStatus.ACTIVE
    if missing := [Tenant(t.name, active) for t in found if t.name not in existing]:
        target.tenants.create(missing)
    if waking := [Tenant(t.name, active) for t in found if t.activity_status is not active]:
        source.tenants.update(waking)
    if asleep := [
        Tenant(t.name, active) for t in existing.values() if t.activity_status is not active
    ]:
        target.tenants.update(asleep)
    return list(found)


def _restore(
    source: Handle[Any, Any],
    target: Handle[Any, Any],
    tenants: list[Tenant | None],
) -> None:
    """Give the tenants that were woken for the copy their activity status back."""
    asleep = [
        t for t in tenants if t is not None and t.activity_status is not TenantActivityStatus.ACTIVE
    ]
    if asleep:
        source.tenants.update(asleep)
        target.tenants.update(asleep)


def _copy_objects(
    source: Handle[Any, Any],
    target: Handle[Any, Any],
    layout: Layout,
    failed: list[FailedObject],
    tell: Progress,
) -> int:
    tenant = source.tenant
    label = f"{source.name} -> {target.name}" + (f" (tenant {tenant})" if tenant else "")
    total = _count(source)
    started = time.monotonic()
    written = 0
    batch_handle = target.batch.fixed_size(batch_size=_BATCH_SIZE, concurrent_requests=2)
    with batch_handle as batch:
        for obj in source.iterator(include_vector=layout.include_vector, cache_size=_PAGE):
            try:
                properties = layout.properties(obj.properties)
            except ConversionError as error:
                failed.append(FailedObject(obj.uuid, str(error), tenant))
                continue
            batch.add_object(properties, uuid=obj.uuid, vector=layout.vector(obj))
            written += 1
            if written % _PAGE == 0:
                tell(f"  copying {label}: {_rate(written, total, started)}")
    refused = target.batch.failed_objects
    failed.extend(FailedObject(e.uuid, e.message, tenant) for e in refused)
    written -= len(refused)
    tell(f"  copied {label}: {_rate(written, total, started)}")
    return written


def _rate(done: int, total: int, started: float) -> str:
    elapsed = max(time.monotonic() - started, 1e-9)
    rate = done / elapsed
    left = f", about {(total - done) / rate:.0f} s left" if rate > 0 and done < total else ""
    return f"{done}/{total} objects ({rate:.0f}/s{left})"


def _copy_references(
    source: Handle[Any, Any],
    target: Handle[Any, Any],
    layout: Layout,
    skip: set[Any],
    tell: Progress,
) -> int:
    """Every reference of the source objects, one cursor pass per target collection of the
    widest multi-target reference (the cursor returns one target collection per link)."""
    written = 0
    for index in range(layout.reference_passes()):
        asked = [
            QueryReference(ref.source, return_properties=[])
            if len(ref.targets) == 1
            else QueryReference.MultiTarget(ref.source, ref.targets[index], return_properties=[])
            for ref in layout.references
            if index < len(ref.targets)
        ]
        by_source = {ref.source: ref for ref in layout.references}
        batch_handle = target.batch.fixed_size(batch_size=_BATCH_SIZE, concurrent_requests=2)
        with batch_handle as batch:
            for obj in source.iterator(return_references=asked, cache_size=_PAGE):
                if obj.uuid in skip:
                    continue
                for link, found in obj.references.items():
                    ref = by_source[link]
                    for collection, uuids in _grouped(found.objects, layout).items():
                        to: ReferenceInput = (
                            ReferenceToMulti(collection, uuids) if ref.multi_target else uuids
                        )
                        batch.add_reference(obj.uuid, ref.target, to)
                        written += len(uuids)
        if refused := target.batch.failed_references:
            first = refused[0]
            raise MigrationError(
                f"copy {source.name} -> {target.name}: the server refused {len(refused)} "
                f"references, e.g. {first.reference.from_uuid}.{first.reference.from_property}: "
                f"{first.message}"
            )
    if written:
        tell(f"  copied {written} references into {target.name}")
    return written


def _grouped(objects: list[Any], layout: Layout) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for linked in objects:
        out.setdefault(layout.target_of(linked.collection), []).append(linked.uuid)
    return out


def _count(collection: Handle[Any, Any]) -> int:
    return (collection.aggregate.over_all(total_count=True)).total_count or 0


def _counts(source: Handle[Any, Any], target: Handle[Any, Any]) -> tuple[int, int]:
    return _count(source), _count(target)


def _verify(source: str, target: str, tenants: Mapping[str | None, TenantCopy]) -> None:
    wrong = [
        f"{'tenant ' + name if name else 'objects'}: {c.source} in {source}, {c.target} in "
        f"{target}, {c.failed} failed"
        for name, c in tenants.items()
        if c.source != c.target + c.failed
    ]
    if wrong:
        raise MigrationError(
            f"copy {source} -> {target}: the counts do not add up ({'; '.join(wrong)}); were "
            "objects written or deleted during the copy? Run the copy again"
        )
