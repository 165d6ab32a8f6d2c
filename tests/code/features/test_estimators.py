"""Each estimator of the Pipeline follows scikit-learn's API.

``parametrize_with_checks`` runs scikit-learn's API checks (``legacy=False``). scikit-learn feeds them numeric
matrices, so for the estimators whose input is text (tags ``string``, not ``two_d_array``) it runs only the
clone check; ``test_text_input_api`` then checks the same rules on text.
"""

import pickle

import joblib
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from stance.features.context import ContextWindows
from stance.features.roles import RoleMarker
from stance.features.tfidf import FastTfidfVectorizer, given_tokens, given_words
from stance.features.tokens import Tokenizer
from stance.features.union import CorpusAwareUnion
from stance.model import build_pipeline
from tests.support import TOY

NUMERIC_INPUT = "the check fits on a numeric matrix of any width; RoleMarker reads rows of (text, source, target)"
IN_PLACE = "a FeatureUnion fits the transformers of its transformer_list in place (scikit-learn's own does too)"
EXPECTED_FAILURES = {
    "RoleMarker": dict.fromkeys(
        ["check_estimators_overwrite_params", "check_estimators_fit_returns_self", "check_readonly_memmap_input",
         "check_n_features_in_after_fitting", "check_positive_only_tag_during_fit"], NUMERIC_INPUT),
    "CorpusAwareUnion": dict.fromkeys(["check_estimators_overwrite_params", "check_dont_overwrite_parameters"],
                                      IN_PLACE),
}


def _word_vectorizer():
    return FastTfidfVectorizer(tokenizer=given_words, lowercase=False, token_pattern=None, ngram_range=(1, 2))


@parametrize_with_checks(
    [RoleMarker(), Tokenizer(), ContextWindows(lexicon=True, clause=True), _word_vectorizer(),
     CorpusAwareUnion([("scaled", StandardScaler())], domain_copies=True)],
    legacy=False,
    expected_failed_checks=lambda estimator: EXPECTED_FAILURES.get(type(estimator).__name__, {}),
    xfail_strict=True,
)
def test_scikit_learn_api_checks(estimator, check):
    check(estimator)


ROWS = TOY[["text", "source", "target"]]
MARKED = RoleMarker().transform(ROWS)
TOKENS = Tokenizer().transform(MARKED)


def _union():
    context = build_pipeline().named_steps["features"].transformer_list[1][1]
    return CorpusAwareUnion([("word", _word_vectorizer()), ("context", clone(context))], domain_copies=True)


# (estimator, input it reads, whether it learns from the data)
TEXT_ESTIMATORS = [
    (RoleMarker(corpus_col="corpus"), ROWS, False),
    (Tokenizer(), MARKED, False),
    (ContextWindows(lexicon=True, clause=True), TOKENS, True),
    (_word_vectorizer(), TOKENS, True),
    (FastTfidfVectorizer(tokenizer=given_tokens, lowercase=False, token_pattern=None), TOKENS, True),
    (_union(), TOKENS, True),
]


def _own_params(estimator):
    """The estimator's parameters but a union's transformers (fitted in place, as in scikit-learn)."""
    return joblib.hash({k: v for k, v in estimator.get_params(deep=False).items() if k != "transformer_list"})


@pytest.mark.parametrize(("estimator", "X", "learns"), TEXT_ESTIMATORS, ids=lambda v: type(v).__name__)
def test_text_input_api(estimator, X, learns):
    estimator = clone(estimator)
    params = _own_params(estimator)
    if learns:
        with pytest.raises(NotFittedError):
            estimator.transform(X)
    assert estimator.fit(X, TOY["stance"]) is estimator
    assert _own_params(estimator) == params  # fit leaves the parameters alone
    out = estimator.transform(X)
    assert len(out) == len(X) if not hasattr(out, "shape") else out.shape[0] == len(X)
    names = estimator.get_feature_names_out()
    assert names.dtype == object and all(isinstance(n, str) for n in names)
    assert len(names) == (out.shape[1] if hasattr(out, "shape") else 1)
    again = pickle.loads(pickle.dumps(estimator)).transform(X)
    assert (again != out).nnz == 0 if hasattr(out, "nnz") else again == out
    assert clone(estimator).get_params().keys() == estimator.get_params().keys()


def test_the_pipeline_names_the_classifier_input_columns():
    pipeline = build_pipeline().fit(ROWS, TOY["stance"])
    names = pipeline[:-1].get_feature_names_out()
    assert len(names) == pipeline.named_steps["clf"].coef_.shape[1]
    assert names[0].startswith("word:") and any(n.startswith("context:") for n in names)
