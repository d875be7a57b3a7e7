"""The tree builder transloc used before issue 11 (commit 159c407), kept to test the fast one against.

bs4's own ``html.parser`` builder taught the two fixes html_parser.py describes (exact character
references, explicit and stray end tags) by subclassing: every node goes through bs4's tree-building
calls, so its tree is bs4's by construction.
"""

from __future__ import annotations

import html
from typing import Any

from bs4 import BeautifulSoup
from bs4.builder import ParserRejectedMarkup
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.element import Tag

from transloc.document.html_parser import SourceTag, StrayEndTag

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


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
    """``html.parser`` with the two fixes; otherwise bs4's builder unchanged."""

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


def parse_source(text: str, **kwargs: Any) -> BeautifulSoup:
    return BeautifulSoup(text, builder=SourceTreeBuilder(**kwargs), element_classes={Tag: SourceTag})
