"""`Configure.Vectorizer` and `Configure.NamedVectors`: the official client's deprecated
vector builders, kept as thin spellings of `Configure.Vectors` (each warns once)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import replace
from typing import Generic, TypeVar

from wvorm_core.classes._vector_index import VectorIndexConfig
from wvorm_core.classes._vectorizers import VectorConfig, _Vectors
from wvorm_core.exceptions import WeaviateInvalidInputError

T = TypeVar("T")

_warned: set[str] = set()


class _LegacyVectorizer(_Vectors):
    """`Configure.Vectors` under its old name; `none()` is `self_provided()`."""

    @staticmethod
    def none() -> VectorConfig:
        """Vectors supplied by you (the vector named "default")."""
        return _Vectors.self_provided()


class _LegacyNamedVectors(_Vectors):
    """`Configure.Vectors` under its old name; `none(name)` is `self_provided(name=name)`."""

    @staticmethod
    def none(name: str, *, vector_index_config: VectorIndexConfig | None = None) -> VectorConfig:
        """A named vector supplied by you."""
        return _Vectors.self_provided(name=name, vector_index_config=vector_index_config)


class DeprecatedAlias(Generic[T]):
    """A class attribute that returns `target` and warns, once per process, that `old` is
    now spelled `new`."""

    def __init__(self, target: T, old: str, new: str) -> None:
        self._target = target
        self._old = old
        self._new = new

    def __get__(self, instance: object, owner: type | None = None) -> T:
        if self._old not in _warned:
            _warned.add(self._old)
            warnings.warn(
                f"{self._old} is deprecated (as in the official client); use {self._new}, "
                "which builds the same vector configuration",
                DeprecationWarning,
                stacklevel=2,
            )
        return self._target


def merge_legacy_vector_arguments(
    vector_config: VectorConfig | Sequence[VectorConfig] | None,
    vectorizer_config: VectorConfig | Sequence[VectorConfig] | None,
    vector_index_config: VectorIndexConfig | None,
) -> VectorConfig | Sequence[VectorConfig] | None:
    """`vector_config` with the official client's deprecated `collections.create` arguments
    folded in: `vectorizer_config` (the same builders) and `vector_index_config` (the index of
    the one vector)."""
    if vectorizer_config is not None:
        if vector_config is not None:
            raise WeaviateInvalidInputError(
                "give vector_config or the deprecated vectorizer_config, not both"
            )
        vector_config = vectorizer_config
    if vector_index_config is None:
        return vector_config
    if vector_config is None:
        return _Vectors.self_provided(vector_index_config=vector_index_config)
    if not isinstance(vector_config, VectorConfig):
        raise WeaviateInvalidInputError(
            "vector_index_config sets the index of a single vector; with several named "
            "vectors give each its own vector_index_config"
        )
    if vector_config.vector_index_config is not None:
        raise WeaviateInvalidInputError(
            f"vector {vector_config.name!r} has its own vector_index_config; "
            "do not give vector_index_config as well"
        )
    return replace(vector_config, vector_index_config=vector_index_config)
