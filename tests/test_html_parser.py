"""The tree builder against bs4's (html_parser_reference.py): the same tree, node for node.

:class:`FastTreeBuilder` links nodes itself instead of going through bs4's tree-building calls; the
writer, the extractor and every bs4 method it calls depend on exactly the tree bs4 builds. So every
node is compared: class, text, name, attributes (with their value classes: a ``<meta charset>`` value
is substituted on output), line and column, ``explicit_end``, instance attributes, and all five links
(parent, previous/next element, previous/next sibling) by position in the page. Inputs: the corpus
pages, the news-page grammar of test_html_properties.py and a token soup of the constructs html.parser
treats specially (references known, unknown and numeric, stray and self-closing end tags, comments,
declarations, CDATA, processing instructions, raw-text elements, broken and unfinished markup).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import html_parser_reference
from test_html_properties import page
from transloc.document.html_parser import parse, parse_source

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "html"
OPTIONS = {"preserve_whitespace_tags": {"[document]", "pre", "textarea"}, "multi_valued_attributes": None}


def reference(text: str) -> BeautifulSoup:
    return html_parser_reference.parse_source(text, **OPTIONS)


def _nodes(soup: BeautifulSoup) -> list[PageElement]:
    """Every node in document order by contents (not by the next_element links under test)."""
    out: list[PageElement] = [soup]
    stack: list[PageElement] = list(reversed(soup.contents))
    while stack:
        node = stack.pop()
        out.append(node)
        if isinstance(node, Tag):
            stack.extend(reversed(node.contents))
    return out


# The BeautifulSoup object's parsing state: compared below (the builder itself differs, of course).
PARSE_STATE = frozenset(
    "builder currentTag tagStack open_tag_counter preserve_whitespace_tag_stack string_container_stack "
    "current_data _most_recent_element".split()
)
LINKS = ("parent", "previous_element", "next_element", "previous_sibling", "next_sibling")


def describe(soup: BeautifulSoup) -> list[tuple[object, ...]]:
    """The tree as comparable rows: one per node, links as positions."""
    nodes = _nodes(soup)
    index = {id(node): i for i, node in enumerate(nodes)}
    rows: list[tuple[object, ...]] = []
    for node in nodes:
        links = tuple(None if getattr(node, link) is None else index[id(getattr(node, link))] for link in LINKS)
        if isinstance(node, NavigableString):
            keys = sorted(set(vars(node)) - {"hidden"})  # the fast builder leaves it to the class (False)
            rows.append((type(node), str(node), node.hidden, keys, links))
        else:
            assert isinstance(node, Tag)
            attrs = [(key, type(value), value) for key, value in node.attrs.items()]
            state = {
                key: value
                for key, value in vars(node).items()
                if key not in LINKS and key not in ("attrs", "contents", "_namespaces") and key not in PARSE_STATE
            }
            rows.append((type(node), node.name, attrs, node._namespaces, state, links, len(node.contents)))
    rows.append(
        (
            soup.contains_replacement_characters,
            None if soup._most_recent_element is None else index[id(soup._most_recent_element)],
            dict(soup.open_tag_counter),
            soup.current_data,
            soup.tagStack == [soup] and soup.currentTag is soup,
            soup.preserve_whitespace_tag_stack == [soup] and not soup.string_container_stack,
        )
    )
    return rows


def _parsed(parser: Callable[[str], BeautifulSoup], text: str) -> tuple[BeautifulSoup, list[type[Warning]]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        soup = parser(text)
    return soup, [w.category for w in caught]


def assert_same_tree(text: str) -> None:
    """Same tree, same warnings (bs4 warns when a page looks like XML)."""
    (fast_soup, fast_warnings), (slow_soup, slow_warnings) = _parsed(parse, text), _parsed(reference, text)
    assert fast_warnings == slow_warnings
    fast, slow = describe(fast_soup), describe(slow_soup)
    assert len(fast) == len(slow)
    for fast_row, slow_row in zip(fast, slow, strict=True):
        assert fast_row == slow_row
    assert str(fast_soup) == str(slow_soup)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus folder ../shared/corpus absent")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.html")) if CORPUS.is_dir() else [])
def test_corpus_pages_parse_to_the_reference_tree(name: str) -> None:
    assert_same_tree((CORPUS / name).read_text(encoding="utf-8"))


TOKENS = [
    "Wort ", "Straße\n", "\r\n", "  ", "\t", "<p>", "</p>", "<b>", "</b>", "<i>", "</I>", "<DIV class='x y'>",
    "</div>", "<br>", "<br/>", "</br>", "<span/>", "<img src=a.jpg alt='Ein Bild'>", "<hr>", "</hr>", "<frame>",
    "<a href=\"/x?a=1&amp;b=2\" title=Titel>", "</a>", "<a href=1 href=2 HREF=3 checked>", "<input value>",
    "&amp;", "&amp", "&brandShortName;", "&notit;", "&copy", "&#228;", "&#xE4;", "&#0;", "&#x110000;", "&#65",
    "&#x;", "&#;", "&", "&;", "<!-- Kommentar -->", "<!-- translate:off -->", "<!---->", "<!-->", "<!--",
    "<!DOCTYPE html>", "<!doctype html>", "<!ELEMENT x>", "<![CDATA[ roh ]]>", "<![if !IE]>", "<![endif]>",
    "<?xml version='1.0'?>", "<?php echo 1 ?>", "<script>", "</script>", "var a = '<p>x</p>';", "<style>",
    "</style>", "p { color: red }", "<template>", "</template>", "<ruby>", "<rt>", "</rt>", "<rp>", "(",
    "<pre>", "</pre>", "<textarea>", "</textarea>", "<table>", "<td>", "</td>", "</tr>", "<li>", "<ul>", "</ul>",
    "<meta charset='iso-8859-1'>", "<meta http-equiv='Content-Type' content='text/html; charset=latin1'>",
    "<meta name=description content=Beschreibung>", "<title>", "</title>", "<svg viewBox='0 0 1 1'>", "</svg>",
    "<h3>", "</h3>", "</>", "</ p>", "<", "<b", "<a <b>", "< p>", "a < b", "x>y", "<p/ >", "<P CLASS=Kicker>",
    "<x-widget data-a=1>", "</x-widget>", "<nobr>", "<wbr>", "\xad", "<noscript>", "</noscript>", "<html>",
    "</html>", "<body>", "</body>", "<head>", "</head>",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_token_soup_parses_to_the_reference_tree(text: str) -> None:
    assert_same_tree(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(page())
def test_generated_news_pages_parse_to_the_reference_tree(html: str) -> None:
    assert_same_tree(html)


def test_unfinished_markup_at_the_end_keeps_its_line_numbers() -> None:
    """html.parser keeps an unfinished construct for ``close()`` and restarts its indices there."""
    unfinished = ["Straße\n&#x;<p>", "<p>\nA\n<b>x</b>\n<!-- offen", "a\n&#\n<b>x\n</b>&", "x\n<b\n<i>y</i>"]
    unfinished.append("<p>\n\n<![CDATA[x")
    for text in unfinished:
        assert_same_tree(text)
        assert_same_tree(text + "\n<i>z</i>")


def test_text_nodes_read_hidden_from_their_class() -> None:
    soup = parse("<p>Wort <b>fett</b></p>")
    strings = [s for s in soup.descendants if isinstance(s, NavigableString)]
    assert strings and all(s.hidden is False and "hidden" not in vars(s) for s in strings)


def test_the_fast_builder_refuses_options_it_does_not_implement() -> None:
    with pytest.raises(ValueError):
        parse_source("<p>x</p>", preserve_whitespace_tags={"pre"})
    with pytest.raises(ValueError):
        parse_source("<p>x</p>")  # bs4's default: class="a b" as a list
