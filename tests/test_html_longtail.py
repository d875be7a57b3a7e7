"""The long tail of real HTML: character references, every text-bearing attribute, malformed nesting.

Each rebuilt page is compared with its source through html5lib — the parsing algorithm browsers
run — not through the stdlib parser the code under test uses.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import elements, texts, upper_outside_placeholders, visible_text
from transloc.document.html import read_html, write_html


def doc_from(html: str):
    return read_html(Path("page.html"), html)


def blocks(html: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc_from(html).blocks]


def build(html: str, transform=None) -> str:
    doc = doc_from(html)
    translations = {i: transform(b.text) for i, b in enumerate(doc.blocks)} if transform else {}
    return write_html(doc, translations, "en")


def same_for_a_browser(source: str, output: str) -> None:
    assert elements(output) == elements(source)
    assert texts(output) == texts(source)


# -- character references -----------------------------------------------------------------------


def test_unknown_reference_survives_in_msgid_and_page():
    html = "<p>Use &brandShortName; for the best experience.</p>"
    assert blocks(html) == [("paragraph", "Use &brandShortName; for the best experience.")]
    assert build(html) == html
    translated = build(html, lambda t: t.replace("Use", "Nutzen Sie"))
    assert translated == "<p>Nutzen Sie &brandShortName; for the best experience.</p>"


def test_unknown_reference_in_an_attribute_survives():
    html = '<img alt="Logo von &brandShortName;" src="x.png">'
    assert blocks(html) == [("attr:alt", "Logo von &brandShortName;")]
    assert build(html) == html


@pytest.mark.parametrize(
    ("source", "reader_sees"),
    [
        ("A &amp; B", "A & B"),
        ("&copy; dpa", "© dpa"),
        ("&copy dpa", "© dpa"),  # legacy reference without ';'
        ("&notit; so", "¬it; so"),  # a browser reads the legacy prefix &not
        ("&#65;&#x42;", "AB"),
        ("Tom &amp Jerry", "Tom & Jerry"),
        ("R&D-Abteilung", "R&D-Abteilung"),
        ("&unknown ohne Semikolon", "&unknown ohne Semikolon"),
    ],
)
def test_references_read_as_a_browser_reads_them(source, reader_sees):
    html = f"<p>{source}</p>"
    assert visible_text(html) == reader_sees  # the oracle agrees with the expectation
    assert [text for _, text in blocks(html)] == [reader_sees]
    output = build(html)
    assert visible_text(output) == reader_sees
    assert visible_text(build(html, upper_outside_placeholders)) == reader_sees.upper()


def test_known_references_are_written_safely():
    output = build("<p>a &lt;b&gt; &amp;amp; c</p>")
    assert visible_text(output) == "a <b> &amp; c"
    assert elements(output) == elements("<p>x</p>")


# -- every text-bearing attribute -----------------------------------------------------------------

ATTRIBUTE_PAGE = """<html><head>
<meta property="og:image:alt" content="Ein Soldat vor einem Panzer">
<meta name="twitter:image:alt" content="Soldat im Schnee">
<meta name="keywords" content="Ukraine, Krieg, Nordkorea">
<meta name="news_keywords" content="Ukraine, Truppen">
<meta property="og:site_name" content="DER SPIEGEL">
<meta property="og:site_name" content="Das Nachrichtenportal für die Region">
</head><body>
<table summary="Preise im Vergleich"><tr><th abbr="Preis">Der Preis in Euro</th></tr></table>
<form><input type="text" value="Suchbegriff eingeben"><input type=search value="Suche"><input type=hidden
value="geheim"><input value="Ohne Typ"><input type=image alt="Absenden" src="x.png">
<select><optgroup label="Länder"><option label="Deutschland" value="de">DE</option></optgroup></select></form>
<map><area alt="Karte von Berlin" href="#"></map>
<video><track label="Deutsche Untertitel" kind="subtitles"></video>
</body></html>"""


def test_every_text_bearing_attribute_is_an_entry_of_its_own():
    assert blocks(ATTRIBUTE_PAGE) == [
        ("meta:og:image:alt", "Ein Soldat vor einem Panzer"),
        ("meta:twitter:image:alt", "Soldat im Schnee"),
        ("meta:keywords", "Ukraine, Krieg, Nordkorea"),
        ("meta:news_keywords", "Ukraine, Truppen"),
        ("meta:og:site_name", "Das Nachrichtenportal für die Region"),  # the brand "DER SPIEGEL" is not prose
        ("attr:summary", "Preise im Vergleich"),
        ("attr:abbr", "Preis"),
        ("table-cell", "Der Preis in Euro"),
        ("attr:value", "Suchbegriff eingeben"),
        ("attr:value", "Suche"),
        ("attr:value", "Ohne Typ"),  # no type means a text field; the hidden one is data
        ("attr:alt", "Absenden"),
        ("attr:label", "Länder"),
        ("attr:label", "Deutschland"),
        ("text", "DE"),
        ("attr:alt", "Karte von Berlin"),
        ("attr:label", "Deutsche Untertitel"),
    ]


def test_every_text_bearing_attribute_is_rebuilt():
    output = build(ATTRIBUTE_PAGE, upper_outside_placeholders)
    for text in (
        "EIN SOLDAT VOR EINEM PANZER",
        "SOLDAT IM SCHNEE",
        "UKRAINE, KRIEG, NORDKOREA",
        "UKRAINE, TRUPPEN",
        "DAS NACHRICHTENPORTAL FÜR DIE REGION",
        "PREISE IM VERGLEICH",
        "PREIS",
        "SUCHBEGRIFF EINGEBEN",
        "SUCHE",
        "OHNE TYP",
        "ABSENDEN",
        "LÄNDER",
        "DEUTSCHLAND",
        "KARTE VON BERLIN",
        "DEUTSCHE UNTERTITEL",
    ):
        assert f'="{text}"' in output, text
    assert 'value="geheim"' in output and 'content="DER SPIEGEL"' in output
    source, rebuilt = elements(ATTRIBUTE_PAGE), elements(output)
    assert [name for name, _ in rebuilt] == [name for name, _ in source]
    assert [sorted(attrs) for _, attrs in rebuilt] == [sorted(attrs) for _, attrs in source]


def test_attribute_entries_carry_their_kind_in_the_po(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from transloc.cli import main

    page = tmp_path / "page.html"
    page.write_text(ATTRIBUTE_PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract", "--to", "en", str(page)])
    assert result.exit_code == 0, result.output
    po = (tmp_path / "locales" / "en" / "page.po").read_text(encoding="utf-8")
    for kind in ("meta:og:image:alt", "meta:news_keywords", "attr:summary", "attr:abbr", "attr:label"):
        assert f"#. block: {kind}\n" in po, kind
    assert re.search(r'#\. block: attr:label\n#: [^\n]*\nmsgid "Deutsche Untertitel"', po)


# -- malformed nesting ------------------------------------------------------------------------------

MALFORMED = [
    "<h3><p>Some text<p></h3>",
    "<div><p>Erster Absatz<p>Zweiter Absatz</div>",
    "<ul><li>Eins<li>Zwei<li>Drei</ul>",
    "<div>Text ohne Absatz</p> und weiter</div>",
    "<p>Zeile eins</br>Zeile zwei</p>",
    "<p>Ein <b>fetter <i>kursiver</b> Text</i> hier.</p>",
    "<p>Ein <b>fetter Satz.</p><p>Danach weiter.</p>",
    "<p>Leer <span/> und danach Text.</p>",
    "<table><tr><td>Zelle eins<td>Zelle zwei</table>",
    "<p>Absatz <div>mit Block</div> darin.</p>",
    "<dl><dt>Begriff<dd>Erklärung</dl>",
    "<p>Bild<br></br>Unterschrift</p>",
]


@pytest.mark.parametrize("html", MALFORMED)
def test_malformed_nesting_is_rebuilt_as_a_browser_read_it(html):
    same_for_a_browser(html, build(html))
    translated = build(html, upper_outside_placeholders)
    assert elements(translated) == elements(html)
    assert texts(translated) == [t.upper() for t in texts(html)]


def test_heading_holding_paragraphs_gains_no_element():
    output = build("<h3><p>Some text<p></h3>", upper_outside_placeholders)
    assert [name for name, _ in elements(output)] == ["html", "head", "body", "h3", "p", "p"]
    assert texts(output) == ["SOME TEXT"]


# -- many inline elements (timing lives in bench/inline_elements.py) --------------------------------


def test_paragraph_with_many_inline_elements_round_trips():
    count = 5_000
    html = "<p>" + "Wort <b>fett</b> " * count + "Ende.</p>"
    doc = doc_from(html)
    assert len(doc.blocks) == 1 and doc.blocks[0].text.count("</") == count
    from transloc.segment import reassemble, split_block

    segments = split_block(doc.blocks[0].text)
    assert len(segments) == 1
    text = reassemble(doc.blocks[0].text, segments, [upper_outside_placeholders(segments[0].msgid)])
    output = write_html(doc, {0: text}, "en")
    assert [name for name, _ in elements(output)].count("b") == count
    assert visible_text(output) == visible_text(html).upper()


def test_long_blocks_are_split_in_chunks_with_the_same_sentences(monkeypatch):
    from transloc import segment

    sentences = [
        "Am 3. Mai sagte er: \"Das war's.\" Die Preise stiegen um 2,5 Prozent.",
        "Laut z. B. der dpa kam es zu Verzögerungen, die Nr. 5 blieb stehen.",
        "Wer weiß das schon?",
        "Ohne Satzende geht es weiter und weiter " * 30,
    ]
    text = " ".join(sentences * 40)
    assert len(text) > 4 * segment.CHUNK
    chunked = segment.sentence_spans(text)
    monkeypatch.setattr(segment, "CHUNK", len(text) + 1)
    assert chunked == segment.sentence_spans(text)


# -- examples the property tests (test_html_properties.py) turned up ---------------------------------


def test_comment_inside_a_paragraph_keeps_the_visible_text():
    html = "<p>Die. <!-- keep --> Die Regierung.</p>"
    assert blocks(html) == [("paragraph", "Die.  Die Regierung.")]  # the comment is not text
    output = build(html, upper_outside_placeholders)
    assert visible_text(output) == "DIE. DIE REGIERUNG."
    assert "<!-- keep -->" in output and elements(output) == elements(html)


def test_edge_space_inside_an_element_moves_out_and_renders_the_same():
    html = "<p>Die. <b>Die Regierung. </b> </p>"
    assert blocks(html) == [("paragraph", "Die. <1>Die Regierung.</1>")]
    output = build(html, upper_outside_placeholders)
    assert elements(output) == elements(html)
    assert visible_text(output) == "DIE. DIE REGIERUNG."


def test_reference_pages_rebuild_what_a_browser_sees(corpus):
    pages = sorted((corpus / "html").glob("*.html"))
    assert len(pages) == 6
    for path in pages:
        doc = read_html(path)
        output = write_html(doc, {}, "en")
        assert elements(output) == elements(doc.source), path.name
        assert texts(output) == texts(doc.source), path.name
