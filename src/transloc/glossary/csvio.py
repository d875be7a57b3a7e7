"""Glossary CSV files: one term per row, a header of language codes plus type/dnt/forbidden/note.

Reading never stops at the first bad row: it returns every problem with its line so ``glossary
lint`` can report them all, while :func:`transloc.glossary.load_glossary` refuses a file with errors.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import TranslocError
from ..fileio import decode_text, looks_binary, read_bytes
from .match import Glossary
from .model import (
    FALSE,
    LANG_CODE,
    META_COLUMNS,
    SOURCE,
    TRUE,
    Forbidden,
    Problem,
    Term,
    normalise_lang,
    settle,
    term_problems,
)


def _records(text: str, path: str | Path = "") -> list[tuple[int, list[str]]]:
    """Rows with the line each starts on (quoted cells may span lines).

    A cell beyond the csv module's limit (128 KiB) is no term: almost always an unclosed quote that
    swallowed the rest of the file. It is reported with the line its row starts on.
    """
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            out.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise TranslocError(
                f"line {line}: a cell is longer than {csv.field_size_limit() >> 10} KiB",
                path,
                "look for an unclosed quote on or after that line",
            ) from None
        raise TranslocError(f"line {line}: {exc}", path, "fix the CSV syntax on that line") from None
    return out


def _header(cells: list[str], path: str) -> tuple[list[str | None], list[Problem]]:
    columns: list[str | None] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for number, raw in enumerate(cells, 1):
        name = raw.strip()
        lower = name.lower()
        if not name:
            problems.append(Problem(path, 1, "error", f"header column {number} is empty"))
            columns.append(None)
            continue
        if lower in META_COLUMNS:
            column = lower
        elif LANG_CODE.match(normalise_lang(name)):
            column = normalise_lang(name)
        else:
            problems.append(
                Problem(
                    path,
                    1,
                    "error",
                    f"bad header {name!r}: use language codes (de, en, en-GB, fr) or {', '.join(META_COLUMNS)}",
                )
            )
            columns.append(None)
            continue
        if column in seen:
            problems.append(Problem(path, 1, "error", f"duplicate header column {name!r}"))
            columns.append(None)
            continue
        seen.add(column)
        columns.append(column)
    if SOURCE not in seen:
        problems.append(Problem(path, 1, "error", f"no {SOURCE!r} column: the header must name the source language"))
    if not any(c for c in seen if c not in META_COLUMNS and c != SOURCE):
        problems.append(Problem(path, 1, "error", "no target language column (e.g. en, fr)"))
    return columns, problems


def parse_csv(text: str, path: str | Path) -> tuple[Glossary, list[Problem]]:
    """Terms of one CSV glossary and every problem found on the way (rows with errors are left out)."""
    where = str(path)
    records = [(line, row) for line, row in _records(text, path) if any(cell.strip() for cell in row)]
    if not records:
        return Glossary(), [Problem(where, 1, "error", "empty glossary: no header row")]
    columns, problems = _header(records[0][1], where)
    languages = [c for c in columns if c and c not in META_COLUMNS and c != SOURCE]
    terms: list[Term] = []
    for line, row in records[1:]:
        row_problems: list[Problem] = []

        def report(level: str, message: str, line: int = line, sink: list[Problem] = row_problems) -> None:
            sink.append(Problem(where, line, level, message))

        if len(row) > len(columns):
            report("error", f"{len(row)} cells but the header has {len(columns)} columns")
        cells: dict[str, str] = {}
        for column, raw in zip(columns, row, strict=False):
            if column is None:
                continue
            value = raw.strip()
            if value != raw or "  " in value:
                report("warning", f"stray spaces in {column} cell {raw!r}")
            cells[column] = " ".join(value.split())
        flag = cells.get("dnt", "").lower()
        if flag not in TRUE and flag not in FALSE:
            report("error", f"dnt must be yes or no, not {cells.get('dnt')!r}")
        term = Term(
            source=cells.get(SOURCE, ""),
            targets={lang: cells[lang] for lang in languages if cells.get(lang)},
            type=cells.get("type", "").lower(),
            dnt=flag in TRUE,
            forbidden=tuple(Forbidden.parse(item) for item in cells.get("forbidden", "").split("|") if item.strip()),
            note=cells.get("note", ""),
            origin=f"{where}:{line}",
        )
        for level, message in term_problems(term):
            report(level, message)
        if term.source and term.targets and not term.dnt:
            for lang in languages:
                if "-" not in lang and not cells.get(lang):
                    report("warning", f"empty {lang} cell: {term.source!r} is not enforced for {lang}")
        problems.extend(row_problems)
        if term.source and not any(p.level == "error" for p in row_problems):
            terms.append(settle(term))
    return Glossary(terms, languages), problems


def read_csv(path: str | Path) -> tuple[Glossary, list[Problem]]:
    data = read_bytes(path)
    if looks_binary(data):
        raise TranslocError("binary file, not a CSV glossary", path, "export the sheet as CSV (UTF-8)")
    return parse_csv(decode_text(data, path), path)


def write_csv(glossary: Glossary) -> str:
    """CSV text holding every field of ``glossary`` (the inverse of :func:`parse_csv`)."""
    languages = [lang for lang in glossary.languages if lang != SOURCE]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([SOURCE, *languages, *META_COLUMNS])
    for term in glossary:
        writer.writerow(
            [
                term.source,
                *(term.targets.get(lang, "") for lang in languages),
                term.type,
                "yes" if term.dnt else "",
                "|".join(str(f) for f in term.forbidden),
                term.note,
            ]
        )
    return buffer.getvalue()
