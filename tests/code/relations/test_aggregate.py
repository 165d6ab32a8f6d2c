"""Dyads from scored pairs: counts, mean net stance, interval, dates, documents, evidence, and every row
accounted for; the same table whatever the chunk size."""

import json

import numpy as np
import pandas as pd
import pytest

from stance.relations.aggregate import aggregate, days, period_start
from stance.relations.interval import bootstrap_interval


def pair(doc, index, source_id, target_id, neg, pos, date="2024-05-11", **extra):
    return {"doc_id": doc, "sentence_index": index, "sentence": f"s{index}", "source": source_id,
            "source_id": source_id, "target": target_id, "target_id": target_id, "p_negative": neg,
            "p_neutral": round(1 - neg - pos, 6) if isinstance(neg, float) else "", "p_positive": pos,
            "date": date, **extra}


@pytest.fixture
def pairs_file(tmp_path):
    rows = [
        pair("d1", 0, "ilham_aliyev", "USA", 0.7, 0.1),
        pair("d1", 1, "ilham_aliyev", "USA", 0.5, 0.2),
        pair("d2", 0, "ilham_aliyev", "USA", 0.2, 0.6, date="2024-06-03"),
        pair("d2", 3, "antony_blinken", "AZEGOV", 0.1, 0.8, date="2024-06-03"),
        pair("d3", 0, "", "AZE", 0.3, 0.3, date=""),
    ]
    path = tmp_path / "pairs.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_counts_net_dates_documents_and_evidence(pairs_file):
    table = aggregate([pairs_file]).table.set_index(["source_id", "target_id"])
    aliev = table.loc[("ilham_aliyev", "USA")]
    counts = ("n", "n_docs", "n_negative", "n_neutral", "n_positive")
    assert tuple(aliev[c] for c in counts) == (3, 2, 2, 0, 1)
    assert aliev["net"] == pytest.approx(((0.1 - 0.7) + (0.2 - 0.5) + (0.6 - 0.2)) / 3)
    assert (aliev["first_date"], aliev["last_date"]) == ("2024-05-11", "2024-06-03")
    assert json.loads(aliev["evidence"]) == [["d1", 0], ["d2", 0], ["d1", 1]]  # most confident first
    assert aliev["source_name"] == "Ilham Aliyev" and aliev["target_name"] == "United States"
    assert aliev["interval"].startswith("document bootstrap")
    own_tone = table.loc[("", "AZE")]
    assert own_tone["source_name"] == "" and own_tone["first_date"] == ""
    assert np.isnan(table.loc[("antony_blinken", "AZEGOV"), "net_low"])  # one document: no interval


def test_by_country_uses_the_country_columns_else_the_gazetteer(pairs_file, tmp_path):
    table = aggregate([pairs_file], by="country").table
    assert set(zip(table["source_id"], table["target_id"])) == {("AZE", "USA"), ("USA", "AZE"), ("", "AZE")}
    with_columns = pd.read_csv(pairs_file).assign(source_country="XXX", target_country="YYY")
    with_columns.to_csv(tmp_path / "c.csv", index=False)
    assert set(aggregate([tmp_path / "c.csv"], by="country").table["source_id"]) == {"XXX"}


def test_periods_and_undated_rows(pairs_file):
    dyads = aggregate([pairs_file], period="month")
    aliev = dyads.table[dyads.table["source_id"] == "ilham_aliyev"]
    assert aliev["period"].tolist() == ["2024-05-01", "2024-06-01"] and aliev["n"].tolist() == [2, 1]
    assert dyads.table.loc[dyads.table["target_id"] == "AZE", "period"].tolist() == [""]
    assert dyads.tally.undated == 1
    day = days(pd.Series(["2024-05-11", "2024-05-13T10:00:00Z", "", "soon"]))
    assert period_start(day, "week").astype("datetime64[D]").astype(str).tolist()[:2] == ["2024-05-06", "2024-05-13"]
    assert day[2:].tolist() == [-1, -1] and period_start(day, "month")[2:].tolist() == [-1, -1]


