import wvorm_core
from wvorm_core.classes.tokenization import StopwordsCreate, Tokenization


def misuse(client: wvorm_core.WeaviateClient) -> None:
    client.cluster.nodes()[0].shards[0]  # E: Value of type "None" is not indexable
    client.tokenization.text(  # E: No overload variant of "text"
        "x", Tokenization.WORD, stopwords=StopwordsCreate(), stopword_presets={"a": ["b"]}
    )
