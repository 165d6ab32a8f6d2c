"""The README's worked example: the authored articles listed in datasets/articles/articles.csv (with their
dates) and the seed article (2023-11-28), extracted and scored, then reported; the page opens in Chromium with
no console error and shows Aliev → United States with its evidence sentence."""

import pandas as pd
import pytest

from stance.io.articles import read_articles, read_dates
from stance.io.extract import extract_and_score
from stance.relations.report import build_report
from tests.browser_support import open_page
from tests.support import DATASETS

pytestmark = pytest.mark.slow
ARTICLES = DATASETS / "articles"


@pytest.fixture(scope="module")
def example(model, public_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("example")
    listed = pd.read_csv(ARTICLES / "articles.csv", dtype=str)["article"]
    files = [ARTICLES / f"{name}.txt" for name in listed] + [public_data / "seed_article_fr.txt"]
    articles = read_articles(files, date="2023-11-28", dates=read_dates(ARTICLES / "articles.csv"))
    pairs = extract_and_score(model, articles)
    pairs.to_csv(folder / "pairs.csv", index=False)
    build_report([folder / "pairs.csv"], folder / "report", keep=["ilham_aliyev"], series=["ilham_aliyev:USA"],
                 resamples=200)
    return folder, pairs


def test_every_pair_has_its_article_date(example):
    _, pairs = example
    dates = pairs.groupby("doc_id")["date"].agg(set)
    assert dates["seed_article_fr"] == {"2023-11-28"} and dates["fr01"] == {"2024-05-11"}
    assert (pairs["date"] != "").all() and pairs["doc_id"].nunique() == 17


def test_the_report_shows_aliev_toward_the_united_states_with_its_sentence(example, browser, public_data):
    folder, _ = example
    # the seed article is read from the shared folder now: its text is not copied into the project
    seed = " ".join((public_data / "seed_article_fr.txt").read_text(encoding="utf-8").split())
    problems, requests = [], []
    page = open_page(browser, folder / "report" / "index.html", problems, requests)
    cell = page.locator('#matrix-table td[data-source="ilham_aliyev"][data-target="USA"] a')
    assert cell.is_visible() and cell.inner_text().startswith("−")  # hostile
    cell.click()
    section = page.locator('section.dyad[data-source="ilham_aliyev"][data-target="USA"]')
    assert section.is_visible() and section.locator("h3").inner_text() == "Ilham Aliyev → United States"
    sentence = section.locator("li .sentence").first
    shown = " ".join(sentence.inner_text().split())
    assert shown in seed and shown.endswith(".") and "abîmé" in shown  # the seed's sentence on damaged relations
    assert section.locator("li .where").first.inner_text().startswith("seed_article_fr #")
    assert sentence.locator("mark.source").inner_text() == "Ilham Aliev"
    assert sentence.locator("mark.target").inner_text() == "Etats-Unis"
    page.screenshot(path=str(folder / "aliev.png"))
    assert (folder / "aliev.png").stat().st_size > 20_000
    assert problems == [] and all(url.startswith("file://") for url in requests)
    page.close()
