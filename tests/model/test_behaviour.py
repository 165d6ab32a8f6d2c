"""Behaviour of a model trained on the bundled corpus: roles, not names, decide the stance."""

import pytest
from sklearn.metrics import f1_score

pytestmark = pytest.mark.slow

NAME_SWAPS = [
    ("Bakou a accusé Erevan de saboter les pourparlers de paix.", "Bakou", "Erevan", "Ankara", "Athènes"),
    ("Le Kremlin a vivement dénoncé les « provocations » de Varsovie.", "Le Kremlin", "Varsovie",
     "Le gouvernement chinois", "Manille"),
    ("Nairobi praised the World Bank for its swift support.", "Nairobi", "the World Bank", "Dakar", "the IMF"),
    ("The envoy met Khartoum's delegation on Tuesday.", "The envoy", "Khartoum", "The minister", "Kinshasa"),
]


@pytest.mark.parametrize(("text", "source", "target", "new_source", "new_target"), NAME_SWAPS)
def test_swapping_actor_names_keeps_the_stance(predict, text, source, target, new_source, new_target):
    before = predict(text, source, target)
    swapped = text.replace(source, new_source).replace(target, new_target)
    after = predict(swapped, new_source, new_target)
    assert after["stance"] == before["stance"]
    assert abs(after["p_negative"] - before["p_negative"]) < 0.02


ROLE_REVERSALS = [
    ("Bakou a accusé Erevan de saboter les pourparlers.", "Bakou", "Erevan"),
    ("Washington blamed Beijing for the collapse of the talks.", "Washington", "Beijing"),
    ("Le président kényan a vivement critiqué la Banque mondiale.", "Le président kényan", "la Banque mondiale"),
]


@pytest.mark.parametrize(("text", "accuser", "accused"), ROLE_REVERSALS)
def test_reversing_roles_changes_the_direction(predict, text, accuser, accused):
    forward = predict(text, accuser, accused)
    backward = predict(text, accused, accuser)
    assert forward["stance"] == "negative"
    assert forward["p_negative"] > backward["p_negative"] + 0.1


NEGATIONS = [
    ("Paris a condamné la décision d'Ankara.", "Paris a refusé de condamner la décision d'Ankara.", "Paris", "Ankara"),
    ("Berlin criticised Warsaw over the reform.", "Berlin declined to criticise Warsaw over the reform.",
     "Berlin", "Warsaw"),
]


@pytest.mark.parametrize(("plain", "negated", "source", "target"), NEGATIONS)
def test_negation_lowers_the_negative_stance(predict, plain, negated, source, target):
    assert predict(plain, source, target)["stance"] == "negative"
    assert predict(negated, source, target)["p_negative"] < predict(plain, source, target)["p_negative"]


REPORTED_SPEECH = [
    ("Ilham Aliev a affirmé que les dernières mesures prises par les Etats-Unis avaient sérieusement abîmé "
     "les relations.", "Ilham Aliev", "Etats-Unis", "negative"),
    ("Selon le ministre sénégalais, la France a été « un partenaire exemplaire ».", "le ministre sénégalais",
     "la France", "positive"),
    ("The Philippine president said China had acted like a bully in the South China Sea.",
     "The Philippine president", "China", "negative"),
]


@pytest.mark.parametrize(("text", "speaker", "target", "expected"), REPORTED_SPEECH)
def test_reported_speech_is_attributed_to_the_speaker(predict, text, speaker, target, expected):
    assert predict(text, speaker, target)["stance"] == expected


def test_dev_macro_f1_well_above_chance(model, corpus_splits):
    _, dev, _ = corpus_splits
    predicted = model.predict(dev[["text", "source", "target"]])
    assert f1_score(dev["stance"], predicted, average="macro") >= 0.55

