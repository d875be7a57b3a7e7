"""The single-walk writer against the writer it replaced, byte for byte.

tests/html_reference.py keeps the old writer (bs4 nodes for every translated run, then
``BeautifulSoup.decode``) and the old coverage count. The new ones must print the same bytes and
count the same characters on the corpus pages, on news-like pages from the grammar of
test_html_properties.py, and on random tag soup (broken nesting, stray end tags, void and
void-capable elements, comments, marked sections, scripts, quotes and references in attributes)
with translations whose placeholders are shuffled, dropped, unknown or kept-source marks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser import upper_outside_placeholders
from html_reference import build_nodes, reference_coverage, reference_write_html, serialize
from test_html_properties import page
from transloc.document.html import coverage, read_html, write_html
from transloc.document.html_extract import TextHandle
from transloc.document.html_parser import parse
from transloc.document.html_render import Renderer, SourceOrder
from transloc.document.html_write import _fast_run, _RunWriter, render_run
from transloc.document.model import KEEP, Document, Fallback
from transloc.fileio import read_text
from transloc.segment import reassemble, split_block

VOID_STYLES = ("", "/", " /")


def corpus_pages(corpus: Path) -> list[tuple[str, str]]:
    return [(p.name, read_text(p, html=True)) for p in sorted((corpus / "html").glob("*.html"))]


def assert_same(new: str, old: str) -> None:
    if new != old:
        at = next((i for i, (a, b) in enumerate(zip(new, old, strict=False)) if a != b), min(len(new), len(old)))
        pytest.fail(f"differs at {at}:\n new {new[at - 120 : at + 120]!r}\n old {old[at - 120 : at + 120]!r}")


def both(html: str, translations: dict[int, str], marks: Fallback | None, direction: str = "ltr") -> None:
    """The new and the old writer on fresh reads of ``html``: same bytes, same coverage."""
    path = Path("page.html")
    new_doc, old_doc = read_html(path, html), read_html(path, html)
    assert coverage(read_html(path, html)) == reference_coverage(read_html(path, html))
    assert_same(
        write_html(new_doc, translations, "en", direction, marks),
        reference_write_html(old_doc, translations, "en", direction, marks),
    )
    assert new_doc.counts == old_doc.counts
    # A second build parses the source again (the first used the reader's tree up).
    new = write_html(new_doc, translations, "ar", "rtl", marks)
    assert_same(new, reference_write_html(old_doc, translations, "ar", "rtl", marks))


def mangle(msgid: str, how: int) -> str:
    """A msgstr a translator or an engine might produce: upper-cased, with its placeholders disturbed."""
    text = upper_outside_placeholders(msgid)
    if how == 1:  # a closing placeholder lost
        i = text.find("</")
        return text if i < 0 else text[:i] + text[text.index(">", i) + 1 :]
    if how == 2:  # an opening placeholder lost
        for n in range(1, 9):
            if f"<{n}>" in text:
                return text.replace(f"<{n}>", "", 1)
        return text
    if how == 3:  # unknown numbers, literal look-alikes, a kept-source mark out of place, "</1/>"
        return "<77>X</77> " + text + " <0/> </1/> <3> a&b <b>"
    if how == 4:  # void and paired forms swapped
        return text.replace("/>", ">", 1).replace("</", "<", 1)
    return text


def translations_for(doc: Document, data: st.DataObject | None, seed: int = 0) -> tuple[dict[int, str], Fallback]:
    """Every segment translated, mangled or kept (by ``data`` or a fixed pattern), as the build assembles them."""
    full: dict[int, str] = {}
    marks = Fallback("de")
    for index, block in enumerate(doc.blocks):
        segments = split_block(block.text)
        if not segments:
            continue
        chosen: list[str | None] = []
        for k, seg in enumerate(segments):
            choice = data.draw(st.integers(-1, 4)) if data is not None else (index + k + seed) % 6 - 1
            chosen.append(None if choice < 0 else mangle(seg.msgid, choice))
        if all(c is None for c in chosen):
            marks.blocks.add(index)
            continue
        full[index] = reassemble(block.text, segments, chosen)
        if any(c is None for c in chosen):
            marks.spans[index] = reassemble(block.text, segments, chosen, KEEP)
    return full, marks


# -- serialisation alone -------------------------------------------------------------------------


def test_renderer_prints_the_corpus_as_bs4_does(corpus: Path) -> None:
    for _, html in corpus_pages(corpus):
        for style in VOID_STYLES:
            assert_same(Renderer(style).render(parse(html)), serialize(parse(html), style))


TAGS = ["b", "i", "span", "a", "p", "div", "li", "ul", "h2", "td", "table", "title", "option", "br", "img",
        "wbr", "meta", "hr", "spacer", "image", "script", "style", "code", "pre", "textarea", "noscript", "q",
        "sup"]  # fmt: skip
ATTRS = ['', ' class="x"', ' title="Titel &amp; Text"', " alt='Bild \"1\"'", ' lang="de"', ' translate="no"',
         ' translate="yes"', ' title="a \'b\' &quot;c&quot;"', " hidden", ' charset="latin-1"', ' href="/?a=1&b=2"',
         ' class="notranslate"', ' http-equiv="content-type" content="text/html; charset=iso-8859-1"']  # fmt: skip
TEXTS = ["Die Regierung sagte.", "Preise stiegen um 2,5 Prozent! ", "a < b & c > d", "&brandShortName;", "&amp;",
         "&copy; dpa", "R&D", " ", "\n  ", "<1>", "Wort <2/> Satz. ", "x&#228;y", "z.\u00a0B. Köln"]  # fmt: skip
OTHER = ["<!-- Kommentar -->", "<!-- translate:off -->", "<!-- translate:on -->", "<![if !IE]>", "<![endif]>",
         "<![CDATA[ x < y ]]>", "<?php echo 1 ?>", "<!DOCTYPE html>", "</p>", "</br>", "</b>", "</span>"]  # fmt: skip


@st.composite
def soup(draw: st.DrawFn) -> str:
    """Tag soup: any order of start tags, end tags, text and other constructs, closed or not."""
    parts = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.sampled_from(["start", "start", "end", "text", "text", "other", "self"]))
        if kind == "start":
            parts.append(f"<{draw(st.sampled_from(TAGS))}{draw(st.sampled_from(ATTRS))}>")
        elif kind == "self":
            parts.append(f"<{draw(st.sampled_from(TAGS))}{draw(st.sampled_from(ATTRS))}/>")
        elif kind == "end":
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == "text":
            parts.append(draw(st.sampled_from(TEXTS)))
        else:
            parts.append(draw(st.sampled_from(OTHER)))
    return "".join(parts)


SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@SETTINGS
@given(st.one_of(page(), soup()), st.sampled_from(VOID_STYLES))
def test_renderer_prints_generated_pages_as_bs4_does(html: str, style: str) -> None:
    assert_same(Renderer(style).render(parse(html)), serialize(parse(html), style))


# -- whole builds ----------------------------------------------------------------------------------


def test_builds_of_the_corpus_match_the_old_writer(corpus: Path) -> None:
    for _, html in corpus_pages(corpus):
        doc = read_html(Path("page.html"), html)
        full, marks = translations_for(doc, None)
        both(html, {}, None)
        both(html, full, None)
        both(html, full, marks)
        both(html, {}, Fallback("de", set(range(len(doc.blocks)))))


@SETTINGS
@given(st.one_of(page(), soup()), st.data())
def test_builds_of_generated_pages_match_the_old_writer(html: str, data: st.DataObject) -> None:
    doc = read_html(Path("page.html"), html)
    full, marks = translations_for(doc, data)
    both(html, full, marks if data.draw(st.booleans()) else None)


@pytest.mark.parametrize(
    "html",
    [
        "<p>Ein <b>fetter <i>und kursiver</i> Satz</b> mit <br> Umbruch und <img src=a.jpg alt='Bild'>.</p>",
        "<h3><p>Ohne <b>Ende<p></h3><p>Zweiter <span>offener Satz.",  # end tags the source never wrote
        "<div>Text</p> mehr <!-- c --> Text <![if !IE]> noch <b>mehr</b>.</div>",  # stray end tag, marked section
        "<p>Ein <code>x &lt; y</code> und <script>a<b</script> im Satz, <span/> offen.</p>",
        "<head><meta charset='latin-1'><title>Titel <b>fett</b></title></head><p>Ein <meta charset=latin-1> Satz.</p>",
        "<p lang='de'>Satz <abbr lang='de' title='Erklärung'>Abk.</abbr> hier. Zweiter Satz.</p>",
        "<p>Wort <spacer> und <image> und <wbr>Trenn<wbr>ung &brandShortName; &amp; R&D.</p>",
    ],
)
def test_tricky_runs_match_the_old_writer(html: str) -> None:
    doc = read_html(Path("page.html"), html)
    for seed in range(6):
        full, marks = translations_for(doc, None, seed)
        both(html, full, marks)
        both(html, full, None)


def test_the_long_inline_paragraph_matches_the_old_writer() -> None:
    html = "<p>" + "Wort <b>fett</b> und <a href='/x'>Link</a>. " * 2000 + "</p>"
    doc = read_html(Path("page.html"), html)
    full, marks = translations_for(doc, None)
    both(html, full, marks)


def test_a_copy_left_empty_prints_as_bs4_prints_an_empty_element() -> None:
    """Elements the builder may print as ``<x/>`` (``spacer``, ``image``) are not inline, so no page puts
    one behind a paired placeholder; a run that did must still print what bs4 printed for the copy."""
    tree = parse("<p>x<spacer class=s><image>y<b title='t'>z</b></p>")
    spacer, image, bold = tree.find("spacer"), tree.find("image"), tree.find("b")
    handle = TextHandle([], {1: spacer, 2: image, 3: bold}, frozenset(), "", "")
    texts = ["<1></1> A <2/> B <1>C</1> <3></3>", "<3><1></3> D", "E <2><3>F</2></3>", "<1><2></2></1>"]
    for text in [*texts, "<3>a</1/>b</3> <03>c</03> <9>d</9> <0>e</0>"]:
        for style in VOID_STYLES:
            wrapper = tree.new_tag("p")
            for node in build_nodes(tree, handle, text):
                wrapper.append(node)
            old = wrapper.decode_contents(eventual_encoding=None, formatter=SourceOrder(style))  # type: ignore[arg-type]
            assert_same(render_run(handle, text, "p", Renderer(style)), old)


# -- the table-driven fast path of render_run against the piece-by-piece writer ------------------------

FAST_PAGE = (
    "<p>a <b>b</b> <i class='x'>c</i> <span title='&quot;q&quot;'>d</span> <img src=x.jpg> <code>x&lt;y</code>"
    " <a href='/?a=1&b=2'>e</a> <q>f</q> <script>1<2</script> <1> z</p>"
)
"""One block: <1> b, <2> i, <3> span, <4/> img, <5/> code, <6> a, <7> q, <8/> script, <9/> the literal "<1>"."""
PIECES = ["<1>", "</1>", "<2>", "</2>", "<3>", "</3>", "<4/>", "<4>", "</4>", "<5/>", "</5>", "<6>", "</6>", "<7>",
          "</7>", "<7/>", "<8/>", "<9/>", "<9>", "<0>", "</0>", "<0/>", "<01>", "</1/>", "<99>", " ", "Wort", "a&b",
          "&amp;", "x<y", "&lt;1&gt;", "&brandShortName;", "R&D <"]  # fmt: skip


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([None, "de"]), st.sampled_from(VOID_STYLES))
def test_the_fast_path_prints_what_the_writer_prints(pieces: list[str], keep: str | None, style: str) -> None:
    """Well nested, misnested, stray, unclosed, unknown, unusual and literal placeholders: the fast path
    either declines or prints the same bytes as the writer."""
    doc = read_html(Path("page.html"), FAST_PAGE)
    handle = doc.blocks[0].handle
    assert isinstance(handle, TextHandle)
    text = "".join(pieces)
    renderer = Renderer(style)
    slow = _RunWriter(handle, "p", renderer, keep).write(text)
    fast = _fast_run(handle, text, "p", renderer, keep)
    if fast is not None:
        assert_same(fast, slow)
    assert_same(render_run(handle, text, "p", renderer, keep), slow)


def test_the_fast_path_takes_the_usual_runs() -> None:
    """So the property above tests it: well nested, misnested and unclosed runs are all the fast path's."""
    doc = read_html(Path("page.html"), FAST_PAGE)
    handle = doc.blocks[0].handle
    assert isinstance(handle, TextHandle)
    renderer = Renderer("")
    usual = "A <1>B</1> <2>C <3>D</3></2> <4/> <5/> <8/> <9/> <0>E</0> a&b <6>x<y</6> <7></7>"
    for text in [usual, "<1><2>A</1>B</2> </3> <7>C", "<0>A <1>B</0> C</1>", ""]:
        for keep in (None, "de"):
            fast = _fast_run(handle, text, "p", renderer, keep)
            assert fast is not None
            assert_same(fast, _RunWriter(handle, "p", renderer, keep).write(text))
    for text in ["<01>A</01>", "<1>A</1/>", "<99>", "<4>", "</5>", "<1/>"]:  # unusual, unknown, void opened or closed
        assert _fast_run(handle, text, "p", renderer, None) is None
    assert _fast_run(handle, "<1>A</1>", "script", renderer, None) is None
