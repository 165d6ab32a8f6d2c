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
