"""The quiz app's models, second version: a difficulty, a wider search, a new description."""

from __future__ import annotations

from wvorm import Field, Prop, WvModel
from wvorm_core.classes.config import Configure, Tokenization


class Question(
    WvModel,
    vectors=Configure.Vectors.self_provided(vector_index_config=Configure.VectorIndex.hnsw(ef=128)),
):
    """Quiz questions, with how hard each one is."""

    question: Prop[str]
    answer: Prop[str] = Field(tokenization=Tokenization.FIELD)
    category: Prop[str] = Field(index_searchable=True)
    difficulty: Prop[int] = Field(default=1)
