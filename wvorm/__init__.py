"""wvorm: Weaviate collections as typed pydantic models."""

from wvorm.database import AsyncDatabase, Database
from wvorm.expressions import Condition, FieldExpr, SortKey, asc, desc
from wvorm.fields import Field, Prop, Ref
from wvorm.model import ModelDefinitionError, WvModel, info_of
from wvorm.repository import AsyncReader, AsyncRepository, Reader, Repository
from wvorm.results import Failure, Generated, Hit, HitGroup, InsertResult

__all__ = [
    "AsyncDatabase",
    "AsyncReader",
    "AsyncRepository",
    "Condition",
    "Database",
    "Failure",
    "Field",
    "FieldExpr",
    "Generated",
    "Hit",
    "HitGroup",
    "InsertResult",
    "ModelDefinitionError",
    "Prop",
    "Reader",
    "Ref",
    "Repository",
    "SortKey",
    "WvModel",
    "asc",
    "desc",
    "info_of",
]
