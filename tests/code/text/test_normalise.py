"""The one normaliser, folding, and the one mention-matching rule (score, REST and extraction share it)."""

import pytest

from stance.text.normalise import find_spans, fold, key, mention_occurs, normalise, normalise_map, straighten_quotes

SAMPLES = [
    "l’État ‘dit’ qu ʼil", "“Yes,” he said „ja‟ `maybe`", "«\u00a0Non\u202f»", "  a\u00a0\u00a0b\u2009c \t\n d  ",
    "re\u0301forme de\u0301cide\u0301e", "", " \u00a0 ", "plain ascii text", "İstanbul ‑ Erdoğan", "x\u2028y\r\nz",
]


def test_apostrophes_and_spaces_are_unified_quotation_marks_kept():
    assert normalise("l’État ‘dit’ qu ʼil `ok`") == "l'État 'dit' qu 'il 'ok'"
    assert normalise("“Yes,” he said «\u00a0Non\u202f»") == "“Yes,” he said « Non »"  # as the model was trained


def test_spaces_and_nfc():
    assert normalise("  a\u00a0\u00a0b\u2009c \t\n d  ") == "a b c d"
    assert normalise("re\u0301forme") == "réforme" and len(normalise("re\u0301forme")) == len("réforme")
    assert normalise("") == "" and normalise(" \u00a0 ") == ""


@pytest.mark.parametrize("text", SAMPLES)
def test_the_offset_keeping_normaliser_is_the_same_rule(text):
    out, starts, ends = normalise_map(text)
    assert out == normalise(text)
    assert len(starts) == len(ends) == len(out)
    assert all(0 <= a < b <= len(text) for a, b in zip(starts, ends))


@pytest.mark.parametrize("text", SAMPLES)
def test_fold_keeps_the_length_of_the_normalised_text(text):
    assert len(fold(normalise(text))) == len(normalise(text))


def test_fold_drops_case_accents_and_typographic_variants():
    assert fold("L’Élysée a “dit” ÇA\u00a0‑ non") == "l'elysee a \"dit\" ca - non"
    assert straighten_quotes("“a” „b‟ «c»") == '"a" "b" «c»'
    assert key("  Les  États-Unis\u00a0! ") == key("les etats-unis !") == "les etats-unis !"


def test_whole_words_first_then_substrings():
    assert find_spans("Iran and Iranians", "Iran") == [(0, 4)]
    assert find_spans("Los Angeles officials", "Los Angele") == [(0, 10)]
    assert find_spans("anything", "") == []


def test_a_mention_is_found_whatever_its_accents_where_the_text_lacks_its_spelling():
    text = "Les États-Unis ont répondu."
    assert find_spans(text, "Etats-Unis") == [(4, 14)]
    assert find_spans(text, "ETATS-UNIS") == [(4, 14)]
    assert find_spans("Le ministre a parlé à l'Élysée.", "elysee") == [(24, 30)]


def test_the_spelling_given_wins_where_the_text_has_it():
    text = "Les Etats-Unis et les États-Unis."  # both spellings, as in the seed article
    assert find_spans(text, "Etats-Unis") == [(4, 14)]
    assert find_spans(text, "États-Unis") == [(22, 32)]


@pytest.mark.parametrize("text, mention", [
    ("Iran and Iranians", "Iran"), ("Los Angeles officials", "Los Angele"), ("anything", ""), ("abc", "  "),
    ("Le président İlham Aliyev", "ilham"), ("İstanbul a voté", "İSTANBUL"), ("Paris", "Berlin"),
    ("l'Élysée répond", "ÉLYSÉE"), ("x", "x y"), ("Les États-Unis", "Etats-Unis"), ("a “b” c", '"b"'),
])
def test_mention_occurs_agrees_with_find_spans(text, mention):
    assert mention_occurs(text, mention) == bool(find_spans(text, mention))
