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
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from bs4.builder import DetectsXMLParsedAsHTML, ParserRejectedMarkup
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.dammit import EntitySubstitution
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    PreformattedString,
    ProcessingInstruction,
    Tag,
)
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


class _TreeParser(HTMLParser, DetectsXMLParsedAsHTML):
    """html.parser's tokenizer building bs4's tree itself, with the two fixes above.

    bs4's own builder sends every event through several calls (``handle_starttag`` →
    ``BeautifulSoup.handle_starttag`` → ``Tag.__init__`` → ``setup`` → ``pushTag``; text through
    ``endData`` → ``string_container`` → ``object_was_parsed``…): a page with 100,000 inline elements
    took 3.1 s CPU to parse, 0.85 s of it html.parser's tokenizing; now 1.2 s. Each event here links
    its node into the tree as those calls would: same classes, attributes, links and source positions
    (tests/test_html_parser.py compares every node with the tree of bs4's builder taught the same
    fixes, html_parser_reference.py, on the corpus and on generated markup). Only the configuration
    :func:`parse` uses is supported: whitespace kept everywhere (``[document]`` preserves it), no
    multi-valued attributes, a later duplicate attribute replacing an earlier one.

    Text nodes keep one attribute less than bs4's (``hidden``, False on the class already): their
    instance dict then fits a smaller table, 150 bytes less for each string of the page.
    Line numbers are counted only when a start tag asks for its position, not on every construct.
    """

    def __init__(self, soup: BeautifulSoup, builder: HTMLParserTreeBuilder) -> None:
        super().__init__(convert_charrefs=False)
        self._initialize_xml_detector()
        self.soup = soup
        self.builder = builder
        self._at = 0
        """Index in ``rawdata`` of the construct being handled (html.parser passes it to ``updatepos`` first)."""
        self._counted = 0
        """``rawdata`` up to here is counted into ``lineno``; its last line starts at ``_line_start``."""
        self._line_start = 0
        self._stack: list[Tag] = [soup]
        self._strings: list[type[NavigableString]] = [NavigableString]
        """The class of text in each open element (Script inside <script>, as bs4's string containers)."""
        self._open: dict[str, int] = {}
        self._data: list[str] = []
        self._last: PageElement | None = None
        self._no_namespaces: dict[str, str] = {}  # read-only in bs4: one for all tags

    # -- positions --------------------------------------------------------------------------

    def updatepos(self, i: int, j: int) -> int:
        self._at = j
        return j

    def getpos(self) -> tuple[int, int]:
        """(line, column) of ``_at``, as ``updatepos`` would have counted them construct by construct."""
        self._count(self.rawdata, self._at)
        return self.lineno, self.offset

    def _count(self, rawdata: str, at: int) -> None:
        lines = rawdata.count("\n", self._counted, at)
        if lines:
            self.lineno += lines
            self._line_start = rawdata.rindex("\n", self._counted, at) + 1
        self._counted = at
        self.offset = at - self._line_start

    def feed(self, data: str) -> None:
        rawdata = self.rawdata + data
        super().feed(data)
        # html.parser keeps only the unparsed rest of rawdata (an unfinished construct) for later calls,
        # whose indices start there: count up to it, then count on from 0.
        parsed = len(rawdata) - len(self.rawdata)
        self._count(rawdata, parsed)
        self._line_start -= parsed
        self._counted = self._at = 0

    # -- building ---------------------------------------------------------------------------

    def _end_data(self, cls: type[NavigableString] | None = None) -> None:
        """The pending text as one string node (bs4's ``endData`` + ``object_was_parsed``)."""
        data = self._data
        if not data:
            return
        text = "".join(data)
        data.clear()
        parent = self._stack[-1]
        string = str.__new__(cls or self._strings[-1], text)
        last = self._last
        siblings = parent.contents
        before = siblings[-1] if siblings else None
        string.__dict__ = {
            "parent": parent,
            "previous_element": last,
            "next_element": None,
            "next_sibling": None,
            "previous_sibling": before,
        }
        if last is not None:
            last.next_element = string
        if before is not None:
            before.next_sibling = string
        siblings.append(string)
        self._last = string

    def _pop(self) -> None:
        tag = self._stack.pop()
        self._strings.pop()
        self._open[tag.name] -= 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]], void_ends: bool = True) -> None:
        if self._data:
            self._end_data()
        builder = self.builder
        name = sys.intern(tag)
        values = builder.attribute_dict_class()
        for key, value in attrs:
            values[sys.intern(key)] = "" if value is None else value
        line, column = self.getpos()
        parent = self._stack[-1]
        last = self._last
        siblings = parent.contents
        # Tag.__init__'s attributes, in its order (instances then share one key table).
        new = SourceTag.__new__(SourceTag)
        new.parser_class = BeautifulSoup
        new.name = name
        new.namespace = None
        new._namespaces = self._no_namespaces
        new.prefix = None
        new.sourceline = line
        new.sourcepos = column
        new.attribute_value_list_class = builder.attribute_value_list_class
        new.attrs = values
        new.known_xml = False
        new.contents = []
        new.parent = parent
        new.previous_element = last
        if last is not None:
            last.next_element = new
        new.next_element = None
        new.next_sibling = None
        if siblings:
            before = siblings[-1]
            new.previous_sibling = before
            before.next_sibling = new
        else:
            new.previous_sibling = None
        new.hidden = False
        if name == "meta":
            builder.set_up_substitutions(new)
        void = builder.empty_element_tags is None or name in builder.empty_element_tags
        new.can_be_empty_element = void
        new.cdata_list_attributes = None
        new.preserve_whitespace_tags = builder.preserve_whitespace_tags
        container = builder.string_containers.get(name)
        new.interesting_string_types = Tag.MAIN_CONTENT_STRING_TYPES if container is None else {container}
        new.explicit_end = False
        siblings.append(new)
        self._last = new
        self._stack.append(new)
        self._strings.append(container or self._strings[-1])
        self._open[name] = self._open.get(name, 0) + 1
        if void and void_ends:
            self._pop()
        if self._root_tag_name is None:
            self._root_tag_encountered(name)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # ``<span/>`` opens a span in a browser (the slash means nothing on non-void elements), so no end tag.
        self.handle_starttag(tag, attrs, void_ends=False)
        self._pop()

    def handle_endtag(self, tag: str) -> None:
        stack = self._stack
        if tag not in _VOID and self._open.get(tag):
            index = len(stack) - 1
            while stack[index].name != tag:
                index -= 1
            target = stack[index]
            assert isinstance(target, SourceTag)  # the root's name cannot be a tag's
            target.explicit_end = True
            self._end_data()
            while len(stack) > index:
                self._pop()
        else:
            self._end_data()
            self._data.append(tag)
            self._end_data(StrayEndTag)

    def handle_data(self, data: str) -> None:
        self._data.append(data)

    def handle_entityref(self, name: str) -> None:
        rawdata = self.rawdata
        at = self._at
        if not rawdata.startswith("&" + name, at):  # an html.parser whose internals differ: bs4's reading
            character = EntitySubstitution.HTML_ENTITY_TO_CHARACTER.get(name)
            self._data.append(f"&{name}" if character is None else character)
            return
        end = at + 1 + len(name)
        written = rawdata[at : end + 1] if rawdata.startswith(";", end) else rawdata[at:end]
        self._data.append(html.unescape(written))

    def handle_charref(self, name: str) -> None:
        character, replaced, rest = BeautifulSoupHTMLParser._dereference_numeric_character_reference(name)
        if replaced:
            self.soup.contains_replacement_characters = True
        self._data += (character, rest)

    def _string(self, text: str, cls: type[NavigableString]) -> None:
        self._end_data()
        self._data.append(text)
        self._end_data(cls)

    def handle_comment(self, data: str) -> None:
        self._string(data, Comment)

    def handle_decl(self, decl: str) -> None:
        self._string(decl[len("DOCTYPE ") :], Doctype)

    def unknown_decl(self, data: str) -> None:
        if data.upper().startswith("CDATA["):
            self._string(data[len("CDATA[") :], CData)
        else:
            self._string(data, Declaration)

    def handle_pi(self, data: str) -> None:
        self._document_might_be_xml(data)
        self._string(data, ProcessingInstruction)

    def finish(self) -> None:
        """The end of the page: pending text in the innermost open element, bs4's parsing state at its end."""
        self._end_data()
        soup = self.soup
        soup._most_recent_element = self._last
        soup.open_tag_counter = Counter(dict.fromkeys(self._open, 0))


