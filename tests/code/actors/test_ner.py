"""The optional spaCy pass (installed with the dev extra, so it is tested; off by default in the CLI)."""

import pytest

from stance.actors.matching import DocumentActors, Matcher
from stance.actors.ner import NerPass, NerUnavailable, load_model, slug

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def finder():
    return DocumentActors(Matcher.build(), lang="fr")


def test_unknown_person_found_and_surname_refers_back(finder):
    ner = NerPass()
    first = "Le député Jean-Marc Vasseur a critiqué Bakou mardi à Paris."
    found = ner.mentions(first, "fr", finder.mentions(first))
    ids = [m.actor_id for m in found]
    assert "ner:jean_marc_vasseur" in ids and "AZEGOV" in ids
    later = "Vasseur a ensuite rencontré des journalistes."
    assert "ner:jean_marc_vasseur" in [m.actor_id for m in ner.mentions(later, "fr", finder.mentions(later))]


def test_gazetteer_mentions_win_and_english_is_left_alone(finder):
    text = "Emmanuel Macron a reçu Olaf Scholz."
    known = finder.mentions(text)
    assert NerPass().mentions(text, "fr", known) == known
    assert NerPass().mentions("John Smallwood met reporters.", "en", []) == []


def test_missing_model_is_a_clear_error(monkeypatch):
    import spacy

    def broken(*args, **kwargs):
        raise OSError("not installed")

    load_model.cache_clear()
    monkeypatch.setattr(spacy, "load", broken)
    with pytest.raises(NerUnavailable, match="pip install 'stance\\[ner\\]'"):
        load_model("fr")
    load_model.cache_clear()


def test_slug():
    assert slug("Jean-Marc Vasseur") == "jean_marc_vasseur"
