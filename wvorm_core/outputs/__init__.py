"""Typed results, in the shape of the official client's `weaviate.outputs`."""

from wvorm_core.outputs.batch import BatchObjectReturn, ErrorObject
from wvorm_core.outputs.query import MetadataReturn, Object, QueryReturn

__all__ = ["BatchObjectReturn", "ErrorObject", "MetadataReturn", "Object", "QueryReturn"]
