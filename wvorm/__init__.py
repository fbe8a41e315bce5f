"""wvorm: Weaviate collections as typed pydantic models."""

from wvorm.expressions import Condition, FieldExpr, SortKey, asc, desc
from wvorm.fields import Field, Prop, Ref
from wvorm.model import ModelDefinitionError, WvModel, info_of

__all__ = [
    "Condition",
    "Field",
    "FieldExpr",
    "ModelDefinitionError",
    "Prop",
    "Ref",
    "SortKey",
    "WvModel",
    "asc",
    "desc",
    "info_of",
]
