"""The extractor against its pre-issue-11 self (html_extract_reference.py): the same blocks, handles included.

The fast extractor skips work (no marker scan on pages that never say "translate:", no look at the
attributes of elements that have none, no placeholder search in text without "<") and caches what it
asks about elements; any slip would show as a different block, line, placeholder numbering or handle.
Inputs: the corpus pages, the news-page grammar of test_html_properties.py and a token soup of the
markup the rules care about (zones, markers, roles, text-bearing attributes, voids, stray end tags).
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from bs4.element import NavigableString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import html_extract_reference
from test_html_properties import page
from transloc.document.html_extract import AttrHandle, Extractor, TextHandle, extract
from transloc.document.html_parser import parse
from transloc.document.model import Block

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "html"


def _element(element: object) -> object:
    """Tree nodes by identity; strings the extractor made itself (placeholder look-alikes) by value."""
    if isinstance(element, NavigableString) and element.parent is None:
        return (type(element), str(element))
    return id(element)


def describe(block: Block) -> tuple[object, ...]:
    handle = block.handle
    if isinstance(handle, TextHandle):
        elements = {number: _element(element) for number, element in handle.elements.items()}
        described: object = ([id(n) for n in handle.nodes], elements, handle.voids, handle.lead, handle.trail)
    else:
        assert isinstance(handle, AttrHandle)
        described = (id(handle.element), handle.attr)
    return (block.kind, block.text, block.line, block.translatable, type(handle), described)


def assert_same_blocks(text: str, with_source: bool = True) -> None:
    soup = parse(text)
    source = text if with_source else ""
    fast = [describe(b) for b in extract(soup, source)]
    slow = [describe(b) for b in html_extract_reference.extract(soup, source)]
    assert fast == slow


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus folder ../shared/corpus absent")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.html")) if CORPUS.is_dir() else [])
def test_corpus_pages_extract_as_before(name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert_same_blocks(text)
    marked = text.replace("<body", "<!-- translate:off --><body", 1).replace("<p", "<!-- translate:on --><p", 3)
    assert_same_blocks(marked)


TOKENS = [
    "Die Regierung kündigte an. ", "Wort ", "\n  ", " ", "Bürger\xadinnen ", "<1> ", "a <2/> b ", "R&amp;D ",
    "<p>", "</p>", "<h2>", "</h2>", "<b>", "</b>", "<em>", "</em>", "<span>", "</span>", "<a href=/x>", "</a>",
    "<div>", "</div>", "<li>", "<ul>", "</ul>", "<td>", "<table summary='Eine Tabelle mit Zahlen'>", "</table>",
    "<br>", "</br>", "</p>", "<wbr>", "<img src=a.jpg alt='Ein Bild vom Hafen'>", "<img src=b.jpg>",
    "<input type=submit value='Suchen'>", "<input value='Text hier'>", "<input type=hidden value='geheim'>",
    "<abbr title='Deutsche Presse-Agentur'>dpa</abbr>", "<span title=''>", "<span class='kicker'>",
    "<p class='credit'>", "<span class='Dachzeile'>", "<code>", "</code>", "<pre>", "</pre>", "<script>",
    "var a = '<p>x</p>';", "</script>", "<style>p{}</style>", "<template>Vorlage</template>",
    "<span translate=no>", "<div translate='no'>", "<p translate=yes>", "<span translate='YES '>",
    "<b data-translate-ignore>", "<i class='x notranslate'>", "<svg><text>Grafik</text></svg>",
    "<!-- translate:off -->", "<!-- translate:on -->", "<!--translate: OFF-->", "<!-- Kommentar -->",
    "<meta name=description content='Eine Beschreibung der Seite'>", "<meta property=og:site_name content=SPIEGEL>",
    "<title>Der Titel</title>", "<option label='Eine Wahl'>", "<noscript>Bitte Skript</noscript>",
    "<figure>", "<figcaption>", "</figcaption>", "</figure>", "<blockquote>", "</blockquote>", "&nbsp;", "&#173;",
    "<code><abbr title='Ein Titel im Code'>x</abbr></code>", "<span class='kicker' title='Der Dachzeilentitel'>",
    "<b translate=no><i title='Ein Titel ohne Übersetzung'>y</i></b>", "<em><span translate=yes>Ja hier</span></em>",
    "<b><!-- translate:off -->aus<!-- translate:on --></b>", "<i class='notranslate' title='Kein Titel hier'>",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join), st.booleans())
def test_token_soup_extracts_as_before(text: str, with_source: bool) -> None:
    assert_same_blocks(text, with_source)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(page())
def test_generated_news_pages_extract_as_before(html: str) -> None:
    assert_same_blocks(html)


def test_extraction_leaves_no_reference_cycle() -> None:
    """read_html pauses the garbage collector: whatever extraction builds must go when it returns."""
    soup = parse("<p>Wort <b>fett</b> <i>kursiv <b>x</b></i> <span title='Ein Titel hier'>y</span>.</p>")
    extractor = Extractor(soup, "")
    gone = weakref.ref(extractor)
    enabled = gc.isenabled()
    gc.disable()
    try:
        assert [b.kind for b in extractor.run()] == ["paragraph", "attr:title"]
        del extractor
        assert gone() is None
    finally:
        if enabled:
            gc.enable()
