"""The report in a real headless Chromium (Debian's, driven by Playwright): it loads offline with no console
error, the matrix and a dyad's evidence render, and a screenshot is taken.

Skips, saying why, only where no Chromium can be found (``.ci/run`` installs Debian's ``chromium``); set
``STANCE_CHROMIUM`` to use another Chromium or Chrome binary.
"""

import pytest

from stance.relations.report import build_report
from tests.browser_support import open_page, png_size
from tests.pairs_support import write_pairs

pytestmark = pytest.mark.slow


def test_report_renders_offline_with_no_console_error(browser, tmp_path):
    write_pairs(tmp_path / "pairs.csv")
    build_report([tmp_path / "pairs.csv"], tmp_path / "report", series=["ilham_aliyev:USA"], resamples=200)
    problems, requests = [], []
    page = open_page(browser, tmp_path / "report" / "index.html", problems, requests)

    matrix = page.locator("#matrix-table")
    assert matrix.is_visible() and matrix.bounding_box()["height"] > 100
    assert page.locator("#matrix-table td.cell").count() == 5
    assert page.locator("#network-figure svg").bounding_box()["width"] > 300
    assert page.locator("#series-figure svg").is_visible()

    cell = page.locator('#matrix-table td[data-source="ilham_aliyev"][data-target="USA"] a')
    assert cell.inner_text() == "−0.27"
    cell.click()
    section = page.locator('section.dyad[data-source="ilham_aliyev"][data-target="USA"]')
    assert page.evaluate("location.hash") == "#" + section.get_attribute("id")
    assert section.is_visible() and section.locator("h3").inner_text() == "Ilham Aliyev → United States"
    sentences = section.locator("li .sentence")
    assert sentences.count() == 3
    assert "« l’ingérence »" in sentences.first.inner_text()
    assert section.locator("mark.source").first.inner_text() == "Ilham Aliev"
    assert section.locator("mark.target").first.inner_text() == "États-Unis"
    assert section.locator("mark.source").first.evaluate("e => getComputedStyle(e).backgroundColor") != \
        section.locator("mark.target").first.evaluate("e => getComputedStyle(e).backgroundColor")
    top = section.bounding_box()["y"]
    assert 0 <= top < 900  # scrolled into view

    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    width, height = png_size(shot)
    assert (width, height) == (1280, 900) and shot.stat().st_size > 20_000
    assert problems == []
    assert all(url.startswith("file://") for url in requests), requests
    page.close()
