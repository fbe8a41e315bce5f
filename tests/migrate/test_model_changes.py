"""A model change from each family, planned from two versions of a `WvModel` (no server)."""

from __future__ import annotations

from typing import Any

import pytest

from wvorm import Field, Prop, WvModel
from wvorm.migrate import (
    AddProperty,
    Rebuild,
    Reindex,
    Risk,
    StepKind,
    UpdateCollection,
    diff,
    renames_of,
    snapshot_of,
)
from wvorm_core.classes.config import Configure, Tokenization

IX = Configure.VectorIndex


class Question(
    WvModel,
    collection="FamQuestion",
    vectors=Configure.Vectors.text2vec_bigram(name="text_vec", source_properties=["text"]),
):
    """Quiz questions."""

    text: Prop[str]
    answer: Prop[str]
    points: Prop[int] = 0


def version(**changes: Any) -> type[WvModel]:
    """`Question` declared again with some class keywords or fields changed."""
    keywords: dict[str, Any] = {
        "collection": "FamQuestion",
        "vectors": Configure.Vectors.text2vec_bigram(name="text_vec", source_properties=["text"]),
        "description": "Quiz questions.",
    }
    keywords.update(changes.pop("keywords", {}))
    fields: dict[str, Any] = {"text": (Prop[str], ...), "answer": (Prop[str], ...)}
    fields["points"] = (Prop[int], 0)
    fields.update(changes.pop("fields", {}))
    annotations = {name: kind for name, (kind, _) in fields.items()}
    namespace: dict[str, Any] = {"__annotations__": annotations, "__module__": __name__}
    namespace.update({n: d for n, (_, d) in fields.items() if d is not ...})
    for name in changes.pop("without", ()):
        del annotations[name]
        namespace.pop(name, None)
    return type(WvModel)("Question", (WvModel,), namespace, **keywords)  # type: ignore[no-any-return]


CASES: dict[str, tuple[dict[str, Any], type, StepKind, set[Risk], str]] = {
    "property added": (
        {"fields": {"difficulty": (Prop[int], 1)}},
        AddProperty,
        StepKind.IN_PLACE,
        set(),
        "difficulty",
    ),
    "description changed": (
        {"keywords": {"description": "Trivia."}},
        UpdateCollection,
        StepKind.IN_PLACE,
        set(),
        "description",
    ),
    "tokenization changed": (
        {"fields": {"answer": (Prop[str], Field(tokenization=Tokenization.FIELD))}},
        Reindex,
        StepKind.REINDEX,
        set(),
        "tokenization",
    ),
    "hnsw ef changed": (
        {
            "keywords": {
                "vectors": Configure.Vectors.text2vec_bigram(
                    name="text_vec", source_properties=["text"], vector_index_config=IX.hnsw(ef=80)
                )
            }
        },
        UpdateCollection,
        StepKind.IN_PLACE,
        set(),
        "ef -1 -> 80",
    ),
    "quantizer turned on": (
        {
            "keywords": {
                "vectors": Configure.Vectors.text2vec_bigram(
                    name="text_vec", source_properties=["text"], quantizer=IX.Quantizer.rq()
                )
            }
        },
        UpdateCollection,
        StepKind.IN_PLACE,
        {Risk.IRREVERSIBLE, Risk.BLOCKS_WRITES},
        "rq.enabled",
    ),
    "vectorizer changed": (
        {
            "keywords": {
                "vectors": Configure.Vectors.text2vec_transformers(
                    name="text_vec", source_properties=["text"]
                )
            }
        },
        Rebuild,
        StepKind.REBUILD,
        {Risk.BLOCKS_WRITES, Risk.REVECTORIZES},
        "vectorizer text2vec-bigram -> text2vec-transformers",
    ),
    "property type changed": (
        {"fields": {"points": (Prop[float], 0.0)}},
        Rebuild,
        StepKind.REBUILD,
        {Risk.BLOCKS_WRITES, Risk.REVECTORIZES},
        "data type int -> number",
    ),
    "field renamed": (
        {"fields": {"reply": (Prop[str], Field(renamed_from="answer"))}, "without": ["answer"]},
        Rebuild,
        StepKind.REBUILD,
        {Risk.BLOCKS_WRITES},
        "'answer' renamed to 'reply'",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_family_plans_one_classified_step(case: str) -> None:
    changes, operation, kind, risks, words = CASES[case]
    new = version(**changes)
    plan = diff(snapshot_of([Question]), snapshot_of([new]), renames=renames_of([new]))
    assert len(plan.steps) == 1, plan.table()
    step = plan.steps[0]
    assert isinstance(step.operation, operation)
    assert (step.kind, step.risks) == (kind, frozenset(risks))
    assert words in step.reason or words in step.operation.describe(), step


def test_the_same_model_plans_nothing() -> None:
    assert diff(snapshot_of([Question]), snapshot_of([version()])).is_empty
