"""The review page: built through `transloc review` from a real catalog, read as HTML, and driven in
headless Chromium (Debian's /usr/bin/chromium through Playwright; no browser download)."""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from bs4 import BeautifulSoup

import engines
from support import run_cli as invoke
from transloc import pipeline
from transloc.config import Settings
from transloc.localise.locales import parse_locale

CHROMIUM = Path(os.environ.get("TRANSLOC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)><a href="javascript:alert(3)">click</a>'

# The scenario: one sentence per state and per filter, by hand.
HEADLINE = "Kanzler warnt vor Atompakt"  # reviewed, glossary term applied
LOW = "Experten warnen vor enormen Konsequenzen für die Sicherheit in Europa."  # draft, confidence 0.20
FLAGGED = "Die Polizei und das Gericht haben den Bericht der Stadt geprüft."  # draft, review flag, confidence 0.90
WRONG = "Der Kanzler sagte, die Preise stiegen um 3,5 Prozent."  # draft: number lost, glossary term violated
EVIL_ROW = "Nach dem Sturm blieben viele Schulen in der Region geschlossen."  # reviewed, malicious msgstr
EMPTY = "Die Schulen bleiben morgen geschlossen."  # untranslated
OLD = "Der Bürgermeister lobte die Feuerwehr."
CHANGED = "Der Bürgermeister lobte die Feuerwehr am Montag."  # source changed after a person's translation
ORDER = [HEADLINE, LOW, FLAGGED, WRONG, EVIL_ROW, EMPTY, CHANGED]
EXPECTED = {"needs": [FLAGGED], "low": [LOW], "errors": [WRONG, EVIL_ROW], "all": ORDER}  # raw markup fails check
TABLE = {
    HEADLINE: "Chancellor warns of nuclear pact",
    LOW: "Experts warn of enormous consequences for the security of Europe.",
    FLAGGED: "The police and the court have examined the report of the city.",
    WRONG: "The minister said prices rose by percent.",
    EVIL_ROW: "After the storm many schools in the region remained closed.",
    EMPTY: "The schools stay closed tomorrow.",
    OLD: "The mayor praised the fire brigade.",
}


def article_html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in paragraphs)
    return f"<!doctype html><html lang=de><body><h1>{HEADLINE}</h1>\n{body}</body></html>"


def mt_line(confidence: float, msgstr: str) -> str:
    return f"mt: table confidence={confidence:.2f} draft={hashlib.sha1(msgstr.encode()).hexdigest()[:8]}"


@pytest.fixture
def scenario(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Translate the article with a table engine, then act as the desk would: approve, edit, change the source."""
    glossary = workdir / "terms.csv"
    glossary.write_text("de,en\nKanzler,chancellor\n", encoding="utf-8")
    article = workdir / "story.html"
    article.write_text(article_html([LOW, FLAGGED, WRONG, EVIL_ROW, EMPTY, OLD]), encoding="utf-8")
    engine = engines.TableEngine()
    engine.table = TABLE
    settings = Settings()
    target = parse_locale("en")
    pipeline.translate([article], target, settings, lambda: engine)
    po_path = workdir / "locales" / "en" / "story.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.comment = "\n".join(line for line in entry.comment.splitlines() if not line.startswith("review:"))
    for msgid, msgstr in TABLE.items():
        po.find(msgid).msgstr = msgstr  # what the engine saw was rewritten by the hooks: set the drafts plainly
    po.find(HEADLINE).flags.remove("fuzzy")
    po.find(OLD).flags.remove("fuzzy")  # a person approved it; the sentence changes below
    po.find(LOW).comment += "\n" + mt_line(0.2, po.find(LOW).msgstr)
    po.find(FLAGGED).comment += "\n" + mt_line(0.9, po.find(FLAGGED).msgstr) + "\nreview: repeat: checked by hand"
    evil = po.find(EVIL_ROW)
    evil.msgstr = EVIL
    evil.flags.remove("fuzzy")
    po.find(EMPTY).msgstr = ""
    po.find(EMPTY).flags.remove("fuzzy")
    po.save(str(po_path))
    article.write_text(article_html([LOW, FLAGGED, WRONG, EVIL_ROW, EMPTY, CHANGED]), encoding="utf-8")
    code, _, err = invoke("extract", "--to", "en", "--glossary", str(glossary), str(article))
    assert code == 0, err
    code, out, err = invoke("review", "--to", "en", "--glossary", str(glossary), str(article))
    assert code == 0, err
    page = workdir / "build" / "en" / "story.review.html"
    assert out.strip() == str(Path("build/en/story.review.html"))
    return page


def soup_of(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def row_of(soup: BeautifulSoup, source: str) -> Any:
    rows = [r for r in soup.select("article.row") if r.select_one(".src").get_text(" ", strip=True).startswith(source)]
    assert len(rows) == 1, source
    return rows[0]


def test_rows_in_document_order_grouped_by_block(scenario: Path) -> None:
    soup = soup_of(scenario)
    sources = [r.select_one(".src").find(string=True, recursive=False) or "" for r in soup.select("article.row")]
    assert len(sources) == len(ORDER)
    for row, source in zip(soup.select("article.row"), ORDER, strict=True):
        assert row.select_one(".src").get_text(" ", strip=True).startswith(source.split()[-1][:0] + source[:12])
    kinds = [section["data-kind"] for section in soup.select("section.block")]
    assert kinds[0] == "headline" and set(kinds[1:]) == {"paragraph"} and len(kinds) == len(ORDER)


def test_states_confidence_flags_diagnostics_and_diff(scenario: Path) -> None:
    soup = soup_of(scenario)
    state = {s: row_of(soup, s)["data-state"] for s in ORDER}
    assert state == {
        HEADLINE: "reviewed", LOW: "draft", FLAGGED: "draft", WRONG: "draft", EVIL_ROW: "reviewed",
        EMPTY: "untranslated", CHANGED: "fallback",
    }
    low = row_of(soup, LOW).select_one(".conf")
    assert low.get_text(strip=True) == "0.20" and "conf-low" in low["class"]
    high = row_of(soup, FLAGGED).select_one(".conf")
    assert high.get_text(strip=True) == "0.90" and "conf-high" in high["class"]
    assert row_of(soup, HEADLINE).select_one(".conf").get_text(strip=True) == "–"
    flagged = row_of(soup, FLAGGED)
    assert "review: repeat: checked by hand" in flagged.select_one(".notes").get_text(" ", strip=True)
    assert flagged.select_one(".where").get_text().startswith("locales/en/story.po:")
    wrong = row_of(soup, WRONG).select(".notes .diag.error")
    messages = " | ".join(d.get_text(" ", strip=True) for d in wrong)
    line = row_of(soup, WRONG).select_one(".where").get_text()
    assert "[numbers]" in messages and "[glossary]" in messages and messages.startswith(line)
    diff = row_of(soup, CHANGED).select_one(".diff")
    assert [i.get_text(strip=True) for i in diff.select("ins")] == ["am Montag"]
    assert diff.select("del") == []
    assert " ".join(diff.get_text().split()) == "source changed: " + CHANGED
    header = soup.select_one("#counts").get_text(" ", strip=True)
    assert "7 sentences" in header and "2 reviewed" in header and "3 machine draft" in header
    assert "1 falls back to source" in header
    assert "1 untranslated" in header and "1 need review" in header and "1 low confidence" in header


def test_glossary_terms_marked_in_both_columns(scenario: Path) -> None:
    soup = soup_of(scenario)
    headline = row_of(soup, HEADLINE)
    assert [m.get_text() for m in headline.select(".src .term-ok")] == ["Kanzler"]
    assert [m.get_text() for m in headline.select(".tgt .term-ok")] == ["Chancellor"]
    wrong = row_of(soup, WRONG)
    assert [m.get_text() for m in wrong.select(".src .term-bad")] == ["Kanzler"]
    assert wrong.select(".tgt .term-ok") == []


def test_malicious_msgstr_is_text_and_the_page_is_self_contained(scenario: Path) -> None:
    text = scenario.read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    assert row_of(soup, EVIL_ROW).select_one(".tgt").get_text() == EVIL
    assert len(soup.find_all("script")) == 1 and soup.find("img") is None
    assert not soup.select("[onerror], [onclick], [onload]")
    assert all(not a.get("href", "").startswith("javascript:") for a in soup.find_all("a"))
    assert soup.find("link") is None and not soup.select("[src]")
    assert "default-src 'none'" in soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "http://" not in text and "https://" not in text


def test_review_without_catalog_is_one_line_and_writes_nothing(workdir: Path) -> None:
    article = workdir / "story.html"
    article.write_text(article_html([LOW]), encoding="utf-8")
    code, out, err = invoke("review", "--to", "en", str(article))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no catalog yet" in err and "transloc translate --to en" in err
    assert not (workdir / "build").exists()


def test_status_counts_and_weakest_first(scenario: Path) -> None:
    import json

    code, out, _ = invoke("status", "--format", "json")
    assert code == 0
    (row,) = json.loads(out)
    assert (row["needs_review"], row["low_confidence"]) == (1, 1)
    code, out, _ = invoke("status")
    header, line = out.strip().splitlines()
    assert header.split()[-2:] == ["review", "low-conf"] and line.split()[-2:] == ["1", "1"]
    code, out, _ = invoke("status", "--sort", "confidence", "--format", "json")
    assert [(w["confidence"], w["msgid"], w["review"]) for w in json.loads(out)] == [
        (0.2, LOW, []), (0.9, FLAGGED, ["repeat: checked by hand"])
    ]
    code, out, _ = invoke("status", "--sort", "confidence")
    lines = out.strip().splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines] == ["0.20", "0.90"]
    po = polib.pofile("locales/en/story.po")
    assert lines[0].startswith(f"locales/en/story.po:{po.find(LOW).linenum}: ")
    assert lines[1].startswith(f"locales/en/story.po:{po.find(FLAGGED).linenum}: ") and "repeat" in lines[1]
    # A broken catalog beside it: the readable one is still listed, the broken one named, exit 2 (as status does).
    Path("locales/en/broken.po").write_text('msgid "x\n', encoding="utf-8")
    code, out, err = invoke("status", "--sort", "confidence")
    assert code == 2 and out.strip().splitlines() == lines and "locales/en/broken.po" in err


# ----------------------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip(f"Chromium not installed ({CHROMIUM}); .ci/run installs Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (Python package, test extra) not installed")
    executable = str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium"))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every console message, page error, dialog and network request recorded."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.console: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def visible_sources(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "article.row:not([hidden]) .src", "els => els.map(e => e.firstChild ? e.innerText.trim() : '')"
        )


def first_line(text: str) -> str:
    return text.splitlines()[0].strip()


def test_in_chromium_filters_keys_escaping_and_screenshot(browser: Any, scenario: Path, tmp_path: Path) -> None:
    w = Watched(browser)
    w.page.goto(scenario.resolve().as_uri())
    w.page.wait_for_selector("article.row")

    def shown() -> list[str]:
        return [first_line(t) for t in w.visible_sources()]

    assert shown() == ORDER
    for name, label in [("needs", "Needs review"), ("low", "Low confidence"), ("errors", "Errors"), ("all", "All")]:
        w.page.get_by_role("button", name=label).click()
        assert shown() == EXPECTED[name], name
    # The same filters from the keyboard, and j/k moving between visible rows only.
    for key, name in [("1", "needs"), ("2", "low"), ("3", "errors"), ("4", "all")]:
        w.page.keyboard.press(key)
        assert shown() == EXPECTED[name], key
    w.page.keyboard.press("j")
    w.page.keyboard.press("j")
    current = w.page.eval_on_selector("article.row.current .src", "e => e.innerText")
    assert first_line(current) == ORDER[1]
    w.page.keyboard.press("k")
    assert first_line(w.page.eval_on_selector("article.row.current .src", "e => e.innerText")) == ORDER[0]
    # The malicious msgstr: shown as text, no element made, no dialog opened, nothing fetched.
    evil_text = w.page.evaluate(
        "source => [...document.querySelectorAll('article.row')]"
        ".filter(r => r.querySelector('.src').innerText.trim().startsWith(source))"
        ".map(r => r.querySelector('.tgt').textContent)",
        EVIL_ROW,
    )
    assert evil_text == [EVIL]
    counts = w.page.evaluate(
        "() => [document.scripts.length, document.images.length, document.querySelectorAll('a').length]"
    )
    assert counts == [1, 0, 0]
    w.page.wait_for_timeout(200)
    assert w.dialogs == []
    assert w.requests == [scenario.resolve().as_uri()]
    assert [c for c in w.console if c[0] in ("error", "pageerror", "warning")] == []
    # A screenshot, and it is not blank.
    shot = tmp_path / "review.png"
    w.page.screenshot(path=str(shot), full_page=False)
    assert distinct_colours(shot.read_bytes()) > 20
    w.context.close()


def test_screenshot_check_tells_a_blank_page(browser: Any, tmp_path: Path) -> None:
    """The non-blank test above can fail: a blank page has a handful of colours at most."""
    w = Watched(browser)
    w.page.set_content("<html><body></body></html>")
    assert distinct_colours(w.page.screenshot()) <= 2
    w.context.close()


def distinct_colours(png: bytes) -> int:
    """Distinct RGB(A) pixel values of an 8-bit PNG (no imaging library needed)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        if y % 4 == 0:
            colours.update(bytes(row[x : x + 3]) for x in range(0, stride, channels * 4))
        previous = row
    return len(colours)


def test_fallback_states_match_the_build(workdir: Path) -> None:
    """Sentences the build keeps in German: invalid placeholders, drafts under --reviewed-only, and a source
    edited after the last extract; the page names the same reasons as the build report."""
    article = workdir / "story.html"
    article.write_text(
        "<!doctype html><html lang=de><body><p>Laut <a href='https://example.org'>Reuters</a> sagte er nichts.</p>"
        "<p>Der Minister schwieg.</p></body></html>",
        encoding="utf-8",
    )
    code, _, err = invoke("extract", "--to", "en", str(article))
    assert code == 0, err
    po = polib.pofile("locales/en/story.po")
    po.find("Laut <1>Reuters</1> sagte er nichts.").msgstr = "According to Reuters he said nothing."  # <1> lost
    minister = po.find("Der Minister schwieg.")
    minister.msgstr, minister.flags = "The minister kept silent.", ["fuzzy"]
    po.save("locales/en/story.po")
    article.write_text(article.read_text(encoding="utf-8").replace("</body>", "<p>Neu ist dieser Satz.</p></body>"))
    code, _, err = invoke("review", "--to", "en", str(article))
    assert code == 0, err
    soup = soup_of(workdir / "build" / "en" / "story.review.html")
    rows = soup.select("article.row")
    assert [r["data-state"] for r in rows] == ["fallback", "draft", "fallback"]
    assert "invalid placeholders" in rows[0].select_one(".notes").get_text()
    assert "source changed" in rows[2].select_one(".notes").get_text()
    code, _, err = invoke("review", "--to", "en", "--reviewed-only", str(article))
    assert code == 0, err
    row = soup_of(workdir / "build" / "en" / "story.review.html").select("article.row")[1]
    assert row["data-state"] == "fallback" and "--reviewed-only" in row.select_one(".notes").get_text()


def test_page_path_mirrors_the_article_like_the_build(workdir: Path) -> None:
    folder = workdir / "site" / "a"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(article_html([LOW]), encoding="utf-8")
    code, out, err = invoke("translate", "--to", "en", "--engine", "pseudo", "site/a/index.html")
    assert code == 0, err
    code, out, err = invoke("review", "--to", "en", "site/a/index.html")
    assert code == 0, err
    assert (workdir / "build/en/site/a/index.html").is_file()
    assert out.strip() == "build/en/site/a/index.review.html" and Path(out.strip()).is_file()
