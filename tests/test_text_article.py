"""The plain-text export is read into typed blocks and written back in HTML5 and in its own layout."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from transloc.document.text import read_text_article, write_text_article, write_text_article_html


def kinds(path: Path) -> list[tuple[str, str, bool]]:
    return [(b.kind, b.text, b.translatable) for b in read_text_article(path).blocks]


def test_example_article_blocks(example: Path) -> None:
    blocks = kinds(example)
    by_kind: dict[str, list[str]] = {}
    for kind, text, _ in blocks:
        by_kind.setdefault(kind, []).append(text)
    assert blocks[0] == ("kicker", "Politik", True)
    assert blocks[1][0] == "headline" and blocks[1][1].startswith("Wladimir Putin: ")
    assert blocks[2][0] == "caption" and blocks[2][1].endswith("geschlossen?")
    assert blocks[3] == ("credit", "Bild: picture alliance/dpa/KCNA/KNS | Uncredited", False)
    assert by_kind["share"] == ["• Artikel teilen:"]
    assert len(by_kind["paragraph"]) == 4
    assert len(by_kind["subhead"]) == 3
    assert by_kind["subhead"][2].strip() == '"Das wird enorme Konsequenzen haben!"'
    assert by_kind["teaser"][0].startswith("Lesen Sie auch:")
    assert by_kind["social"][0].startswith("Folgen Sie News.de")
    assert ("byline", "/fka/news.de/dpa", False) in blocks
    assert blocks[-1] == ("label", "Themen", True)


def test_untranslated_text_output_is_the_input(example: Path) -> None:
    doc = read_text_article(example)
    assert write_text_article(doc, {}) == example.read_text(encoding="utf-8")


def test_text_output_keeps_layout_and_credit(example: Path) -> None:
    doc = read_text_article(example)
    translations = {i: f"T{i}" for i, b in enumerate(doc.blocks) if b.translatable}
    out = write_text_article(doc, translations)
    assert out.startswith("T0\n\nT1\n\nT2 Bild: picture alliance/dpa/KCNA/KNS | Uncredited\n\n  T4\n")
    assert "/fka/news.de/dpa" in out


def test_semantic_html(example: Path) -> None:
    doc = read_text_article(example)
    html = write_text_article_html(doc, {1: "Putin & <b>Kim</b>"}, "en")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    article = soup.find("article")
    assert article.find("h1").get_text() == "Putin & <b>Kim</b>"
    assert article.find("b") is None, "translated text is escaped, never markup"
    assert article.find("figure").find("figcaption").find("small", class_="credit").get_text().startswith("Bild:")
    assert len(article.find_all("h2")) == 3
    assert article.find("aside").get_text().startswith("Lesen Sie auch:")
    assert article.find("footer").find(class_="byline").get_text() == "/fka/news.de/dpa"
    assert soup.title.get_text() == "Putin & <b>Kim</b>"
