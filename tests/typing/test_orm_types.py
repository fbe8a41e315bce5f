"""Static types of the ORM's models and field expressions (checked by mypy, never run)."""

from __future__ import annotations

from typing import Annotated

from typing_extensions import assert_type

from wvorm import Condition, Field, FieldExpr, Prop, Ref, WvModel
from wvorm_core.classes.config import Configure, Tokenization


class Author(WvModel):
    name: Prop[str]
    age: Prop[int | None] = Field(default=None)


class Question(WvModel, collection="Questions", vectors=Configure.Vectors.self_provided()):
    question: Prop[str]
    answer: Annotated[Prop[str], Field(tokenization=Tokenization.FIELD)]
    points: Prop[int] = Field(default=0)
    tags: Prop[list[str]] = Field(default_factory=list)
    score: Prop[float] = Field(default=0.0)
    author: Ref[Author] = Field(default=None)


def check_models() -> None:
    q = Question(question="q", answer="a", points=3)
    assert_type(q.points, int)
    assert_type(q.tags, list[str])
    assert_type(q.author, Author | None)
    assert_type(Question.points, FieldExpr[int])
    assert_type(Question.points >= 200, Condition)
    assert_type(Question.question == "x", Condition)
    assert_type(Question.tags.contains_any(["a", "b"]), Condition)
    assert_type(Question.question.like("wh*"), Condition)
    assert_type(Question.author.name == "Ann", Condition)
    assert_type(Question.author.age >= 3, Condition)
    where = (Question.points >= 200) & ~(Question.tags.contains_any(["x"])) | (Question.score < 1.5)
    assert_type(where, Condition)
    Question(question="q", answer="a", author=Author(name="n"))
