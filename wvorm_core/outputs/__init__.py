"""Typed results, in the shape of the official client's `weaviate.outputs`.

The configuration classes (`wvorm_core.outputs.config`) load when first named, so that
importing the client does not build them.
"""

from typing import TYPE_CHECKING

from wvorm_core.outputs.aggregate import (
    AggregateBoolean,
    AggregateDate,
    AggregateGroup,
    AggregateGroupByReturn,
    AggregateInteger,
    AggregateNumber,
    AggregateReturn,
    AggregateText,
    TopOccurrence,
)
from wvorm_core.outputs.batch import (
    BatchObject,
    BatchObjectReturn,
    BatchReference,
    BatchReferenceReturn,
    BatchResult,
    ErrorObject,
    ErrorReference,
)
from wvorm_core.outputs.data import DeleteManyObject, DeleteManyReturn
from wvorm_core.outputs.generate import GenerativeGroup, GenerativeObject, GenerativeReturn
from wvorm_core.outputs.indexes import (
    IndexStatus,
    IndexTaskStatus,
    PropertyIndexStatus,
    PropertyIndexTask,
)
from wvorm_core.outputs.query import (
    CrossReference,
    CrossReferences,
    Group,
    MetadataReturn,
    Object,
    QueryReturn,
)

__all__ = [
    "AggregateBoolean",
    "AggregateDate",
    "AggregateGroup",
    "AggregateGroupByReturn",
    "AggregateInteger",
    "AggregateNumber",
    "AggregateReturn",
    "AggregateText",
    "BatchObject",
    "BatchObjectReturn",
    "BatchReference",
    "BatchReferenceReturn",
    "BatchResult",
    "CollectionConfig",
    "CollectionConfigSimple",
    "CrossReference",
    "CrossReferences",
    "DeleteManyObject",
    "DeleteManyReturn",
    "ErrorObject",
    "ErrorReference",
    "GenerativeGroup",
    "GenerativeObject",
    "GenerativeReturn",
    "Group",
    "IndexStatus",
    "IndexTaskStatus",
    "MetadataReturn",
    "NamedVectorConfig",
    "Object",
    "PropertyConfig",
    "PropertyIndexStatus",
    "PropertyIndexTask",
    "QueryReturn",
    "ReferencePropertyConfig",
    "ShardStatus",
    "TopOccurrence",
]

_CONFIG_NAMES = frozenset(
    {
        "CollectionConfig",
        "CollectionConfigSimple",
        "NamedVectorConfig",
        "PropertyConfig",
        "ReferencePropertyConfig",
        "ShardStatus",
    }
)

if TYPE_CHECKING:
    from wvorm_core.outputs.config import (
        CollectionConfig,
        CollectionConfigSimple,
        NamedVectorConfig,
        PropertyConfig,
        ReferencePropertyConfig,
        ShardStatus,
    )


def __getattr__(name: str) -> object:
    if name in _CONFIG_NAMES:
        from wvorm_core.outputs import config

        return getattr(config, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
