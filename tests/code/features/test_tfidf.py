"""FastTfidfVectorizer gives scikit-learn's output faster; CorpusAwareUnion adds per-corpus copies."""

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from stance.features.tfidf import (
    FastTfidfVectorizer,
    given_tokens,
    given_words,
)
from stance.features.union import CorpusAwareUnion

DOCS = [
    "srcactor a dénoncé l'offensive de tgtactor , « inacceptable » .",
    "nosrcactor The talks between tgtactor and Rome didn't fail: both sides praised the deal deal deal.",
    "srcactor said tgtactor would never yield . A B c",
    "",
    "Émile Zola ÉCRIT à tgtactor ; l’Élysée répond",
]
UNSEEN = ["tgtactor praised srcactor's deal", "mots inconnus seulement", "", "deal deal tgtactor tgtactor"]


@pytest.mark.parametrize("settings", [
    {"ngram_range": (1, 2), "sublinear_tf": True},
    {"ngram_range": (1, 3), "min_df": 1, "lowercase": False},
    {"ngram_range": (2, 2), "norm": None, "use_idf": False, "binary": True},
    {"tokenizer": str.split, "lowercase": False, "token_pattern": None, "sublinear_tf": True},
    {"analyzer": "char_wb", "ngram_range": (2, 4), "sublinear_tf": True},
])
def test_fast_tfidf_equals_scikit_learn(settings):
    fast = FastTfidfVectorizer(**settings).fit(DOCS)
    slow = TfidfVectorizer(**settings).fit(DOCS)
    assert fast.vocabulary_ == slow.vocabulary_
    for docs in (DOCS, UNSEEN):
        got, expected = sparse.csr_matrix(fast.transform(docs)), sparse.csr_matrix(slow.transform(docs))
        assert got.shape == expected.shape
        assert abs(got - expected).max() < 1e-12
    assert np.allclose(fast.fit_transform(DOCS).toarray(), slow.fit_transform(DOCS).toarray())


def test_token_list_input_gives_the_same_features_as_the_string_it_came_from():
    from stance.features.tokens import tokenize_marked

    docs = [d for d in DOCS if "n't" not in d]  # the shared tokeniser keeps "n't"; the default pattern drops it
    lists = [tokenize_marked(d) for d in docs]
    words = FastTfidfVectorizer(tokenizer=given_words, lowercase=False, token_pattern=None, ngram_range=(1, 2))
    slow = TfidfVectorizer(ngram_range=(1, 2))
    assert abs(words.fit_transform(lists) - slow.fit_transform(docs)).max() < 1e-12
    assert words.vocabulary_ == slow.vocabulary_
    every = FastTfidfVectorizer(tokenizer=given_tokens, lowercase=False, token_pattern=None).fit(lists)
    assert "," in every.vocabulary_ and "«" in every.vocabulary_
    with pytest.raises(ValueError, match="token-list input"):
        FastTfidfVectorizer(tokenizer=given_words, token_pattern=None, stop_words=["de"]).fit(lists)


def test_fast_tfidf_refuses_a_single_string_and_an_unfitted_call():
    fast = FastTfidfVectorizer().fit(DOCS)
    with pytest.raises(ValueError, match="Iterable"):
        fast.transform("one string")
    with pytest.raises(Exception, match="not fitted"):
        FastTfidfVectorizer().transform(DOCS)


def _expand_by_blocks(union, Z, marked):
    """The obvious construction the fast one must equal: [Z | Z masked to corpus 0 | Z masked to corpus 1…]."""
    from stance.features.union import _domain_of

    which = np.asarray([union.domains_.index(_domain_of(m)) for m in marked])
    blocks = [Z] + [sparse.diags((which == k).astype(float)) @ Z for k in range(len(union.domains_))]
    return sparse.hstack(blocks, format="csr")


def test_domain_copies_equal_the_block_construction():
    marked = ["corpusnews " + DOCS[0], DOCS[1], "corpusmad " + DOCS[2], DOCS[3], "corpusnews " + DOCS[4]]
    union = CorpusAwareUnion([("word", TfidfVectorizer())], domain_copies=True).fit(marked)
    assert union.domains_ == ["mad", "news", "stance"]
    Z = union.transformer_list[0][1].transform(marked)
    got = union.transform(marked)
    assert got.has_sorted_indices
    assert (got != _expand_by_blocks(union, Z, marked)).nnz == 0


def test_corpus_aware_union_adds_one_copy_per_corpus():
    marked = ["corpusnews srcactor a salué tgtactor", "srcactor a condamné tgtactor"]
    union = CorpusAwareUnion([("word", CountVectorizer())], domain_copies=True)
    X = union.fit_transform(marked)
    width = len(union.transformer_list[0][1].vocabulary_)
    assert union.domains_ == ["news", "stance"] and X.shape == (2, 3 * width)
    # the news row's features are copied into the news block only, the untagged row's into the stance block
    assert X[0, width: 2 * width].sum() == X[0, :width].sum() and X[0, 2 * width:].sum() == 0
    assert X[1, 2 * width:].sum() == X[1, :width].sum() and X[1, width: 2 * width].sum() == 0
    names = union.get_feature_names_out()
    assert len(names) == 3 * width and names[0].startswith("word:") and names[width].startswith("news|word:")
    single = CorpusAwareUnion([("word", CountVectorizer())], domain_copies=True).fit_transform(marked[1:])
    assert single.shape[1] == len(CountVectorizer().fit(marked[1:]).vocabulary_)
