from stance.io.explain import explain, format_explanation
from stance.schema import LABELS


def test_explanation_lists_weighted_features_of_the_prediction(toy_pipeline):
    prediction, table = explain(toy_pipeline, "Oslo a condamné Rome pour son attitude.", "Oslo", "Rome", top=5)
    assert prediction["stance"] in LABELS
    assert 0 < len(table) <= 5
    assert table["feature"].str.match(r"^(word|context):").all()
    assert (table["weight"].abs().diff().dropna() <= 1e-12).all()  # strongest first
    text = format_explanation(prediction, table, "srcactor a condamné tgtactor")
    assert "prediction: " in text and table["feature"].iloc[0] in text
