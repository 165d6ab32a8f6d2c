import math

import pandas as pd
import pytest

from stance.io.validation import missing_columns, row_status, row_statuses


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("Bakou accuse Erevan.", "Bakou", "Erevan", "ok"),
        ("Bakou accuse Erevan.", "", "Erevan", "ok"),
        ("Bakou accuse Erevan.", None, "erevan", "ok"),
        ("Bakou accuse l’Arménie.", "Bakou", "l'Arménie", "ok"),
        ("", "Bakou", "Erevan", "empty_text"),
        ("   ", "Bakou", "Erevan", "empty_text"),
        (None, "Bakou", "Erevan", "empty_text"),
        (math.nan, "Bakou", "Erevan", "empty_text"),
        ("Bakou accuse Erevan.", "Bakou", "", "empty_target"),
        ("Bakou accuse Erevan.", "Bakou", "Moscou", "target_not_in_text"),
        ("Bakou accuse Erevan.", "Moscou", "Erevan", "source_not_in_text"),
        # one matching rule with extraction: accents, Unicode form and typography do not hide a mention
        ("Les États-Unis ont répondu à l’Élysée.", "l'Elysée", "Etats-Unis", "ok"),
        ("Bakou accuse l'Arménie.", "", "l'Arme\u0301nie", "ok"),
        ("Bakou accuse l'Arme\u0301nie.", "Bakou", "ARMÉNIE", "ok"),
    ],
)
def test_row_status(text, source, target, expected):
    assert row_status(text, source, target) == expected


def test_row_statuses_keep_index_and_allow_no_source_column():
    frame = pd.DataFrame({"text": ["A blames B.", ""], "target": ["B", "B"]}, index=[10, 11])
    assert row_statuses(frame).to_dict() == {10: "ok", 11: "empty_text"}


def test_missing_columns_in_order():
    assert missing_columns(["text", "x"], ["text", "target", "source"]) == ["target", "source"]
