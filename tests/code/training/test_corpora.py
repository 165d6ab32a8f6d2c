"""Unit tests for stance.corpora on tiny invented files in the public formats."""
import json
import logging
from pathlib import Path

import pytest

from stance.training import corpora
from stance.training.corpora import COLUMNS


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _target(sentence: str, mention: str, polarity: float, shift: int = 0) -> dict:
    start = sentence.index(mention) + shift
    return {"from": start, "to": start + len(mention), "mention": mention, "polarity": polarity}


def _lines(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


S1 = "The mayor Alba Renn praised the harbour plan while Tomas Ivek stayed silent."
S2 = "Critics said Quill Ortega had mishandled the budget."
S3 = "Nadia Fennel opened the new library on Tuesday."


def _newsmtsc_records() -> list[dict]:
    return [
        {"primary_gid": "allsides_12_7_3_Alba Renn_10_19", "sentence_normalized": S1,
         "targets": [_target(S1, "Alba Renn", 6.0), _target(S1, "Tomas Ivek", 4.0)]},
        {"primary_gid": "allsides_12_7_4_Quill Ortega_13_25", "sentence_normalized": S2,
         "targets": [_target(S2, "Quill Ortega", 2.0)]},
        {"primary_gid": "polusa_v1_555_-1_2_Nadia Fennel_0_12", "sentence_normalized": S3,
         "targets": [_target(S3, "Nadia Fennel", 4.0, shift=3)]},  # offsets wrong -> mention used
    ]


def _directed_lines() -> list[str]:
    return [
        "[Velor] met [Ardania]'s envoy on Monday.\tVelor\tArdania\t0",
        "[Velor] thanked [Ardania] for its help.\tVelor\tArdania\t1",
        "[Velor] was praised by [Ardania] at the summit.\tVelor\tArdania\t2",
        "[Velor] condemned [Ardania] over the blockade.\tVelor\tArdania\t3",
        "[Velor] was accused by [Ardania] of spying.\tVelor\tArdania\t4",
        "The [Port Mirab]s council rejected [Kell Dorran]'s offer.\tPort Mirab\tKell Dorran\t3",
        '"[Osk] said ""no"" to [Brannic] today."\tOsk\tBrannic\t0',
    ]


def test_newsmtsc_rows_labels_and_doc_ids(tmp_path):
    df = corpora.read_newsmtsc_jsonl(_jsonl(tmp_path / "train.jsonl", _newsmtsc_records()),
                                     corpus="newsmtsc", lang="en")
    assert list(df.columns) == COLUMNS and len(df) == 4
    assert list(df.target) == ["Alba Renn", "Tomas Ivek", "Quill Ortega", "Nadia Fennel"]
    assert list(df.stance) == ["positive", "neutral", "negative", "neutral"]
    assert set(df.source) == {""} and set(df.lang) == {"en"} and set(df.corpus) == {"newsmtsc"}
    assert list(df.doc_id) == ["newsmtsc:allsides_12_7"] * 3 + ["newsmtsc:polusa_v1_555"]
    assert df.id.is_unique and df.id.iloc[0].startswith("newsmtsc:train:")
    assert all(t in s for t, s in zip(df.target, df.text))


def test_mad_tsc_doc_id_is_article_number(tmp_path):
    s = "Le ministre Pavel Orn a critiqué la réforme."
    path = _jsonl(tmp_path / "validation.jsonl",
                  [{"primary_gid": "4321_0_12_21", "sentence_normalized": s, "targets": [_target(s, "Pavel Orn", 2.0)]},
                   {"primary_gid": "4321_3_0_9", "sentence_normalized": s, "targets": [_target(s, "Pavel Orn", 4.0)]}])
    df = corpora.read_newsmtsc_jsonl(path, corpus="mad_tsc_fr", lang="fr", doc_prefix="mad_tsc")
    assert set(df.doc_id) == {"mad_tsc:4321"} and set(df.lang) == {"fr"} and df.id.is_unique


def test_newsmtsc_skips_are_counted_and_warned(tmp_path, caplog):
    records = _newsmtsc_records() + [
        {"primary_gid": "allsides_1_1_0_X_0_1", "sentence_normalized": S3,
         "targets": [{"from": 0, "to": 0, "mention": "Zora Pim", "polarity": 6.0},   # not in sentence
                     {"from": 0, "to": 12, "mention": "Nadia Fennel", "polarity": 5.0}]},  # bad polarity
    ]
    path = _jsonl(tmp_path / "train.jsonl", records)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    with caplog.at_level(logging.WARNING, logger="stance.corpora"):
        df = corpora.read_newsmtsc_jsonl(path, corpus="newsmtsc", lang="en")
    assert len(df) == 4
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "skipped 3 row" in warnings[0]


def test_directed_labels_direction_and_brackets(tmp_path):
    df = corpora.read_directed_sentiment(_lines(tmp_path / "train.txt", _directed_lines()))
    assert list(df.columns) == COLUMNS and len(df) == 7
    pairs = list(zip(df.source, df.target, df.stance))
    assert pairs[:5] == [("Velor", "Ardania", "neutral"), ("Velor", "Ardania", "positive"),
                         ("Ardania", "Velor", "positive"), ("Velor", "Ardania", "negative"),
                         ("Ardania", "Velor", "negative")]
    assert df.text.iloc[0] == "Velor met Ardania's envoy on Monday."
    # a bracket cutting a word: text keeps the whole word, entity stays as annotated
    assert df.text.iloc[5] == "The Port Mirabs council rejected Kell Dorran's offer."
    assert (df.source.iloc[5], df.target.iloc[5]) == ("Port Mirab", "Kell Dorran")
    assert df.text.iloc[6] == 'Osk said "no" to Brannic today.'  # CSV-quoted field
    assert not any("[" in t or "]" in t for t in df.text)
    assert all(s in t and g in t for s, g, t in zip(df.source, df.target, df.text))
    assert df.id.is_unique and set(df.lang) == {"en"} and set(df.corpus) == {"directed_sentiment"}
    assert all(d.startswith("directed_sentiment:") for d in df.doc_id)


def test_directed_malformed_lines_counted(tmp_path, caplog):
    lines = _directed_lines() + [
        "[Velor] met [Ardania].\tVelor\t0",                 # wrong field count
        "[Velor] met [Ardania].\tVelor\tArdania\t7",        # unknown label
        "[Velor] met [Ardania].\tVelor\tZembla\t1",         # entity not in text
    ]
    with caplog.at_level(logging.WARNING, logger="stance.corpora"):
        df = corpora.read_directed_sentiment(_lines(tmp_path / "valid.txt", lines))
    assert len(df) == 7
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "skipped 3 row" in warnings[0]
    for reason in ("wrong field count", "unknown label", "entity not in text"):
        assert reason in warnings[0]


def _fake_data_dir(root: Path) -> Path:
    _jsonl(root / "newsmtsc" / "train.jsonl", _newsmtsc_records())
    _jsonl(root / "newsmtsc" / "dev_rw.jsonl", _newsmtsc_records()[:1])
    _lines(root / "directed_sentiment" / "train.txt", _directed_lines())
    _lines(root / "directed_sentiment" / "valid.txt", _directed_lines()[:2])
    return root


def test_load_public_and_dev(tmp_path, caplog):
    root = _fake_data_dir(tmp_path / "data")
    assert corpora.public_available(root)
    with caplog.at_level(logging.WARNING, logger="stance.corpora"):
        df, counts = corpora.load_public(["newsmtsc", "directed_sentiment", "mad_tsc_fr"], data_dir=root)
    assert counts == {"newsmtsc": 4, "directed_sentiment": 7} and len(df) == 11
    assert list(df.columns) == COLUMNS
    assert any("mad_tsc" in r.getMessage() for r in caplog.records)  # missing corpus is reported
    dev = corpora.load_public_dev(["newsmtsc", "directed_sentiment"], data_dir=root)
    assert {k: len(v) for k, v in dev.items()} == {"newsmtsc/dev_rw": 2, "directed_sentiment/valid": 2}
    assert len(corpora.load_corpus("newsmtsc", "dev_rw", data_dir=root)) == 2


def test_resolve_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv(corpora.DATA_DIR_ENV, str(tmp_path / "env"))
    assert corpora.resolve_data_dir(tmp_path / "arg") == (tmp_path / "arg").resolve()
    assert corpora.resolve_data_dir() == (tmp_path / "env").resolve()
    assert corpora.missing_reason() == f"no public data folder at {(tmp_path / 'env').resolve()}"
    monkeypatch.delenv(corpora.DATA_DIR_ENV)
    assert corpora.resolve_data_dir() is None  # no guess from the working directory
    assert "--public-data" in corpora.missing_reason()


def test_missing_data_dir_gives_empty_frame_and_one_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="stance.corpora"):
        df, counts = corpora.load_public(list(corpora.PUBLIC_CORPORA), data_dir=tmp_path / "absent")
    assert df.empty and list(df.columns) == COLUMNS and counts == {}
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert not corpora.public_available(tmp_path / "absent")


def test_unknown_name_raises(tmp_path):
    with pytest.raises(ValueError, match="newsmtsc"):
        corpora.load_public(["semeval"], data_dir=tmp_path)
    with pytest.raises(ValueError):
        corpora.load_corpus("newsmtsc", "test", data_dir=tmp_path)
