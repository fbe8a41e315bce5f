"""`collection.generate`: the searches of `collection.query`, with generated text.

`single_prompt` generates one text per object (`obj.generated`); `grouped_task` one text over
all results (`result.generated`). Results are typed like `collection.query`'s.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Generic, overload
from uuid import UUID

from typing_extensions import Unpack

from wvorm_core._context import CollectionContext, T, target_of
from wvorm_core._ops import search
from wvorm_core._ops.models import Projection
from wvorm_core._ops.search import (
    GenerativeBM25Options,
    GenerativeFetchOptions,
    GenerativeHybridOptions,
    GenerativeNearOptions,
    GenerativeNearTextOptions,
    MediaInput,
    ReturnProperties,
    VectorInput,
)
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.classes.query import PropertySelection
from wvorm_core.outputs import GenerativeReturn
from wvorm_core.outputs.query import P, R


class AsyncGenerateCollection(Generic[P, R]):
    """Searches with generation (retrieval-augmented) of one collection (asyncio)."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._target = target_of(context)

    @overload
    async def fetch_objects(
        self, *, return_properties: None = None, **options: Unpack[GenerativeFetchOptions]
    ) -> GenerativeReturn[P, R]: ...

    @overload
    async def fetch_objects(
        self,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[GenerativeFetchOptions],
    ) -> GenerativeReturn[T, R]: ...

    @overload
    async def fetch_objects(
        self, *, return_properties: PropertySelection, **options: Unpack[GenerativeFetchOptions]
    ) -> GenerativeReturn[dict[str, object], R]: ...

    async def fetch_objects(
        self,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[GenerativeFetchOptions],
    ) -> GenerativeReturn[Any, R]:
        """Objects matching `filters`, in `sort` order (or by uuid); `after` pages by uuid."""
        return await self._transport.run(
            search.generate(self._target, "fetch_objects", return_properties, options)
        )

    @overload
    async def bm25(
        self,
        query: str,
        *,
        return_properties: None = None,
        **options: Unpack[GenerativeBM25Options],
    ) -> GenerativeReturn[P, R]: ...

    @overload
    async def bm25(
        self,
        query: str,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[GenerativeBM25Options],
    ) -> GenerativeReturn[T, R]: ...

    @overload
    async def bm25(
        self,
        query: str,
        *,
        return_properties: PropertySelection,
        **options: Unpack[GenerativeBM25Options],
    ) -> GenerativeReturn[dict[str, object], R]: ...

    async def bm25(
        self,
        query: str,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[GenerativeBM25Options],
    ) -> GenerativeReturn[Any, R]:
        """Keyword (BM25) search, over `query_properties` if given."""
        return await self._transport.run(
            search.generate(self._target, "bm25", return_properties, options, search.bm25(query))
        )

    @overload
    async def hybrid(
        self,
        query: str | None,
        *,
        return_properties: None = None,
        **options: Unpack[GenerativeHybridOptions],
    ) -> GenerativeReturn[P, R]: ...

    @overload
    async def hybrid(
        self,
        query: str | None,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[GenerativeHybridOptions],
    ) -> GenerativeReturn[T, R]: ...

    @overload
    async def hybrid(
        self,
        query: str | None,
        *,
        return_properties: PropertySelection,
        **options: Unpack[GenerativeHybridOptions],
    ) -> GenerativeReturn[dict[str, object], R]: ...

    async def hybrid(
        self,
        query: str | None,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[GenerativeHybridOptions],
    ) -> GenerativeReturn[Any, R]:
        """Keyword and vector search fused; `alpha` 1 is pure vector, 0 pure keyword."""
        return await self._transport.run(
            search.generate(
                self._target, "hybrid", return_properties, options, search.hybrid(query)
            )
        )

    @overload
    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        return_properties: None = None,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[P, R]: ...

    @overload
    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[T, R]: ...

    @overload
    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        return_properties: PropertySelection,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[dict[str, object], R]: ...

    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[Any, R]:
        """Objects nearest to a vector: floats, rows (multi-vector), or a mapping name -> vector."""
        return await self._transport.run(
            search.generate(
                self._target,
                "near_vector",
                return_properties,
                options,
                search.near_vector(near_vector),
            )
        )

    @overload
    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        return_properties: None = None,
        **options: Unpack[GenerativeNearTextOptions],
    ) -> GenerativeReturn[P, R]: ...

    @overload
    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[GenerativeNearTextOptions],
    ) -> GenerativeReturn[T, R]: ...

    @overload
    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        return_properties: PropertySelection,
        **options: Unpack[GenerativeNearTextOptions],
    ) -> GenerativeReturn[dict[str, object], R]: ...

    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[GenerativeNearTextOptions],
    ) -> GenerativeReturn[Any, R]:
        """Objects nearest to the text, vectorized by the collection's vectorizer."""
        return await self._transport.run(
            search.generate(
                self._target, "near_text", return_properties, options, search.near_text(query)
            )
        )

    @overload
    async def near_object(
        self,
        near_object: UUID | str,
        *,
        return_properties: None = None,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[P, R]: ...

    @overload
    async def near_object(
        self,
        near_object: UUID | str,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[T, R]: ...

    @overload
    async def near_object(
        self,
        near_object: UUID | str,
        *,
        return_properties: PropertySelection,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[dict[str, object], R]: ...

    async def near_object(
        self,
        near_object: UUID | str,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[Any, R]:
        """Objects nearest to the stored object `near_object`."""
        return await self._transport.run(
            search.generate(
                self._target,
                "near_object",
                return_properties,
                options,
                search.near_object(near_object),
            )
        )

    @overload
    async def near_image(
        self,
        near_image: MediaInput,
        *,
        return_properties: None = None,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[P, R]: ...

    @overload
    async def near_image(
        self,
        near_image: MediaInput,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[T, R]: ...

    @overload
    async def near_image(
        self,
        near_image: MediaInput,
        *,
        return_properties: PropertySelection,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[dict[str, object], R]: ...

    async def near_image(
        self,
        near_image: MediaInput,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[GenerativeNearOptions],
    ) -> GenerativeReturn[Any, R]:
        """Objects nearest to an image (base64 text, bytes or a path)."""
        if isinstance(near_image, Path):
            near_image = await asyncio.to_thread(near_image.read_bytes)
        return await self._transport.run(
            search.generate(
                self._target,
                "near_image",
                return_properties,
                options,
                search.near_image(near_image),
            )
        )
