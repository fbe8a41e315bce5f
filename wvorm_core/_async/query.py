"""`collection.query`: searches that return objects, typed by the collection's data model.

Each search has three typed forms: without `return_properties` the objects carry the
collection's model `P` (all its fields are fetched); with a TypedDict or pydantic model `T`
they carry `T` (only its fields are fetched); with property names they carry a plain dict.
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
    BM25Options,
    ByIdOptions,
    ByIdsOptions,
    FetchOptions,
    HybridOptions,
    MediaInput,
    NearOptions,
    NearTextOptions,
    ReturnProperties,
    VectorInput,
)
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.classes.query import NearMediaType, PropertySelection
from wvorm_core.outputs import Object, QueryReturn
from wvorm_core.outputs.query import P, R


class AsyncQueryCollection(Generic[P, R]):
    """Searches of one collection (asyncio)."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._target = target_of(context)

    @overload
    async def fetch_object_by_id(
        self, uuid: UUID | str, *, return_properties: None = None, **options: Unpack[ByIdOptions]
    ) -> Object[P, R] | None: ...

    @overload
    async def fetch_object_by_id(
        self,
        uuid: UUID | str,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[ByIdOptions],
    ) -> Object[T, R] | None: ...

    @overload
    async def fetch_object_by_id(
        self,
        uuid: UUID | str,
        *,
        return_properties: PropertySelection,
        **options: Unpack[ByIdOptions],
    ) -> Object[dict[str, object], R] | None: ...

    async def fetch_object_by_id(
        self,
        uuid: UUID | str,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[ByIdOptions],
    ) -> Object[Any, R] | None:
        """The object with this uuid, or None when there is none."""
        return await self._transport.run(
            search.by_id(self._target, uuid, return_properties, options)
        )

    @overload
    async def fetch_objects(
        self, *, return_properties: None = None, **options: Unpack[FetchOptions]
    ) -> QueryReturn[P, R]: ...

    @overload
    async def fetch_objects(
        self, *, return_properties: type[T] | Projection[T], **options: Unpack[FetchOptions]
    ) -> QueryReturn[T, R]: ...

    @overload
    async def fetch_objects(
        self, *, return_properties: PropertySelection, **options: Unpack[FetchOptions]
    ) -> QueryReturn[dict[str, object], R]: ...

    async def fetch_objects(
        self,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[FetchOptions],
    ) -> QueryReturn[Any, R]:
        """Objects matching `filters`, in `sort` order (or by uuid); `after` pages by uuid."""
        return await self._transport.run(
            search.query(self._target, "fetch_objects", return_properties, options)
        )

    @overload
    async def fetch_objects_by_ids(
        self,
        ids: Sequence[UUID | str],
        *,
        return_properties: None = None,
        **options: Unpack[ByIdsOptions],
    ) -> QueryReturn[P, R]: ...

    @overload
    async def fetch_objects_by_ids(
        self,
        ids: Sequence[UUID | str],
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[ByIdsOptions],
    ) -> QueryReturn[T, R]: ...

    @overload
    async def fetch_objects_by_ids(
        self,
        ids: Sequence[UUID | str],
        *,
        return_properties: PropertySelection,
        **options: Unpack[ByIdsOptions],
    ) -> QueryReturn[dict[str, object], R]: ...

    async def fetch_objects_by_ids(
        self,
        ids: Sequence[UUID | str],
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[ByIdsOptions],
    ) -> QueryReturn[Any, R]:
        """The objects with these uuids (those that exist)."""
        return await self._transport.run(
            search.query(
                self._target,
                "fetch_objects_by_ids",
                return_properties,
                {**options, "filters": search.ids_filter(ids)},
            )
        )

    @overload
    async def bm25(
        self, query: str, *, return_properties: None = None, **options: Unpack[BM25Options]
    ) -> QueryReturn[P, R]: ...

    @overload
    async def bm25(
        self,
        query: str,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[BM25Options],
    ) -> QueryReturn[T, R]: ...

    @overload
    async def bm25(
        self, query: str, *, return_properties: PropertySelection, **options: Unpack[BM25Options]
    ) -> QueryReturn[dict[str, object], R]: ...

    async def bm25(
        self,
        query: str,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[BM25Options],
    ) -> QueryReturn[Any, R]:
        """Keyword (BM25) search, over `query_properties` if given."""
        return await self._transport.run(
            search.query(self._target, "bm25", return_properties, options, search.bm25(query))
        )

    @overload
    async def hybrid(
        self, query: str | None, *, return_properties: None = None, **options: Unpack[HybridOptions]
    ) -> QueryReturn[P, R]: ...

    @overload
    async def hybrid(
        self,
        query: str | None,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[HybridOptions],
    ) -> QueryReturn[T, R]: ...

    @overload
    async def hybrid(
        self,
        query: str | None,
        *,
        return_properties: PropertySelection,
        **options: Unpack[HybridOptions],
    ) -> QueryReturn[dict[str, object], R]: ...

    async def hybrid(
        self,
        query: str | None,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[HybridOptions],
    ) -> QueryReturn[Any, R]:
        """Keyword and vector search fused; `alpha` 1 is pure vector, 0 pure keyword."""
        return await self._transport.run(
            search.query(self._target, "hybrid", return_properties, options, search.hybrid(query))
        )

    @overload
    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        return_properties: None = None,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[P, R]: ...

    @overload
    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[NearOptions],
    ) -> QueryReturn[T, R]: ...

    @overload
    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        return_properties: PropertySelection,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[dict[str, object], R]: ...

    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[Any, R]:
        """Objects nearest to a vector: floats, rows (multi-vector), or a mapping name -> vector."""
        return await self._transport.run(
            search.query(
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
        **options: Unpack[NearTextOptions],
    ) -> QueryReturn[P, R]: ...

    @overload
    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[NearTextOptions],
    ) -> QueryReturn[T, R]: ...

    @overload
    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        return_properties: PropertySelection,
        **options: Unpack[NearTextOptions],
    ) -> QueryReturn[dict[str, object], R]: ...

    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[NearTextOptions],
    ) -> QueryReturn[Any, R]:
        """Objects nearest to the text, vectorized by the collection's vectorizer."""
        return await self._transport.run(
            search.query(
                self._target, "near_text", return_properties, options, search.near_text(query)
            )
        )

    @overload
    async def near_object(
        self,
        near_object: UUID | str,
        *,
        return_properties: None = None,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[P, R]: ...

    @overload
    async def near_object(
        self,
        near_object: UUID | str,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[NearOptions],
    ) -> QueryReturn[T, R]: ...

    @overload
    async def near_object(
        self,
        near_object: UUID | str,
        *,
        return_properties: PropertySelection,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[dict[str, object], R]: ...

    async def near_object(
        self,
        near_object: UUID | str,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[Any, R]:
        """Objects nearest to the stored object `near_object`."""
        return await self._transport.run(
            search.query(
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
        **options: Unpack[NearOptions],
    ) -> QueryReturn[P, R]: ...

    @overload
    async def near_image(
        self,
        near_image: MediaInput,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[NearOptions],
    ) -> QueryReturn[T, R]: ...

    @overload
    async def near_image(
        self,
        near_image: MediaInput,
        *,
        return_properties: PropertySelection,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[dict[str, object], R]: ...

    async def near_image(
        self,
        near_image: MediaInput,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[Any, R]:
        """Objects nearest to an image (base64 text, bytes or a path)."""
        if isinstance(near_image, Path):
            near_image = await asyncio.to_thread(near_image.read_bytes)
        return await self._transport.run(
            search.query(
                self._target,
                "near_image",
                return_properties,
                options,
                search.near_image(near_image),
            )
        )

    @overload
    async def near_media(
        self,
        media: MediaInput,
        media_type: NearMediaType,
        *,
        return_properties: None = None,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[P, R]: ...

    @overload
    async def near_media(
        self,
        media: MediaInput,
        media_type: NearMediaType,
        *,
        return_properties: type[T] | Projection[T],
        **options: Unpack[NearOptions],
    ) -> QueryReturn[T, R]: ...

    @overload
    async def near_media(
        self,
        media: MediaInput,
        media_type: NearMediaType,
        *,
        return_properties: PropertySelection,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[dict[str, object], R]: ...

    async def near_media(
        self,
        media: MediaInput,
        media_type: NearMediaType,
        *,
        return_properties: ReturnProperties = None,
        **options: Unpack[NearOptions],
    ) -> QueryReturn[Any, R]:
        """Objects nearest to a piece of media of `media_type` (base64 text, bytes or a path)."""
        if isinstance(media, Path):
            media = await asyncio.to_thread(media.read_bytes)
        return await self._transport.run(
            search.query(
                self._target,
                "near_media",
                return_properties,
                options,
                search.near_media(media, media_type),
            )
        )
