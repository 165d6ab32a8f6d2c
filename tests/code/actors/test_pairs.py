"""Holder attribution and candidate pairs."""

import pytest

from stance.actors.matching import DocumentActors, Matcher
from stance.actors.pairs import candidate_pairs, holder


@pytest.fixture(scope="module")
def matcher():
    return Matcher.build()


def pairs(matcher, text, lang="fr"):
    mentions = DocumentActors(matcher, lang=lang).mentions(text)
    return [(p.source.actor_id if p.source else "", p.target.actor_id) for p in candidate_pairs(text, mentions, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # reported speech: the speaker holds the stance
        ("Ilham Aliev a affirmé que les Etats-Unis avaient abîmé les relations.", "fr", [("ilham_aliyev", "USA")]),
        ("Selon Bakou, Erevan a violé le cessez-le-feu.", "fr", [("AZEGOV", "ARMGOV")]),
        ("According to Beijing, Manila provoked the clash.", "en", [("CHNGOV", "PHLGOV")]),
        ("« Erevan ment », a déclaré Bakou.", "fr", [("AZEGOV", "ARMGOV")]),
        ("Kyiv is not serious, Moscow said.", "en", [("RUSGOV", "UKRGOV")]),
        # passive voice: the agent
        ("Washington a été accusé par Bakou de partialité.", "fr", [("AZEGOV", "USAGOV")]),
        ("Manila was accused by Beijing of provoking the clash.", "en", [("CHNGOV", "PHLGOV")]),
        # subject after a fronted adverbial; objects governed by prepositions are targets
        ("Le 15 novembre, Washington avait condamné l'offensive de Bakou.", "fr", [("USAGOV", "AZEGOV")]),
        ("In a rare move, Washington criticised Beijing.", "en", [("USAGOV", "CHNGOV")]),
        ("Selon M. Blinken, Bakou a fait un geste.", "fr", [("antony_blinken", "AZEGOV")]),
        ("Selon la diplomatie russe, Kiev ment.", "fr", [("RUSGOV", "UKRGOV")]),
        ("M. Blinken avait été reçu à Bakou début avril par Ilham Aliev.", "fr",
         [("ilham_aliyev", "antony_blinken"), ("ilham_aliyev", "AZEGOV")]),
        # an unnamed postposed speaker: no holder
        ("Britain and France are preparing a resolution against Tehran, diplomats said.", "en",
         [("", "GBR"), ("", "FRA"), ("", "IRNGOV")]),
        # "X, a critic of Y, said she…": X is the subject, not Y
        ("Salome Zourabichvili, a fierce critic of Georgian Dream, said she would stay.", "en",
         [("salome_zourabichvili", "GEORGIANDREAM")]),
        # one actor only, with a holder: the sentence's tone toward it
        ("Le Kremlin a démenti.", "fr", [("", "RUSGOV")]),
        # no holder: empty source toward each actor
        ("La rencontre entre Paris et Berlin a été reportée.", "fr", [("", "FRAGOV"), ("", "DEUGOV")]),
    ],
)
def test_holder_and_pairs(matcher, text, lang, expected):
    assert pairs(matcher, text, lang) == expected


def test_one_pair_per_target_actor(matcher):
    text = "Washington a critiqué Bakou et la diplomatie azerbaïdjanaise."
    assert pairs(matcher, text) == [("USAGOV", "AZEGOV")]


def test_no_mentions_no_holder(matcher):
    assert holder("Il pleut.", []) is None
    assert pairs(matcher, "Il pleut.") == []
