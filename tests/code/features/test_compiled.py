"""The compiled features equal the string path's, on edge cases and for every setting they cover."""

import pickle

import pytest
from sklearn.pipeline import FeatureUnion, Pipeline

from stance.features.compiled import compile_features
from stance.features.context import ContextWindows
from stance.features.tfidf import (
    FastTfidfVectorizer,
    given_tokens,
    given_words,
)
from stance.features.tokens import tokenize_marked
from stance.features.union import CorpusAwareUnion

TRAIN = [
    "srcactor a dénoncé l'offensive de tgtactor , « inacceptable » et a salué la paix .",
    "nosrcactor the talks between tgtactor and rome didn't fail : both sides praised the deal , a good deal .",
    "srcactor said tgtactor would never yield but srcactor hopes for peace with tgtactor .",
    "corpusnews srcactor ne soutient pas tgtactor , qui refuse de condamner l'attaque .",
    "tgtactor accuse srcactor de mensonges graves , sans preuve",
    "srcactor , srcactor and tgtactor welcomed the terrible , horrible agreement without delay tgtactor",
    "corpusmad nosrcactor tgtactor wins a great victory",
    "",
    "srcactor x y z tgtactor",
    "tgtactor",
]
UNSEEN = [
    "srcactor praised tgtactor's brave leaders , not the cowards .",
    "mots inconnus seulement sans actor",
    "",
    "tgtactor tgtactor srcactor srcactor tgtactor",
    "q tgtactor ; unknownword , srcactor ne blâme jamais tgtactor !",
    "srcactor but tgtactor",
    "corpusnews tgtactor hopes srcactor fails , and srcactor never helps",
    "srcactor " + "mot " * 80 + "tgtactor " + "fin " * 80,
    ". . srcactor tgtactor",
]


def _union(*, window=4, clause=True, lexicon=True, ngram_range=(1, 2), context_ngrams=(1, 1), domain_copies=True,
           weights=None):
    word = FastTfidfVectorizer(tokenizer=given_words, lowercase=False, token_pattern=None, ngram_range=ngram_range,
                               sublinear_tf=True)
    context = Pipeline([("windows", ContextWindows(window=window, clause=clause, lexicon=lexicon)),
                        ("tfidf", FastTfidfVectorizer(tokenizer=given_tokens, lowercase=False, token_pattern=None,
                                                      ngram_range=context_ngrams, sublinear_tf=True))])
    return CorpusAwareUnion([("word", word), ("context", context)], domain_copies=domain_copies,
                            transformer_weights=weights)


def _tokens(docs):
    return [tokenize_marked(d) for d in docs]


def _assert_equal_to_string_path(union, docs):
    tokens = _tokens(docs)
    got = union.compiled_.transform(tokens)
    expected = FeatureUnion.transform(union, tokens)
    assert got.shape == expected.shape
    assert (got != expected).nnz == 0  # bit for bit: same counts, same summation order


@pytest.mark.parametrize("settings", [
    {},
    {"clause": False, "lexicon": False},
    {"window": 1},
    {"window": 100},
    {"ngram_range": (1, 1)},
    {"ngram_range": (2, 2), "clause": False},
    {"ngram_range": (1, 3)},
    {"ngram_range": (3, 3), "lexicon": False},
    {"domain_copies": False},
    {"weights": {"context": 1.7}},
    {"weights": {"word": 0.5, "context": 2.0}},
])
def test_compiled_features_equal_the_string_path(settings):
    union = _union(**settings).fit(_tokens(TRAIN))
    assert union.compiled_ is not None
    _assert_equal_to_string_path(union, TRAIN)
    _assert_equal_to_string_path(union, UNSEEN)
    _assert_equal_to_string_path(union, [])


def test_the_union_transform_uses_the_compiled_path_and_keeps_domain_copies():
    union = _union().fit(_tokens(TRAIN))
    tokens = _tokens(TRAIN + UNSEEN)
    compiled = union.transform(tokens)
    union.compiled_ = None  # the string path, as an older model without compiled features would run
    assert (compiled != union.transform(tokens)).nnz == 0
    assert compiled.shape[1] == 4 * (len(union.transformer_list[0][1].vocabulary_)
                                     + len(union.transformer_list[1][1][-1].vocabulary_))


def test_compiled_features_are_rebuilt_after_loading_never_pickled():
    union = _union().fit(_tokens(TRAIN))
    state = union.__getstate__()
    assert "compiled_" not in state
    loaded = pickle.loads(pickle.dumps(union))
    assert "compiled_" not in loaded.__dict__
    expected = union.transform(_tokens(UNSEEN))
    assert (loaded.transform(_tokens(UNSEEN)) != expected).nnz == 0
    assert loaded.compiled_ is not None  # compiled by the first transform
    _assert_equal_to_string_path(loaded, UNSEEN)


def test_negation_lexicon_and_clause_features_are_really_computed():
    union = _union().fit(_tokens(TRAIN))
    names = union.get_feature_names_out()
    row = union.transform(_tokens(["srcactor ne soutient pas tgtactor , qui refuse de condamner l'attaque ."]))
    found = set(names[row.indices])
    assert {"context:N_tgtactor", "context:C_soutient", "context:CLAUSE_src", "context:B_pas", "context:ORDER_st",
            "context:L1_pas", "context:R1_,"} <= found


@pytest.mark.parametrize("settings", [{"ngram_range": (1, 4)}, {"context_ngrams": (1, 2)}])
def test_settings_the_compiled_path_does_not_cover_keep_the_string_path(settings):
    union = _union(**settings).fit(_tokens(TRAIN))
    assert union.compiled_ is None
    assert union.transform(_tokens(UNSEEN)).shape[0] == len(UNSEEN)


def test_compile_refuses_other_transformers():
    assert compile_features([("word", FastTfidfVectorizer())]) is None
    assert compile_features([("a", "drop")]) is None


def test_compile_loaded_compiles_a_loaded_pipeline_at_once():
    from sklearn.pipeline import Pipeline as SkPipeline

    from stance.features.union import compile_loaded

    pipeline = pickle.loads(pickle.dumps(SkPipeline([("features", _union().fit(_tokens(TRAIN)))])))
    assert "compiled_" not in pipeline.named_steps["features"].__dict__
    compile_loaded(pipeline)
    assert pipeline.named_steps["features"].compiled_ is not None
    unfitted = SkPipeline([("features", _union())])
    compile_loaded(unfitted)  # nothing fitted: nothing to compile
    assert unfitted.named_steps["features"].compiled_features() is None
