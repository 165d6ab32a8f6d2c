"""Make the README's report screenshots (docs/report-matrix.png, docs/report-evidence.png).

From the project's own material only: the authored articles listed in datasets/articles/articles.csv, with
their dates (no seed article: its text is not reproduced in the project). Runs `stance extract` and
`stance report` with the given model, opens the page in headless Chromium (Debian's `chromium`, or
$STANCE_CHROMIUM) and takes the two screenshots: the top of the page with the matrix, and the evidence of
the dyad given by --cell after a click on its matrix cell.

    .venv/bin/python docs/screenshots.py [--model models:/stance@champion] [--cell ilham_aliyev:FRA]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_support import chromium_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="models:/stance@champion")
    parser.add_argument("--cell", default="ilham_aliyev:FRA", help="SOURCE_ID:TARGET_ID of the evidence shot")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    articles = ROOT / "datasets" / "articles"
    with open(articles / "articles.csv", encoding="utf-8", newline="") as handle:
        listed = [row["article"] for row in csv.DictReader(handle)]
    stance = str(Path(sys.executable).parent / "stance")
    source, target = args.cell.split(":")
    with tempfile.TemporaryDirectory() as tmp:
        pairs, report = Path(tmp) / "pairs.csv", Path(tmp) / "report"
        subprocess.run([stance, "extract", *(str(articles / f"{name}.txt") for name in listed), "--dates",
                        str(articles / "articles.csv"), "--model", args.model, "-o", str(pairs)], check=True)
        subprocess.run([stance, "report", str(pairs), "--actor", source, "--actor", target, "--series", args.cell,
                        "-o", str(report)],
                       check=True)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            page.goto((report / "index.html").as_uri())
            page.screenshot(path=str(Path(args.out) / "report-matrix.png"))
            page.locator(f'#matrix-table td[data-source="{source}"][data-target="{target}"] a').click()
            page.screenshot(path=str(Path(args.out) / "report-evidence.png"))
            browser.close()
    print(f"wrote {args.out}/report-matrix.png and {args.out}/report-evidence.png", file=sys.stderr)


if __name__ == "__main__":
    main()
