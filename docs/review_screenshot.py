"""Make docs/review-page.png: the review page of the example article, as in the README.

The example article is translated with the pseudo engine (no model needed); then, as a desk would, the
kicker and headline are approved and one sentence is approved after an edit that brings back a
forbidden name form, so the page shows reviewed rows, drafts and a glossary error. Needs Chromium (/usr/bin/chromium) and the playwright package (test extra).

    python docs/review_screenshot.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "corpus" / "text" / "news.de-nuklearpakt.txt"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="transloc-shot-") as tmp:
        work = Path(tmp)
        shutil.copy(EXAMPLE, work / EXAMPLE.name)
        shutil.copytree(ROOT / "glossary", work / "glossary")

        def transloc(*args: str) -> None:
            subprocess.run([sys.executable, "-m", "transloc", *args], cwd=work, check=True, env=os.environ.copy())

        transloc("translate", "--engine", "pseudo", "--to", "en", EXAMPLE.name)
        po_path = work / "locales" / "en" / f"{EXAMPLE.stem}.po"
        po = polib.pofile(str(po_path))
        entries = [e for e in po if not e.obsolete]
        for entry in entries[:2]:
            entry.flags.remove("fuzzy")
        edited = next(e for e in entries if "Sergei Shoigu" in e.msgstr)
        edited.msgstr = edited.msgstr.replace("Sergei Shoigu", "Sergej Schoigu")  # a forbidden form
        edited.flags.remove("fuzzy")
        po.save(str(po_path))
        transloc("review", "--to", "en", EXAMPLE.name)
        page = work / "build" / "en" / f"{EXAMPLE.stem}.review.html"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            tab = browser.new_page(viewport={"width": 1280, "height": 820})
            tab.goto(page.as_uri())
            tab.screenshot(path=str(ROOT / "docs" / "review-page.png"))
            browser.close()
    print(ROOT / "docs" / "review-page.png")


if __name__ == "__main__":
    main()
