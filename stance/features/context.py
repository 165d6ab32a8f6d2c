"""Target-relative features of a role-marked, tokenised sentence (:mod:`stance.features.tokens`).

:class:`ContextWindows` turns each token list into features named by their position relative to the target
(``L2_w``, ``R1_w``), between the actors (``B_w``), in a negation's scope (``N_w``), in the target's clause
(``C_w``) and polar lexicon words around it (``LEXneg_L``…).
"""

from __future__ import annotations

from itertools import compress

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from stance.features.packing import pack_state, unpack_state
from stance.features.roles import SRC_TOKEN, TGT_TOKEN
from stance.features.tokens import tokenize_marked
from stance.lang import en, fr

NEGATION_CUES = frozenset(fr.NEGATION_CUES + en.NEGATION_CUES)
NEGATION_SPAN = 4
LEXICON_REACH = 10  # words either side of the target where lexicon words count
LEXICON_MIN_SCORE = 0.5  # lexicon words with a weaker polarity (absolute score) are ignored
DISTANCE_BOUNDS = (2, 5, 10)  # source-target distance buckets D0 (<= 2), D1 (<= 5), D2 (<= 10), D3


def _distance_bucket(distance: int) -> str:
    return f"D{sum(distance > bound for bound in DISTANCE_BOUNDS)}"


def load_lexicon() -> dict[str, float]:
    """Word polarities from the VADER lexicons installed from PyPI (vaderSentiment for English,
    vadersentiment-fr for French), read as package data; French wins where both list a word."""
    from importlib.resources import files

    lexicon: dict[str, float] = {}
    for line in files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
        word, _, rest = line.partition("\t")
        if rest and word.isalpha():
            lexicon[word.lower()] = float(rest.split("\t")[0])
    for line in files("vaderSentiment_fr").joinpath("fr_lexicon.txt").read_text(encoding="utf-8").splitlines():
        word, _, score = line.partition("->")
        if score and word.replace("-", "").isalpha():
            try:
                lexicon[word.lower()] = float(score)
            except ValueError:
                continue
    return lexicon


def _lexicon_tokens(words, targets, sources, negated, lexicon, reach=LEXICON_REACH) -> list[str]:
    """``LEXpos_R`` / ``LEXneg_L`` / ``LEXpos_B``…: polar words right, left of the target or between the
    actors (within ``reach`` words), their sign flipped under negation."""
    if not targets:
        return []
    t = targets[0]
    low, high = (min(sources[0], t), max(sources[0], t)) if sources else (t, t)
    start = max(0, t - reach)
    window = words[start : t + reach + 1]
    out = []
    # only the positions of lexicon words are visited in Python (the selection runs in C)
    for j in compress(range(start, start + len(window)), map(lexicon.__contains__, window)):
        score = lexicon[words[j]]
        if -LEXICON_MIN_SCORE < score < LEXICON_MIN_SCORE:
            continue
        sign = (score > 0) != (j in negated)
        side = "B" if low < j < high else "L" if j < t else "R"
        out.append(f"LEX{'pos' if sign else 'neg'}_{side}")
    return out


MAX_WINDOW = 64
_LEFT = tuple(f"L{d}_" for d in range(1, MAX_WINDOW + 1))
_RIGHT = tuple(f"R{d}_" for d in range(1, MAX_WINDOW + 1))


def _positions(words: list[str], token: str) -> list[int]:
    if token not in words:
        return []
    first = words.index(token)
    if words.count(token) == 1:
        return [first]
    return [i for i, w in enumerate(words) if w == token]


def _negated(words: list[str]) -> set[int]:
    """Positions within reach after a negation cue (ne … pas, not, n't, sans, refused…)."""
    negated: set[int] = set()
    if NEGATION_CUES.isdisjoint(words):
        return negated
    for i, word in enumerate(words):
        if word in NEGATION_CUES:
            negated.update(range(i + 1, min(len(words), i + 1 + NEGATION_SPAN)))
    return negated


CLAUSE_BREAKS = frozenset((*', ; : . ! ? ( ) « » " — –'.split(), *fr.CLAUSE_WORDS, *en.CLAUSE_WORDS))


