"""Dates, ids and urls of articles carried onto their pairs; what each actor stands for on that date."""

import pandas as pd
import pytest

from stance.actors.country import Affiliations
from stance.actors.gazetteer import load
from stance.errors import InputError
from stance.io.articles import read_articles, read_dates
from stance.io.extract import extract_and_score, extract_rows
from stance.schema import ACTOR_COUNTRY_COLUMNS, EXTRACT_COLUMNS

ARTICLE = ("Le secrétaire d'Etat américain a critiqué mardi Bakou. "
           "Selon le président azerbaïdjanais, les Etats-Unis ont « abîmé » les relations.")


def test_txt_files_take_their_date_and_url_from_the_dates_csv_else_the_date_option(tmp_path):
    (tmp_path / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b2.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "dates.csv").write_text("article,date,url\na1,2023-11-28,https://example.org/a1\n", encoding="utf-8")
    articles = read_articles([tmp_path / "a1.txt", tmp_path / "b2.txt"], date="2024-01-02",
                             dates=read_dates(tmp_path / "dates.csv"))
    assert [(a[0], a[2], a[3]) for a in articles] == [
        ("a1", "2023-11-28", {"url": "https://example.org/a1"}), ("b2", "2024-01-02", {})]


def test_csv_articles_keep_their_own_doc_id_date_and_url(tmp_path):
    path = tmp_path / "in.csv"
    pd.DataFrame({"doc_id": ["x", "y"], "text": [ARTICLE, ARTICLE], "date": ["2023-11-28", ""],
                  "url": ["u1", ""]}).to_csv(path, index=False)
    articles = read_articles([path], date="2020-05-05")
    assert [(a[0], a[2], a[3]) for a in articles] == [("x", "2023-11-28", {"url": "u1"}), ("y", "2020-05-05", {})]


@pytest.mark.parametrize("content, message", [
    ("doc_id,text,date\nx,Bonjour,2023-13-45\n", "line 2, column date: '2023-13-45' is not a date"),
    ("doc_id,text,date\nx,Bonjour,2023-11-28\ny,Salut,demain\n", "line 3, column date: 'demain'"),
])
def test_a_bad_date_is_a_clear_error_naming_the_line(tmp_path, content, message):
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_articles([path])


