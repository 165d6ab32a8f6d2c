import pickle

import numpy as np
import pandas as pd
import pytest

from stance.model import LABELS, PROBA_COLUMNS, build_pipeline, predict_table


def test_params_are_pipeline_parameter_names_and_lists_become_tuples():
    pipeline = build_pipeline({"clf__C": 0.5, "features__word__ngram_range": [1, 3]})
    assert pipeline.get_params()["clf__C"] == 0.5
    assert pipeline.get_params()["features__word__ngram_range"] == (1, 3)


def test_unknown_parameter_is_refused():
    with pytest.raises(ValueError):
        build_pipeline({"clf__no_such_thing": 1})


def test_predict_table_columns_sum_to_one_and_follow_labels(toy_pipeline, toy_rows):
    TOY = toy_rows
    table = predict_table(toy_pipeline, TOY[["text", "source", "target"]])
    assert list(table.columns) == ["stance", *PROBA_COLUMNS]
    assert np.allclose(table[list(PROBA_COLUMNS)].sum(axis=1), 1.0)
    best = np.asarray(LABELS)[table[list(PROBA_COLUMNS)].to_numpy().argmax(axis=1)]
    assert (table["stance"].to_numpy() == best).all()
    assert (table["stance"] == TOY["stance"]).mean() == 1.0  # it can at least fit its own six rows


def test_fitted_pipeline_pickles(toy_pipeline):
    clone = pickle.loads(pickle.dumps(toy_pipeline))
    row = [("Oslo a condamné Rome.", "Oslo", "Rome")]
    frame = pd.DataFrame(row, columns=["text", "source", "target"])
    assert np.allclose(clone.predict_proba(frame), toy_pipeline.predict_proba(frame))


def test_predict_table_on_no_rows(toy_pipeline):
    empty = predict_table(toy_pipeline, pd.DataFrame(columns=["text", "source", "target"]))
    assert len(empty) == 0 and list(empty.columns) == ["stance", *PROBA_COLUMNS]


def test_fit_pipeline_on_public_rows_only(toy_rows):
    from stance.training.fit import fit_pipeline

    public = toy_rows.assign(corpus="newsmtsc", id=[f"p{i}" for i in range(len(toy_rows))])
    pipeline = fit_pipeline(public, {"reversed_weight": 0.5})  # no project rows: nothing to reverse
    assert len(predict_table(pipeline, toy_rows)) == len(toy_rows)
