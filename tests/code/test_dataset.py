import pandas as pd
import pytest

from stance.dataset import DatasetError, file_sha256, problems, read_dataset, split_frame

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