def _clause(words: list[str], t: int) -> tuple[int, int]:
    """[start, end) of the clause around position ``t``: up to punctuation or a clause-opening word."""
    breaks = list(map(CLAUSE_BREAKS.__contains__, words))  # C-level: this runs for every row
    before = breaks[t - 1 :: -1] if t else []
    low = t - before.index(True) if True in before else 0
    after = breaks[t + 1 :]
    high = t + 1 + after.index(True) if True in after else len(words)
    return low, high


def context_tokens(marked: str, *, window: int = 4, lexicon: dict | None = None) -> str:
    """:func:`context_features` of a role-marked sentence, as one space-separated string."""
    return " ".join(context_features(tokenize_marked(marked), window=window, lexicon=lexicon))


def context_features(words: list[str], *, window: int = 4, lexicon: dict | None = None,
                     clause: bool = False) -> list[str]:
    """Target-relative features of one tokenised role-marked sentence (:func:`tokenize_marked`).

    ``L1_w``..``L{window}_w`` and ``R1_w``..: the words at each distance left and right of the target;
    ``B_w``: the words between source and target, with ``ORDER_st`` / ``ORDER_ts`` (which comes first) and a
    distance bucket; ``N_w``: words in the scope of a negation cue (ne … pas, not, n't, sans, refused to…)
    that falls in the target's window or between the actors; with ``clause``, ``C_w`` for the words of the
    target's clause (up to punctuation or "que", "which"…) and ``CLAUSE_src`` when the source is in it;
    with a ``lexicon``, polar words near the target (``LEXneg_L``…). Every row is scored with this: it is
    written for speed (C-level ``map`` and list methods rather than Python loops where it can).
    """
    targets = _positions(words, TGT_TOKEN)
    sources = _positions(words, SRC_TOKEN)
    negated = _negated(words)
    out: list[str] = []
    window = min(window, len(_LEFT))
    for t in targets:
        start = max(0, t - window)
        out += map(str.__add__, _LEFT, reversed(words[start:t]))
        out += map(str.__add__, _RIGHT, words[t + 1 : t + 1 + window])
        if negated:
            out += [f"N_{words[j]}" for j in range(start, min(len(words), t + window + 1)) if j in negated]
    if clause and targets:
        low, high = _clause(words, targets[0])
        out += map("C_".__add__, words[low:high])
        for s in sources:
            if low <= s < high:
                out.append("CLAUSE_src")
                break
    if targets and sources:
        s = sources[0] if len(sources) == 1 else min(sources, key=lambda i: min(abs(i - x) for x in targets))
        t = targets[0]
        low, high = (s, t) if s < t else (t, s)
        out += map("B_".__add__, words[low + 1 : high])
        if negated:
            out += [f"N_{words[j]}" for j in range(low + 1, high) if j in negated]
        out += ["ORDER_st" if s < t else "ORDER_ts", f"DIST_{_distance_bucket(high - low)}"]
    elif not sources:
        out.append("NOSRC")
    if lexicon:
        out += _lexicon_tokens(words, targets, sources, negated, lexicon)
    return out


class ContextWindows(TransformerMixin, BaseEstimator):
    """Token lists (from :class:`stance.features.tokens.Tokenizer`) to lists of target-relative features
    (:func:`context_features`), one list per row.

    ``fit`` copies the polarity lexicon into the model (when ``lexicon``), so that scoring needs no lexicon
    package; a module-level function does the work so the pipeline pickles.
    """

    def __init__(self, *, window: int = 4, lexicon: bool = False, clause: bool = False):
        self.window = window
        self.lexicon = lexicon
        self.clause = clause

    def fit(self, X, y=None):
        self.lexicon_ = load_lexicon() if self.lexicon else {}
        return self

    def transform(self, X) -> list[list[str]]:
        check_is_fitted(self, "lexicon_")
        return [context_features(words, window=self.window, lexicon=self.lexicon_, clause=self.clause) for words in X]

    def __getstate__(self):  # the lexicon as one string and one array (stance.features.packing)
        return pack_state(super().__getstate__(), ["lexicon_"])

    def __setstate__(self, state):
        super().__setstate__(unpack_state(state, ["lexicon_"]))

    def get_feature_names_out(self, input_features=None):
        """One output column: the list of context features of each row (the TF-IDF step that follows names
        the features themselves)."""
        check_is_fitted(self, "lexicon_")
        return np.asarray(["context_features"], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array, tags.input_tags.string = False, True  # rows are token lists
        return tags
