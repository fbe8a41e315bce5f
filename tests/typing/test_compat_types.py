"""Static types of the official client's spellings wvorm_core accepts (mypy --strict only)."""

from __future__ import annotations

from typing import TypedDict

from typing_extensions import assert_type

import wvorm_core
from wvorm_core.classes.config import Configure, VectorConfig
from wvorm_core.classes.data import DataObject, DataReferenceMulti, ReferenceInputs
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.classes.init import AdditionalConfig, Timeout
from wvorm_core.classes.query import Filter, NearMediaType
from wvorm_core.collections import Collection
from wvorm_core.outputs import QueryReturn
from wvorm_core.outputs.query import CrossReferences


class Song(TypedDict):
    title: str


class SongRefs(TypedDict):
    album: str


def check_spellings(client: wvorm_core.WeaviateClient) -> None:
    assert_type(DataObject[Song, SongRefs]({"title": "x"}).references, SongRefs | None)
    assert_type(DataObject({"title": "x"}).references, ReferenceInputs | None)
    assert_type(Configure.Vectorizer.none(), VectorConfig)
    assert_type(Configure.NamedVectors.none("v"), VectorConfig)
    assert_type(AdditionalConfig(timeout=(60, 120)).timeout, Timeout)
    assert_type(Filter.by_ref_count("r").less_than(count=2), FilterExpression)
    assert_type(Filter.by_property("p").equal(val=1), FilterExpression)
    songs = client.collections.use("Song", Song, skip_argument_validation=True)
    assert_type(songs, Collection[Song, CrossReferences])
    assert_type(
        songs.query.near_media(b"", NearMediaType.AUDIO), QueryReturn[Song, CrossReferences]
    )
    assert_type(
        wvorm_core.classes.data.DataReference.MultiTarget("p", "a", "b", "C"), DataReferenceMulti
    )
