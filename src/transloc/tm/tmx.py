"""TMX 1.4b exchange with CAT tools (OmegaT, Trados, memoQ) and other memories.

Export writes the memory's units of one language (reviewed only unless asked for drafts). transloc's
placeholders become TMX inline elements: ``<1>…</1>`` → ``<bpt i="1" x="1">…</bpt>…<ept i="1">…</ept>``,
``<2/>`` → ``<ph x="2">…</ph>`` (the native code they carry is the placeholder itself, so a reader that
flattens inline elements, like translate-toolkit, gets transloc's msgid back).

Import reads any TMX (1.1–1.4b; ``xml:lang`` or ``lang``; a DOCTYPE is fine, entity declarations are
refused) streaming, keeps the units with a German and a target-language variant, and turns inline elements
into placeholders numbered in order of appearance, as transloc numbers them in a msgid: ``bpt``/``ept``
pairs (matched by ``i``; target codes to source codes by ``x``, else ``i``, else order), ``hi`` as a pair,
``ph``/``it``/``ut``/``x`` as void placeholders. The units are written to a PO catalog under the language's
folder (``locales/<lang>/_tmx/<name>.po``), because PO files are the memory's truth: the index reads them
like every other catalog, and a person's translation already in that catalog is never replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

import polib

from .. import __version__
from ..errors import TranslocError
from ..localise.locales import TargetLocale
from ..placeholders import TOKEN
from .units import Unit

SOURCE_LANG = "de"
IMPORT_FOLDER = "_tmx"
_SPACE = re.compile(r"\s+")


# ----------------------------------------------------------------------------- export


def segment_xml(text: str) -> str:
    """A msgid/msgstr as TMX ``<seg>`` content: text escaped, placeholders as inline elements."""
    opened = {int(m.group(2)) for m in TOKEN.finditer(text) if not m.group(1) and not m.group(3)}
    closed = {int(m.group(2)) for m in TOKEN.finditer(text) if m.group(1) and not m.group(3)}
    out: list[str] = []
    pos = 0
    for m in TOKEN.finditer(text):
        if m.group(1) and m.group(3):
            continue  # "</1/>" is not a placeholder
        out.append(escape(text[pos : m.start()]))
        number, code = int(m.group(2)), escape(m.group(0))
        if m.group(3):
            out.append(f'<ph x="{number}">{code}</ph>')
        elif not m.group(1):
            paired = number in closed
            out.append(f'<bpt i="{number}" x="{number}">{code}</bpt>' if paired
                       else f'<it pos="begin" x="{number}">{code}</it>')
        else:
            out.append(f'<ept i="{number}">{code}</ept>' if number in opened
                       else f'<it pos="end" x="{number}">{code}</it>')
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def tmx_document(units: Iterable[Unit], target: TargetLocale, locales: Path) -> Iterator[str]:
    """The TMX file, piece by piece; one ``<tu>`` per distinct (source, translation)."""
    now = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lang = target.declared
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n'
    yield (
        f'  <header creationtool="transloc" creationtoolversion={quoteattr(__version__)} segtype="sentence" '
        f'o-tmf="transloc-po" adminlang="en" srclang="{SOURCE_LANG}" datatype="plaintext" creationdate="{now}"/>\n'
        "  <body>\n"
    )
    seen: set[tuple[str, str]] = set()
    for unit in units:
        key = (unit.msgid, unit.msgstr)
        if key in seen:
            continue
        seen.add(key)
        origin = f"{(Path(locales) / unit.path).as_posix()}:{unit.line}"
        yield (
            f'    <tu tuid="{len(seen)}">\n'
            f'      <prop type="x-transloc-origin">{escape(origin)}</prop>\n'
            f'      <prop type="x-transloc-status">{"reviewed" if unit.reviewed else "draft"}</prop>\n'
            f'      <tuv xml:lang="{SOURCE_LANG}"><seg>{segment_xml(unit.msgid)}</seg></tuv>\n'
            f"      <tuv xml:lang={quoteattr(lang)}><seg>{segment_xml(unit.msgstr)}</seg></tuv>\n"
            "    </tu>\n"
        )
    yield "  </body>\n</tmx>\n"


# ----------------------------------------------------------------------------- import


Code = tuple[str, str]
"""An inline code of a segment: (``open`` | ``close`` | ``void``, key that pairs it across source and target)."""


@dataclass
class Segment:
    """One ``<seg>``: text and inline codes, numbered once source and target are paired."""

    parts: list[str | Code] = field(default_factory=list)

    def codes(self, kind: str) -> list[str]:
        return [p[1] for p in self.parts if isinstance(p, tuple) and p[0] == kind]

    def text(self, numbers: dict[str, int]) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                kind, key = part
                n = numbers[key]
                out.append({"open": f"<{n}>", "close": f"</{n}>", "void": f"<{n}/>"}[kind])
        return _SPACE.sub(" ", "".join(out)).strip()


@dataclass
class TransUnit:
    line: int
    tuid: str
    variants: dict[str, Segment] = field(default_factory=dict)


class _Reader:
    """Streaming expat handlers: collects ``<tu>`` units with their ``<seg>`` contents."""

    def __init__(self, parser: expat.XMLParserType, path: str) -> None:
        self.parser, self.path = parser, path
        self.units: list[TransUnit] = []
        self.unit: TransUnit | None = None
        self.lang: str | None = None
        self.seg: Segment | None = None
        self.code_depth = 0  # inside an inline element's native code, which is not text
        self.count = 0
        self.pair_keys: dict[str, str] = {}  # bpt i → key, for its ept
        self.hi: list[str] = []
        self.is_tmx = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.code_depth:
            self.code_depth += 1
        elif name == "tmx":
            self.is_tmx = True
        elif name == "tu":
            self.unit = TransUnit(self.parser.CurrentLineNumber, attrs.get("tuid", ""))
        elif name == "tuv" and self.unit is not None:
            self.lang = (attrs.get("xml:lang") or attrs.get("lang") or "").strip()
        elif name == "seg" and self.lang is not None:
            self.seg, self.count, self.pair_keys = Segment(), 0, {}
        elif self.seg is not None:
            self._inline(self.seg, name, attrs)

    def _inline(self, seg: Segment, name: str, attrs: dict[str, str]) -> None:
        self.count += 1
        x = attrs.get("x")
        if name == "bpt":
            key = f"x{x}" if x else f"i{attrs.get('i', self.count)}"
            self.pair_keys[attrs.get("i", "")] = key
            seg.parts.append(("open", key))
        elif name == "ept":
            seg.parts.append(("close", self.pair_keys.get(attrs.get("i", ""), f"i{attrs.get('i', self.count)}")))
        elif name in ("ph", "it", "ut", "x"):
            seg.parts.append(("void", f"x{x}" if x else f"n{self.count}"))
        elif name == "hi":
            key = f"x{x}" if x else f"h{self.count}"
            self.hi.append(key)
            seg.parts.append(("open", key))
            return  # its content is text
        else:
            return  # unknown element: keep its text
        self.code_depth = 1

    def end(self, name: str) -> None:
        if self.code_depth:
            self.code_depth -= 1
        elif name == "hi" and self.seg is not None and self.hi:
            self.seg.parts.append(("close", self.hi.pop()))
        elif name == "seg" and self.seg is not None and self.unit is not None and self.lang is not None:
            self.unit.variants.setdefault(self.lang, self.seg)
            self.seg = None
        elif name == "tuv":
            self.lang = None
        elif name == "tu" and self.unit is not None:
            self.units.append(self.unit)
            self.unit = None

    def chars(self, data: str) -> None:
        if self.seg is not None and self.code_depth == 0:
            self.seg.parts.append(data)

    def refuse(self, *_: object) -> None:
        raise TranslocError(
            "entity declarations are not accepted in a TMX file",
            f"{self.path}:{self.parser.CurrentLineNumber}",
            "export the memory again without an internal DTD subset",
        )


def read_tmx(path: Path) -> list[TransUnit]:
    """Every ``<tu>`` of a TMX file; one-line errors for unreadable or malformed files."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    reader = _Reader(parser, str(path))
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    parser.EntityDeclHandler = reader.refuse
    try:
        with open(path, "rb") as handle:
            parser.ParseFile(handle)
    except FileNotFoundError:
        raise TranslocError("no such file", path, "check the path") from None
    except IsADirectoryError:
        raise TranslocError("is a folder, not a TMX file", path) from None
    except OSError as exc:
        raise TranslocError(f"cannot read file ({exc.strerror or exc})", path) from None
    except expat.ExpatError as exc:
        raise TranslocError(
            f"not well-formed XML ({expat.errors.messages[exc.code]})", f"{path}:{exc.lineno}",
            "export the memory again from its tool",
        ) from None
    if not reader.is_tmx:
        raise TranslocError("not a TMX file (no <tmx> element)", path, "pass a .tmx translation memory")
    return reader.units


