"""Loading glossary files and linting them: per-file problems plus duplicates and conflicts across files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import TranslocError
from .match import Glossary
from .model import SOURCE, Problem, Term

SUFFIXES = (".csv", ".tbx")


def glossary_files(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and every ``*.csv``/``*.tbx`` inside named folders (sorted, so results are stable)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()))
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise TranslocError("not a glossary file", path, "use .csv or .tbx")
            out.append(path)
        else:
            raise TranslocError("no such glossary file or folder", path, "check the --glossary path")
    return list(dict.fromkeys(out))


def read_file(path: Path) -> tuple[Glossary, list[Problem]]:
    if path.suffix.lower() == ".tbx":
        from .tbx import read_tbx

        return read_tbx(path)
    from .csvio import read_csv

    return read_csv(path)


def _key(term: Term) -> str:
    return " ".join(term.source.casefold().split())


def _differences(a: Term, b: Term) -> list[str]:
    out = []
    if a.dnt != b.dnt:
        out.append("dnt differs")
    for lang in sorted(set(a.targets) | set(b.targets)):
        if a.targets.get(lang) and b.targets.get(lang) and a.targets[lang] != b.targets[lang]:
            out.append(f"{lang} {a.targets[lang]!r} vs {b.targets[lang]!r}")
    return out


def cross_check(terms: Sequence[Term]) -> list[Problem]:
    """Duplicates (same source form) and conflicting targets across all loaded files."""
    problems: list[Problem] = []
    first: dict[str, Term] = {}
    for term in terms:
        key = _key(term)
        other = first.get(key)
        if other is None:
            first[key] = term
            continue
        path, _, line = term.origin.rpartition(":")
        diff = _differences(term, other)
        if diff:
            message = f"conflicting targets for {term.source!r} with {other.origin}: {'; '.join(diff)}"
        else:
            message = f"duplicate {SOURCE} term {term.source!r}, first defined at {other.origin}"
        problems.append(Problem(path, int(line or 0), "error", message))
    return problems


def shadowed(terms: Sequence[Term]) -> list[Problem]:
    """Rows whose text another row already matches ("Weiße Haus" beside "Weißes Haus", "Putins" beside
    "Putin"): inflection-aware matching makes them the same term, and only the first can ever apply."""
    from .match import Matcher

    matcher = Matcher(terms)
    problems: list[Problem] = []
    for term in terms:
        found = matcher.find(term.source)
        if len(found) != 1 or found[0].term is term or (found[0].start, found[0].end) != (0, len(term.source)):
            continue
        other = found[0].term
        if _key(other) == _key(term):
            continue  # a plain duplicate, reported by cross_check
        path, _, line = term.origin.rpartition(":")
        problems.append(
            Problem(
                path,
                int(line or 0),
                "warning",
                f"{term.source!r} never applies: {other.source!r} ({other.origin}) matches the same words "
                "(inflection-aware) and wins; keep one row",
            )
        )
    return problems


def lint(paths: Sequence[str | Path]) -> tuple[list[Problem], int]:
    """Every problem in the glossary files under ``paths`` and the number of terms read."""
    problems: list[Problem] = []
    terms: list[Term] = []
    for path in glossary_files(paths):
        try:
            glossary, found = read_file(path)
        except TranslocError as exc:
            where, _, line = (exc.path or str(path)).rpartition(":")
            if not line.isdigit():
                where, line = exc.path or str(path), "1"
            problems.append(Problem(where, int(line), "error", exc.message))
            continue
        problems.extend(found)
        terms.extend(glossary.terms)
    problems.extend(cross_check(terms))
    problems.extend(shadowed(terms))
    return problems, len(terms)


def load_glossary(paths: Sequence[str | Path]) -> Glossary:
    """One glossary from files and folders (all ``*.csv``/``*.tbx`` inside); any error → TranslocError at file:line.

    Identical duplicates are tolerated when loading (the first wins); conflicting targets are not,
    because the tool could not know which one to enforce.
    """
    terms: list[Term] = []
    languages: list[str] = []
    for path in glossary_files(paths):
        glossary, problems = read_file(path)
        errors = [p for p in problems if p.level == "error"]
        if errors:
            raise TranslocError(errors[0].message, f"{errors[0].path}:{errors[0].line}", "run `transloc glossary lint`")
        terms.extend(glossary.terms)
        languages.extend(glossary.languages)
    conflicts = [p for p in cross_check(terms) if p.message.startswith("conflicting")]
    if conflicts:
        raise TranslocError(
            conflicts[0].message, f"{conflicts[0].path}:{conflicts[0].line}", "run `transloc glossary lint`"
        )
    unique: dict[str, Term] = {}
    for term in terms:
        unique.setdefault(_key(term), term)
    return Glossary(unique.values(), languages)
