import json

import pandas as pd
import pytest
from mlflow.exceptions import MlflowException

from stance.cli import main
from stance.errors import InputError
from stance.io.serving import StanceModel, check_request, load_pipeline, save_model
from stance.schema import LABELS


@pytest.fixture
def model(toy_pipeline):
    return StanceModel(toy_pipeline)


def test_rows_are_scored_in_order_with_status(model):
    request = pd.DataFrame(
        {"text": ["Tokyo praised Seoul.", "Tokyo praised Seoul."], "source": ["Tokyo", None], "target": ["Seoul", "Manila"]}
    )
    out = model.predict(request)
    assert out["status"].tolist() == ["ok", "target_not_in_text"]
    assert out.loc[0, "stance"] in LABELS
    assert out.loc[1, "stance"] is None and out.loc[1, "p_positive"] is None
    json.dumps(out.to_dict(orient="records"), allow_nan=False)  # unscored rows are valid JSON (null, not NaN)


def test_source_column_is_optional(model):
    out = model.predict(pd.DataFrame({"text": ["Tokyo praised Seoul."], "target": ["Seoul"]}))
    assert out.loc[0, "status"] == "ok"


def test_records_as_list_of_dicts(model):
    out = model.predict([{"text": "Tokyo praised Seoul.", "source": "Tokyo", "target": "Seoul"}])
    assert len(out) == 1


@pytest.mark.parametrize("text", [None, "", "  "])
def test_null_or_blank_text_is_rejected(model, text):
    with pytest.raises(MlflowException, match=r"null or empty text in row\(s\) \[1\]") as caught:
        model.predict(pd.DataFrame({"text": ["Tokyo praised Seoul.", text], "target": ["Seoul", "Seoul"]}))
    assert caught.value.get_http_status_code() == 400


def test_missing_columns_are_rejected():
    with pytest.raises(MlflowException, match="missing column 'text'"):
        check_request(pd.DataFrame({"source": ["A"], "target": ["B"]}))
    with pytest.raises(MlflowException, match="'source' but no 'target'"):
        check_request(pd.DataFrame({"text": ["A blames B."], "source": ["A"]}))


def test_text_only_rows_extract_pairs_naming_their_row(model):
    out = model.predict(pd.DataFrame({"text": ["Il pleut.", "Washington a critiqué Pékin."]}))
    assert out["row"].tolist() == [0, 1]
    assert out["status"].tolist() == ["no_pair", "ok"]
    assert out.loc[1, "source_id"] == "USAGOV" and out.loc[1, "target_id"] == "CHNGOV"
    json.dumps(out.to_dict(orient="records"), allow_nan=False)


def test_text_only_rows_carry_date_url_and_countries(model):
    out = model.predict(pd.DataFrame({"text": ["Washington a critiqué Pékin."], "date": ["2023-11-28"],
                                      "url": ["https://example.org/1"]}))
    assert out.loc[0, ["date", "url", "source_country", "target_country"]].tolist() == [
        "2023-11-28", "https://example.org/1", "USA", "CHN"]
    json.dumps(out.to_dict(orient="records"), allow_nan=False)


# a pickle that names a class where the previous layout had it (stance.serving): models saved by earlier
# versions hold pickles, which are no longer read at all (tests/code/io/test_model_files.py)
OLD_MODEL_PICKLE = b"cstance.serving\nStanceModel\n)\x81."


@pytest.fixture
def old_model_folder(tmp_path, toy_pipeline):
    """A model folder of the earlier, pickled form (python_model.pkl)."""
    folder = tmp_path / "model"
    save_model(toy_pipeline, folder)
    (folder / "python_model.pkl").write_bytes(OLD_MODEL_PICKLE)
    return folder


def test_a_model_saved_by_an_older_version_says_to_retrain(old_model_folder, capsys):
    with pytest.raises(InputError, match=r"saved by an older version of stance .*retrain with `make train`"):
        load_pipeline(str(old_model_folder))
    source = old_model_folder.parent / "in.csv"
    source.write_text("text,source,target\nA blames B.,A,B\n", encoding="utf-8")
    assert main(["score", str(source), "-o", str(source.parent / "out.csv"), "--model", str(old_model_folder)]) == 2
    err = capsys.readouterr().err
    assert "retrain with `make train`" in err and "Traceback" not in err
