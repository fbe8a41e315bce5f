# Generated from wvorm/migrate/_async/migrator.py by scripts/unasync.py; do not edit.
"""`Migrator`: plan against the live schema, write revision files, apply them (blocking)."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from wvorm.migrate import _revisions as revisions
from wvorm.migrate._aliases import by_model_name
from wvorm.migrate._diff import diff
from wvorm.migrate._history import (
    DEFAULT_HISTORY,
    AppliedRevision,
    HistoryProperties,
    Holder,
    LeaseHeldError,
    applied,
    history_schema,
    lease_name,
    record,
    record_id,
)
from wvorm.migrate._offline import MigrationError, Status, status
from wvorm.migrate._plan import Plan
from wvorm.migrate._renames import renames_of
from wvorm.migrate._snapshot import Snapshot, normalize, snapshot_of
from wvorm.migrate._sync.rebuild import rebuild
from wvorm.migrate.operations import (
    AddProperty,
    AddVector,
    CreateCollection,
    DropCollection,
    DropPropertyIndex,
    Operation,
    Rebuild,
    Reindex,
    RenameCollection,
    Risk,
    StepKind,
    UpdateCollection,
)
from wvorm.model import WvModel
from wvorm_core import WeaviateClient
from wvorm_core.classes.config import Tokenization
from wvorm_core.classes.tenants import TenantActivityStatus
from wvorm_core.exceptions import UnexpectedStatusCodeError

Progress = Callable[[str], None]


class Migrator:
    """Migrations for a set of models on one server (blocking).

    `directory` holds the revision files; `history` names the collection that records what
    was applied (and, with the suffix `Lease`, the lease collection).
    """

    def __init__(
        self,
        client: WeaviateClient,
        models: Iterable[type[WvModel]] = (),
        *,
        directory: Path | str = "migrations",
        history: str = DEFAULT_HISTORY,
        progress: Progress | None = None,
    ) -> None:
        self._client = client
        self._models = list(models)
        self.directory = Path(directory)
        self.history_collection = history
        self._progress = progress or (lambda _message: None)

    def live_snapshot(self) -> Snapshot:
        """The server's schema, normalized, without the tool's own collections."""
        found = self._client.collections.list_all(simple=False)
        aliases = {a.alias: a.collection for a in (self._client.alias.list_all()).values()}
        own = {self.history_collection, lease_name(self.history_collection)}
        classes = [c.to_dict() for name, c in found.items() if name not in own]
        return normalize(by_model_name(classes, aliases))

    def server_version(self) -> str:
        return (self._client.get_meta())["version"]

    def plan(self, *, allow_drop: bool = False) -> Plan:
        """What it takes to bring the live schema to the models, step by step."""
        live = self.live_snapshot()
        target = snapshot_of(self._models)
        first = diff(live, target, allow_drop=allow_drop, renames=renames_of(self._models))
        counted = {s.operation.collection for s in first.steps if _costs_objects(s.kind, s.risks)}
        counts = {
            name: self._count(name, _is_multi_tenant(live[name]))
            for name in sorted(counted)
            if name in live
        }
        planned = diff(
            live,
            target,
            server_version=self.server_version(),
            allow_drop=allow_drop,
            renames=renames_of(self._models),
            counts=counts,
        )
        hints = []
        for name in sorted(
            {s.collection for s in planned.steps if isinstance(s.operation, Reindex)}
        ):
            if _is_multi_tenant(live[name]) and (asleep := self._inactive_tenants(name)):
                hints.append(
                    f"{name}: tenants {asleep} are not active; the server re-indexes only "
                    f"active tenants, so activate them before apply"
                )
        return replace(planned, hints=(*planned.hints, *hints))

    def _count(self, name: str, multi_tenant: bool) -> int:
        """Objects in the collection, over every active tenant of a multi-tenant one."""
        collection = self._client.collections.use(name)
        if not multi_tenant:
            return (collection.aggregate.over_all(total_count=True)).total_count or 0
        total = 0
        for tenant in (collection.tenants.get()).values():
            if tenant.activity_status is TenantActivityStatus.ACTIVE:
                scoped = collection.with_tenant(tenant.name)
                total += (scoped.aggregate.over_all(total_count=True)).total_count or 0
        return total

    def _inactive_tenants(self, name: str) -> list[str]:
        """The tenants of multi-tenant collection `name` that are not active."""
        tenants = (self._client.collections.use(name).tenants.get()).values()
        return sorted(
            t.name for t in tenants if t.activity_status is not TenantActivityStatus.ACTIVE
        )

    def history(self) -> list[AppliedRevision]:
        """Applied revisions, oldest first."""
        if not self._client.collections.exists(self.history_collection):
            return []
        collection = self._client.collections.use(self.history_collection, HistoryProperties)
        found = collection.query.fetch_objects(limit=10_000)
        return sorted((applied(o.properties) for o in found.objects), key=lambda r: r.applied_at)

    def status(self) -> Status:
        """How models, revision files, history and the live schema stand against each other."""
        chain = revisions.chain(self.directory)
        return status(
            chain,
            self.history(),
            snapshot_of(self._models) if self._models else None,
            self.live_snapshot(),
            renames_of(self._models),
        )

    def apply(
        self,
        *,
        allow_destructive: bool = False,
        allow_irreversible: bool = False,
        break_lease: bool = False,
        keep_old: bool = False,
    ) -> list[revisions.Revision]:
        """Apply the pending revisions in order, under the lease; returns those applied.

        History is read under the lease, so two runs at once never apply the same revision.
        Each operation first checks the live schema and is skipped when already done, so a run
        that was killed part-way finishes on the next try with nothing done twice. A rebuild
        deletes the collection version it replaced once the name points at the new one, unless
        `keep_old`.
        """
        chain = revisions.chain(self.directory)
        holder = self._acquire(break_lease)
        try:
            done = {r.revision: r for r in self.history()}
            _check_applied(chain, done)
            pending = [r for r in chain if r.id not in done]
            _check_flags(pending, allow_destructive, allow_irreversible)
            if pending:
                self._ensure_history()
            for revision in pending:
                self._progress(f"applying {revision.path.name}: {revision.message}")
                for op in revision.operations:
                    self._run(op, keep_old)
                self._record(revision)
        finally:
            self._release(holder)
        return pending

    def _run(self, op: Operation, keep_old: bool = False) -> None:
        live = self.live_snapshot()
        if op.is_applied(live):
            self._progress(f"  already done: {op.describe()}")
            return
        self._progress(f"  {op.describe()}")
        if isinstance(op, (Rebuild, RenameCollection)):
            rebuild(self._client, op, progress=self._progress, keep_old=keep_old)
            return
        collections = self._client.collections
        alias = self._client.alias.get(alias_name=op.collection)
        physical = alias.collection if alias is not None else op.collection
        config = collections.use(physical).config
        if isinstance(op, CreateCollection):
            collections.create_from_dict(op.schema)
        elif isinstance(op, DropCollection):
            collections.delete(physical)
            if alias is not None:
                self._client.alias.delete(alias_name=op.collection)
        elif isinstance(op, (UpdateCollection, AddVector)):
            named = {**config.get_dict(), "class": op.collection}
            config.update_from_dict({**op.apply_to(named), "class": physical})
        elif isinstance(op, AddProperty):
            config.add_property_from_dict(op.property)
        elif isinstance(op, DropPropertyIndex):
            config.delete_property_index(op.property, op.index)
        elif isinstance(op, Reindex):
            multi_tenant = _is_multi_tenant(live.get(op.collection, {}))
            if multi_tenant and (asleep := self._inactive_tenants(physical)):
                raise MigrationError(
                    f"{op.describe()}: the server re-indexes only active tenants, and these are "
                    f"not: {asleep}. Activate them (collection.tenants.update(...)) and run "
                    f"apply again"
                )
            tokenization = Tokenization(op.tokenization) if op.tokenization else None
            config.update_property_index(op.property, op.index, tokenization=tokenization)
            config.wait_for_property_indexes()
        else:
            raise MigrationError(f"{op.describe()}: apply cannot carry out {op.kind.value} steps")

    def _ensure_history(self) -> None:
        if not self._client.collections.exists(self.history_collection):
            self._client.collections.create_from_dict(history_schema(self.history_collection))

    def _record(self, revision: revisions.Revision) -> None:
        collection = self._client.collections.use(self.history_collection, HistoryProperties)
        props = record(
            revision.id,
            revision.parent,
            revision.message,
            revision.checksum,
            datetime.now(timezone.utc),
            revision.snapshot,
        )
        uuid = record_id(revision.id)
        if collection.data.exists(uuid):
            collection.data.replace(uuid, props)
        else:
            collection.data.insert(props, uuid=uuid)

    def _acquire(self, break_lease: bool) -> Holder:
        name = lease_name(self.history_collection)
        holder = Holder(
            socket.gethostname(),
            os.getpid(),
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
            secrets.token_hex(8),
        )
        for _attempt in range(2):
            try:
                self._client.collections.create_from_dict(
                    {"class": name, "description": holder.encode()}
                )
                return holder
            except UnexpectedStatusCodeError as error:
                if error.status_code != 422:
                    raise
            current = Holder.decode((self._client.collections.use(name).config.get()).description)
            if not (break_lease or current is None or current.is_gone()):
                raise LeaseHeldError(
                    f"another apply holds the migration lease: "
                    f"{current.describe()}; wait for it, or, if it is dead, run again "
                    f"with --break-lease"
                )
            self._progress(f"breaking the lease of {current.describe() if current else 'nobody'}")
            self._client.collections.delete(name)
        raise LeaseHeldError("the migration lease was taken again while breaking it; try later")

    def _release(self, holder: Holder) -> None:
        name = lease_name(self.history_collection)
        if not self._client.collections.exists(name):
            return
        current = Holder.decode((self._client.collections.use(name).config.get()).description)
        if current is not None and current.token == holder.token:
            self._client.collections.delete(name)


def _is_multi_tenant(body: dict[str, object]) -> bool:
    settings = body.get("multiTenancyConfig")
    return isinstance(settings, dict) and settings.get("enabled") is True


def _costs_objects(kind: StepKind, risks: frozenset[Risk]) -> bool:
    return kind in (StepKind.REBUILD, StepKind.REINDEX) or Risk.REVECTORIZES in risks


def _check_applied(chain: Sequence[revisions.Revision], done: dict[str, AppliedRevision]) -> None:
    files = {r.id: r for r in chain}
    if unknown := sorted(set(done) - set(files)):
        raise MigrationError(f"the history holds revisions that no file has: {unknown}")
    edited = [r.path.name for r in chain if r.id in done and done[r.id].checksum != r.checksum]
    if edited:
        raise MigrationError(
            f"revision files edited after they were applied: {edited}; restore them "
            f"(e.g. from version control) and write changes as a new revision"
        )


def _check_flags(
    pending: Sequence[revisions.Revision], allow_destructive: bool, allow_irreversible: bool
) -> None:
    blocked = [(r, op) for r in pending for op in r.operations if op.kind is StepKind.IMPOSSIBLE]
    if blocked:
        raise MigrationError(
            "apply cannot carry out these steps: "
            + "; ".join(f"{r.path.name}: {op.describe()}" for r, op in blocked)
        )
    for risk, allowed, flag in (
        (Risk.DESTRUCTIVE, allow_destructive, "--allow-destructive"),
        (Risk.IRREVERSIBLE, allow_irreversible, "--allow-irreversible"),
    ):
        risky = [
            f"{r.path.name}: {op.describe()}"
            for r in pending
            for op in r.operations
            if risk in op.risks
        ]
        if risky and not allowed:
            raise MigrationError(f"{risk.value} steps need {flag}: " + "; ".join(risky))


def plan(
    client: WeaviateClient, models: Iterable[type[WvModel]], *, allow_drop: bool = False
) -> Plan:
    """What it takes to bring `client`'s live schema to `models`, each step classified."""
    return Migrator(client, models).plan(allow_drop=allow_drop)
