"""TBX (ISO 30042) import and export, for exchange with Weblate, OmegaT and Trados.

Export writes TBX-Basic in the 2019 "DCT" style (``conceptEntry/langSec/termSec``); import also
reads TBX v2 (``martif``, ``termEntry/langSet/tig``). CSV fields map onto standard data categories:

- ``type`` → ``<descrip type="subjectField">`` on the concept;
- ``note`` → ``<note>`` on the concept;
- ``dnt`` → ``<termNote type="transferComment">do not translate</termNote>`` on the source term, and the
  source form as every target (what tools that ignore the note need);
- ``forbidden`` → target-language ``termSec`` with ``administrativeStatus`` ``deprecatedTerm-admn-sts``.
  A form forbidden for every target language is written to each target ``langSec`` and read back
  as language-independent.

Parsing uses expat directly (line numbers for diagnostics) and refuses DTDs and entity
declarations, so an imported file cannot expand entities or reach for external resources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from ..errors import TranslocError
from ..fileio import read_bytes
from .match import Glossary
from .model import SOURCE, TYPES, Forbidden, Problem, Term, normalise_lang, settle, term_problems

DNT_NOTE = "do not translate"
_REMEDY = "add a term in a target language, or mark the concept do-not-translate"
DEPRECATED = ("deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "deprecated", "forbidden", "notRecommended")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    text: str = ""

    def find(self, *tags: str) -> list[_Node]:
        return [c for c in self.children if c.tag in tags]

    def walk(self, *tags: str) -> list[_Node]:
        out = []
        for child in self.children:
            if child.tag in tags:
                out.append(child)
            else:
                out.extend(child.walk(*tags))
        return out

    def content(self) -> str:
        return " ".join((self.text + "".join(c.content() + " " for c in self.children)).split())


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].rsplit(" ", 1)[-1]


def _parse(data: bytes, path: str) -> _Node:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root = _Node("#document", {}, 1)
    stack = [root]

    def start(name: str, attrs: dict[str, str]) -> None:
        node = _Node(
            _local(name),
            {(_local(k) if k != "xml:lang" else "lang"): v for k, v in attrs.items()},
            parser.CurrentLineNumber,
        )
        stack[-1].children.append(node)
        stack.append(node)

    def end(name: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        stack[-1].text += data

    def refuse(*_: object) -> None:
        raise TranslocError(
            "DTDs and entity declarations are not accepted",
            f"{path}:{parser.CurrentLineNumber}",
            "export the TBX without a DOCTYPE",
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise TranslocError(
            f"not well-formed XML ({expat.errors.messages[exc.code]})",
            f"{path}:{exc.lineno}",
            "fix the TBX file or export it again",
        ) from None
    return root


@dataclass
class _Concept:
    """One concept as read, before its deprecated forms become forbidden ones."""

    node: _Node
    source: str = ""
    targets: dict[str, str] = field(default_factory=dict)
    deprecated: list[tuple[str, str]] = field(default_factory=list)
    dnt: bool = False
    kind: str = ""
    note: str = ""


def _read_concept(concept: _Node, default_lang: str, seen_langs: list[str]) -> _Concept:
    """A concept's terms by language; target languages not seen before are added to ``seen_langs``."""
    read = _Concept(concept)
    for descrip in concept.walk("descrip"):
        if descrip.attrs.get("type") == "subjectField" and descrip.content().lower() in TYPES:
            read.kind = descrip.content().lower()
    read.note = " ".join(n.content() for n in concept.find("note") if n.content())
    for lang_sec in concept.find("langSec", "langSet"):
        lang = normalise_lang(lang_sec.attrs.get("lang") or default_lang)
        for term_sec in lang_sec.find("termSec", "tig", "ntig"):
            terms = term_sec.walk("term")
            text = terms[0].content() if terms else ""
            if not text:
                continue
            status = ""
            for term_note in term_sec.walk("termNote"):
                if term_note.attrs.get("type") == "administrativeStatus":
                    status = term_note.content()
                if term_note.attrs.get("type") == "transferComment" and term_note.content() == DNT_NOTE:
                    read.dnt = True
            if status in DEPRECATED:
                read.deprecated.append((lang, text))
            elif lang == SOURCE:
                read.source = read.source or text
            elif lang not in read.targets:
                read.targets[lang] = text
            if lang != SOURCE and status not in DEPRECATED and lang not in seen_langs:
                seen_langs.append(lang)
    return read


