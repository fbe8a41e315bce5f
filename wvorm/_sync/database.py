# Generated from wvorm/_async/database.py by scripts/unasync.py; do not edit.
"""`Database`: create and drop model collections, hand out repositories (blocking)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from wvorm._sync.repository import Repository
from wvorm._writing import creation_order
from wvorm.model import WvModel, info_of
from wvorm_core.client import WeaviateClient

M = TypeVar("M", bound=WvModel)


class Database:
    """The models' side of one asyncio client."""

    def __init__(self, client: WeaviateClient) -> None:
        self.client = client

    def create_all(self, models: Iterable[type[WvModel]]) -> None:
        """Create the collection of each model (and of the models it references) if missing."""
        for model in creation_order(models):
            info = info_of(model)
            if not self.client.collections.exists(info.collection):
                self.client.collections.create(**info.create_arguments())

    def drop_all(self, models: Iterable[type[WvModel]]) -> None:
        """Delete the collections of `models` with all their objects."""
        for model in reversed(creation_order(models)):
            self.client.collections.delete(info_of(model).collection)

    def repo(self, model: type[M]) -> Repository[M]:
        """The repository of `model`."""
        return Repository(self.client.collections.use(info_of(model).collection), model)