def test_a_dates_csv_without_its_columns_is_a_clear_error(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("name,when\na,2023-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs a 'doc_id' \\(or 'article'\\) column and a 'date' column"):
        read_dates(path)


def test_extracted_pairs_carry_date_url_and_the_countries_of_the_day(toy_pipeline):
    pairs = extract_and_score(toy_pipeline, [("a1", ARTICLE, "2023-11-28", {"url": "u1"}), ("b2", ARTICLE, None)])
    assert list(pairs.columns) == [*EXTRACT_COLUMNS, *ACTOR_COUNTRY_COLUMNS, "date", "url"]
    first = pairs[pairs["doc_id"] == "a1"]
    assert set(first["date"]) == {"2023-11-28"} and set(first["url"]) == {"u1"}
    # the Secretary of State on 2023-11-28 is Antony Blinken, who stands for the United States
    blinken = first[first["source_id"] == "antony_blinken"]
    assert len(blinken) and set(blinken["source_country"]) == {"USA"} and set(blinken["target_country"]) == {"AZE"}
    undated = pairs[pairs["doc_id"] == "b2"]
    assert set(undated["date"]) == {""} and "antony_blinken" not in set(undated["source_id"])


def test_text_only_rows_carry_the_named_input_columns(toy_pipeline):
    frame = pd.DataFrame({"text": [ARTICLE, "Il pleut."], "date": ["2023-11-28T09:00:00Z", "2023-11-29"],
                          "url": ["u1", "u2"]})
    out = extract_rows(toy_pipeline, frame, carry=("date", "url", "absent"))
    assert list(out.columns) == ["row", *EXTRACT_COLUMNS, *ACTOR_COUNTRY_COLUMNS, "status", "date", "url"]
    assert set(out.loc[out["row"] == 0, "date"]) == {"2023-11-28T09:00:00Z"}  # as given
    assert out.loc[out["row"] == 1, ["status", "url"]].values.tolist() == [["no_pair", "u2"]]


@pytest.mark.parametrize("actor, on, country", [
    ("antony_blinken", "2023-11-28", "USA"),  # Secretary of State: the United States
    ("AZEGOV", None, "AZE"),
    ("ilham_aliyev", "2023-11-28", "AZE"),
    ("UN", None, "UN"),  # an organisation without a country stands for itself
    ("DEM", None, "USA"),  # a party stands for its country
    ("ner:jean_dupont", None, ""),
])
def test_affiliation_of_an_actor_on_a_date(actor, on, country):
    from datetime import date

    assert Affiliations(load()).country(actor, date.fromisoformat(on) if on else None) == country


def test_labels_in_english_and_french():
    names = Affiliations(load())
    assert names.label("USA", "fr") == "Etats-Unis" and names.label("USA", "en") == "United States"
    assert names.label("AZEGOV", "fr") == "Azerbaïdjan (gouvernement)"
    assert names.label("ilham_aliyev", "fr") == "Ilham Aliyev"
    assert names.label("ner:jean_dupont") == "jean dupont"


def test_text_only_score_keeps_the_input_date_and_url_on_every_pair(toy_pipeline, tmp_path):
    from stance.io.scoring import score_csv

    source = tmp_path / "in.csv"
    pd.DataFrame({"doc_id": ["d1", "d2"], "text": [ARTICLE, "Il pleut."], "date": ["2023-11-28", "2023-11-29"],
                  "url": ["u1", "u2"]}).to_csv(source, index=False)
    score_csv(source, tmp_path / "out.csv", toy_pipeline)
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert (out.groupby("doc_id")[["date", "url"]].agg(set).to_dict("index")
            == {"d1": {"date": {"2023-11-28"}, "url": {"u1"}}, "d2": {"date": {"2023-11-29"}, "url": {"u2"}}})
    assert {"source_country", "target_country"} <= set(out.columns)


def test_extract_writes_date_and_url_and_never_overwrites_the_dates_csv(tmp_path, monkeypatch, capsys,
                                                                       toy_pipeline):
    # the merge of issues 11 and 14: --dates is an input too; the pairs carry date and url, read back the same
    import csv

    import stance.cli.commands as commands
    from stance.cli import main

    monkeypatch.setattr(commands, "_load_model", lambda args: toy_pipeline)
    (tmp_path / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("article,date,url\na1,2023-11-28,https://example.org/a1\n", encoding="utf-8")
    assert main(["extract", str(tmp_path / "a1.txt"), "--dates", str(dates), "-o", str(dates)]) == 2
    assert "must not overwrite the input" in capsys.readouterr().err
    assert dates.read_text(encoding="utf-8").startswith("article,date,url")
    assert main(["extract", str(tmp_path / "a1.txt"), "--dates", str(dates), "-o", str(tmp_path / "p.csv")]) == 0
    with open(tmp_path / "p.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, strict=True))
    assert rows[0] == [*EXTRACT_COLUMNS, *ACTOR_COUNTRY_COLUMNS, "date", "url"]
    assert {tuple(r[-2:]) for r in rows[1:]} == {("2023-11-28", "https://example.org/a1")}


def test_a_dates_csv_listing_an_article_twice_is_a_clear_error(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("article,date\na1,2023-01-01\na2,2023-01-02\na1,2023-01-03\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 4: article 'a1' is listed twice"):
        read_dates(path)


def test_a_malformed_article_csv_stops_naming_its_line(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('doc_id,text,date\nx,"Bakou a critiqué,2023-11-28\ny,"Erevan",2023-11-29\n', encoding="utf-8")
    with pytest.raises(InputError, match="malformed CSV at line 2"):
        read_articles([path])
