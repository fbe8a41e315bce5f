"""Typed results, in the shape of the official client's `weaviate.outputs`."""

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
from wvorm_core.outputs.config import (
    CollectionConfig,
    CollectionConfigSimple,
    NamedVectorConfig,
    PropertyConfig,
    ReferencePropertyConfig,
    ShardStatus,
)
from wvorm_core.outputs.data import DeleteManyObject, DeleteManyReturn
from wvorm_core.outputs.generate import GenerativeGroup, GenerativeObject, GenerativeReturn
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
    "MetadataReturn",
    "NamedVectorConfig",
    "Object",
    "PropertyConfig",
    "QueryReturn",
    "ReferencePropertyConfig",
    "ShardStatus",
    "TopOccurrence",
]
