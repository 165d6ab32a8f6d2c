"""Compiled features: the word n-grams and target-relative context features of the model, computed with array
operations on token ids for a whole batch at once.

The string path defines the features and learns their vocabularies at fit time: :class:`FastTfidfVectorizer`
over the tokens and :class:`stance.features.context.ContextWindows`, a Python call and a few dozen strings per row.
Every scored row passes there, and the 20,000 rows/s bound asks for less. :func:`compile_features` turns both
fitted vocabularies into integer keys once: each token gets an id ``w`` (of ``V`` ids), a word bigram "a b"
the key ``V + a·V + b``, a context feature "L2_w" the key ``kind·V + w``. At transform time each token is
looked up once in a dictionary; the actors' positions, windows, negation scopes, clauses and lexicon hits of
all rows are then found with numpy and their keys looked up in hash tables. The output equals the string
path's (tests compare both on the corpora and on edge cases); settings it does not cover keep the string path.
"""

from __future__ import annotations

from itertools import chain, repeat

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.pipeline import Pipeline

from stance.features.context import (CLAUSE_BREAKS, DISTANCE_BOUNDS, LEXICON_MIN_SCORE, LEXICON_REACH, MAX_WINDOW,
                                     NEGATION_CUES, NEGATION_SPAN, ContextWindows)
from stance.features.roles import SRC_TOKEN, TGT_TOKEN
from stance.features.tfidf import FastTfidfVectorizer, given_tokens, given_words, tfidf_from_columns

# kinds of context features: L1..L64 are 1..64, R1..R64 are 65..128, then N_, C_, B_ and the constant features
_KINDS = {**{f"L{d}": d for d in range(1, MAX_WINDOW + 1)}, **{f"R{d}": MAX_WINDOW + d for d in range(1, MAX_WINDOW + 1)},
          "N": 2 * MAX_WINDOW + 1, "C": 2 * MAX_WINDOW + 2, "B": 2 * MAX_WINDOW + 3}
_N, _C, _B, _CONSTANT = (2 * MAX_WINDOW + k for k in (1, 2, 3, 4))
# constant features; LEX{neg,pos}_{L,R,B} are 8 + 3 * positive + side (L 0, R 1, B 2)
_CONSTANTS = ("ORDER_st", "ORDER_ts", "DIST_D0", "DIST_D1", "DIST_D2", "DIST_D3", "NOSRC", "CLAUSE_src",
              "LEXneg_L", "LEXneg_R", "LEXneg_B", "LEXpos_L", "LEXpos_R", "LEXpos_B")
_ORDER_ST, _DIST, _NOSRC, _CLAUSE_SRC, _LEX = 0, 2, 6, 7, 8
_FAR = np.iinfo(np.int64).max // 4


def compile_features(transformers, weights: dict | None = None) -> CompiledFeatures | None:
    """:class:`CompiledFeatures` for fitted ``[(name, word vectorizer), (name, context pipeline)]`` as
    :func:`stance.model.build_pipeline` makes them ("drop" entries skipped), or None for any other setting.
    ``weights`` are the union's ``transformer_weights`` (a factor per transformer name)."""
    parts = [(n, t) for n, t in transformers if not (isinstance(t, str) and t == "drop") and t is not None]
    if len(parts) != 2 or not isinstance(parts[1][1], Pipeline) or len(parts[1][1].steps) != 2:
        return None
    word, (windows, context) = parts[0][1], (step for _, step in parts[1][1].steps)
    supported = (
        isinstance(word, FastTfidfVectorizer) and word.tokenizer is given_words and word.analyzer == "word"
        and 1 <= word.ngram_range[0] <= word.ngram_range[1] <= 3
        and isinstance(windows, ContextWindows)
        and isinstance(context, FastTfidfVectorizer) and context.tokenizer is given_tokens
        and context.analyzer == "word" and tuple(context.ngram_range) == (1, 1)
    )
    if not supported:
        return None
    compiled = CompiledFeatures.build(word, windows, context, weights=tuple((weights or {}).get(n) for n, _ in parts))
    fits = compiled.n_ids_ ** (word.ngram_range[1] + 1) < 2 ** 63  # n-gram keys are 64-bit integers
    return compiled if compiled.context_keys_ is not None and fits else None


