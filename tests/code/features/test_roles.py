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


def test_a_target_spelt_without_its_accents_is_marked():
    assert mark_roles("Les États-Unis ont répondu à l'Élysée.", "l'Elysee", "Etats-Unis") == (
        f"Les {TGT_TOKEN} ont répondu à {SRC_TOKEN} .")
    assert mark_roles("Bakou accuse l'Arménie.", "", "Arme\u0301nie") == f"{NOSRC_TOKEN} Bakou accuse l' {TGT_TOKEN} ."


def test_role_marker_accepts_frames_and_tuples_and_pickles():
    frame = pd.DataFrame({"text": ["A blames B."], "source": ["A"], "target": ["B"], "other": [1]})
    marker = RoleMarker().fit(frame)
    assert marker.transform(frame) == [f"{SRC_TOKEN} blames {TGT_TOKEN} ."]
    assert marker.transform([("A blames B.", "A", "B")]) == marker.transform(frame)
    assert pickle.loads(pickle.dumps(marker)).transform(frame) == marker.transform(frame)


def test_role_marker_requires_text_and_target():
    with pytest.raises(ValueError, match="target"):
        RoleMarker().fit(pd.DataFrame({"text": ["x"], "source": ["y"]}))
