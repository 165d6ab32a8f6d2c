"""A headless Chromium for the report tests: Debian's ``chromium`` driven by Playwright (``.ci/run`` installs
it), or the binary named by ``STANCE_CHROMIUM``; the tests skip, saying why, only where there is none."""

import os
import shutil
import struct

import pytest


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
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


def open_page(browser, path, problems: list, requests: list, size=(1280, 900)):
    """A page on the file ``path``, recording console errors and warnings, page errors and every request."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])