def _ranges(low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All positions of the intervals [low, high), and the index of the interval each comes from."""
    counts = np.maximum(high - low, 0)
    owner = np.repeat(np.arange(len(low)), counts)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return low[owner] + offsets, owner


def _first_per_row(rows: np.ndarray) -> np.ndarray:
    """Mask of the first of each run of equal values in sorted ``rows`` (the first position of each row)."""
    return np.r_[True, rows[1:] != rows[:-1]] if len(rows) else np.zeros(0, dtype=bool)


def _around(anchors, offsets, rows, starts, ends):
    """Positions at ``offsets`` from each anchor position (one line per anchor), ``rows`` being the anchors'
    rows: (positions, with 0 where outside the anchor's row, mask of those inside it)."""
    around = anchors[:, None] + offsets
    inside = (around >= starts[rows][:, None]) & (around < ends[rows][:, None])
    return np.where(inside, around, 0), inside


class CompiledFeatures:
    """Integer-keyed tables of a fitted word vectorizer and context pipeline (see the module docstring);
    :meth:`build` makes them."""

    def __init__(self, word: FastTfidfVectorizer, context: FastTfidfVectorizer, *, window: int, clause: bool,
                 weights: tuple = (None, None)):
        self.word_, self.context_ = word, context
        self.window_, self.clause_ = window, clause
        self.weights_ = weights  # of the word and context blocks, as FeatureUnion's transformer_weights

    @classmethod
    def build(cls, word: FastTfidfVectorizer, windows: ContextWindows, context: FastTfidfVectorizer, *,
              weights: tuple = (None, None)) -> CompiledFeatures:
        """The tables of the fitted ``word`` vectorizer and context steps (``windows``, then ``context``)."""
        compiled = cls(word, context, window=min(windows.window, MAX_WINDOW), clause=windows.clause, weights=weights)
        lexicon = {w: s for w, s in windows.lexicon_.items() if not -LEXICON_MIN_SCORE < s < LEXICON_MIN_SCORE}
        parsed = [compiled._parse_context(feature) for feature in context.vocabulary_]
        words = (chain.from_iterable(g.split(" ") for g in word.vocabulary_),
                 (w for _, w in parsed if w is not None), lexicon, NEGATION_CUES, CLAUSE_BREAKS, (SRC_TOKEN, TGT_TOKEN))
        compiled.token_ids_ = {w: i for i, w in enumerate(dict.fromkeys(chain.from_iterable(words)))}
        tokens = list(compiled.token_ids_)
        compiled.unknown_long_, compiled.unknown_short_ = len(tokens), len(tokens) + 1  # unseen tokens, by given_words' rule
        V = compiled.n_ids_ = len(tokens) + 2
        compiled.long_ = np.r_[np.fromiter((len(t) > 1 for t in tokens), dtype=bool, count=len(tokens)), True, False]
        compiled.cue_ = compiled._flags(NEGATION_CUES)
        compiled.break_ = compiled._flags(CLAUSE_BREAKS)
        compiled.score_ = np.zeros(V)
        compiled.score_[[compiled.token_ids_[w] for w in lexicon]] = list(lexicon.values())
        compiled.src_, compiled.tgt_ = compiled.token_ids_[SRC_TOKEN], compiled.token_ids_[TGT_TOKEN]
        # word features: unigram columns by token id, n-gram keys (n > 1) in a hash table
        compiled.unigram_columns_ = np.full(V, -1, dtype=np.int64)
        gram_keys, gram_columns = [], []
        for gram, column in word.vocabulary_.items():
            ids = [compiled.token_ids_[w] for w in gram.split(" ")]
            if len(ids) == 1:
                compiled.unigram_columns_[ids[0]] = column
            else:
                gram_keys.append(compiled._gram_key(ids))
                gram_columns.append(column)
        compiled.gram_index_ = pd.Index(np.asarray(gram_keys, dtype=np.int64))
        compiled.gram_columns_ = np.asarray(gram_columns, dtype=np.int64)
        compiled.context_keys_ = None
        if all(kind is not None for kind, _ in parsed):
            keys = [kind * V + (compiled.token_ids_[w] if w is not None else 0) for kind, w in parsed]
            compiled.context_keys_ = pd.Index(np.asarray(keys, dtype=np.int64))
            compiled.context_columns_ = np.fromiter(context.vocabulary_.values(), dtype=np.int64, count=len(keys))
        return compiled

    def _gram_key(self, ids):
        """The key of the n-gram of token ids ``ids`` (n > 1): ``V + V² + … + V^(n-1)`` plus the ids read as
        digits in base ``V``, so n-grams of different lengths never share a key. Works on ints and arrays."""
        V, key, offset = self.n_ids_, ids[0], 0
        for n, next_id in enumerate(ids[1:], start=1):
            key, offset = key * V + next_id, offset + V ** n
        return key + offset

    def _flags(self, words) -> np.ndarray:
        flags = np.zeros(len(self.token_ids_) + 2, dtype=bool)
        flags[[self.token_ids_[w] for w in words]] = True
        return flags

    @staticmethod
    def _parse_context(feature: str) -> tuple[int | None, str | None]:
        """(kind, word) of a context feature name: "L2_w" → (2, "w"); a constant → (its kind, None)."""
        if feature in _CONSTANTS:
            return _CONSTANT + _CONSTANTS.index(feature), None
        prefix, underscore, word = feature.partition("_")
        return (_KINDS[prefix], word) if underscore and prefix in _KINDS else (None, None)

    def transform(self, documents) -> sparse.csr_matrix:
        """[word TF-IDF | context TF-IDF] of token lists, as the string path computes them."""
        documents = documents if isinstance(documents, list) else list(documents)
        lengths = np.fromiter(map(len, documents), dtype=np.int64, count=len(documents))
        flat = list(chain.from_iterable(documents))
        ids = np.fromiter(map(self.token_ids_.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        unknown = np.flatnonzero(ids < 0)
        if len(unknown):
            long = np.fromiter((len(flat[i]) > 1 for i in unknown.tolist()), dtype=bool, count=len(unknown))
            ids[unknown] = np.where(long, self.unknown_long_, self.unknown_short_)
        rows = np.repeat(np.arange(len(documents)), lengths)
        blocks = [self._words(ids, rows, len(documents)), self._context(ids, rows, lengths)]
        blocks = [block if weight is None else block * weight for block, weight in zip(blocks, self.weights_)]
        return sparse.hstack(blocks, format="csr")

    def _words(self, ids, rows, n_rows) -> sparse.csr_matrix:
        kept = self.long_[ids]
        ids, rows = ids[kept], rows[kept]
        low, high = self.word_.ngram_range
        found_rows, columns = [], []
        if low == 1:
            found_rows.append(rows)
            columns.append(self.unigram_columns_[ids])
        for n in range(max(low, 2), high + 1):
            if len(ids) < n:
                break
            same = rows[n - 1:] == rows[: len(rows) - n + 1]  # rows are sorted: same first and last row
            keys = self._gram_key([ids[k: len(ids) - n + 1 + k] for k in range(n)])[same]
            position = self.gram_index_.get_indexer(keys)
            found_rows.append(rows[n - 1:][same])
            columns.append(np.where(position >= 0, self.gram_columns_[position], -1))
        empty = np.zeros(0, dtype=np.int64)
        return tfidf_from_columns(self.word_, np.concatenate(found_rows or [empty]), np.concatenate(columns or [empty]),
                                  n_rows)

    def _context(self, ids, rows, lengths) -> sparse.csr_matrix:
        V, n_rows, window = self.n_ids_, len(lengths), self.window_
        ends = np.cumsum(lengths)
        starts = ends - lengths
        keys, key_rows = [], []

        def emit(new_keys, new_rows):
            keys.append(np.asarray(new_keys, dtype=np.int64).ravel())
            key_rows.append(np.asarray(new_rows, dtype=np.int64).ravel())

        def constant(index, which_rows):
            emit((_CONSTANT + np.broadcast_to(index, len(which_rows))) * V, which_rows)

        negated = np.zeros(len(ids), dtype=bool)  # within NEGATION_SPAN words after a cue
        cue = self.cue_[ids]
        if cue.any():
            for k in range(1, NEGATION_SPAN + 1):
                negated[k:] |= cue[:-k] & (rows[k:] == rows[:-k])
        targets, sources = np.flatnonzero(ids == self.tgt_), np.flatnonzero(ids == self.src_)
        t_rows, s_rows = rows[targets], rows[sources]
        # the words at each distance left and right of every target mention, and negated words around it
        offsets = np.arange(-window, window + 1)
        around, inside = _around(targets, offsets, t_rows, starts, ends)
        kinds = np.where(offsets < 0, -offsets, MAX_WINDOW + offsets)
        word_at = (kinds * V + ids[around])
        side = inside & (offsets != 0)
        emit(word_at[side], np.broadcast_to(t_rows[:, None], around.shape)[side])
        scoped = inside & negated[around]
        emit(_N * V + ids[around[scoped]], np.broadcast_to(t_rows[:, None], around.shape)[scoped])
        first = _first_per_row(t_rows)
        t0, t0_rows = targets[first], t_rows[first]
        first_target = np.full(n_rows, -1)
        first_target[t0_rows] = t0
        if self.clause_ and len(t0):
            self._clause(ids, rows, starts, ends, t0, t0_rows, sources, s_rows, emit, constant)
        has_source = np.zeros(n_rows, dtype=bool)
        has_source[s_rows] = True
        constant(_NOSRC, np.flatnonzero(~has_source))
        if len(sources) and len(targets):
            # the source nearest to any target of its row (the first such on ties), and the row's first target
            k = np.searchsorted(targets, sources)
            left, right = targets[np.maximum(k - 1, 0)], targets[np.minimum(k, len(targets) - 1)]
            left_ok, right_ok = (k > 0) & (rows[left] == s_rows), (k < len(targets)) & (rows[right] == s_rows)
            distance = np.minimum(np.where(left_ok, sources - left, _FAR), np.where(right_ok, right - sources, _FAR))
            order = np.lexsort((sources, distance, s_rows))
            chosen = order[_first_per_row(s_rows[order])]
            chosen = chosen[left_ok[chosen] | right_ok[chosen]]
            s, r = sources[chosen], s_rows[chosen]
            t = first_target[r]
            low, high = np.minimum(s, t), np.maximum(s, t)
            between, owner = _ranges(low + 1, high)
            emit(_B * V + ids[between], r[owner])
            scoped = negated[between]
            emit(_N * V + ids[between[scoped]], r[owner[scoped]])
            constant(_ORDER_ST + (s > t), r)
            constant(_DIST + np.searchsorted(DISTANCE_BOUNDS, high - low), r)
        if self.score_.any() and len(t0):
            self._lexicon(ids, rows, starts, ends, t0, t0_rows, sources, s_rows, negated, constant)
        columns = self.context_keys_.get_indexer(np.concatenate(keys))
        columns = np.where(columns >= 0, self.context_columns_[columns], -1)
        return tfidf_from_columns(self.context_, np.concatenate(key_rows), columns, n_rows)

    def _clause(self, ids, rows, starts, ends, t0, t0_rows, sources, s_rows, emit, constant):
        """``C_w`` for the words of each first target's clause, ``CLAUSE_src`` when a source is in it."""
        positions = np.arange(len(ids))
        breaks = self.break_[ids]
        previous = np.maximum.accumulate(np.where(breaks, positions, -1))  # last break at or before
        following = np.minimum.accumulate(np.where(breaks, positions, _FAR)[::-1])[::-1]  # first at or after
        start, end = starts[t0_rows], ends[t0_rows]
        low = np.where(t0 > start, np.maximum(previous[np.maximum(t0 - 1, 0)] + 1, start), start)
        high = np.where(t0 + 1 < end, np.minimum(following[np.minimum(t0 + 1, len(ids) - 1)], end), end)
        words, owner = _ranges(low, high)
        emit(_C * self.n_ids_ + ids[words], t0_rows[owner])
        clause_low, clause_high = np.full(len(starts), -1), np.full(len(starts), -1)
        clause_low[t0_rows], clause_high[t0_rows] = low, high
        within = (clause_low[s_rows] <= sources) & (sources < clause_high[s_rows])
        constant(_CLAUSE_SRC, np.unique(s_rows[within]))

    def _lexicon(self, ids, rows, starts, ends, t0, t0_rows, sources, s_rows, negated, constant):
        """``LEX{pos,neg}_{L,R,B}`` for polar words near each first target, as ``_lexicon_tokens`` makes them."""
        first_source = np.full(len(starts), -1)
        first = _first_per_row(s_rows)
        first_source[s_rows[first]] = sources[first]
        s0 = first_source[t0_rows]
        low = np.where(s0 >= 0, np.minimum(s0, t0), t0)
        high = np.where(s0 >= 0, np.maximum(s0, t0), t0)
        near, owner = _ranges(np.maximum(starts[t0_rows], t0 - LEXICON_REACH),
                              np.minimum(ends[t0_rows], t0 + LEXICON_REACH + 1))
        score = self.score_[ids[near]]
        polar = score != 0
        near, owner, score = near[polar], owner[polar], score[polar]
        positive = (score > 0) != negated[near]
        side = np.where((low[owner] < near) & (near < high[owner]), 2, np.where(near < t0[owner], 0, 1))
        constant(_LEX + 3 * positive + side, t0_rows[owner])

