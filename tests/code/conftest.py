import pandas as pd
import pytest

from stance.model import build_pipeline

TOY = pd.DataFrame(
    {
        "text": [
            "Paris a condamné Berlin pour son attitude.",
            "Rome a salué Madrid pour son aide.",
            "Lisbonne a reçu Vienne pour un entretien.",
            "Washington blamed Ottawa for the failure.",
            "Tokyo praised Seoul for its help.",
            "Canberra met Wellington on Monday.",
        ],
        "source": ["Paris", "Rome", "Lisbonne", "Washington", "Tokyo", "Canberra"],
        "target": ["Berlin", "Madrid", "Vienne", "Ottawa", "Seoul", "Wellington"],
        "stance": ["negative", "positive", "neutral", "negative", "positive", "neutral"],
    }
)


@pytest.fixture(scope="session")
def toy_pipeline():
    """A pipeline fitted on six rows: enough to exercise scoring code, not to judge accuracy."""
    params = {"features__char__min_df": 1}
    return build_pipeline(params).fit(TOY[["text", "source", "target"]], TOY["stance"])


@pytest.fixture
def toy_rows():
    return TOY.copy()