def _term(read: _Concept, where: str, seen_langs: list[str]) -> Term:
    """A deprecated form is forbidden everywhere when it is deprecated in every target language, else per language."""
    forbidden: list[Forbidden] = []
    for form in dict.fromkeys(form for _, form in read.deprecated):
        langs = {lang for lang, f in read.deprecated if f == form}
        if seen_langs and langs >= set(seen_langs):
            forbidden.append(Forbidden(form))
        else:
            forbidden.extend(Forbidden(form, lang) for lang, f in read.deprecated if f == form)
    origin = f"{where}:{read.node.line}"
    return Term(read.source, read.targets, read.kind, read.dnt, tuple(forbidden), read.note, origin)


def parse_tbx(data: bytes, path: str | Path) -> tuple[Glossary, list[Problem]]:
    """Terms of one TBX file and every problem found, checked by the same rules as a CSV glossary."""
    where = str(path)
    root = _parse(data, where)
    problems: list[Problem] = []
    tops = root.children
    if not tops or tops[0].tag not in ("tbx", "martif"):
        line = tops[0].line if tops else 1
        raise TranslocError("not a TBX file (root element is not <tbx> or <martif>)", f"{where}:{line}")
    default_lang = normalise_lang(tops[0].attrs.get("lang", SOURCE) or SOURCE)
    seen_langs: list[str] = []
    concepts: list[_Concept] = []
    for concept in tops[0].walk("conceptEntry", "termEntry"):
        read = _read_concept(concept, default_lang, seen_langs)
        if not read.source:
            problems.append(Problem(where, concept.line, "error", f"concept has no {SOURCE!r} term"))
            continue
        concepts.append(read)
    terms: list[Term] = []
    for read in concepts:
        term = _term(read, where, seen_langs)
        line = read.node.line
        found = [Problem(where, line, level, message) for level, message in term_problems(term, remedy=_REMEDY)]
        problems.extend(found)
        if not any(p.level == "error" for p in found):
            terms.append(settle(term))
    return Glossary(terms, sorted(seen_langs)), problems


def read_tbx(path: str | Path) -> tuple[Glossary, list[Problem]]:
    return parse_tbx(read_bytes(path), path)


def _term_sec(text: str, status: str | None = None, extra: str = "") -> str:
    notes = extra
    if status:
        notes += f'<termNote type="administrativeStatus">{status}</termNote>'
    return f"<termSec><term>{escape(text)}</term>{notes}</termSec>"


def write_tbx(glossary: Glossary) -> str:
    """TBX-Basic (DCT style) holding every field the CSV holds."""
    languages = [lang for lang in glossary.languages if lang != SOURCE]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tbx type="TBX-Basic" style="dct" xml:lang="de" xmlns="urn:iso:std:iso:30042:ed-2">',
        "<tbxHeader><fileDesc><sourceDesc><p>transloc glossary</p></sourceDesc></fileDesc></tbxHeader>",
        "<text><body>",
    ]
    for number, term in enumerate(glossary, 1):
        out.append(f'<conceptEntry id="c{number}">')
        if term.type:
            out.append(f'<descrip type="subjectField">{escape(term.type)}</descrip>')
        if term.note:
            out.append(f"<note>{escape(term.note)}</note>")
        dnt = f'<termNote type="transferComment">{DNT_NOTE}</termNote>' if term.dnt else ""
        out.append(f'<langSec xml:lang="{SOURCE}">{_term_sec(term.source, "preferredTerm-admn-sts", dnt)}</langSec>')
        for lang in languages:
            parts = []
            # dnt terms also carry the source form as their target, for tools that ignore transferComment.
            target = term.source if term.dnt else term.targets.get(lang)
            if target:
                parts.append(_term_sec(target, "preferredTerm-admn-sts"))
            for item in term.forbidden:
                if item.lang in (None, lang):
                    parts.append(_term_sec(item.form, "deprecatedTerm-admn-sts"))
            if parts:
                out.append(f"<langSec xml:lang={quoteattr(lang)}>{''.join(parts)}</langSec>")
        for item in term.forbidden:
            if item.lang and item.lang not in languages:
                out.append(
                    f"<langSec xml:lang={quoteattr(item.lang)}>"
                    f"{_term_sec(item.form, 'deprecatedTerm-admn-sts')}</langSec>"
                )
        out.append("</conceptEntry>")
    out.append("</body></text>")
    out.append("</tbx>")
    return "\n".join(out) + "\n"
