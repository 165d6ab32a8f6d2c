"""The report in a real headless Chromium (Debian's, driven by Playwright): it loads offline with no console
error, the matrix and a dyad's evidence render, and a screenshot is taken.

Skips, saying why, only where no Chromium can be found (``.ci/run`` installs Debian's ``chromium``); set
``STANCE_CHROMIUM`` to use another Chromium or Chrome binary.
"""

import os
import shutil
import struct

import pytest

from stance.relations.report import build_report
from tests.pairs_support import write_pairs

pytestmark = pytest.mark.slow


def chromium_path() -> str | None:
    named = os.environ.get("STANCE_CHROMIUM")
    if named:
        return named
    return next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
                None)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make setup)")
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found: install Debian's chromium (apt-get install -y chromium) or set STANCE_CHROMIUM")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        browser.close()


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_report_renders_offline_with_no_console_error(browser, tmp_path):
    write_pairs(tmp_path / "pairs.csv")
    build_report([tmp_path / "pairs.csv"], tmp_path / "report", series=["ilham_aliyev:USA"], resamples=200)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems, requests = [], []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto((tmp_path / "report" / "index.html").as_uri())
    page.wait_for_load_state("load")

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