def _pick(variants: dict[str, Segment], wanted: list[str]) -> Segment | None:
    """The variant for a language: exact tag first (case-insensitive), then the same primary language."""
    by_tag = {lang.lower().replace("_", "-"): seg for lang, seg in variants.items()}
    for tag in (w.lower() for w in wanted):
        if tag in by_tag:
            return by_tag[tag]
    primary = wanted[0].lower().split("-")[0]
    return next((seg for tag, seg in by_tag.items() if tag.split("-")[0] == primary), None)


def numbering(source: Segment, translation: Segment) -> dict[str, int] | None:
    """Placeholder numbers for both segments' codes: the source's in order of appearance (as transloc numbers
    a msgid); target codes by their key, or, for tools that key them differently, by order within their kind.
    None when the two segments do not hold the same codes."""
    numbers: dict[str, int] = {}
    for part in source.parts:
        if isinstance(part, tuple) and part[0] != "close":
            numbers.setdefault(part[1], len(numbers) + 1)
    for kind in ("open", "void"):
        src, tgt = source.codes(kind), translation.codes(kind)
        if len(src) != len(tgt):
            return None
        if set(tgt) <= set(src):
            continue
        for s, t in zip(src, tgt, strict=True):
            numbers.setdefault(t, numbers[s])
    closing = source.codes("close") + translation.codes("close")
    if any(key not in numbers for key in closing):
        return None
    return numbers


