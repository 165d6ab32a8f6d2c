"""Tests for stance.text: normalisation, paragraph cleaning, language detection, sentence splitting."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from stance.text import sentences as T
from stance.text.clean import clean_paragraphs
from stance.text.normalise import normalise
from stance.text.sentences import (
    Document,
    Sentence,
    detect_language,
    read_document,
    split_sentences,
)
from tests.support import ROOT, assert_offsets

# Invented wire-news paragraphs (French and English).
FR_1 = "La ministre des Affaires étrangères a reçu jeudi son homologue portugais à Paris pour évoquer la crise."
FR_2 = "Selon un communiqué, Mme Durand a salué « un dialogue franc » et appelé à une désescalade rapide."
FR_3 = "Le porte-parole du gouvernement a indiqué que de nouvelles sanctions étaient à l'étude."
EN_1 = "The foreign minister met his Danish counterpart in Oslo on Thursday to discuss fishing quotas."
EN_2 = "Mr. Larsen said the talks had been constructive, according to a statement from his office."


def paragraphs_text(raw: str) -> list[str]:
    kept, _ = clean_paragraphs(raw)
    return [raw[a:b] for a, b in kept]


def reasons(raw: str) -> list[tuple[str, str]]:
    _, dropped = clean_paragraphs(raw)
    return [(raw[a:b], why) for a, b, why in dropped]


def sentences_of(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


# ---------------------------------------------------------------- paragraphs


def test_paragraphs_split_on_line_breaks_and_drop_empty():
    raw = f"{FR_1}\n\n\n{FR_2}\r\n   \r\n{FR_3}\n"
    assert paragraphs_text(raw) == [FR_1, FR_2, FR_3]
    assert [why for _, why in reasons(raw)] == ["empty"]


def test_paragraph_spans_are_trimmed_offsets_into_raw():
    raw = f"  {FR_1}  \n\u00a0\n\t{FR_2}"
    kept, dropped = clean_paragraphs(raw)
    assert [raw[a:b] for a, b in kept] == [FR_1, FR_2]
    assert dropped == [(len(FR_1) + 5, len(FR_1) + 6, "empty")]


def test_exact_duplicate_paragraph_is_dropped():
    raw = "\n".join([FR_1, FR_2, FR_1])
    assert paragraphs_text(raw) == [FR_1, FR_2]
    assert reasons(raw) == [(FR_1, "duplicate")]


def test_duplicate_compares_normalised_text():
    variant = FR_3.replace("'", "’").replace(" ", "  ").replace("gouvernement a", "gouvernement\u00a0a")
    raw = "\n".join([FR_3, EN_1, variant])
    assert paragraphs_text(raw) == [FR_3, EN_1]
    assert reasons(raw) == [(variant, "duplicate")]


def test_truncated_prefix_of_earlier_paragraph_is_a_duplicate():
    teaser = FR_2[:40].rstrip() + ",..."
    raw = "\n".join([FR_1, FR_2, teaser])
    assert paragraphs_text(raw) == [FR_1, FR_2]
    assert reasons(raw) == [(teaser, "duplicate")]


def test_long_truncated_prefix_is_dropped_too():
    long_par = " ".join([EN_1, EN_2] * 4)
    teaser = long_par[:450] + "…"
    raw = "\n".join([long_par, teaser])
    assert paragraphs_text(raw) == [long_par]
    assert reasons(raw) == [(teaser, "duplicate")]


@pytest.mark.parametrize("marker", ["...", "…"])
def test_short_truncated_teaser_is_dropped(marker):
    teaser = "Un nouveau cessez-le-feu a été annoncé dans la nuit" + marker
    raw = "\n".join([FR_1, teaser, FR_3])
    assert paragraphs_text(raw) == [FR_1, FR_3]
    assert reasons(raw) == [(teaser, "teaser")]


def test_long_paragraph_ending_with_ellipsis_is_kept():
    long_par = " ".join([FR_1, FR_2, FR_3, FR_1.replace("jeudi", "vendredi"), FR_2.replace("Mme", "M.")])
    long_par = long_par[:-1] + "…"
    assert len(long_par) >= 400
    assert paragraphs_text(long_par) == [long_par]


@pytest.mark.parametrize(
    "header",
    [
        "Les plus commentés",
        "LES PLUS LUS",
        "À lire aussi",
        "A lire aussi :",
        "Sur le même sujet",
        "Nos newsletters",
        "Dans la même rubrique",
        "Les plus partagés",
        "Most read",
        "Most Popular",
        "Related stories",
        "More from World",
        "Trending",
        "You may also like",
        "Recommended",
    ],
)
def test_navigation_header_drops_everything_after(header):
    raw = "\n".join([FR_1, EN_1, header, "Un titre sans rapport", "", "Another headline about football"])
    kept, dropped = clean_paragraphs(raw)
    assert [raw[a:b] for a, b in kept] == [FR_1, EN_1]
    header_start = raw.index(header)
    assert all(why == "navigation" for _, _, why in dropped)
    assert min(a for a, _, _ in dropped) == header_start
    assert max(b for _, b, _ in dropped) == len(raw)


@pytest.mark.parametrize(
    "line", ["Partager", "Share this article", "Publicité", "ADVERTISEMENT", "Abonnez-vous", "Subscribe"]
)
def test_boilerplate_line_is_dropped_alone(line):
    raw = "\n".join([EN_1, line, EN_2])
    assert paragraphs_text(raw) == [EN_1, EN_2]
    assert reasons(raw) == [(line, "navigation")]


def test_inline_related_link_is_dropped_alone():
    link = "Lire aussi : Les pêcheurs bretons inquiets"
    raw = "\n".join([FR_1, link, FR_3])
    assert paragraphs_text(raw) == [FR_1, FR_3]
    assert reasons(raw) == [(link, "navigation")]


def test_navigation_words_inside_a_sentence_are_kept():
    line = "Most read newspapers in the region said the vote was postponed."
    assert paragraphs_text(line) == [line]


# ---------------------------------------------------------------- language


@pytest.mark.parametrize(
    "sentence",
    [
        "Le président a annoncé mardi une hausse des salaires des fonctionnaires.",
        "Les manifestants se sont rassemblés devant la préfecture dans le calme.",
        "Selon la police, trois personnes ont été interpellées lors du rassemblement.",
        "L'ONU a appelé Kiev et Moscou à reprendre les discussions.",
        "Il a jugé inacceptable l'attitude de son voisin, a rapporté l'AFP.",
    ],
)
def test_detect_language_french_short(sentence):
    assert detect_language(sentence) == "fr"


@pytest.mark.parametrize(
    "sentence",
    [
        "The president announced a pay rise for civil servants on Tuesday.",
        "Protesters gathered outside the city hall in the afternoon, police said.",
        "A spokesman said the talks would resume in Geneva next week.",
        "Officials in Madrid welcomed the decision as a step forward.",
        "She accused her rival of stalling the deal, Reuters reported.",
    ],
)
def test_detect_language_english_short(sentence):
    assert detect_language(sentence) == "en"


def test_detect_language_ties_go_to_english():
    assert detect_language("") == "en"
    assert detect_language("Paris 2024 Bakou Erevan") == "en"


# ---------------------------------------------------------------- sentences


SPLITS = [
    # titles and abbreviations do not end a sentence
    ("fr", "M. Blinken a salué MM. Aliev et Pachinian.", ["M. Blinken a salué MM. Aliev et Pachinian."]),
    ("fr", "Mme Colonna a parlé. Elle est partie.", ["Mme Colonna a parlé.", "Elle est partie."]),
    ("en", "Mr. Smith met U.S. officials in Washington. They left.",
     ["Mr. Smith met U.S. officials in Washington.", "They left."]),
    ("fr", "Mgr Martin et le gén. Dupont sont arrivés vers 10 h, cf. p. 4. Ils sont repartis.",
     ["Mgr Martin et le gén. Dupont sont arrivés vers 10 h, cf. p. 4.", "Ils sont repartis."]),
    ("en", "Dr. Jones of Acme Inc. spoke at 9 a.m. on Jan. 5 in St. Louis. Sen. Brown did not.",
     ["Dr. Jones of Acme Inc. spoke at 9 a.m. on Jan. 5 in St. Louis.", "Sen. Brown did not."]),
    # quotations: a full stop inside, reported speech after, several sentences inside
    ("fr", "« Nous ne céderons pas. » Le ministre a quitté la salle.",
     ["« Nous ne céderons pas. »", "Le ministre a quitté la salle."]),
    ("fr", "« Nous partirons demain. », a déclaré le général. Les troupes attendent.",
     ["« Nous partirons demain. », a déclaré le général.", "Les troupes attendent."]),
    ("fr", "« Le dialogue est rompu. Nous le regrettons », a-t-il ajouté. Rien n'a filtré.",
     ["« Le dialogue est rompu. Nous le regrettons », a-t-il ajouté.", "Rien n'a filtré."]),
    ("en", '"We will not back down. We never have," the minister said. The talks ended.',
     ['"We will not back down. We never have," the minister said.', "The talks ended."]),
    ("en", "“We will not back down. We never have,” the minister said. The talks ended.",
     ["“We will not back down. We never have,” the minister said.", "The talks ended."]),  # curly quotes alike
]


@pytest.mark.parametrize(("lang", "text", "expected"), SPLITS)
def test_sentences(lang, text, expected):
    assert sentences_of(text, lang) == expected


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "Il a parlé d'un « accord historique. Puis il est parti. Le vote aura lieu lundi."
    assert len(sentences_of(text, "fr")) == 3


def test_line_breaks_are_sentence_boundaries():
    text = "Le vote a été reporté sans\nUne date reste à fixer."
    assert sentences_of(text, "fr") == ["Le vote a été reporté sans", "Une date reste à fixer."]


def test_split_spans_map_back_with_special_spaces():
    text = "M.\u00a0Durand  l’a dit\u202f: «\u00a0c’est fini.\u00a0»   Elle  l’a  confirmé. "
    spans = split_sentences(text, "fr")
    assert [normalise(text[a:b]) for a, b in spans] == [
        "M. Durand l'a dit : « c'est fini. »",
        "Elle l'a confirmé.",
    ]
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_split_spans_with_decomposed_accents():
    text = "Le de\u0301pute\u0301 a vote\u0301. Il est parti."
    spans = split_sentences(text, "fr")
    assert [text[a:b] for a, b in spans] == ["Le de\u0301pute\u0301 a vote\u0301.", "Il est parti."]


def test_split_rejects_unknown_language():
    with pytest.raises(ValueError):
        split_sentences("Hola.", "es")


def test_tokenizer_is_cached_and_uses_no_nltk_data(monkeypatch):
    import nltk

    def forbidden(*args, **kwargs):
        raise AssertionError("nltk data must not be used")

    monkeypatch.setattr(nltk, "download", forbidden)
    monkeypatch.setattr(nltk.data, "load", forbidden)
    monkeypatch.setattr(nltk.data, "find", forbidden)
    T._tokenizer.cache_clear()
    assert sentences_of("Mr. Lee left. He came back.", "en") == ["Mr. Lee left.", "He came back."]
    assert T._tokenizer("en") is T._tokenizer("en")
    assert T._tokenizer("fr") is not T._tokenizer("en")
    assert "m" in T._tokenizer("fr")._params.abbrev_types


def test_import_has_no_side_effects():
    code = "import stance.text.sentences as t; assert t._tokenizer.cache_info().currsize == 0"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# ---------------------------------------------------------------- read_document


def test_read_document_offsets_property():
    raws = [
        f"{FR_1}\n\n{FR_2}\n{FR_3}",
        "  M.\u00a0Durand l’a  confirmé. «\u00a0Rien n’est décidé.\u00a0»\u202fLa suite lundi.  \n\n",
        "Mr.  Hale’s office said “no deal”.\r\n\r\nThe vote is on Jan. 9.\u2009It may slip.",
        "Le de\u0301pute\u0301 a parle\u0301.\nIl l’a  redit\u00a0:  « non. »",
    ]
    for raw in raws:
        doc = read_document(raw)
        assert doc.sentences
        assert_offsets(doc)


def test_read_document_structure():
    raw = f"{FR_1}\n \n{FR_2} {FR_3}\nPartager\n{FR_1}\nLes plus lus\nUn autre titre."
    doc = read_document(raw)
    assert isinstance(doc, Document)
    assert doc.raw == raw and doc.lang == "fr"
    assert [raw[a:b] for a, b in doc.paragraphs] == [FR_1, f"{FR_2} {FR_3}"]
    assert [s.text for s in doc.sentences] == [FR_1, FR_2, FR_3]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1]
    assert [why for _, _, why in doc.dropped] == ["empty", "navigation", "duplicate", "navigation", "navigation"]
    assert doc.dropped == sorted(doc.dropped)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.sentences[0].text = "x"  # type: ignore[misc]
    assert isinstance(doc.sentences[0], Sentence)


def test_repeated_sentence_is_dropped():
    raw = f"{EN_1} {EN_2}\n{EN_2} The ministers will meet again in May."
    doc = read_document(raw)
    texts = [s.text for s in doc.sentences]
    assert texts == [EN_1, EN_2, "The ministers will meet again in May."]
    second = raw.index(EN_2, raw.index("\n"))
    assert (second, second + len(EN_2), "duplicate") in doc.dropped
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]


def test_language_detected_on_kept_text_only():
    raw = f"{FR_3}\nMost read\nThe president said that the economy of the country was in the red."
    assert read_document(raw).lang == "fr"
    assert read_document(f"{EN_1}\n{EN_2}").lang == "en"
    assert read_document(f"{EN_1}", lang="FR").lang == "fr"


def test_read_document_empty_input():
    doc = read_document(" \n\n ")
    assert doc.sentences == [] and doc.paragraphs == []
    assert doc.lang == "en"
    assert all(why == "empty" for _, _, why in doc.dropped)
