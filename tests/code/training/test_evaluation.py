import numpy as np
import pandas as pd

from stance.training.evaluation import expected_calibration_error, scores, table


def test_ece_is_zero_when_confidence_matches_accuracy():
    truth = np.array(["negative"] * 8 + ["neutral"] * 2)
    proba = np.tile([0.8, 0.1, 0.1], (10, 1))  # says negative at 0.8 and is right 8 times in 10
    assert expected_calibration_error(truth, proba) == 0.0


def test_ece_of_an_overconfident_model():
    truth = np.array(["negative", "neutral"])
    proba = np.tile([1.0, 0.0, 0.0], (2, 1))
    assert expected_calibration_error(truth, proba) == 0.5


def test_scores_and_table():
    predicted = pd.DataFrame(
        {"stance": ["negative", "positive", "neutral"], "p_negative": [0.9, 0.1, 0.2],
         "p_neutral": [0.05, 0.1, 0.6], "p_positive": [0.05, 0.8, 0.2]}
    )
    result = scores(["negative", "positive", "positive"], predicted)
    assert result["accuracy"] == 2 / 3 and result["f1_negative"] == 1.0 and result["rows"] == 3
    assert "macro-F1" in table({"dev": result})