class FastTreeBuilder(HTMLParserTreeBuilder):
    """bs4's ``html.parser`` builder with the fixes above, building its tree with :class:`_TreeParser`."""

    def feed(self, markup: str | bytes, *args: object, **kwargs: object) -> None:
        assert isinstance(markup, str)  # html.parser's prepare_markup always yields str (as bs4 asserts too)
        assert self.soup is not None
        parser = _TreeParser(self.soup, self)
        try:
            parser.feed(markup)
            parser.close()
        except AssertionError as exc:
            raise ParserRejectedMarkup(exc) from exc
        parser.finish()


def parse_source(text: str, **kwargs: Any) -> BeautifulSoup:  # Any: bs4 tree-builder options
    """A tree of ``text`` whose serialisation nests and decodes the way the source does.

    :class:`FastTreeBuilder` supports the options :func:`parse` passes, no others.
    """
    builder = FastTreeBuilder(**kwargs)
    if (
        "[document]" not in builder.preserve_whitespace_tags
        or builder.cdata_list_attributes
        or builder.parser_args != ([], {"convert_charrefs": False})
    ):
        raise ValueError("the fast tree builder keeps whitespace, and takes no parser or attribute options")
    return BeautifulSoup(text, builder=builder, element_classes={Tag: SourceTag})


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
