"""`AsyncDatabase`: create and drop model collections, hand out repositories (asyncio)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from wvorm._async.repository import AsyncRepository
from wvorm._writing import creation_order
from wvorm.model import WvModel, info_of
from wvorm_core.client import WeaviateAsyncClient

M = TypeVar("M", bound=WvModel)


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
