from wvorm import Condition, Database, Field, Prop, WvModel


class Question(WvModel):
    question: Prop[str]
    points: Prop[int] = Field(default=0)


Question.points >= "many"  # E: Unsupported operand types
where: Condition = Question.question == 3  # E: Incompatible types in assignment
Question.points.contains_any(["a"])  # E: List item 0 has incompatible type


def search(db: Database) -> None:
    db.repo(Question).find(Question.points > 3 and True)  # E: Argument 1 to "find" of "Reader" has incompatible type "Condition | bool"
    db.repo(Question).find(where="points > 3")  # E: Argument "where" to "find" of "Reader" has incompatible type "str"
