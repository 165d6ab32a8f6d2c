"""The public CAMEO/Phoenix country dictionary reads and maps onto the gazetteer."""

from datetime import date

from stance.actors.gazetteer import load
from stance.actors.importers import to_gazetteer_rows
from stance.actors.phoenix import read_phoenix


def test_real_phoenix_countries_dictionary(public_data):
    entries = read_phoenix(public_data / "actor_dictionaries" / "Phoenix.Countries.actors.txt")
    assert 5_000 <= len(entries) <= 100_000
    assert entries.skipped < 100
    aliyev = next(entry for entry in entries if entry.name == "Ilham Aliyev")
    assert ("AZEGOV", date(2003, 10, 31), None) in aliyev.codes
    rows = to_gazetteer_rows(entries, load())
    assert len(rows["people.csv"]) >= 5_000
    assert not any(r["id"].startswith("ilham_aliyev") for r in rows["people.csv"])  # known already
