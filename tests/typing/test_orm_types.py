"""Static types of the ORM's models and field expressions (checked by mypy, never run)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel
from typing_extensions import assert_type

from wvorm import (
    AsyncDatabase,
    Condition,
    Database,
    Field,
    FieldExpr,
    Generated,
    Hit,
    HitGroup,
    Prop,
    Ref,
    Repository,
    SortKey,
    WvModel,
    asc,
    desc,
)
from wvorm_core.classes.config import Configure, Tokenization
from wvorm_core.outputs import AggregateGroupByReturn


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
    assert_type(Question.points.desc(), SortKey)
    assert_type(Question.question.asc(), SortKey)
    assert_type(asc(Question.score), SortKey)
    Question(question="q", answer="a", author=Author(name="n"))


class Summary(BaseModel):
    question: str


def check_repositories(db: Database) -> None:
    questions = db.repo(Question)
    assert_type(questions.get(UUID(int=1)), Question | None)
    assert_type(questions.insert(Question(question="q", answer="a")), UUID)
    hits = questions.find(Question.points >= 3, order_by=desc(Question.points), limit=3)
    assert_type(hits, list[Hit[Question]])
    assert_type(hits[0].obj.points, int)
    by_methods = questions.find(order_by=[Question.points.desc(), Question.question.asc()])
    assert_type(by_methods, list[Hit[Question]])
    assert_type(
        questions.near_text("x", where=Question.tags.contains_any(["a"])), list[Hit[Question]]
    )
    assert_type(questions.select(Summary).find(), list[Hit[Summary]])
    assert_type(questions.insert_many([]).failures[0].obj, Question)
    assert_type(questions.bm25("x", query_properties=[Question.question]), list[Hit[Question]])
    assert_type(questions.hybrid("x", alpha=0.5), list[Hit[Question]])
    assert_type(questions.near_vector([0.1, 0.2]), list[Hit[Question]])
    assert_type(questions.near_object(UUID(int=1)), list[Hit[Question]])
    groups = questions.group_by(Question.tags, number_of_groups=2, objects_per_group=2)
    assert_type(groups.near_text("x"), list[HitGroup[Question]])
    generated = questions.generate(single_prompt="Explain {question}").bm25("x")
    assert_type(generated, Generated[Question])
    assert_type(generated.generated, str | None)
    assert_type(questions.count(Question.points > 1), int)
    points = Question.points.metrics.integer(mean=True)
    assert_type(questions.aggregate(points).metric(points).mean, float | None)
    assert_type(questions.aggregate(points, group_by=Question.tags), AggregateGroupByReturn)
    assert_type(questions.with_tenant("t1"), Repository[Question])


async def check_async_repositories(db: AsyncDatabase) -> None:
    questions = db.repo(Question)
    assert_type(await questions.get(UUID(int=1)), Question | None)
    assert_type(await questions.find(), list[Hit[Question]])
    assert_type(await questions.select(Summary).near_text("x"), list[Hit[Summary]])
    assert_type(await questions.insert(Question(question="q", answer="a")), UUID)
    assert_type(await questions.find(order_by=Question.points.asc()), list[Hit[Question]])
    generated = await questions.generate(grouped_task="Sum up").near_vector([0.1])
    assert_type(generated, Generated[Question])
    assert_type(await questions.aggregate(group_by=Question.tags), AggregateGroupByReturn)
