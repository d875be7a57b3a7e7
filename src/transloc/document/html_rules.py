"""Which HTML elements are inline, never extracted, or carry translatable attributes.

Kept apart from the walker so the rules can be read (and argued about) in one place.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from bs4.element import Comment, NavigableString, PageElement, PreformattedString, Tag

# Phrasing elements that may sit inside a sentence and become placeholders.
INLINE = frozenset(
    "a abbr acronym b bdi bdo big br cite data del dfn em font i img input ins kbd label mark nobr noscript picture q "
    "rp rt ruby s samp small source span strike strong sub sup time tt u var wbr".split()
)
# Elements rendered without content of their own: always void placeholders ``<n/>``.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Never extracted, wherever they stand (their text and their attributes stay as they are).
NEVER = frozenset("script style code pre template svg math".split())
# Never-extracted or invisible elements that may still sit inside a sentence: there they become a
# void placeholder restored verbatim, instead of cutting the sentence in two.
INLINE_OPAQUE = frozenset("script style code svg math template meta link".split())
# Elements that hold no visible text (their strings are code or data).
INVISIBLE = frozenset("script style template".split())

BLOCK_KINDS = {
    "h1": "headline",
    "h2": "subhead",
    "h3": "subhead",
    "h4": "subhead",
    "h5": "subhead",
    "h6": "subhead",
    "p": "paragraph",
    "li": "list-item",
    "dt": "list-item",
    "dd": "list-item",
    "td": "table-cell",
    "th": "table-cell",
    "figcaption": "caption",
    "caption": "caption",
    "blockquote": "quote",
    "title": "title",
}
# Class names that give a run its own role (and its own block when it sits inside a longer run).
ROLE_CLASSES = (
    ("kicker", re.compile(r"kicker|overline|topline|dachzeile|roofline|eyebrow|headline-intro", re.I)),
    ("credit", re.compile(r"credit|copyright|caption__source|photographer|bildquelle", re.I)),
)

# Text-bearing attributes on any element (``alt`` covers <img>, <area> and <input type=image>).
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
# Text-bearing attributes of particular elements.
ELEMENT_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "table": ("summary",),
    "th": ("abbr",),
    "option": ("label",),
    "optgroup": ("label",),
    "track": ("label",),
}
# <input value> is text a reader sees on buttons (<input type=submit value="Suchen">) and as the
# prefilled text of text and search fields (no type means text).
VALUE_TYPES = frozenset(("submit", "button", "reset", "text", "search", ""))
# Attributes on these elements describe resources, not content a reader sees.
NO_ATTRIBUTES = frozenset("html head meta link base script style".split())
META_KEYS = frozenset(
    "description og:title og:description og:image:alt twitter:title twitter:description twitter:image:alt "
    "keywords news_keywords".split()
)
# Usually a brand ("DER SPIEGEL", "heise online"): extracted only when it reads as prose.
META_PROSE_KEYS = frozenset(("og:site_name",))
_PROSE = re.compile(r"\w+(?:\W+\w+){2,}")  # three words or more …
_LOWER_WORD = re.compile(r"(?:^|\s)[^\W\d_A-ZÄÖÜ]")  # … one of them lower-case (a brand is all capitals)

_MARKER = re.compile(r"\s*translate\s*:\s*(on|off)\s*", re.I)


def is_text(node: PageElement) -> TypeGuard[NavigableString]:
    """A character-data node a reader sees (not a comment, doctype, CDATA or processing instruction)."""
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def marker(node: PageElement) -> str | None:
    """``"off"``/``"on"`` for ``<!-- translate:off -->`` / ``<!-- translate:on -->`` comments."""
    if isinstance(node, Comment):
        match = _MARKER.fullmatch(str(node))
        if match:
            return match.group(1).lower()
    return None


# The rules below read ``tag.attrs`` directly (``tag.get`` is a Python call more): the extractor asks
# them about every element, most of which have no attributes at all.


def classes(tag: Tag) -> list[str]:
    value = tag.attrs.get("class")
    if value is None:
        return []
    return value.split() if isinstance(value, str) else [str(v) for v in value]


def is_zone(tag: Tag) -> bool:
    """Never extracted: code-like elements and anything the author marked as not to be translated."""
    if tag.name in NEVER:
        return True
    attrs = tag.attrs
    if not attrs:
        return False
    translate = attrs.get("translate")
    if translate is not None and str(translate).strip().lower() == "no":
        return True
    if "data-translate-ignore" in attrs:
        return True
    return "class" in attrs and "notranslate" in classes(tag)


def reopens(tag: Tag) -> bool:
    """``translate="yes"`` inside a ``translate="no"`` region makes its content translatable again
    (HTML semantics); code, scripts and the like stay closed whatever they say."""
    attrs = tag.attrs
    return bool(attrs) and str(attrs.get("translate", "")).strip().lower() == "yes" and not is_zone(tag)


def role(tag: Tag) -> str | None:
    """``kicker`` or ``credit`` when the element's class says so (cheap, and right on real news pages)."""
    if "class" not in tag.attrs:
        return None
    names = classes(tag)
    for kind, pattern in ROLE_CLASSES:
        if any(pattern.search(c) for c in names):
            return kind
    return None


def is_prose(text: str) -> bool:
    """A phrase rather than a name: three words or more, one of them starting lower-case."""
    return bool(_PROSE.search(text)) and bool(_LOWER_WORD.search(text.strip()))


def meta_key(tag: Tag) -> str | None:
    """The translatable meta key (``description``, ``og:title``…) of a ``<meta>``, if it has one."""
    for attr in ("name", "property"):
        key = str(tag.get(attr, "")).strip().lower()
        content = tag.get("content")
        if not isinstance(content, str):
            continue
        if key in META_KEYS or (key in META_PROSE_KEYS and is_prose(content)):
            return key
    return None


def attribute_names(tag: Tag) -> tuple[str, ...]:
    """The attributes of ``tag`` whose values are text for readers (none on head and resource elements)."""
    if tag.name in NO_ATTRIBUTES:
        return ()
    names = ATTRIBUTES + ELEMENT_ATTRIBUTES.get(tag.name, ())
    if tag.name == "input" and str(tag.get("type", "")).strip().lower() in VALUE_TYPES:
        names = (*names, "value")
    return names
