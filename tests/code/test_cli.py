import pytest

from stance.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_missing_input_file_is_a_clear_error(tmp_path, capsys):
    code, err = run(capsys, "score", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and "nope.csv: no such file" in err and "Traceback" not in err


def test_missing_column_fails_before_loading_a_model(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text("phrase,source,target\nA blames B.,A,B\n", encoding="utf-8")
    code, err = run(capsys, "score", str(source), "-o", str(tmp_path / "out.csv"), "--model", str(tmp_path))
    assert code == 2 and "missing column(s) 'text'" in err


def test_not_utf8_is_a_clear_error(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_bytes("text,source,target\nCafé,,Café\n".encode("latin-1"))
    code, err = run(capsys, "score", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and "not UTF-8" in err and "line 2" in err


def _csv(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("text,source,target\nA blames B.,A,B\n", encoding="utf-8")
    return source


def test_an_unregistered_model_says_to_train_one(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path}/mlflow.db")
    code, err = run(capsys, "score", str(_csv(tmp_path)), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and "cannot load model models:/stance@champion" in err and "train one with `make train`" in err
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(("folder", "message"), [
    ("none", "no such folder"),
    (".", "not an MLflow model folder (no MLmodel file in it)"),
])
def test_a_wrong_model_folder_is_named_without_the_training_hint(tmp_path, capsys, folder, message):
    code, err = run(capsys, "score", str(_csv(tmp_path)), "-o", str(tmp_path / "out.csv"),
                    "--model", str(tmp_path / folder))
    assert code == 2 and message in err and "train one" not in err
    assert not (tmp_path / "out.csv").exists()


def test_output_may_not_overwrite_input(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text("text,source,target\nA blames B.,A,B\n", encoding="utf-8")
    code, err = run(capsys, "score", str(source), "-o", str(source))
    assert code == 2 and "must not overwrite" in err


def test_bad_dataset_is_a_clear_error(tmp_path, capsys):
    data = tmp_path / "d.csv"
    data.write_text("id,doc_id,lang,text,source,target,stance\n1,d,xx,A blames B.,A,C,angry\n", encoding="utf-8")
    code, err = run(capsys, "train", "--data", str(data), "--no-public")
    assert code == 2
    assert "line 2" in err and "column lang" in err and "column stance" in err and "column target" in err


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("train", "score", "extract", "explain", "benchmark", "study"))


def test_extract_names_its_own_columns(tmp_path, capsys):
    source = tmp_path / "articles.csv"
    source.write_text("body\nBakou a accusé Erevan.\n", encoding="utf-8")
    code, err = run(capsys, "extract", str(source), "--model", str(tmp_path / "none"))
    assert code == 2 and "missing column(s) 'text'" in err and "--text-col" not in err


def test_extract_csv_with_a_bad_line_is_a_clear_error(tmp_path, capsys):
    source = tmp_path / "articles.csv"
    source.write_bytes("text\nBakou a accusé Erevan.\n".encode("utf-8") + "Café à Paris\n".encode("latin-1"))
    code, err = run(capsys, "extract", str(source), "--model", str(tmp_path / "none"))
    assert code == 2 and "not UTF-8" in err and "line 3" in err and "Traceback" not in err


def test_missing_params_file_is_a_clear_error(tmp_path, capsys):
    # issue 11, case 8: a missing params file in `stance train` was a traceback
    code, err = run(capsys, "train", "--params", str(tmp_path / "nope.yaml"), "--no-public")
    assert code == 2 and "nope.yaml: no such parameters file" in err


def test_unknown_corpus_name_is_a_clear_error(tmp_path, capsys):
    # issue 11, case 8: an unknown corpus name in `stance train` was a traceback
    params = tmp_path / "params.yaml"
    params.write_text("corpora: [newsmtsc, no_such_corpus]\n", encoding="utf-8")
    code, err = run(capsys, "train", "--params", str(params))
    assert code == 2 and "unknown corpus name(s) 'no_such_corpus'" in err


def test_serve_listens_on_this_machine_only_by_default():
    from stance.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.max_body_mb is None and args.model == "models:/stance@champion"
