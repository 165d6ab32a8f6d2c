import pandas as pd
import pytest

from stance.training.dataset import (
    DatasetError,
    file_sha256,
    problems,
    read_dataset,
    split_frame,
)

HEADER = "id,doc_id,lang,text,source,target,stance,split\n"


def test_problems_name_line_and_column():
    frame = pd.DataFrame(
        [["1", "d1", "fr", "Paris salue Rome.", "Paris", "Rome", "positive", "train"],
         ["1", "d1", "de", "", "Oslo", "Rome", "happy", "later"]],
        columns=["id", "doc_id", "lang", "text", "source", "target", "stance", "split"],
    )
    found = "\n".join(problems(frame, "x.csv"))
    for expected in ["line 3", "column text: empty", "column lang", "column stance", "column target",
                     "column source", "column split", "duplicate ids ['1']"]:
        assert expected in found


def test_missing_column_and_file(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id,text\n1,x\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="missing column"):
        read_dataset(path)
    with pytest.raises(DatasetError, match="no such file"):
        read_dataset(tmp_path / "nope.csv")


def test_stored_split_is_used_and_grouped_split_otherwise(tmp_path):
    rows = [f"{i},d{i % 5},en,A blames B {i}.,A,B,negative,{'train' if i % 5 else 'test'}\n" for i in range(20)]
    path = tmp_path / "d.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    frame = read_dataset(path)
    train, dev, test = split_frame(frame)
    assert len(train) == 16 and len(dev) == 0 and len(test) == 4
    train, dev, test = split_frame(frame.drop(columns="split"), seed=1)
    assert set(train["doc_id"]).isdisjoint(dev["doc_id"]) and len(dev) > 0 and len(test) == 0
    assert len(file_sha256(path)) == 64


def _pairs_frame(rows):
    return pd.DataFrame(rows, columns=["id", "doc_id", "lang", "text", "source", "target", "stance"])


def test_reversed_pairs_make_neutral_b_to_a_rows_only_where_they_teach_direction():
    from stance.training.dataset import reversed_pairs

    frame = _pairs_frame([
        ("1", "d", "en", "Rome blamed Oslo.", "Rome", "Oslo", "negative"),
        ("2", "d", "en", "Rome met Oslo.", "Rome", "Oslo", "neutral"),  # neutral: nothing to reverse
        ("3", "d", "en", "Lima praised Kenya and Kenya praised Lima.", "Lima", "Kenya", "positive"),
        ("4", "d", "en", "Lima praised Kenya and Kenya praised Lima.", "Kenya", "Lima", "positive"),  # both labelled
        ("5", "d", "en", "Kenya's president hailed Kenya.", "Kenya's president", "Kenya", "positive"),  # nested
        ("6", "d", "en", "The talks failed for Oslo.", "", "Oslo", "negative"),  # no source
    ])
    derived = reversed_pairs(frame)
    assert derived[["id", "source", "target", "stance"]].values.tolist() == [["1r", "Oslo", "Rome", "neutral"]]
    assert list(derived.columns) == list(frame.columns)


def test_reversed_pairs_of_no_rows_keep_the_columns():
    from stance.training.dataset import reversed_pairs

    empty = _pairs_frame([])
    assert list(reversed_pairs(empty).columns) == list(empty.columns) and reversed_pairs(empty).empty
