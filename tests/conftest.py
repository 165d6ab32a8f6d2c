import pytest

from tests.support import PUBLIC_DATA_ENV, public_data_dir


@pytest.fixture(scope="session")
def public_data():
    """The public corpora's folder; tests that need it skip when it is not there (``make test`` names it)."""
    folder = public_data_dir()
    if folder is None:
        pytest.skip(f"public data not found (set {PUBLIC_DATA_ENV}, as `make test` does)")
    return folder
