import pickle

import pandas as pd
import pytest

from stance.features.roles import (
    NOSRC_TOKEN,
    SRC_TOKEN,
    TGT_TOKEN,
    RoleMarker,
    mark_roles,
)
from stance.text.normalise import find_spans, mention_occurs, normalise_text


def test_source_and_target_are_replaced_and_context_kept():
    marked = mark_roles("Bakou accuse Erevan de bloquer les pourparlers.", "Bakou", "Erevan")
    assert marked == f"{SRC_TOKEN} accuse {TGT_TOKEN} de bloquer les pourparlers."


def test_swapping_roles_swaps_tokens():
    forward = mark_roles("Bakou accuse Erevan.", "Bakou", "Erevan")
    backward = mark_roles("Bakou accuse Erevan.", "Erevan", "Bakou")
    assert forward != backward
    assert backward == f"{TGT_TOKEN} accuse {SRC_TOKEN} ."


def test_names_do_not_matter_only_roles():
    assert mark_roles("Paris accuse Berlin.", "Paris", "Berlin") == mark_roles("Rome accuse Oslo.", "Rome", "Oslo")


def test_empty_source_is_marked():
    assert mark_roles("L'offensive de Moscou a échoué.", "", "Moscou").startswith(NOSRC_TOKEN + " ")
    assert mark_roles("L'offensive de Moscou a échoué.", None, "Moscou").startswith(NOSRC_TOKEN + " ")


def test_elision_and_typographic_apostrophe():
    marked = mark_roles("Le président a critiqué l’Azerbaïdjan et d'Erevan.", "Le président", "Azerbaïdjan")
    assert f"l' {TGT_TOKEN} " in marked  # the elided article stays, the name goes
    assert SRC_TOKEN in marked


def test_every_mention_is_replaced_and_case_is_ignored():
    marked = mark_roles("Kyiv said KYIV would never yield to Moscow.", "Moscow", "Kyiv")
    assert marked.count(TGT_TOKEN) == 2 and marked.count(SRC_TOKEN) == 1


def test_longer_overlapping_mention_wins():
    text = "La présidence de l'Azerbaïdjan a critiqué Washington."
    marked = mark_roles(text, "La présidence de l'Azerbaïdjan", "Azerbaïdjan")
    assert marked.startswith(SRC_TOKEN)
    # the target inside the source span is not split out of it, so the target is appended once
    assert marked.endswith(TGT_TOKEN)


def test_whole_words_first_then_substrings():
    assert find_spans("Iran and Iranians", "Iran") == [(0, 4)]
    assert find_spans("Los Angeles officials", "Los Angele") == [(0, 10)]
    assert find_spans("anything", "") == []


@pytest.mark.parametrize("text, mention", [
    ("Iran and Iranians", "Iran"), ("Los Angeles officials", "Los Angele"), ("anything", ""), ("abc", "  "),
    ("Le président İlham Aliyev", "ilham"), ("İstanbul a voté", "İSTANBUL"), ("Paris", "Berlin"),
    ("l'Élysée répond", "ÉLYSÉE"), ("x", "x y"),
])
def test_mention_occurs_agrees_with_find_spans(text, mention):
    assert mention_occurs(text, mention) == bool(find_spans(text, mention))


def test_normalise_text_collapses_space_and_quotes():
    assert normalise_text("  l’Elysée \n a  dit ") == "l'Elysée a dit"


def test_role_marker_accepts_frames_and_tuples_and_pickles():
    frame = pd.DataFrame({"text": ["A blames B."], "source": ["A"], "target": ["B"], "other": [1]})
    marker = RoleMarker().fit(frame)
    assert marker.transform(frame) == [f"{SRC_TOKEN} blames {TGT_TOKEN} ."]
    assert marker.transform([("A blames B.", "A", "B")]) == marker.transform(frame)
    assert pickle.loads(pickle.dumps(marker)).transform(frame) == marker.transform(frame)


def test_role_marker_requires_text_and_target():
    with pytest.raises(ValueError, match="target"):
        RoleMarker().fit(pd.DataFrame({"text": ["x"], "source": ["y"]}))
