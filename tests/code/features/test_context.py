"""Shared tokenisation and target-relative context features."""

import pytest
from sklearn.exceptions import NotFittedError

from stance.features.context import (
    ContextWindows,
    context_features,
    context_tokens,
    load_lexicon,
)
from stance.features.tokens import Tokenizer, tokenize_marked


def test_tokenize_marked_lowers_and_separates_punctuation_and_contractions():
    assert tokenize_marked("srcactor A dénoncé l'offensive de tgtactor, « inacceptable ».") == [
        "srcactor", "a", "dénoncé", "l", "'", "offensive", "de", "tgtactor", ",", "«", "inacceptable", "»", "."]
    assert tokenize_marked("They didn't.") == ["they", "did", "n't", "."]


def test_tokenizer_and_context_windows_work_on_token_lists_and_pickle():
    import pickle

    marked = ["srcactor dénonce tgtactor .", "nosrcactor tgtactor a gagné ."]
    tokens = Tokenizer().fit_transform(marked)
    assert tokens == [tokenize_marked(m) for m in marked]
    windows = ContextWindows(window=2, lexicon=True).fit(tokens)
    out = windows.transform(tokens)
    assert out[0] == context_features(tokens[0], window=2, lexicon=windows.lexicon_)
    assert "LEXneg_B" in out[0] and "NOSRC" in out[1]
    assert pickle.loads(pickle.dumps(windows)).transform(tokens) == out


def test_context_tokens_windows_between_order_and_negation():
    tokens = context_tokens("srcactor n'a pas condamné tgtactor hier .").split()
    assert "L1_condamné" in tokens and "R1_hier" in tokens
    assert "B_condamné" in tokens and "ORDER_st" in tokens and "DIST_D2" in tokens
    assert "N_condamné" in tokens  # in the scope of "pas"
    assert "ORDER_ts" in context_tokens("tgtactor a accusé srcactor .").split()
    assert "NOSRC" in context_tokens("nosrcactor tgtactor a perdu .").split()
    # English "n't" is a negation cue too, with or without a curly apostrophe upstream
    contracted = context_tokens("srcactor didn't condemn tgtactor .").split()
    assert "B_n't" in contracted and "N_condemn" in contracted
    assert "N_condemn" not in context_tokens("srcactor did condemn tgtactor .").split()


def test_context_tokens_take_the_source_nearest_the_target_and_every_target_window():
    tokens = context_tokens("srcactor said that srcactor blamed tgtactor and tgtactor .").split()
    assert "B_blamed" in tokens and "B_said" not in tokens and "DIST_D0" in tokens
    assert {"R1_and", "L1_blamed", "L1_and", "L2_tgtactor", "L3_blamed"} <= set(tokens)


def test_lexicon_tokens_flip_under_negation():
    lexicon = {"condamné": -1.5, "salué": 1.3}
    assert "LEXneg_B" in context_tokens("srcactor a condamné tgtactor .", lexicon=lexicon).split()
    assert "LEXpos_B" in context_tokens("srcactor n'a pas condamné tgtactor .", lexicon=lexicon).split()
    assert "LEXpos_R" in context_tokens("nosrcactor tgtactor a été salué .", lexicon=lexicon).split()


def test_packaged_lexicons_cover_both_languages():
    lexicon = load_lexicon()
    assert lexicon["condemn"] < 0 < lexicon["praise"]
    assert lexicon["dénonce"] < 0 < lexicon["soutien"]


def test_clause_option():
    words = tokenize_marked("srcactor a dit que tgtactor avait trahi ses alliés , selon nous .")
    plain = context_features(words)
    extra = context_features(words, clause=True)
    assert set(plain) < set(extra)
    assert {"C_tgtactor", "C_avait", "C_trahi", "C_alliés"} <= set(extra)
    assert "C_dit" not in extra and "C_selon" not in extra and "CLAUSE_src" not in extra
    same_clause = context_features(tokenize_marked("srcactor attaque tgtactor ."), clause=True)
    assert "CLAUSE_src" in same_clause


def test_context_windows_must_be_fitted_before_transform():
    with pytest.raises(NotFittedError):
        ContextWindows(lexicon=True).transform([["srcactor", "dénonce", "tgtactor"]])
