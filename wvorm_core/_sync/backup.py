# Generated from wvorm_core/_async/backup.py by scripts/unasync.py; do not edit.
"""`client.backup`: back up collections to a backend and restore them."""

from __future__ import annotations

from wvorm_core._ops import backup
from wvorm_core._ops.backup import BackupOperation, Collections
from wvorm_core._polling import Poller
from wvorm_core._sync._namespace import Namespace
from wvorm_core.classes.backup import (
    BackupConfigCreate,
    BackupConfigRestore,
    BackupLocationType,
    BackupStorage,
    RestoreOption,
)
from wvorm_core.outputs.backup import BackupListReturn, BackupReturn, BackupStatusReturn


class BackupNamespace(Namespace):
    """Backups of collections (with their aliases) on a backup backend (blocking)."""

    def create(
        self,
        backup_id: str,
        backend: BackupStorage,
        include_collections: Collections = None,
        exclude_collections: Collections = None,
        incremental_base_backup_id: str | None = None,
        wait_for_completion: bool = False,
        config: BackupConfigCreate | None = None,
        backup_location: BackupLocationType | None = None,
    ) -> BackupReturn:
        """Back up all collections, or those included / not excluded. With
        `wait_for_completion`, return once it succeeded; raise `BackupFailedError` or
        `BackupCanceledError` if it did not."""
        job = self._transport.run(
            backup.create(
                backup_id,
                backend,
                include_collections,
                exclude_collections,
                config,
                backup_location,
                incremental_base_backup_id,
            )
        )
        if not wait_for_completion:
            return job
        return self._wait(job, backend, "create", backup_location)

    def get_create_status(
        self,
        backup_id: str,
        backend: BackupStorage,
        backup_location: BackupLocationType | None = None,
    ) -> BackupStatusReturn:
        """The state of a backup's creation."""
        return self._transport.run(backup.status(backup_id, backend, "create", backup_location))

    def restore(
        self,
        backup_id: str,
        backend: BackupStorage,
        include_collections: Collections = None,
        exclude_collections: Collections = None,
        roles_restore: RestoreOption | None = None,
        users_restore: RestoreOption | None = None,
        wait_for_completion: bool = False,
        config: BackupConfigRestore | None = None,
        backup_location: BackupLocationType | None = None,
        overwrite_alias: bool = False,
    ) -> BackupReturn:
        """Restore a backup's collections (all, or those included / not excluded) and their
        aliases; `overwrite_alias` repoints an existing alias of the same name."""
        job = self._transport.run(
            backup.restore(
                backup_id,
                backend,
                include_collections,
                exclude_collections,
                config,
                backup_location,
                roles_restore,
                users_restore,
                overwrite_alias,
            )
        )
        if not wait_for_completion:
            return job
        return self._wait(job, backend, "restore", backup_location)

    def get_restore_status(
        self,
        backup_id: str,
        backend: BackupStorage,
        backup_location: BackupLocationType | None = None,
    ) -> BackupStatusReturn:
        """The state of a backup's restore."""
        return self._transport.run(backup.status(backup_id, backend, "restore", backup_location))

    def cancel(
        self,
        backup_id: str,
        backend: BackupStorage,
        backup_location: BackupLocationType | None = None,
        operation: BackupOperation = "create",
    ) -> bool:
        """Cancel a running backup (or restore, with `operation="restore"`)."""
        return self._transport.run(backup.cancel(backup_id, backend, operation, backup_location))

    def list_backups(
        self, backend: BackupStorage, sort_by_starting_time_asc: bool | None = None
    ) -> list[BackupListReturn]:
        """Every backup on `backend`, newest first (oldest first if `sort_by_starting_time_asc`)."""
        return self._transport.run(backup.list_backups(backend, bool(sort_by_starting_time_asc)))

    def _wait(
        self,
        job: BackupReturn,
        backend: BackupStorage,
        operation: BackupOperation,
        location: BackupLocationType | None,
    ) -> BackupReturn:
        poller = Poller()
        while True:
            polled = self._transport.run(backup.status(job.backup_id, backend, operation, location))
            if (done := backup.settle(job, polled, operation)) is not None:
                return done
            poller.pause()
