"""What ORM writes check and send, and how their outcomes are reported (no I/O)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from wvorm._mapping import to_references
from wvorm.model import WvModel, info_of
from wvorm.results import Failure, InsertResult
from wvorm_core.classes.data import ReferenceInput, Vector
from wvorm_core.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateError,
    WeaviateInvalidInputError,
)
from wvorm_core.outputs import ErrorObject

M = TypeVar("M", bound=WvModel)


def checked(model: type[M], objects: Iterable[M], vectors: Sequence[Vector] | None) -> list[M]:
    """`objects` as a list, each one a `model`, and as many `vectors` if given."""
    items = list(objects)
    for index, item in enumerate(items):
        if not isinstance(item, model):
            raise WeaviateInvalidInputError(
                f"object {index} is a {type(item).__name__}, not a {model.__name__}"
            )
    if vectors is not None and len(vectors) != len(items):
        raise WeaviateInvalidInputError(f"{len(items)} objects but {len(vectors)} vectors")
    return items


def insert_result(items: list[M], refused: Sequence[ErrorObject]) -> InsertResult[M]:
    by_uuid = {item.uuid: item for item in items}
    failures = [Failure(by_uuid[error.uuid], error.message) for error in refused]
    failed = {error.uuid for error in refused}
    return InsertResult([item.uuid for item in items if item.uuid not in failed], failures)


def refusal(model: type[WvModel], error: UnexpectedStatusCodeError) -> WeaviateError:
    """The error `insert` raises: a refused object (422) names its model and the reason."""
    if error.status_code != 422:
        return error
    return WeaviateInvalidInputError(f"{model.__name__}: {error.message}")


def references(obj: WvModel) -> dict[str, ReferenceInput] | None:
    return to_references(obj) or None


def creation_order(models: Iterable[type[WvModel]]) -> list[type[WvModel]]:
    """`models` ordered so that every reference target is created before its source."""
    ordered: list[type[WvModel]] = []
    visiting: set[type[WvModel]] = set()

    def visit(model: type[WvModel]) -> None:
        if model in ordered or model in visiting:
            return
        visiting.add(model)
        for field in info_of(model).fields.values():
            for target in field.targets:
                if target is not model:
                    visit(target)
        ordered.append(model)

    for model in models:
        visit(model)
    return ordered
