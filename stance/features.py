"""Feature transformers: mark who is the source and who is the target in a sentence.

The model must learn roles, not names. :class:`RoleMarker` replaces every mention of the source actor by
the token ``SRC_TOKEN`` and every mention of the target by ``TGT_TOKEN``, keeping the words around them, so
that "Bakou accuse Erevan" and "Paris accuse Berlin" become the same text, while "Bakou accuse Erevan"
read with the roles swapped becomes "TGT accuse SRC". Rows with an empty source get ``NOSRC_TOKEN`` in
front: the label then is the sentence's own tone toward the target.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.pipeline import FeatureUnion

SRC_TOKEN = "srcactor"
TGT_TOKEN = "tgtactor"
NOSRC_TOKEN = "nosrcactor"
INPUT_COLUMNS = ("text", "source", "target")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def normalise_text(text: str) -> str:
    """NFC-normalise, unify apostrophes and collapse whitespace (offsets are not kept here)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.translate(_APOSTROPHES).split())


def _mention_pattern(mention: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a mention, on word boundaries where the mention has word edges."""
    left = r"(?<!\w)" if mention[:1].isalnum() else ""
    right = r"(?!\w)" if mention[-1:].isalnum() else ""
    return re.compile(left + re.escape(mention) + right, re.IGNORECASE)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def find_spans(text: str, mention: str) -> list[tuple[int, int]]:
    """Character spans of ``mention`` in ``text`` (case-insensitive): whole-word matches first, else any
    substring match. The fallback covers mentions cut inside a word ("Los Angele" in "Los Angeles") in
    public corpora. Plain string search, no regular expression per mention: this runs for every row scored.
    """
    mention = mention.strip()
    if not mention:
        return []
    low, needle = text.lower(), mention.lower()
    if len(low) != len(text) or len(needle) != len(mention):  # rare letters whose lower case is longer
        return _regex_spans(text, mention)
    spans, start = [], 0
    while (found := low.find(needle, start)) >= 0:
        spans.append((found, found + len(needle)))
        start = found + len(needle)
    left_edge, right_edge = _is_word_char(mention[0]), _is_word_char(mention[-1])
    whole = [
        (s, e) for s, e in spans
        if not (left_edge and s > 0 and _is_word_char(text[s - 1]))
        and not (right_edge and e < len(text) and _is_word_char(text[e]))
    ]
    return whole or spans


def _regex_spans(text: str, mention: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _mention_pattern(mention).finditer(text)]
    return spans or [m.span() for m in re.finditer(re.escape(mention), text, re.IGNORECASE)]


def mark_roles(text: str, source: str, target: str) -> str:
    """Return ``text`` with source and target mentions replaced by role tokens.

    Where a source and a target mention overlap ("la présidence de l'Azerbaïdjan" and "Azerbaïdjan"), the
    longer mention wins. A target that cannot be found is appended as ``tgtactor`` context-free so the row
    is still scored (validation upstream reports such rows).
    """
    text = normalise_text(text or "")
    source = normalise_text(source or "")
    target = normalise_text(target or "")
    spans = [(s, e, TGT_TOKEN) for s, e in find_spans(text, target)]
    spans += [(s, e, SRC_TOKEN) for s, e in find_spans(text, source)]
    spans.sort(key=lambda span: (-(span[1] - span[0]), span[0]))
    chosen: list[tuple[int, int, str]] = []
    for span in spans:
        if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
            chosen.append(span)
    chosen.sort()
    pieces, last = [], 0
    for start, end, token in chosen:
        pieces.append(text[last:start])
        pieces.append(f" {token} ")
        last = end
    pieces.append(text[last:])
    marked = " ".join("".join(pieces).split())
    if not any(token == TGT_TOKEN for _, _, token in chosen):
        marked = f"{marked} {TGT_TOKEN}"
    return f"{NOSRC_TOKEN} {marked}" if not source else marked


def _as_frame(X) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        return X
    return pd.DataFrame(list(X), columns=list(INPUT_COLUMNS))


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


class RoleMarker(TransformerMixin, BaseEstimator):
    """Turn rows of (text, source, target) into role-marked strings for the vectorizers.

    Accepts a DataFrame with the three columns (other columns are ignored) or an iterable of 3-tuples.
    Stateless: ``fit`` only records the input columns it saw.
    """

    def __init__(self, *, text_col: str = "text", source_col: str = "source", target_col: str = "target",
                 mark: bool = True, corpus_col: str | None = None):
        self.text_col = text_col
        self.source_col = source_col
        self.target_col = target_col
        self.mark = mark  # False: the sentence alone, as a role-blind baseline
        # a column naming the public corpus a row comes from: its name becomes a token ("corpusnewsmtsc");
        # rows without one (the project's corpus, and everything scored in use) get none
        self.corpus_col = corpus_col

    def fit(self, X, y=None):
        frame = _as_frame(X)
        missing = [c for c in (self.text_col, self.target_col) if c not in frame.columns]
        if missing:
            raise ValueError(f"RoleMarker needs columns {missing}")
        self.n_features_in_ = 3
        return self

    def transform(self, X) -> list[str]:
        frame = _as_frame(X)
        if not self.mark:
            return [normalise_text(_cell(t)) for t in frame[self.text_col]]
        sources = frame[self.source_col] if self.source_col in frame.columns else [""] * len(frame)
        marked = [
            mark_roles(_cell(t), _cell(s), _cell(g))
            for t, s, g in zip(frame[self.text_col], sources, frame[self.target_col])
        ]
        if self.corpus_col and self.corpus_col in frame.columns:
            tags = [_cell(c) for c in frame[self.corpus_col]]
            marked = [f"corpus{tag} {m}" if tag and tag != "stance" else m for tag, m in zip(tags, marked)]
        return marked


_WORD = re.compile(r"\w+|[^\w\s]")
NEGATION_CUES = frozenset(
    "ne n pas jamais plus aucun aucune sans ni refuse refusé refusait not no never without nor n't neither "
    "refused refuses declined declines failed".split()
)
_NEGATION_SPAN = 4


def _distance_bucket(distance: int) -> str:
    return "D0" if distance <= 2 else "D1" if distance <= 5 else "D2" if distance <= 10 else "D3"


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


def _lexicon_tokens(words, targets, sources, negated, lexicon, reach=10) -> list[str]:
    """``LEXpos_R`` / ``LEXneg_L`` / ``LEXpos_B``…: polar words right, left of the target or between the
    actors (within ``reach`` words), their sign flipped under negation."""
    out = []
    between = set()
    if targets and sources:
        low, high = sorted((sources[0], targets[0]))
        between = set(range(low + 1, high))
    for t in targets[:1]:
        for j in range(max(0, t - reach), min(len(words), t + reach + 1)):
            score = lexicon.get(words[j])
            if score is None or abs(score) < 0.5:
                continue
            sign = (score > 0) != (j in negated)
            side = "B" if j in between else "L" if j < t else "R"
            out.append(f"LEX{'pos' if sign else 'neg'}_{side}")
    return out


def context_tokens(marked: str, *, window: int = 4, lexicon: dict | None = None) -> str:
    """Target-relative features of one role-marked sentence, as space-separated tokens.

    ``L1_w``..``L{window}_w`` and ``R1_w``..: the words at each distance left and right of the target;
    ``B_w``: the words between source and target, with ``ORDER_st`` / ``ORDER_ts`` (which comes first) and a
    distance bucket; ``N_w``: words in the scope of a negation cue (ne … pas, not, n't, sans, refused to…)
    that falls in the target's window or between the actors.
    """
    words = _WORD.findall(marked.lower())
    targets = [i for i, w in enumerate(words) if w == TGT_TOKEN]
    sources = [i for i, w in enumerate(words) if w == SRC_TOKEN]
    negated = set()
    if not NEGATION_CUES.isdisjoint(words) or "n't" in marked:
        for i, word in enumerate(words):
            if word in NEGATION_CUES or word.endswith("n't"):
                negated.update(range(i + 1, min(len(words), i + 1 + _NEGATION_SPAN)))
    out = []
    for t in targets:
        for d in range(1, window + 1):
            if t - d >= 0:
                out.append(f"L{d}_{words[t - d]}")
            if t + d < len(words):
                out.append(f"R{d}_{words[t + d]}")
        out += [f"N_{words[j]}" for j in range(max(0, t - window), min(len(words), t + window + 1)) if j in negated]
    if targets and sources:
        s, t = min(sources, key=lambda i: min(abs(i - x) for x in targets)), targets[0]
        low, high = sorted((s, t))
        between = words[low + 1 : high]
        out += [f"B_{w}" for w in between] + [f"N_{words[j]}" for j in range(low + 1, high) if j in negated]
        out += ["ORDER_st" if s < t else "ORDER_ts", f"DIST_{_distance_bucket(high - low)}"]
    elif not sources:
        out.append("NOSRC")
    if lexicon:
        out += _lexicon_tokens(words, targets, sources, negated, lexicon)
    return " ".join(out)


class ContextWindows(TransformerMixin, BaseEstimator):
    """Role-marked strings (from :class:`RoleMarker`) to target-relative feature strings.

    Stateless; a module-level function does the work so the pipeline pickles.
    """

    def __init__(self, *, window: int = 4, lexicon: bool = False):
        self.window = window
        self.lexicon = lexicon

    def fit(self, X, y=None):
        # the lexicon is copied into the fitted model, so scoring needs no lexicon package
        self.lexicon_ = load_lexicon() if self.lexicon else {}
        return self

    def transform(self, X) -> list[str]:
        lexicon = getattr(self, "lexicon_", None)
        return [context_tokens(marked, window=self.window, lexicon=lexicon) for marked in X]


def _domain_of(marked: str) -> str:
    """The corpus tag that :class:`RoleMarker` put in front of a public row ("corpusnewsmtsc …")."""
    first = marked.split(" ", 1)[0]
    return first[len("corpus"):] if first.startswith("corpus") and first != "corpus" else "stance"


class CorpusAwareUnion(FeatureUnion):
    """A FeatureUnion that can add per-corpus copies of its features (Daumé, "Frustratingly easy domain
    adaptation", ACL 2007): with ``domain_copies``, every feature gets a shared copy and a copy for the
    row's own corpus, so the linear model learns what all corpora share and what is particular to one. Rows
    without a corpus tag (the project's rows and everything scored in use) belong to the ``stance`` domain.
    The corpus tag is the one :class:`RoleMarker` puts in front of public rows.
    """

    def __init__(self, transformer_list, *, domain_copies: bool = False, n_jobs=None, transformer_weights=None,
                 verbose=False, verbose_feature_names_out=True):
        super().__init__(transformer_list, n_jobs=n_jobs, transformer_weights=transformer_weights,
                         verbose=verbose, verbose_feature_names_out=verbose_feature_names_out)
        self.domain_copies = domain_copies

    def fit(self, X, y=None, **params):
        self.fit_transform(X, y, **params)
        return self

    def fit_transform(self, X, y=None, **params):
        X = list(X)
        domains = sorted({_domain_of(m) for m in X} | {"stance"})
        # with one corpus only, copies would only weaken the regularisation: none are made
        self.domains_ = domains if self.domain_copies and len(domains) > 1 else []
        return self._expand(super().fit_transform(X, y, **params), X)

    def transform(self, X):
        X = list(X)
        return self._expand(super().transform(X), X)

    def _expand(self, Z, marked):
        from scipy import sparse

        if not getattr(self, "domains_", None):
            return Z
        Z = sparse.csr_matrix(Z)
        index = {d: k for k, d in enumerate(self.domains_)}
        which = np.asarray([index.get(_domain_of(m), index["stance"]) for m in marked])
        blocks = [Z] + [sparse.diags((which == k).astype(Z.dtype)) @ Z for k in range(len(self.domains_))]
        return sparse.hstack(blocks, format="csr")

    def feature_names(self) -> list[str]:
        """Names of the output columns: ``word:…`` / ``context:…``, then ``<corpus>|…`` for each copy."""
        names = []
        for name, transformer in self.transformer_list:
            if transformer == "drop":
                continue
            vectorizer = transformer.steps[-1][1] if hasattr(transformer, "steps") else transformer
            names.extend(f"{name}:{feature}" for feature in vectorizer.get_feature_names_out())
        return names + [f"{d}|{n}" for d in getattr(self, "domains_", []) for n in names]
