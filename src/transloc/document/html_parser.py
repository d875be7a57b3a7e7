"""bs4's ``html.parser`` tree builder, made to keep what a browser would see.

Two blind spots of the stock builder change the page a browser renders after a round trip:

* An unknown character reference (``&brandShortName;``) loses its ``;``: html.parser reports the name
  only, and bs4 guesses ``&brandShortName``. Here references are decoded as the HTML standard does
  (``html.unescape`` follows it, legacy prefixes such as ``&notit;`` included) and an unknown one
  stays exactly as written.
* End tags the source never wrote (``<h3><p>Text<p></h3>``) were printed on output, and stray end
  tags (``</p>`` with no open ``<p>``, which a browser turns into an empty paragraph) were dropped.
  Elements remember whether the source closed them; the writer prints only those end tags, and a
  stray end tag is kept in the tree as a verbatim :class:`StrayEndTag`. The output then nests the
  way its source did, for html5lib and browsers alike.
"""

from __future__ import annotations

import gc
import html
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from bs4.builder import ParserRejectedMarkup
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.element import PreformattedString, Tag
from bs4.formatter import Formatter

from ..errors import TranslocError

# Elements without content; an explicit ``</br>`` is a stray end tag (a browser reads it as ``<br>``).
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class SourceTag(Tag):
    """A Tag that prints its end tag only when the source had one (new and copied tags: as their origin)."""

    explicit_end = True

    def copy_self(self) -> SourceTag:
        clone = super().copy_self()
        clone.explicit_end = self.explicit_end
        return clone

    def _format_tag(self, eventual_encoding: str, formatter: Formatter, opening: bool) -> str:
        if not opening and not self.explicit_end:
            return ""
        return str(super()._format_tag(eventual_encoding, formatter, opening))


class StrayEndTag(PreformattedString):
    """An end tag with no open element of its name: printed verbatim, never extracted."""

    PREFIX = "</"
    SUFFIX = ">"


class _Parser(BeautifulSoupHTMLParser):
    _at = 0
    """Index in ``rawdata`` of the construct being handled (html.parser passes it to ``updatepos`` first)."""
    _self_closing = False

    def updatepos(self, i: int, j: int) -> int:
        self._at = j
        return int(super().updatepos(i, j))

    def handle_entityref(self, name: str) -> None:
        rawdata = self.rawdata
        at = self._at
        if not rawdata.startswith("&" + name, at):  # an html.parser whose internals differ: bs4's reading
            super().handle_entityref(name)
            return
        end = at + 1 + len(name)
        written = rawdata[at : end + 1] if rawdata.startswith(";", end) else rawdata[at:end]
        self.handle_data(html.unescape(written))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # ``<span/>`` opens a span in a browser (the slash means nothing on non-void elements), so no end tag.
        self._self_closing = True
        try:
            super().handle_startendtag(tag, attrs)
        finally:
            self._self_closing = False

    def handle_starttag(
        self, tag: str, attrs: list[tuple[str, str | None]], handle_empty_element: bool = True
    ) -> None:
        before = self.soup._most_recent_element
        super().handle_starttag(tag, attrs, handle_empty_element=handle_empty_element)
        new = self.soup._most_recent_element
        if new is not before and isinstance(new, SourceTag):
            new.explicit_end = False

    def handle_endtag(self, tag: str, check_already_closed: bool = True) -> None:
        if not check_already_closed:  # bs4 closing a void or self-closed element it just opened
            super().handle_endtag(tag, check_already_closed=False)
            return
        soup = self.soup
        target = None
        if tag not in _VOID and soup.open_tag_counter.get(tag):
            for open_tag in reversed(soup.tagStack[1:]):
                if open_tag.name == tag and open_tag.prefix is None:
                    target = open_tag
                    break
        if target is None:
            soup.endData()
            soup.handle_data(tag)
            soup.endData(StrayEndTag)
            return
        if isinstance(target, SourceTag):
            target.explicit_end = True
        soup.handle_endtag(tag)


class SourceTreeBuilder(HTMLParserTreeBuilder):
    """``html.parser`` with the two fixes above; otherwise bs4's builder unchanged."""

    def feed(self, markup: str | bytes, *args: object, **kwargs: object) -> None:
        parser_args, parser_kwargs = self.parser_args
        assert isinstance(markup, str)  # html.parser's prepare_markup always yields str (as bs4 asserts too)
        assert self.soup is not None
        parser = _Parser(self.soup, *parser_args, **parser_kwargs)
        try:
            parser.feed(markup)
            parser.close()
        except AssertionError as exc:
            raise ParserRejectedMarkup(exc) from exc
        parser.already_closed_empty_element = []


def parse_source(text: str, **kwargs: Any) -> BeautifulSoup:  # Any: bs4 tree-builder options
    """A tree of ``text`` whose serialisation nests and decodes the way the source does."""
    return BeautifulSoup(text, builder=SourceTreeBuilder(**kwargs), element_classes={Tag: SourceTag})


def parse(text: str) -> BeautifulSoup:
    """Parse with the stdlib parser: tolerant, dependency-free, and it records source lines (see
    :mod:`.html_parser` for what it is taught so the output nests and decodes like its source).

    bs4 collapses whitespace-only text to one space or newline outside ``pre``/``textarea``; naming
    the document root as whitespace-preserving keeps the page's indentation, so outputs diff cleanly
    against their source.
    """
    return parse_source(
        text,
        preserve_whitespace_tags={"[document]", "pre", "textarea"},
        multi_valued_attributes=None,  # keep class="…" as written (bs4 would re-join it)
    )


@contextmanager
def deep_recursion(path: str | Path | None = None) -> Iterator[None]:
    """Allow deeply nested (often unclosed) markup; a page nested beyond that is refused, not a crash."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20000))
    try:
        yield
    except RecursionError:
        raise TranslocError(
            "HTML is nested too deeply to process", path, "check the page for thousands of unclosed tags"
        ) from None
    finally:
        sys.setrecursionlimit(old)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a tree is built or walked.

    A parsed page is hundreds of thousands of small objects that all stay alive, and every full
    collection walks all of them: on a page with 100,000 inline elements a third of the run.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