def pairs(units: Iterable[TransUnit], target: TargetLocale) -> tuple[list[tuple[str, str, TransUnit]], int]:
    """(German source, translation) with transloc placeholders, and how many units were left out because
    their inline codes do not correspond (such a translation could never be built)."""
    out: list[tuple[str, str, TransUnit]] = []
    mismatched = 0
    for unit in units:
        source = _pick(unit.variants, [SOURCE_LANG])
        translation = _pick(unit.variants, [target.tag, target.declared, target.resolved])
        if source is None or translation is None:
            continue
        numbers = numbering(source, translation)
        if numbers is None:
            mismatched += 1
            continue
        msgid, msgstr = source.text(numbers), translation.text(numbers)
        if msgid and msgstr:
            out.append((msgid, msgstr, unit))
    return out, mismatched


# ----------------------------------------------------------------------------- library entry points


@dataclass
class ImportResult:
    catalog: Path
    added: int = 0
    kept: int = 0
    """Already in the catalog with the same translation."""
    conflicts: int = 0
    """Already in the catalog with another translation: the catalog's is kept."""
    mismatched: int = 0
    other_languages: int = 0
    """Units without both a German and a target-language variant."""


def import_tmx(path: Path, target: TargetLocale, locales: Path) -> ImportResult:
    """Bring a TMX memory in as ``locales/<lang>/_tmx/<name>.po`` (reviewed entries), merged with what that
    catalog already holds: a translation already there, a person's or an earlier import's, is never replaced."""
    from ..catalog import load_catalog, new_catalog, save_catalog

    units = read_tmx(Path(path))
    found, mismatched = pairs(units, target)
    result = ImportResult(catalog_for(Path(path), target, locales), mismatched=mismatched)
    result.other_languages = len(units) - len(found) - mismatched
    if not found:
        raise TranslocError(
            f"no unit with a German ({SOURCE_LANG}) and a {target.tag} variant among {len(units)}", path,
            "check the languages of the memory (xml:lang of its <tuv> elements) and --to",
        )
    exists = result.catalog.exists()
    po = load_catalog(result.catalog) if exists else new_catalog(target, f"transloc TMX {Path(path).name}")
    existing = {e.msgid: e for e in po if not e.obsolete and not e.msgctxt}

    for msgid, msgstr, unit in found:
        entry = existing.get(msgid)
        if entry is not None and entry.msgstr:
            if entry.msgstr == msgstr:
                result.kept += 1
            else:
                result.conflicts += 1
            continue
        note = f"tmx: {Path(path).name}" + (f" tuid {unit.tuid}" if unit.tuid else "")
        if entry is None:
            entry = polib.POEntry(msgid=msgid, msgstr=msgstr, comment=note,
                                  occurrences=[(Path(path).name, str(unit.line))])
            po.append(entry)
            existing[msgid] = entry
        else:
            entry.msgstr = msgstr
        result.added += 1
    if result.added:
        save_catalog(po, result.catalog)
    return result


def catalog_for(tmx: Path, target: TargetLocale, locales: Path) -> Path:
    stem = re.sub(r"[^\w.-]+", "-", Path(tmx).stem).strip("-.") or "memory"
    return Path(locales) / target.tag / IMPORT_FOLDER / f"{stem}.po"


def export_tmx(units: Iterable[Unit], target: TargetLocale, locales: Path, out: Path) -> int:
    """Write the units as a TMX file (atomically); returns the number of ``<tu>`` written."""
    from ..fileio import atomic_write_text

    text = "".join(tmx_document(units, target, locales))
    atomic_write_text(out, text)
    return text.count("<tu ")
