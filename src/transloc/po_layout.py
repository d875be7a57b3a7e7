"""PO files in GNU gettext's canonical layout, byte for byte what ``msgcat`` writes.

polib's own writer wraps with ``textwrap`` at a different width, wraps ``#.`` comments (which then
come back as extra comment lines on the next read) and orders header fields its own way, so every
round trip through gettext tools produced diff noise. This writer follows ``write-po.c``: comments
as they are, ``#:`` references filled to 79 columns, ``#, fuzzy`` only on a non-empty translation,
strings broken where gettext breaks them (:mod:`transloc.po_wrap`), obsolete entries last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import polib

from .po_wrap import fill, line_breaks

PAGE_WIDTH = 79
_NO_WRAP = 1 << 30
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_ESCAPE_SEQUENCE = re.compile(r"\\.", re.S)


def po_text(po: polib.POFile) -> str:
    """The whole catalog as gettext writes it: header, active entries, then obsolete ones."""
    blocks: list[list[str]] = []
    if po.metadata or po.header:
        blocks.append(_header(po))
    blocks += [_entry(e) for e in po if not e.obsolete]
    blocks += [_obsolete(e) for e in po if e.obsolete and _first_msgstr(e)]
    return "\n".join("".join(line + "\n" for line in block) for block in blocks)


def wrap_string(prefix: str, keyword: str, value: str, *, wrap: bool = True) -> list[str]:
    """``keyword "value"`` split over lines as gettext's ``wrap()`` does (79 columns, breaks after ``\\n``;
    with ``wrap=False``, the ``no-wrap`` flag, only after ``\\n``)."""
    return list(_wrap(prefix, keyword, value, PAGE_WIDTH if wrap else _NO_WRAP))


@lru_cache(maxsize=1 << 16)
def _wrap(prefix: str, keyword: str, value: str, page_width: int) -> tuple[str, ...]:
    # Cached: a catalog is saved after every MT batch, and most of its strings have not changed since.
    lines: list[str] = []
    portions = _split_after_newlines(value) if value else [""]
    first_line = True
    after_break = len(prefix) + 1
    width = page_width - 1 - after_break
    for index, portion in enumerate(portions):
        text, prohibited = _escape(portion)
        more = index < len(portions) - 1
        start = len(prefix) + (len(keyword) + 1 if first_line else 0) + 1 - after_break
        breaks = line_breaks(text)  # once, although the first line may be filled from two start columns
        own_line = first_line and bool(text) and (more or start > width)  # keyword "" on a line of its own
        cuts = [] if own_line else fill(breaks, width, start, prohibited)
        if first_line and text and (own_line or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            cuts = fill(breaks, width, 0, prohibited)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        ends = [*cuts, len(text)]
        lines.append(f'{head}"{text[: ends[0]]}"')
        lines += [f'{prefix}"{text[a:b]}"' for a, b in zip(ends, ends[1:], strict=False)]
    return tuple(lines)


def _split_after_newlines(value: str) -> list[str]:
    """``value`` in pieces that each end just after a newline (the last one may not)."""
    pieces = value.split("\n")
    portions = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        portions.append(pieces[-1])
    return portions


def _escape(portion: str) -> tuple[str, list[int]]:
    """The portion with C escapes, and the positions where no line may break: inside an escape
    sequence, and just before a final ``\\n``."""
    if not _NEEDS_ESCAPE.search(portion):
        return portion, []
    text = portion.replace("\\", "\\\\")  # first, so the backslashes added below stay single
    for char, letter in _ESCAPES.items():
        if char != "\\" and char in text:
            text = text.replace(char, "\\" + letter)
    # every backslash of the result starts a two-character escape sequence
    prohibited = [m.start() + 1 for m in _ESCAPE_SEQUENCE.finditer(text)]
    if portion.endswith("\n"):
        prohibited.append(len(text) - 2)  # no break just before a final "\n"
    return text, prohibited


def _comment_lines(mark: str, text: str | None) -> list[str]:
    if not text:
        return []
    # polib drops trailing blanks when it reads a comment, so they are not written in the first place.
    return [(mark + " " + line).rstrip() if line.strip() else mark for line in text.split("\n")]


def _references(occurrences: Iterable[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    current, column = "#:", 2
    for name, line in dict.fromkeys(occurrences):
        ref = f"{name}:{line}" if line else name
        if column > 2 and column + len(ref) + 1 > PAGE_WIDTH:
            lines.append(current)
            current, column = "#:", 2
        current += " " + ref
        column += len(ref) + 1
    if column > 2:
        lines.append(current)
    return lines


def _first_msgstr(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return str(entry.msgstr_plural.get(0, "")) if entry.msgstr_plural else ""
    return str(entry.msgstr or "")


def _flags(entry: polib.POEntry, *, obsolete: bool) -> list[str]:
    # gettext's order: fuzzy, format flags, no-wrap last; "wrap" is its default and not written
    flags = [f for f in dict.fromkeys(entry.flags) if f not in ("fuzzy", "wrap", "no-wrap")]
    if "fuzzy" in entry.flags and (obsolete or _first_msgstr(entry)):
        flags.insert(0, "fuzzy")
    if "no-wrap" in entry.flags:
        flags.append("no-wrap")
    return ["#, " + ", ".join(flags)] if flags else []


def _body(entry: polib.POEntry, prefix: str, previous_prefix: str, *, obsolete: bool) -> list[str]:
    lines: list[str] = []
    # msgmerge keeps ``#|`` only on fuzzy entries; writing it elsewhere would not survive a round trip.
    previous = obsolete or ("fuzzy" in entry.flags and bool(_first_msgstr(entry)))
    wrap = "no-wrap" not in entry.flags
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None and previous:
            lines += wrap_string(previous_prefix, keyword, value, wrap=wrap)
    if entry.msgctxt is not None:
        lines += wrap_string(prefix, "msgctxt", entry.msgctxt, wrap=wrap)
    lines += wrap_string(prefix, "msgid", entry.msgid, wrap=wrap)
    if entry.msgid_plural:
        lines += wrap_string(prefix, "msgid_plural", entry.msgid_plural, wrap=wrap)
        forms = entry.msgstr_plural or {0: ""}
        for index in sorted(forms, key=int):
            lines += wrap_string(prefix, f"msgstr[{int(index)}]", forms[index], wrap=wrap)
    else:
        lines += wrap_string(prefix, "msgstr", entry.msgstr or "", wrap=wrap)
    return lines


def _entry(entry: polib.POEntry) -> list[str]:
    return [
        *_comment_lines("#", entry.tcomment),
        *_comment_lines("#.", entry.comment),
        *_references(entry.occurrences),
        *_flags(entry, obsolete=False),
        *_body(entry, "", "#| ", obsolete=False),
    ]


def _obsolete(entry: polib.POEntry) -> list[str]:
    return [
        *_comment_lines("#", entry.tcomment),
        *_comment_lines("#.", entry.comment),
        *_references(entry.occurrences),
        *_flags(entry, obsolete=True),
        *_body(entry, "#~ ", "#~| ", obsolete=True),
    ]


def header_msgstr(po: polib.POFile) -> str:
    return "".join(f"{key}: {value}\n" for key, value in po.metadata.items())


def _header(po: polib.POFile) -> list[str]:
    # polib reads a lone "#" above the header as no comment at all and writes one back: keep it stable
    lines = _comment_lines("#", po.header) or ["#"]
    if po.metadata_is_fuzzy:
        lines.append("#, fuzzy")
    return lines + wrap_string("", "msgid", "") + wrap_string("", "msgstr", header_msgstr(po))
