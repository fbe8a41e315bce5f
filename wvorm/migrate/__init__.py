"""Schema migrations computed from `WvModel` diffs: the pure planning layer.

`snapshot_of(models)` is the desired state, `normalize(classes)` the live one (the server's
class JSON); `diff(current, target)` is the `Plan` between them, each `Step` classified by how
the server can make it (`StepKind`) and what it risks (`Risk`). Nothing here uses the network.
"""

from wvorm.migrate._async.copy import copy_objects as async_copy_objects
from wvorm.migrate._async.migrator import AsyncMigrator
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
from wvorm.migrate._sync.migrator import Migrator
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
    "renames_of",
    "snapshot_of",
]
