"""Feature assembly: a FeatureUnion that adds per-corpus copies of its features and, once fitted, computes
the model's word and context features on the compiled path (:mod:`stance.features.compiled`)."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.pipeline import FeatureUnion

from stance.features.compiled import compile_features
from stance.features.roles import CORPUS_TAG


def _domain_of(marked) -> str:
    """The corpus tag that :class:`stance.features.roles.RoleMarker` put in front of a public row ("corpusnewsmtsc
    …"), from the marked string or its token list; ``stance`` for an untagged row (or any other input)."""
    if isinstance(marked, str):
        first = marked.split(" ", 1)[0]
    else:
        first = marked[0] if len(marked) else ""
    tagged = isinstance(first, str) and first.startswith(CORPUS_TAG) and first != CORPUS_TAG
    return first[len(CORPUS_TAG):] if tagged else "stance"


class CorpusAwareUnion(FeatureUnion):
    """A FeatureUnion that can add per-corpus copies of its features (Daumé, "Frustratingly easy domain
    adaptation", ACL 2007): with ``domain_copies``, every feature gets a shared copy and a copy for the
    row's own corpus, so the linear model learns what all corpora share and what is particular to one. Rows
    without a corpus tag (the project's rows and everything scored in use) belong to the ``stance`` domain.
    The corpus tag is the one :class:`stance.features.roles.RoleMarker` puts in front of public rows.

    After ``fit`` (and after loading, at the first ``transform``), ``compiled_`` holds the compiled word and
    context features when the transformers are the model's (:func:`stance.features.compiled.compile_features`);
    ``transform`` then uses them, with the same output.
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
        Z = super().fit_transform(X, y, **params)  # the string path learns the vocabularies
        self._compile()
        return self._expand(Z, X)

    def _compile(self):
        """Compile the fitted transformers' features (None where the compiled path does not cover the setting).
        They are derived data, never pickled: the code that loads a model rebuilds them, so they always match
        it (about a second for the shipped model)."""
        self.compiled_ = compile_features(self.transformer_list, self.transformer_weights)
        return self.compiled_

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("compiled_", None)
        return state

    def compiled_features(self):
        """The compiled features (None where not covered); a fitted union loaded from a pickle compiles them
        here, once. None, without compiling, for a union not fitted."""
        if "compiled_" not in self.__dict__ and hasattr(self, "domains_"):
            self._compile()
        return self.__dict__.get("compiled_")

    def transform(self, X):
        X = list(X)
        compiled = self.compiled_features()
        return self._expand(compiled.transform(X) if compiled is not None else super().transform(X), X)

    def _expand(self, Z, marked):
        """[shared features | copy for domain 0 | copy for domain 1 | …], each row's own copy filled."""
        if not getattr(self, "domains_", None):
            return Z
        Z = sparse.csr_matrix(Z)
        width = Z.shape[1]
        index = {d: k for k, d in enumerate(self.domains_)}
        which = np.asarray([index.get(_domain_of(m), index["stance"]) for m in marked], dtype=np.int64)
        per_row = np.diff(Z.indptr)
        offsets = np.repeat((which + 1) * width, per_row)
        indptr = 2 * Z.indptr
        indices = np.empty(2 * Z.nnz, dtype=np.int64)
        data = np.empty(2 * Z.nnz, dtype=Z.dtype)
        # row r's entries: its shared columns at indptr[r]..+n, then the same columns shifted into its copy
        position = np.arange(Z.nnz) + np.repeat(Z.indptr[:-1], per_row)
        indices[position], data[position] = Z.indices, Z.data
        indices[position + np.repeat(per_row, per_row)] = Z.indices + offsets
        data[position + np.repeat(per_row, per_row)] = Z.data
        shape = (Z.shape[0], width * (len(self.domains_) + 1))
        return sparse.csr_matrix((data, indices, indptr), shape=shape)

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns: ``word:…`` / ``context:…`` (the transformer's name, then its own
        feature name), then ``<corpus>|…`` for each corpus copy."""
        names = [f"{name}:{feature}" for name, transformer in self.transformer_list
                 if not (isinstance(transformer, str) and transformer == "drop")
                 for feature in transformer.get_feature_names_out(input_features)]
        return np.asarray(names + [f"{d}|{n}" for d in getattr(self, "domains_", []) for n in names], dtype=object)


def compile_loaded(pipeline) -> None:
    """Compile the features of every fitted :class:`CorpusAwareUnion` step of a loaded ``pipeline`` now rather
    than at its first ``transform``, so that no scoring request waits for it."""
    for _, step in getattr(pipeline, "steps", []):
        if isinstance(step, CorpusAwareUnion):
            step.compiled_features()