def test_every_row_is_accounted_for(tmp_path):
    rows = [pair("d1", 0, "A", "B", 0.2, 0.3, status="ok"), pair("d1", 1, "", "", np.nan, np.nan, status="no_pair"),
            pair("d2", 0, "A", "", 0.2, 0.3, status="ok"), pair("d2", 1, "A", "B", "x", 0.3, status="ok"),
            pair("d3", 0, "A", "B", 0.2, 0.3, status="ok")]
    path = tmp_path / "scored.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    dyads = aggregate([path], min_n=3)
    tally = dyads.tally
    assert tally.rows == 5 and tally.kept == 2
    assert dict(tally.skipped) == {"status no_pair": 1, "no target actor": 1, "no valid probabilities": 1}
    assert tally.examples["no valid probabilities"] == ["scored.csv row 4"]
    assert dyads.below_min_n == (1, 2) and dyads.table.empty  # A → B has 2 rows < 3


def test_same_table_whatever_the_chunk_size_and_over_several_files(tmp_path):
    rng = np.random.default_rng(1)
    neg = rng.uniform(0, 0.5, 300)
    pos = rng.uniform(0, 0.5, 300)
    actors = ["USA", "FRA", "AZE", "ARM"]
    rows = [pair(f"d{i // 4}", i % 4, actors[i % 4], actors[(i // 4) % 4], neg[i], pos[i],
                 date=f"2024-0{1 + i % 6}-1{i % 10}") for i in range(300)]
    frame = pd.DataFrame(rows)
    frame.to_csv(tmp_path / "all.csv", index=False)
    frame.iloc[:111].to_csv(tmp_path / "a.csv", index=False)
    frame.iloc[111:].to_csv(tmp_path / "b.csv", index=False)
    whole = aggregate([tmp_path / "all.csv"], period="week", resamples=200).table
    pieces = aggregate([tmp_path / "a.csv", tmp_path / "b.csv"], period="week", chunksize=7, resamples=200).table
    pd.testing.assert_frame_equal(whole, pieces)
    assert whole["n"].sum() == 300


def test_cells_spilled_to_temporary_files_are_removed(pairs_file, tmp_path, monkeypatch):
    import tempfile

    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    assert len(aggregate([pairs_file]).table) == 3
    assert list(spill.iterdir()) == []
    with pytest.raises(Exception):
        aggregate([pairs_file, tmp_path / "missing.csv"])
    assert list(spill.iterdir()) == []


def test_bootstrap_interval_matches_the_normal_approximation_on_many_documents():
    rng = np.random.default_rng(0)
    values = rng.normal(0.2, 0.3, 400)  # one row per document
    low, high = bootstrap_interval(np.array([0]), np.array([400]), values, np.ones(400), resamples=2000)
    half = 1.96 * values.std(ddof=1) / np.sqrt(400)
    assert low[0] == pytest.approx(values.mean() - half, abs=0.15 * half)
    assert high[0] == pytest.approx(values.mean() + half, abs=0.15 * half)


def test_bootstrap_weights_rows_and_keeps_dyads_apart():
    # dyad 0: documents of 1 and 3 rows; dyad 1: one document (no interval); dyad 2: two equal documents
    starts, sizes = np.array([0, 2, 3]), np.array([2, 1, 2])
    sums, counts = np.array([1.0, -3.0, 0.5, 0.2, 0.2]), np.array([1.0, 3.0, 1.0, 1.0, 1.0])
    low, high = bootstrap_interval(starts, sizes, sums, counts, resamples=500)
    assert low[0] == pytest.approx(-1.0) and high[0] == pytest.approx(1.0)  # all of one document, or the other
    assert np.isnan(low[1]) and np.isnan(high[1])
    assert low[2] == pytest.approx(0.2) and high[2] == pytest.approx(0.2)


def test_a_progress_bar_counts_the_rows_read(pairs_file, capsys):
    aggregate([pairs_file], progress=True)
    err = capsys.readouterr().err
    assert "pairs: " in err and "5.00 rows" in err
