import pytest

from stance.model import build_pipeline
from tests.support import TOY


@pytest.fixture(scope="session")
def toy_pipeline():
    """A pipeline fitted on six rows: enough to exercise scoring code, not to judge accuracy."""
    return build_pipeline().fit(TOY[["text", "source", "target"]], TOY["stance"])


@pytest.fixture
def toy_rows():
    return TOY.copy()
