"""Typed results, in the shape of the official client's `weaviate.outputs`."""

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
from wvorm_core.outputs.query import MetadataReturn, Object, QueryReturn

__all__ = [
    "BatchObject",
    "BatchObjectReturn",
    "BatchReference",
    "BatchReferenceReturn",
    "BatchResult",
    "DeleteManyObject",
    "DeleteManyReturn",
    "ErrorObject",
    "ErrorReference",
    "MetadataReturn",
    "Object",
    "QueryReturn",
]
