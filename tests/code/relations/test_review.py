"""The correction loop: tasks for Label Studio (priorities, spans, a config they agree with) and an export read
back into corpus rows, on the export that a real Label Studio produced (tests/fixtures/labelstudio)."""

import copy
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pandas as pd
import pytest

from stance.cli import main
from stance.errors import InputError
from stance.relations.labelstudio import import_export, read_export, row_id
from stance.relations.review import LABEL_CONFIG, export_tasks, select_pairs
from stance.training.dataset import problems
from tests.pairs_support import write_pairs

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "labelstudio"


@pytest.fixture(scope="module")
def export():
    return read_export(FIXTURES / "export.json")


def test_uncertain_pairs_in_big_dyads_come_first_with_a_cap_per_dyad(tmp_path):
    write_pairs(tmp_path / "pairs.csv")
    picked, tally = select_pairs([tmp_path / "pairs.csv"], 4, per_dyad=1)
    assert tally.rows == 8 and len(picked) == 4
    assert not picked.duplicated(["source_id", "target_id"]).any()
    # Aliev → USA has 3 rows: its least certain row (0.70 vs 0.25) is first, √3 × 0.55 = 0.95
    assert picked.loc[0, ["source_id", "sentence_index"]].tolist() == ["ilham_aliyev", 3]
    assert list(picked["priority"]) == sorted(picked["priority"], reverse=True)


def test_tasks_carry_the_pair_and_the_model_answer_as_spans_and_choice(tmp_path):
    write_pairs(tmp_path / "pairs.csv")
    tasks, _ = export_tasks([tmp_path / "pairs.csv"], 8)
    assert len(tasks) == 8
    for task in tasks:
        text, result = task["data"]["text"], task["predictions"][0]["result"]
        spans = {r["value"]["labels"][0]: r["value"] for r in result if r["type"] == "labels"}
        assert text[spans["target"]["start"]:spans["target"]["end"]] == task["data"]["target"]
        if task["data"]["source"]:
            assert text[spans["source"]["start"]:spans["source"]["end"]] == task["data"]["source"]
        else:
            assert "source" not in spans
        choice = next(r for r in result if r["type"] == "choices")["value"]["choices"]
        assert choice == [task["data"]["model_stance"]]
    assert {t["data"]["lang"] for t in tasks} == {"fr", "en"}


def test_results_name_the_controls_of_the_labeling_config():
    config = ElementTree.fromstring(LABEL_CONFIG)
    controls = {e.get("name"): e for e in config.iter() if e.get("toName")}
    assert set(controls) == {"roles", "stance"} and {e.get("toName") for e in controls.values()} == {"text"}
    assert [c.get("value") for c in controls["stance"]] == ["negative", "neutral", "positive", "wrong pair"]
    assert [c.get("value") for c in controls["roles"]] == ["source", "target"]
    tasks = json.loads((FIXTURES / "tasks.json").read_text(encoding="utf-8"))
    for task in tasks:
        for region in task["predictions"][0]["result"]:
            assert region["from_name"] in controls and region["to_name"] == "text"


def test_the_config_label_studio_accepted_is_the_one_shipped():
    assert (FIXTURES / "tasks.labeling.xml").read_text(encoding="utf-8") == LABEL_CONFIG


def test_the_real_export_becomes_valid_corpus_rows(export):
    rows, report = import_export(export)
    assert report.tasks == 24 and report.written == 21 == len(rows)
    assert dict(report.left_out) == {"no annotation": 1, "skipped by the annotator": 1, "wrong pair": 1}
    assert problems(rows) == []
    assert set(rows["split"]) == {"train"} and set(rows["lang"]) == {"fr", "en"}
    # the annotator gave a holder to a pair extracted without one
    fixed = rows[rows["text"].str.startswith("Le président Irfaan Ali a qualifié")]
    assert fixed["source"].tolist() == ["Le président Irfaan Ali"]
    assert rows["id"].tolist() == [row_id(t, s, g) for t, s, g in zip(rows["text"], rows["source"], rows["target"])]


def test_duplicates_disagreements_and_bad_spans_are_left_out_and_counted(export):
    tasks = copy.deepcopy([t for t in export if any(not a["was_cancelled"] for a in t["annotations"])][:4])
    same = copy.deepcopy(tasks[0]) | {"id": 901}
    other = copy.deepcopy(tasks[1]) | {"id": 902}
    choice = next(r for r in other["annotations"][0]["result"] if r["from_name"] == "stance")
    choice["value"]["choices"] = ["positive" if choice["value"]["choices"][0] != "positive" else "negative"]
    disagree = copy.deepcopy(tasks[2])
    disagree["annotations"].append(copy.deepcopy(other["annotations"][0]))
    two_targets = copy.deepcopy(tasks[3])
    target = next(r for r in two_targets["annotations"][0]["result"] if r["value"].get("labels") == ["target"])
    two_targets["annotations"][0]["result"].append(copy.deepcopy(target) | {"id": "again"})
    rows, report = import_export([tasks[0], same, tasks[1], other, disagree, two_targets])
    assert len(rows) == 1
    assert dict(report.left_out) == {"duplicate task, same label (kept once)": 1,
                                     "duplicate task with another label": 2, "annotators disagree": 1,
                                     "not one target span (or several source spans)": 1}


def test_pairs_already_in_a_known_dataset_are_left_out(export, tmp_path):
    rows, _ = import_export(export)
    rows.iloc[:2].assign(stance=["negative", rows.iloc[1]["stance"]]).to_csv(tmp_path / "known.csv", index=False)
    again, report = import_export(export, known=[tmp_path / "known.csv"])
    assert len(again) == 19 and sum(report.left_out.values()) == 5
    assert any(reason.startswith("already in known.csv") for reason in report.left_out)


def test_import_command_refuses_to_overwrite_and_appends(tmp_path, capsys):
    out = tmp_path / "reviewed.csv"
    assert main(["review", "--import", str(FIXTURES / "export.json"), "-o", str(out)]) == 0
    assert "24 tasks read, 21 rows written" in capsys.readouterr().err
    assert main(["review", "--import", str(FIXTURES / "export.json"), "-o", str(out)]) == 2
    assert "exists; pass --append" in capsys.readouterr().err
    assert main(["review", "--import", str(FIXTURES / "export.json"), "-o", str(out), "--append"]) == 0
    assert len(pd.read_csv(out)) == 21  # the same pairs are not added twice


@pytest.mark.parametrize("content, message", [
    ("{not json", "not JSON"), ('{"tasks": []}', "not a Label Studio JSON export"),
    ('[{"data": {"txt": "x"}}]', "has no 'text'"),
])
def test_a_bad_export_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_export(path)


def test_review_needs_files_or_an_import(tmp_path, capsys):
    assert main(["review", "-o", str(tmp_path / "t.json")]) == 2
    assert "give pair files to export tasks, or --import" in capsys.readouterr().err
