"""NBWeights: naive-Bayes log-count-ratio scaling of feature columns."""

import numpy as np
import pytest
from scipy import sparse

from stance.features.weighting import NBWeights, log_count_ratios

# column 0 occurs only in negative rows, column 1 in every class alike, column 2 mostly in positive rows
X = sparse.csr_matrix(np.array([[3, 1, 0], [2, 1, 0], [0, 1, 0], [0, 1, 2], [0, 1, 3], [0, 1, 0]], dtype=float))
y = np.array(["negative", "negative", "neutral", "positive", "positive", "neutral"])


def test_log_count_ratios_single_out_class_specific_features():
    ratios = log_count_ratios(X, y)
    assert ratios.shape == (3, 3)
    assert ratios[0, 0] > 1 and ratios[2, 2] > 1  # negative ↔ column 0, positive ↔ column 2
    assert np.abs(ratios[:, 1]).max() < np.abs(ratios[:, 0]).max()


def test_power_zero_is_the_identity_and_power_one_favours_discriminative_columns():
    assert NBWeights().fit(X, y).transform(X) is X
    weighted = NBWeights(power=1.0).fit(X, y)
    scale = weighted.weights_
    assert scale[0] > scale[1] and scale[2] > scale[1]
    out = weighted.transform(X)
    assert np.allclose(out.toarray(), X.toarray() * scale)
    assert np.allclose(X.toarray()[0], [3, 1, 0])  # the input is not modified in place


def test_nb_weights_refuse_a_different_width():
    with pytest.raises(ValueError, match="fitted on 3 features"):
        NBWeights(power=1.0).fit(X, y).transform(sparse.csr_matrix((1, 4)))
