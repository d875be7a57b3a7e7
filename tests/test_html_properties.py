"""Property-based round trips: news-like pages generated from a grammar, compared through html5lib.

The grammar covers what news pages use: headings, paragraphs, lists, tables, figures, quotes, inline
markup (links, emphasis, breaks, images), attributes that carry text, character references (named,
numeric, unknown), comments, never-translate zones (code, scripts, ``translate="no"``,
``notranslate``, ``translate:off`` comments) and the malformed nesting browsers accept. For every
page: extraction does not crash; an empty catalog rebuilds the page a browser sees (elements,
attributes, text); and upper-casing every sentence (outside placeholders) changes exactly the
extracted text and extracted attributes, nothing else. Zones are recognised here from the documented
rules, independently of the code under test. Failing examples found while writing this became the
regular tests in test_html_longtail.py.
"""

from __future__ import annotations

from pathlib import Path

import html5lib
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from browser import elements, texts, upper_outside_placeholders
from transloc.document.html import read_html, write_html
from transloc.segment import LONG_SEGMENT, reassemble, split_block

WORDS = [
    "Die", "Regierung", "kündigte", "am", "Montag", "neue", "Maßnahmen", "an", "Straße", "Köln", "Bürger",
    "Preise", "stiegen", "um", "2,5", "Prozent", "laut", "dpa", "Zoll", "Hafen", "Minister", "sagte",
    "&amp;", "&copy;", "&brandShortName;", "&#228;", "&nbsp;", "&quot;", "R&amp;D", "z.", "B.", "Nr.", "5",
]  # fmt: skip
ZONE_WORDS = ["keep", "code", "raw", "zone", "lower"]  # lower-case: upper-casing them would show a leak

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
zone_words = st.lists(st.sampled_from(ZONE_WORDS), min_size=1, max_size=4).map(" ".join)
endings = st.sampled_from([".", "!", "?", "", ':', '."', "?\""])


def sentence(draw_words: st.SearchStrategy[str] = words) -> st.SearchStrategy[str]:
    return st.builds(lambda w, e: w + e, draw_words, endings)


INLINE_TAGS = ["b", "i", "em", "strong", "span", "small"]


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    """Phrasing content: text with inline elements, images, breaks, zones and comments mixed in."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "text", "tag", "link", "br", "img", "zone", "comment", "abbr"]))
        if kind == "text" or depth > 2:
            parts.append(draw(sentence()))
        elif kind == "tag":
            tag = draw(st.sampled_from(INLINE_TAGS))
            parts.append(f"<{tag}>{draw(inline(depth + 1))}</{tag}>")
        elif kind == "link":
            title = draw(st.one_of(st.just(""), words.map(lambda w: f' title="{w}"')))
            parts.append(f'<a href="/artikel?id=1&amp;s=2"{title}>{draw(inline(depth + 1))}</a>')
        elif kind == "br":  # not <wbr>: translated sentences drop it by design (a German hyphenation hint)
            parts.append(draw(st.sampled_from(["<br>", "<br/>"])))
        elif kind == "img":
            parts.append(f'<img src="/b.jpg" alt="{draw(words)}">')
        elif kind == "abbr":
            parts.append(f'<abbr title="{draw(words)}">{draw(words)}</abbr>')
        elif kind == "zone":
            zone = draw(
                st.sampled_from(
                    [
                        "<code>{}</code>",
                        '<span translate="no">{}</span>',
                        '<span class="notranslate">{}</span>',
                        "<!-- translate:off -->{}<!-- translate:on -->",
                    ]
                )
            )
            parts.append(zone.format(draw(zone_words)))
        else:
            parts.append(f"<!-- {draw(zone_words)} -->")
        # Text runs end in a space: "Alarm.Nach" gains one in the edition by design (see segment.py).
        parts.append(draw(st.sampled_from([" ", "\n  "] if kind == "text" or depth > 2 else [" ", "", "\n  "])))
    return "".join(parts)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            ["p", "p", "h2", "list", "quote", "figure", "table", "pre", "script", "zone", "implied", "stray", "nested"]
        )
    )
    if kind in ("p", "h2"):
        return f"<{kind}>{draw(inline())}</{kind}>"
    if kind == "list":
        items = draw(st.lists(inline(), min_size=1, max_size=3))
        return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    if kind == "quote":
        return f"<blockquote><p>{draw(inline())}</p></blockquote>"
    if kind == "figure":
        return f'<figure><img src="/f.jpg" alt="{draw(words)}"><figcaption>{draw(inline())}</figcaption></figure>'
    if kind == "table":
        return (
            f'<table summary="{draw(words)}"><tr><th>{draw(words)}</th></tr>'
            f"<tr><td>{draw(inline())}</td></tr></table>"
        )
    if kind == "pre":
        return f"<pre>{draw(zone_words)}</pre>"
    if kind == "script":
        return f"<script>var text = '{draw(zone_words)}';</script>"
    if kind == "zone":
        return f'<div translate="no"><p>{draw(zone_words)}</p><p translate="yes">{draw(inline())}</p></div>'
    if kind == "implied":  # end tags a browser implies
        return f"<div><p>{draw(inline())}<p>{draw(inline())}</div><ul><li>{draw(words)}<li>{draw(words)}</ul>"
    if kind == "stray":  # an end tag with nothing open: a browser makes it an empty paragraph
        return f"<div>{draw(sentence())}</p> {draw(sentence())}</div>"
    return f"<h3><p>{draw(inline())}<p></h3>"


@st.composite
def page(draw: st.DrawFn) -> str:
    head = f"<title>{draw(words)}</title>"
    if draw(st.booleans()):
        head += f'<meta name="description" content="{draw(words)}">'
    if draw(st.booleans()):
        head += f'<meta name="keywords" content="{draw(words)}, {draw(words)}">'
    body = "\n".join(draw(st.lists(block(), min_size=1, max_size=4)))
    head = f'<meta charset="utf-8">{head}'
    return f'<!DOCTYPE html>\n<html lang="de"><head>{head}</head>\n<body>\n{body}\n</body></html>\n'


# -- what a browser sees, with the documented never-translate rules ----------------------------------

_HARD = frozenset("script style template code pre svg math".split())
_HIDDEN = frozenset("script style template".split())
_TEXT_ATTRIBUTES = ("alt", "title", "summary")


def _zone_flag(node, soft: bool) -> tuple[bool, bool]:
    """(hard, soft) zone state for ``node``'s content from its own attributes."""
    classes = node.attrib.get("class", "").split()
    translate = node.attrib.get("translate", "").strip().lower()
    if translate == "yes":
        soft = False
    if translate == "no" or "notranslate" in classes or "data-translate-ignore" in node.attrib:
        soft = True
    return node.tag in _HARD, soft


