import pandas as pd
import pytest

from stance.io.scoring import OUTPUT_COLUMNS, InputError, check_header, score_csv
from stance.schema import LABELS


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


GOOD = (
    "id,text,source,target,note\n"
    "1,Paris a condamné Berlin pour son attitude.,Paris,Berlin,keep me\n"
    "2,,Paris,Berlin,empty text\n"
    "3,Tokyo praised Seoul for its help.,Tokyo,Seoul,\n"
    "4,Tokyo praised Seoul for its help.,Tokyo,Manila,absent target\n"
    "5,Tokyo praised Seoul for its help.,Hanoi,Seoul,absent source\n"
    "6,Canberra met Wellington on Monday.,,Wellington,empty source\n"
    "7,Tokyo praised Seoul.,Tokyo,,empty target\n"
)


def test_one_output_row_per_input_row_in_order_with_columns_kept(tmp_path, toy_pipeline):
    source = write(tmp_path / "in.csv", GOOD)
    report = score_csv(source, tmp_path / "out.csv", toy_pipeline, chunksize=2)
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    original = pd.read_csv(source, dtype=str, keep_default_na=False)
    assert list(out.columns) == list(original.columns) + list(OUTPUT_COLUMNS)
    pd.testing.assert_frame_equal(out[original.columns], original)
    assert out["status"].tolist() == [
        "ok", "empty_text", "ok", "target_not_in_text", "source_not_in_text", "ok", "empty_target"
    ]
    scored = out["status"] == "ok"
    assert out.loc[scored, "stance"].isin(LABELS).all()
    assert (out.loc[~scored, ["stance", "p_negative", "p_neutral", "p_positive"]] == "").all().all()
    assert report.rows == 7 and report.statuses["ok"] == 3
    assert "empty_text (data rows 2)" in report.summary()


def test_configurable_column_names_and_missing_source_column(tmp_path, toy_pipeline):
    source = write(tmp_path / "in.csv", "sentence,cible\nTokyo praised Seoul.,Seoul\n")
    score_csv(source, tmp_path / "out.csv", toy_pipeline, text_col="sentence", target_col="cible")
    out = pd.read_csv(tmp_path / "out.csv")
    assert out.loc[0, "status"] == "ok"


def test_missing_column_names_file_and_column(tmp_path, toy_pipeline):
    source = write(tmp_path / "in.csv", "sentence,source,target\nA blames B.,A,B\n")
    with pytest.raises(InputError, match=r"in\.csv: missing column\(s\) 'text'"):
        score_csv(source, tmp_path / "out.csv", toy_pipeline)
    source = write(tmp_path / "in.csv", "text,source\nA blames B.,A\n")
    with pytest.raises(InputError, match=r"in\.csv: has a 'source' column but no 'target' column"):
        score_csv(source, tmp_path / "out.csv", toy_pipeline)
    assert not (tmp_path / "out.csv").exists()


def test_text_only_rows_give_one_row_per_pair_naming_the_input_row(tmp_path, toy_pipeline):
    source = write(tmp_path / "in.csv", (
        "ref,text,date\n"
        "a,Bakou a accusé Erevan de saboter les pourparlers. Le Kremlin a salué Pékin.,2024-05-01\n"
        "b,,\n"
        "c,Il pleut sur la ville.,\n"))
    report = score_csv(source, tmp_path / "out.csv", toy_pipeline, chunksize=2)
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert out["ref"].tolist() == ["a", "a", "b", "c"]
    assert out["row"].tolist() == ["1", "1", "2", "3"]
    assert out["status"].tolist() == ["ok", "ok", "empty_text", "no_pair"]
    assert out.loc[0, ["source_id", "target_id"]].tolist() == ["AZEGOV", "ARMGOV"]
    assert out.loc[1, ["source_id", "target_id"]].tolist() == ["RUSGOV", "CHNGOV"]
    assert out.loc[0, "stance"] in LABELS and out.loc[2, "stance"] == ""
    assert report.rows == 3 and report.statuses["no_pair"] == 1


def test_not_utf8_names_the_line(tmp_path, toy_pipeline):
    source = write(tmp_path / "in.csv", "text,source,target\nA blames B.,A,B\nCafé à Paris,Paris,Café\n", "latin-1")
    with pytest.raises(InputError, match=r"not UTF-8 text \(line 3"):
        score_csv(source, tmp_path / "out.csv", toy_pipeline)
    assert not list(tmp_path.glob("*.part")) and not (tmp_path / "out.csv").exists()


def test_utf8_bom_is_accepted(tmp_path, toy_pipeline):
    source = tmp_path / "in.csv"
    source.write_bytes("\ufefftext,source,target\nA blames B.,A,B\n".encode("utf-8"))
    score_csv(source, tmp_path / "out.csv", toy_pipeline)
    assert pd.read_csv(tmp_path / "out.csv").columns[0] == "text"


def test_empty_and_header_only_files(tmp_path, toy_pipeline):
    with pytest.raises(InputError, match="empty"):
        score_csv(write(tmp_path / "empty.csv", ""), tmp_path / "out.csv", toy_pipeline)
    score_csv(write(tmp_path / "header.csv", "text,source,target\n"), tmp_path / "out.csv", toy_pipeline)
    out = pd.read_csv(tmp_path / "out.csv")
    assert len(out) == 0 and list(out.columns) == ["text", "source", "target", *OUTPUT_COLUMNS]


def test_malformed_csv_is_reported(tmp_path, toy_pipeline):
    source = write(tmp_path / "in.csv", 'text,source,target\n"A blames B.,A,B\n')
    with pytest.raises(InputError, match="malformed CSV"):
        score_csv(source, tmp_path / "out.csv", toy_pipeline)


def test_missing_file(tmp_path, toy_pipeline):
    with pytest.raises(InputError, match="no such file"):
        check_header(tmp_path / "nope.csv", ["text"])


class Exploding:
    """Scores one chunk, then fails like an interrupted run."""

    def __init__(self, pipeline):
        self.pipeline, self.calls = pipeline, 0
        self.classes_ = pipeline.classes_

    def predict_proba(self, rows):
        self.calls += 1
        if self.calls > 1:
            raise KeyboardInterrupt
        return self.pipeline.predict_proba(rows)


def test_interrupted_run_leaves_no_partial_output(tmp_path, toy_pipeline):
    source = write(tmp_path / "in.csv", "text,source,target\n" + "A blames B.,A,B\n" * 5)
    previous = write(tmp_path / "out.csv", "an older result\n")
    with pytest.raises(KeyboardInterrupt):
        score_csv(source, previous, Exploding(toy_pipeline), chunksize=2)
    assert previous.read_text() == "an older result\n"
    assert not list(tmp_path.glob(".*.part"))
