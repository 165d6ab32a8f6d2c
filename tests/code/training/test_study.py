"""Study variants: parameters merged over the base, and grouped cross-validation by document."""

import pytest
import yaml

from stance.model import build_pipeline
from stance.training import study
from stance.training.corpora import PUBLIC_CORPORA
from stance.training.params import load_params
from stance.training.study import variant_params
from tests.support import PARAMS, ROOT, tiny_rows


def test_variant_params_merge_pipeline_keys_and_replace_the_others():
    base = {"pipeline": {"features__context__windows__window": 4, "clf__C": 4.0}, "corpora": ["newsmtsc"]}
    params = variant_params(base, {"pipeline": {"clf__C": 1.0}, "corpora": []})
    assert params["pipeline"] == {"features__context__windows__window": 4, "clf__C": 1.0}
    assert params["corpora"] == [] and params["reversed_weight"] == 0.0
    assert variant_params(base, {})["pipeline"] == base["pipeline"]


def test_a_dropped_step_loses_its_settings():
    base = {"pipeline": {"features__context__windows__window": 4, "clf__C": 4.0}}
    params = variant_params(base, {"pipeline": {"features__context": "drop"}})
    assert params["pipeline"] == {"clf__C": 4.0, "features__context": "drop"}


def test_grouped_cv_keeps_each_document_in_one_fold(monkeypatch):
    rows = tiny_rows()
    seen = []
    fit = study.fit_pipeline

    def recording_fit(part, params):
        seen.append(set(part["doc_id"]))
        return fit(part, params)

    monkeypatch.setattr(study, "fit_pipeline", recording_fit)
    scores = study.grouped_cv(rows, {"pipeline": {"clf__C": 10.0}}, folds=3)
    assert len(seen) == 3 and all(len(docs) < rows["doc_id"].nunique() for docs in seen)
    held_out = [set(rows["doc_id"]) - docs for docs in seen]
    assert set().union(*held_out) == set(rows["doc_id"]) and sum(map(len, held_out)) == rows["doc_id"].nunique()
    assert 0 <= scores["cv_mean"] <= 1


@pytest.mark.parametrize("path", sorted((ROOT / "training" / "studies").glob("*.yaml")), ids=lambda p: p.name)
def test_every_study_variant_builds_a_pipeline(path):
    study_file = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = load_params(PARAMS)
    for name, override in study_file["variants"].items():
        params = variant_params(base, override or {})
        assert build_pipeline(params["pipeline"]).get_params()["clf__C"] > 0, name
        assert set(params["corpora"]) <= set(PUBLIC_CORPORA), name
