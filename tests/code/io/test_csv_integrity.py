"""Issue 11, data lost or corrupted: malformed records stop the run naming their line (nothing written), output
reads back the same with Python's csv module and with pandas, input columns pass through unchanged, and a
repeated column name stops the run (pandas would read it back renamed)."""

import csv

import pandas as pd
import pytest

import stance.cli as cli
import stance.cli.commands as commands
from stance.io.scoring import score_csv


@pytest.fixture
def run(monkeypatch, capsys, toy_pipeline):
    """run(*argv) -> (exit code, stderr), with the toy pipeline as the model."""
    monkeypatch.setattr(commands, "_load_model", lambda args: toy_pipeline)

    def _run(*argv):
        code = cli.main([str(a) for a in argv])
        return code, capsys.readouterr().err

    return _run


def read_back(path):
    """The output's rows through Python's csv module, checked equal to what pandas reads."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, strict=True))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert [list(frame.columns)] + frame.to_numpy().tolist() == rows
    return rows


SWALLOW = (
    "id,text,source,target\n"
    '1,"Paris a condamné Berlin.,Paris,Berlin\n'
    '2,"Rome a salué Madrid.",Rome,Madrid\n'
    "3,Tokyo praised Seoul.,Tokyo,Seoul\n"
    "4,Canberra met Wellington.,Canberra,Wellington\n"
)


@pytest.mark.parametrize("body, line", [
    (SWALLOW, 2),  # case 2: the unbalanced quote made record 1 swallow record 2 (4 records in, 3 out)
    ("text,source,target\nA blames B.,A,B\nC praises D.,C\n", 3),  # a field missing
    ("text,source,target\nA blames B.,A,B,extra\n", 2),  # a field too many
    ('text,source,target\nA said "no" to B.,A,B\n', 2),  # a quote inside an unquoted field
    ('text,source,target\n"A blames B."x,A,B\n', 2),  # text after the closing quote
    ('text,source,target\nA blames B.,A,B\n"C praises D.,C,D\n', 3),  # a quote never closed
])
def test_malformed_record_stops_naming_its_line_and_writes_nothing(tmp_path, run, body, line):
    source = tmp_path / "in.csv"
    source.write_text(body, encoding="utf-8")
    code, err = run("score", source, "-o", tmp_path / "out.csv")
    assert code == 2 and f"malformed CSV at line {line}" in err
    assert list(tmp_path.iterdir()) == [source]  # no output, no temporary file


def test_carriage_return_inside_a_field_reads_back_as_one_row(tmp_path, run):
    # case 3: a lone \r inside a quoted field was written unquoted, so the output re-read as more rows
    source = tmp_path / "in.csv"
    text = "Paris a condamné\rBerlin pour son attitude."
    with open(source, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "text", "source", "target"], ["1", text, "Paris", "Berlin"],
                                      ["2", "Rome a salué\r\nMadrid.", "Rome", "Madrid"]])
    code, _ = run("score", source, "-o", tmp_path / "out.csv")
    rows = read_back(tmp_path / "out.csv")
    assert code == 0 and len(rows) == 3
    assert rows[1][:4] == ["1", text, "Paris", "Berlin"] and rows[2][1] == "Rome a salué\r\nMadrid."


def test_text_only_mode_keeps_every_input_column_in_order(tmp_path, run):
    # case 4: columns named like the pair columns were dropped and the columns reordered
    source = tmp_path / "in.csv"
    source.write_text("sentence,row,text,sentence_index,source_id,target_id\n"
                      "mine,r1,Bakou a accusé Erevan de saboter les pourparlers.,s,x,y\n"
                      "also mine,r2,Il pleut.,t,z,w\n", encoding="utf-8")
    code, err = run("score", source, "-o", tmp_path / "out.csv")
    rows = read_back(tmp_path / "out.csv")
    header = ["sentence", "row", "text", "sentence_index", "source_id", "target_id"]
    assert code == 0 and rows[0][:6] == header
    assert rows[0][6:] == ["out_row", "doc_id", "out_sentence_index", "out_sentence", "source", "out_source_id",
                           "target", "out_target_id", "stance", "p_negative", "p_neutral", "p_positive",
                           "source_country", "target_country", "status"]
    assert [r[:6] for r in rows[1:]] == [["mine", "r1", "Bakou a accusé Erevan de saboter les pourparlers.", "s",
                                          "x", "y"], ["also mine", "r2", "Il pleut.", "t", "z", "w"]]
    assert [r[6] for r in rows[1:]] == ["1", "2"] and rows[-1][-1] == "no_pair"
    assert "row -> out_row" in err


def test_text_only_mode_country_columns_follow_the_collision_rule_and_date_url_pass_through(tmp_path, run):
    # issue 14's columns in text-only mode: the actors' countries are new columns (prefixed out_ when the input
    # has one of that name); the input's date and url are input columns, repeated unchanged on each pair row
    source = tmp_path / "in.csv"
    source.write_text("url,text,source_country,date\n"
                      "u1,Bakou a accusé Erevan de saboter les pourparlers.,mine,2024-05-01\n"
                      "u2,Il pleut.,also mine,not a date\n", encoding="utf-8")
    code, err = run("score", source, "-o", tmp_path / "out.csv")
    rows = read_back(tmp_path / "out.csv")
    assert code == 0 and rows[0][:4] == ["url", "text", "source_country", "date"]
    assert rows[0][4:] == ["row", "doc_id", "sentence_index", "sentence", "source", "source_id", "target",
                           "target_id", "stance", "p_negative", "p_neutral", "p_positive", "out_source_country",
                           "target_country", "status"]
    assert [r[:4] for r in rows[1:]] == [["u1", "Bakou a accusé Erevan de saboter les pourparlers.", "mine",
                                          "2024-05-01"], ["u2", "Il pleut.", "also mine", "not a date"]]
    assert rows[1][-3:] == ["AZE", "ARM", "ok"] and rows[2][-1] == "no_pair"
    assert "source_country -> out_source_country" in err


def test_score_mode_keeps_gold_label_columns(tmp_path, run):
    # case 4: input stance/status/p_* columns (gold labels, say) were replaced by the predictions
    source = tmp_path / "in.csv"
    source.write_text("text,source,target,stance,status,p_positive\n"
                      "Tokyo praised Seoul.,Tokyo,Seoul,positive,gold,0.9\n", encoding="utf-8")
    code, _ = run("score", source, "-o", tmp_path / "out.csv")
    rows = read_back(tmp_path / "out.csv")
    assert code == 0
    assert rows[0] == ["text", "source", "target", "stance", "status", "p_positive",
                       "out_stance", "p_negative", "p_neutral", "out_p_positive", "out_status"]
    assert rows[1][:6] == ["Tokyo praised Seoul.", "Tokyo", "Seoul", "positive", "gold", "0.9"]
    assert rows[1][-1] == "ok"


@pytest.mark.parametrize("header, repeated", [
    ("id,text,id,source,target", "'id'"),  # case 4: duplicate headers were rewritten (id -> id.1)
    ("text,source,target,text", "'text'"),  # case 4: of two text columns the first was used silently
])
def test_repeated_header_names_stop_before_scoring(tmp_path, run, header, repeated):
    source = tmp_path / "in.csv"
    source.write_text(f"{header}\n" + ",".join(["x"] * 5)[: 2 * header.count(",") + 1] + "\n", encoding="utf-8")
    code, err = run("score", source, "-o", tmp_path / "out.csv")
    assert code == 2 and f"{repeated} appear more than once" in err and not (tmp_path / "out.csv").exists()


def test_fields_are_kept_as_written(tmp_path, toy_pipeline):
    # leading zeros, spaces, NA-like words, NUL and long fields come back as they were
    source = tmp_path / "in.csv"
    fields = ["007", " padded ", "NA", "null", "a\x00b", "x" * 300_000]
    with open(source, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "source", "target"])
        writer.writerows([[f, "Tokyo praised Seoul.", "Tokyo", "Seoul"] for f in fields])
    score_csv(source, tmp_path / "out.csv", toy_pipeline, chunksize=2)
    rows = read_back(tmp_path / "out.csv")
    assert [r[0] for r in rows[1:]] == fields
