from wvorm import Field, Prop, Ref, WvModel


class Author(WvModel):
    name: Prop[str]


class Publisher(WvModel):
    title: Prop[str]


class Book(WvModel):
    author: Ref[Author] = Field(default=None)


Book(author=Publisher(title="p"))  # E: Argument "author" to "Book" has incompatible type "Publisher"
Book.author.title == "x"  # E: "type[Author]" has no attribute "title"
Book(author="Ann")  # E: Argument "author" to "Book" has incompatible type "str"
