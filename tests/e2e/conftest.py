"""A model trained end to end on a tiny CSV, logged and registered in a temporary tracking store."""

import itertools

import pandas as pd
import pytest

from stance.training.run import train

VERBS = {
    "negative": ["a condamné", "a accusé", "blamed", "criticised"],
    "neutral": ["a reçu", "a rencontré", "met", "spoke with"],
    "positive": ["a salué", "a félicité", "praised", "thanked"],
}
ACTORS = ["Paris", "Berlin", "Rome", "Madrid", "Oslo", "Dakar", "Lima", "Hanoi"]


def tiny_rows() -> pd.DataFrame:
    rows = []
    pairs = list(itertools.permutations(ACTORS, 2))[:12]
    for n, ((source, target), (stance, verbs)) in enumerate(itertools.product(pairs, VERBS.items())):
        verb = verbs[n % len(verbs)]
        lang = "fr" if verb.startswith("a ") else "en"
        rows.append(
            {"id": f"t{n}", "doc_id": f"doc{n // 3}", "lang": lang, "text": f"{source} {verb} {target} mardi.",
             "source": source, "target": target, "stance": stance}
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def trained(tmp_path_factory):
    """(tracking URI, TrainResult, work folder) for a model registered as stance@champion."""
    work = tmp_path_factory.mktemp("e2e")
    data = work / "tiny.csv"
    tiny_rows().to_csv(data, index=False)
    uri = f"sqlite:///{work}/mlflow.db"
    params = {"pipeline": {"features__char__min_df": 1, "clf__C": 10.0}, "corpora": [], "seed": 0}
    result = train(data_paths=[data], params=params, tracking_uri=uri, artifact_root=work / "mlruns")
    return uri, result, work
