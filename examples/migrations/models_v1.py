"""The quiz app's models, first version."""

from __future__ import annotations

from wvorm import Field, Prop, WvModel
from wvorm_core.classes.config import Configure


class Question(
    WvModel,
    vectors=Configure.Vectors.self_provided(vector_index_config=Configure.VectorIndex.hnsw(ef=64)),
):
    """Quiz questions."""

    question: Prop[str]
    answer: Prop[str]
    category: Prop[str] = Field(index_searchable=False)
