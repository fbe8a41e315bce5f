from typing import TypedDict

import wvorm_core
from wvorm_core.outputs import CrossReference


class Question(TypedDict):
    question: str
    points: int


class Short(TypedDict):
    question: str


def read(client: wvorm_core.WeaviateClient) -> None:
    col = client.collections.use("Q", data_model_properties=Question)
    col.query.fetch_objects(return_properties=Short).objects[0].properties["points"]  # E: TypedDict "Short" has no key "points"
    col.query.bm25("x", return_properties=["question"]).objects[0].properties["points"] + 1  # E: Unsupported operand types for + ("object" and "int")
    col.query.fetch_object_by_id("x").properties  # E: Item "None" of "Object[Question, CrossReferences] | None" has no attribute "properties"
    col.query.near_text("x", limt=3)  # E: No overload variant of "near_text" of "QueryCollection" matches argument types
    col.generate.near_text("x", single_prompt="p").objects[0].generated + "!"  # E: Unsupported left operand type for + ("None")


class Links(TypedDict):
    about: CrossReference[Short, None]


def read_links(client: wvorm_core.WeaviateClient) -> None:
    col = client.collections.use("Q", data_model_references=Links)
    col.query.fetch_objects().objects[0].references["missing"]  # E: TypedDict "Links" has no key "missing"
    col.query.fetch_objects().objects[0].references["about"].objects[0].properties["points"]  # E: TypedDict "Short" has no key "points"
    col.query.fetch_objects().objects[0].references["about"].objects[0].references["x"]  # E: Value of type "None" is not indexable