def expected_after_upper(html: str) -> tuple[list[tuple[str, dict[str, str]]], list[str]]:
    """Elements and visible texts of ``html`` with everything outside zones upper-cased."""
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    out_elements: list[tuple[str, dict[str, str]]] = []
    out_texts: list[str] = []
    off = False

    def text(value: str | None, zone: bool, hidden: bool) -> None:
        if value and value.strip() and not hidden:
            out_texts.append(value if zone or off else value.upper())

    def walk(node, hard: bool, soft: bool, hidden: bool) -> None:
        nonlocal off
        own_hard, own_soft = _zone_flag(node, soft)
        zone_here = hard or own_hard or own_soft or off  # the element's own attributes
        attrs = dict(node.attrib)
        if node.tag == "html":
            attrs.pop("lang", None)
        for key in _TEXT_ATTRIBUTES:
            if key in attrs and not zone_here and node.tag not in ("html", "head", "meta", "link", "script"):
                attrs[key] = attrs[key].upper()
        if node.tag == "meta" and attrs.get("name") in ("description", "keywords") and not off:
            attrs["content"] = attrs["content"].upper()
        out_elements.append((node.tag, attrs))
        hard, soft = hard or own_hard, own_soft
        hidden = hidden or node.tag in _HIDDEN
        text(node.text, hard or soft, hidden)
        for child in node:
            if isinstance(child.tag, str):
                walk(child, hard, soft, hidden)
            elif not (hard or soft) and child.text and child.text.strip().startswith("translate:"):
                off = child.text.strip().replace(" ", "") == "translate:off"
            text(child.tail, hard or soft, hidden)

    walk(tree, False, False, False)
    return out_elements, out_texts


def build_upper(html: str) -> str:
    """The page built with every sentence's msgstr upper-cased (as the build reassembles blocks)."""
    doc = read_html(Path("page.html"), html)
    translations = {}
    for index, b in enumerate(doc.blocks):
        segments = split_block(b.text)
        if segments:
            translations[index] = reassemble(b.text, segments, [upper_outside_placeholders(s.msgid) for s in segments])
    return write_html(doc, translations, "en")


PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@PROPERTY_SETTINGS
@given(page())
def test_empty_catalog_rebuilds_what_a_browser_sees(html: str) -> None:
    doc = read_html(Path("page.html"), html)
    output = write_html(doc, {}, "en")
    assert elements(output) == elements(html)
    assert texts(output) == texts(html)


@PROPERTY_SETTINGS
@given(page())
def test_translating_every_sentence_changes_the_extracted_text_and_nothing_else(html: str) -> None:
    doc = read_html(Path("page.html"), html)
    # Over LONG_SEGMENT characters (placeholders counted) a sentence may be cut inside an inline
    # element, which is then closed and reopened around the cut by design: left to test_segment.py.
    assume(all(len(b.text) <= LONG_SEGMENT for b in doc.blocks))
    output = build_upper(html)
    want_elements, want_texts = expected_after_upper(html)
    assert elements(output) == want_elements
    # By design, edge spaces move out of an element (`<b>Wort </b>` → `<b>WORT</b> `) and comments
    # inside a sentence move after it; both render the same, so the visible text is compared whole,
    # whitespace collapsed (zones keep their lower-case words, so a leak still shows).
    assert " ".join(" ".join(texts(output)).split()) == " ".join(" ".join(want_texts).split())
