from wvorm import Condition, Field, Prop, WvModel


class Question(WvModel):
    question: Prop[str]
    points: Prop[int] = Field(default=0)


Question.points >= "many"  # E: Unsupported operand types
where: Condition = Question.question == 3  # E: Incompatible types in assignment
Question.points.contains_any(["a"])  # E: List item 0 has incompatible type
