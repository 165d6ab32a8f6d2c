"""Mention finding: alias kinds, elisions, case and accents, dated titles, coreference."""

from datetime import date

import pytest

from stance.actors.matching import DocumentActors, Matcher
from stance.text.normalise import fold


@pytest.fixture(scope="module")
def matcher():
    return Matcher.build()


def find(matcher, text, on=None, lang="fr"):
    return [(m.text, m.actor_id) for m in DocumentActors(matcher, on=on, lang=lang).mentions(text)]


def test_fold_keeps_length():
    text = "L’Élysée a reçu M. Pachinian\u00a0à Paris."
    assert len(fold(text)) == len(text) and fold(text).startswith("l'elysee")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Kremlin a répondu à Bakou.", [("Kremlin", "RUSGOV"), ("Bakou", "AZEGOV")]),            # seats, capitals
        ("Washington a critiqué l'Azerbaïdjan.", [("Washington", "USAGOV"), ("Azerbaïdjan", "AZE")]),  # elision
        ("Une délégation d'Erevan est arrivée.", [("Erevan", "ARMGOV")]),                            # d'
        ("la diplomatie azerbaïdjanaise a protesté", [("diplomatie azerbaïdjanaise", "AZEGOV")]),   # body
        ("l'offensive azerbaïdjanaise a échoué", [("azerbaïdjanaise", "AZEGOV")]),            # adjective
        ("The Turkish foreign ministry said so.", [("Turkish foreign ministry", "TURGOV")]),
        ("LES ETATS-UNIS et les États-Unis", [("ETATS-UNIS", "USA"), ("États-Unis", "USA")]),       # case, accents
        ("Vladimir Poutine a parlé.", [("Vladimir Poutine", "vladimir_putin")]),                    # French spelling
        ("Ilham Aliyev and Ilham Aliev met.", [("Ilham Aliyev", "ilham_aliyev"), ("Ilham Aliev", "ilham_aliyev")]),
        ("L'ONU et l'Otan ont réagi.", [("ONU", "UN"), ("Otan", "NATO")]),                         # organisations
    ],
)
def test_alias_kinds(matcher, text, expected):
    assert find(matcher, text, lang="en" if text.startswith(("The", "Ilham")) else "fr") == expected


def test_no_match_inside_words_or_lower_case_names(matcher):
    assert find(matcher, "Iranians protested.", lang="en") == []
    assert find(matcher, "Let us be clear about it.", lang="en") == []
    assert find(matcher, "les relations azerbaïdjano-américaines") == []


def test_longest_match_wins(matcher):
    assert find(matcher, "Le secrétaire d'Etat américain a appelé.", on=date(2023, 11, 28)) == [
        ("secrétaire d'Etat américain", "antony_blinken")
    ]


def test_title_resolves_to_the_holder_on_the_date_else_the_government(matcher):
    text = "Le secrétaire d'Etat américain a appelé."
    assert find(matcher, text, on=date(2025, 6, 1))[0][1] == "marco_rubio"
    assert find(matcher, text, on=None)[0][1] == "USAGOV"
    assert find(matcher, "The Armenian Prime Minister spoke.", on=date(2024, 3, 1), lang="en")[0][1] == "nikol_pashinyan"


def test_title_in_apposition_merges_with_the_name(matcher):
    assert find(matcher, "Le Premier ministre arménien Nikol Pachinian a parlé.") == [
        ("Premier ministre arménien Nikol Pachinian", "nikol_pashinyan")
    ]


def test_coreference_of_surnames_and_titles_within_a_document(matcher):
    doc = DocumentActors(matcher, on=None, lang="fr")
    doc.mentions("Le secrétaire d'Etat américain Antony Blinken est arrivé.")
    assert [(m.text, m.actor_id) for m in doc.mentions("M. Blinken a parlé.")] == [("Blinken", "antony_blinken")]
    # without a date the bare title would be the US government; in this document it is Blinken
    assert doc.mentions("Le secrétaire d'Etat américain a promis.")[0].actor_id == "antony_blinken"


def test_short_unknown_surname_needs_a_title_or_an_earlier_full_name(matcher):
    doc = DocumentActors(matcher, lang="fr")
    assert doc.mentions("Martin a parlé.") == []  # a short surname alone could be anyone
    assert [m.actor_id for m in doc.mentions("M. Martin a parlé.")] == ["ken_martin"]  # after a title it is a person
    assert [m.actor_id for m in doc.mentions("Abiy a parlé.")] == ["abiy_ahmed"]  # a listed name is no surname
    assert [m.actor_id for m in doc.mentions("M. Blinken a parlé.")] == ["antony_blinken"]
