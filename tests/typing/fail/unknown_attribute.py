from wvorm import Prop, WvModel


class Question(WvModel):
    question: Prop[str]


Question.questoin == "x"  # E: "type[Question]" has no attribute "questoin"
Question(question="q").answer  # E: "Question" has no attribute "answer"
