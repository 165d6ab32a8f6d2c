"""Scored pair files for the relations tests, in our own words (no model needed: probabilities are given)."""

import pandas as pd

# (doc, date, sentence index, sentence, source as written, source id, target as written, target id,
#  p_negative, p_neutral, p_positive)
ROWS = [
    ("art1", "2023-11-28", 0, "Ilham Aliev a dénoncé « l’ingérence » des États-Unis dans la région.",
     "Ilham Aliev", "ilham_aliyev", "États-Unis", "USA", 0.81, 0.12, 0.07),
    ("art1", "2023-11-28", 1, "Selon Bakou, Washington a « trahi » la confiance de l’Azerbaïdjan.",
     "Bakou", "AZEGOV", "Washington", "USAGOV", 0.74, 0.20, 0.06),
    ("art2", "2024-01-15", 3, "Ilham Aliev s’est félicité du dialogue renoué avec les États-Unis.",
     "Ilham Aliev", "ilham_aliyev", "États-Unis", "USA", 0.05, 0.25, 0.70),
    ("art2", "2024-01-15", 4, "Antony Blinken praised Azerbaijan for releasing the detainees.",
     "Antony Blinken", "antony_blinken", "Azerbaijan", "AZE", 0.03, 0.12, 0.85),
    ("art3", "2024-02-02", 0, "Le Kremlin a critiqué la présence américaine au Caucase.",
     "Le Kremlin", "RUSGOV", "américaine", "USAGOV", 0.66, 0.30, 0.04),
    ("art3", "2024-02-02", 1, "Ilham Aliev a reproché aux États-Unis leur « parti pris ».",
     "Ilham Aliev", "ilham_aliyev", "États-Unis", "USA", 0.77, 0.18, 0.05),
    ("art4", "2024-02-20", 2, "Nikol Pachinian met Antony Blinken in Munich.",
     "Nikol Pachinian", "nikol_pashinyan", "Antony Blinken", "antony_blinken", 0.05, 0.88, 0.07),
    ("art4", "2024-02-20", 5, "L’Arménie a salué le soutien de la France.",
     "", "", "France", "FRA", 0.04, 0.31, 0.65),
]
COLUMNS = ["doc_id", "date", "sentence_index", "sentence", "source", "source_id", "target", "target_id",
           "p_negative", "p_neutral", "p_positive"]


def write_pairs(path) -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    probabilities = frame[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    frame.insert(8, "stance", [("negative", "neutral", "positive")[i] for i in probabilities.argmax(axis=1)])
    frame.to_csv(path, index=False)
    return frame
