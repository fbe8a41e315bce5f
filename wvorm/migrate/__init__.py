"""Schema migrations computed from `WvModel` diffs.

`plan(client, models)` (`plan_async` for the asyncio client) is the `Plan` that takes the live
schema to the models, each `Step` classified by how the server can make it (`StepKind`) and
what it risks (`Risk`). Underneath, and without a network: `snapshot_of(models)` is the desired
state, `normalize(classes)` a live one, `diff(current, target)` the plan between two snapshots.
`generate(...)` writes the next revision file; `Migrator` / `AsyncMigrator` apply revisions
under a lease, record them in the history collection and report `status()` for `check`.
"""

from wvorm.migrate._async.copy import copy_objects as async_copy_objects
from wvorm.migrate._async.migrator import AsyncMigrator
from wvorm.migrate._async.migrator import plan as plan_async
from wvorm.migrate._convert import Conversion, ConversionError, converter
from wvorm.migrate._copying import CopyReport, FailedObject, TenantCopy
from wvorm.migrate._diff import diff
from wvorm.migrate._history import AppliedRevision, LeaseHeldError
from wvorm.migrate._offline import MigrationError, Status, generate
from wvorm.migrate._plan import FLAGS, Plan, Step
from wvorm.migrate._renames import Renames, renames_of
from wvorm.migrate._revisions import Revision, RevisionError
from wvorm.migrate._snapshot import Snapshot, normalize, normalize_class, snapshot_of
from wvorm.migrate._sync.copy import copy_objects
from wvorm.migrate._sync.migrator import Migrator, plan
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

__all__ = [
    "FLAGS",
    "AddProperty",
    "AddVector",
    "AppliedRevision",
    "AsyncMigrator",
    "Conversion",
    "ConversionError",
    "CopyReport",
    "CreateCollection",
    "DropCollection",
    "DropPropertyIndex",
    "FailedObject",
    "LeaseHeldError",
    "MigrationError",
    "Migrator",
    "Operation",
    "Plan",
    "Rebuild",
    "Reindex",
    "RenameCollection",
    "Renames",
    "Revision",
    "RevisionError",
    "Risk",
    "Snapshot",
    "Status",
    "Step",
    "StepKind",
    "TenantCopy",
    "UpdateCollection",
    "async_copy_objects",
    "converter",
    "copy_objects",
    "diff",
    "generate",
    "normalize",
    "normalize_class",
    "plan",
    "plan_async",
    "renames_of",
    "snapshot_of",
]
