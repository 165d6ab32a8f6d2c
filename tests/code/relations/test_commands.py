"""The relations, report and review commands: clear errors (exit 2, nothing written) and their summaries."""

import pandas as pd

from stance.cli import main
from tests.code.relations.test_aggregate import pair


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def test_relations_writes_dyads_and_accounts_for_every_row(tmp_path, capsys):
    rows = [pair("d1", 0, "A", "B", 0.2, 0.3, status="ok"), pair("d1", 1, "", "", "", "", status="no_pair"),
            pair("d2", 0, "A", "B", 0.6, 0.3, status="ok")]
    rows[1]["p_neutral"] = ""
    pd.DataFrame(rows).to_csv(tmp_path / "p.csv", index=False)
    code, err = run(capsys, "relations", tmp_path / "p.csv", "-o", tmp_path / "out" / "d.csv", "--period", "day")
    assert code == 0
    assert "3 pair rows read, 2 aggregated" in err and "1 skipped: status no_pair (e.g. p.csv row 2)" in err
    assert "1 dyads written" in err and "document bootstrap, 1000 resamples" in err
    out = pd.read_csv(tmp_path / "out" / "d.csv", keep_default_na=False)
    assert out[["source_id", "target_id", "period", "n"]].values.tolist() == [["A", "B", "2024-05-11", 2]]


def test_relations_input_errors_exit_2_and_write_nothing(tmp_path, capsys):
    (tmp_path / "s.csv").write_text("text,source,target\nA blames B.,A,B\n", encoding="utf-8")
    code, err = run(capsys, "relations", tmp_path / "s.csv", "-o", tmp_path / "d.csv")
    assert code == 2 and "missing column(s) 'doc_id'" in err and "stance extract" in err
    code, err = run(capsys, "relations", tmp_path / "none.csv", "-o", tmp_path / "d.csv")
    assert code == 2 and "none.csv: no such file" in err
    code, err = run(capsys, "relations", tmp_path / "s.csv", "-o", tmp_path / "s.csv")
    assert code == 2 and "must not overwrite" in err
    (tmp_path / "bad.csv").write_bytes("doc_id,sentence_index,source_id,target_id,p_negative,p_positive\n"
                                       "d,0,A,Bé,0.1,0.2\n".encode("latin-1"))
    code, err = run(capsys, "relations", tmp_path / "bad.csv", "-o", tmp_path / "d.csv")
    assert code == 2 and "not UTF-8" in err and "Traceback" not in err
    assert not (tmp_path / "d.csv").exists()


# The merge of issue 11 (data safety) with issue 14 (relations): pair files are read strictly, and the outputs
# of relations, report and review are checked first and written like every other output of stance.
def _pairs(path):
    pd.DataFrame([pair("d1", 0, "A", "B", 0.2, 0.3, status="ok"), pair("d2", 0, "A", "B", 0.6, 0.3, status="ok")]
                 ).to_csv(path, index=False)
    return path


def test_relations_stops_at_a_malformed_record_naming_its_line(tmp_path, capsys):
    # an unbalanced quote: pandas' reader let one record swallow the next (4 rows in, 3 read, exit 0)
    (tmp_path / "bad.csv").write_text(
        "doc_id,sentence_index,sentence,source_id,target_id,p_negative,p_positive\n"
        "d1,0,s0,A,B,0.2,0.3\n"
        'd2,0,"He said ""no,A,B,0.2,0.3\n'
        'd3,0,"x",A,B,0.6,0.3\n'
        "d4,0,s1,A,B,0.1,0.1\n", encoding="utf-8")
    code, err = run(capsys, "relations", tmp_path / "bad.csv", "-o", tmp_path / "d.csv")
    assert code == 2 and "malformed CSV at line 3" in err and "Traceback" not in err
    assert not (tmp_path / "d.csv").exists()


def test_relations_refuses_a_repeated_column(tmp_path, capsys):
    (tmp_path / "p.csv").write_text("doc_id,sentence_index,source_id,target_id,p_negative,p_positive,target_id\n"
                                    "d,0,A,B,0.1,0.2,C\n", encoding="utf-8")
    code, err = run(capsys, "relations", tmp_path / "p.csv", "-o", tmp_path / "d.csv")
    assert code == 2 and "'target_id' appear more than once" in err and not (tmp_path / "d.csv").exists()


def test_relations_and_review_outputs_follow_the_umask(tmp_path, capsys):
    import os

    _pairs(tmp_path / "p.csv")
    previous = os.umask(0o027)
    try:
        assert run(capsys, "relations", tmp_path / "p.csv", "-o", tmp_path / "d.csv")[0] == 0
        assert run(capsys, "review", tmp_path / "p.csv", "-o", tmp_path / "tasks.json")[0] == 0
    finally:
        os.umask(previous)
    for name in ("d.csv", "tasks.json", "tasks.labeling.xml"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_relations_output_that_is_a_folder_is_a_clear_error(tmp_path, capsys):
    _pairs(tmp_path / "p.csv")
    (tmp_path / "folder").mkdir()
    code, err = run(capsys, "relations", tmp_path / "p.csv", "-o", tmp_path / "folder")
    assert code == 2 and "is a folder" in err
    code, err = run(capsys, "review", tmp_path / "p.csv", "-o", tmp_path / "p.labeling.json")
    assert code == 0  # tasks beside the pairs are fine; the labeling config p.labeling.xml is not an input


def test_report_never_removes_its_input_or_other_files(tmp_path, capsys):
    folder = tmp_path / "report"
    folder.mkdir()
    _pairs(folder / "pairs.csv")
    code, err = run(capsys, "report", folder / "pairs.csv", "-o", folder, "--resamples", 20)
    assert code == 2 and "holds the input" in err and (folder / "pairs.csv").exists()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    code, err = run(capsys, "report", folder / "pairs.csv", "-o", tmp_path / "notes", "--resamples", 20)
    assert code == 2 and "not a stance report (mine.txt)" in err
    assert (tmp_path / "notes" / "mine.txt").read_text(encoding="utf-8") == "keep me"
    # a report folder is replaced by the next report, as a whole
    assert run(capsys, "report", folder / "pairs.csv", "-o", tmp_path / "out", "--resamples", 20)[0] == 0
    assert run(capsys, "report", folder / "pairs.csv", "-o", tmp_path / "out", "--resamples", 20)[0] == 0
    assert (tmp_path / "out" / "index.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_stale_temporary_report_folder_of_a_killed_run_is_removed(tmp_path, capsys):
    _pairs(tmp_path / "p.csv")
    stale = tmp_path / ".out.999999999.0123abcd.part"  # no such process
    stale.mkdir()
    (stale / "index.html").write_text("half", encoding="utf-8")
    assert run(capsys, "report", tmp_path / "p.csv", "-o", tmp_path / "out", "--resamples", 20)[0] == 0
    assert not stale.exists() and (tmp_path / "out" / "index.html").exists()
