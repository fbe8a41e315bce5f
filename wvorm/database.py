"""`Database` and `AsyncDatabase`: create and drop model collections, hand out repositories."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from wvorm.model import WvModel, info_of
from wvorm.repository import AsyncRepository, Repository
from wvorm_core.client import WeaviateAsyncClient, WeaviateClient

M = TypeVar("M", bound=WvModel)


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


class Database:
    """The models' side of one blocking client."""

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


class AsyncDatabase:
    """The models' side of one asyncio client."""

    def __init__(self, client: WeaviateAsyncClient) -> None:
        self.client = client

    async def create_all(self, models: Iterable[type[WvModel]]) -> None:
        """Create the collection of each model (and of the models it references) if missing."""
        for model in creation_order(models):
            info = info_of(model)
            if not await self.client.collections.exists(info.collection):
                await self.client.collections.create(**info.create_arguments())

    async def drop_all(self, models: Iterable[type[WvModel]]) -> None:
        """Delete the collections of `models` with all their objects."""
        for model in reversed(creation_order(models)):
            await self.client.collections.delete(info_of(model).collection)

    def repo(self, model: type[M]) -> AsyncRepository[M]:
        """The repository of `model`."""
        return AsyncRepository(self.client.collections.use(info_of(model).collection), model)
