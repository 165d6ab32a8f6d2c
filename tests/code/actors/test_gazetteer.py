"""The packaged gazetteer: coverage, ids, dates."""

from datetime import date

import pytest

from stance.actors.gazetteer import load, surname_of


@pytest.fixture(scope="module")
def gaz():
    return load()


def test_every_un_member_and_its_government(gaz):
    countries = [a for a in gaz.actors.values() if a.kind == "country"]
    assert len(countries) >= 193
    for country in countries:
        assert len(country.id) == 3 and country.id.isupper()
        assert gaz.actors[country.id + "GOV"].kind == "government"
        assert gaz.actors[country.id + "GOV"].code.endswith("GOV")


def test_heads_and_foreign_ministers_of_at_least_60_countries(gaz):
    covered = {}
    for role in gaz.roles:
        if role.role in ("head_of_state", "head_of_government", "foreign_minister") and len(role.of) == 3:
            covered.setdefault(role.of, set()).add(role.role)
    full = [c for c, roles in covered.items() if {"head_of_government", "foreign_minister"} <= roles
            or {"head_of_state", "foreign_minister"} <= roles]
    assert len(full) >= 60


@pytest.mark.parametrize("org", ["UN", "EU", "EUCOM", "NATO", "AU", "OSCE", "IMF", "WB", "ICC", "ICJ", "WHO", "OPEC"])
def test_main_organisations(gaz, org):
    assert gaz.actors[org].kind == "organisation"


def test_roles_reference_known_actors_and_valid_dates(gaz):
    for role in gaz.roles:
        assert role.person in gaz.actors, role
        assert role.of in gaz.actors, role
        assert role.start is None or role.end is None or role.start <= role.end, role


def test_dated_roles(gaz):
    assert gaz.holder("foreign_minister", "USA", date(2023, 11, 28)) == "antony_blinken"
    assert gaz.holder("foreign_minister", "USA", date(2025, 6, 1)) == "marco_rubio"
    assert gaz.holder("head_of_state", "AZE", date(2024, 1, 1)) == "ilham_aliyev"
    assert gaz.holder("foreign_minister", "USA", None) is None


def test_surnames_keep_particles():
    assert surname_of("Ursula von der Leyen") == "von der Leyen"
    assert surname_of("Antony Blinken") == "Blinken"
    assert surname_of("Sugiono") is None


def test_version_is_set(gaz):
    assert gaz.version
