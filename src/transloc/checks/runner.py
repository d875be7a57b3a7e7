"""Run every QA check over PO files and report like a compiler: ``path:line: level[check]: message``.

Exit codes: 0 clean, 1 violations (errors; warnings too with ``--strict``), 2 unusable input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog import FUZZY, load_catalog, translations
from ..errors import TranslocError
from ..localise.locales import parse_locale
from .base import CatalogSetChecker, CheckContext, Diagnostic, EntryChecker

if TYPE_CHECKING:
    from ..glossary import Glossary

CHECK_MODULES = (
    "transloc.checks.placeholders",
    "transloc.checks.glossary",
    "transloc.checks.locale",
    "transloc.checks.consistency",
    "transloc.checks.attributes",
)


@dataclass
class Report:
    files: list[Path] = field(default_factory=list)
    entries: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(d.level == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.level == "warning" for d in self.diagnostics)

    def exit_code(self, strict: bool = False) -> int:
        if self.unusable:
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0


Checker = EntryChecker | CatalogSetChecker


def checkers() -> list[Checker]:
    """Every checker the check modules list in ``CHECKERS``; anything else there is a programming error."""
    found: list[Checker] = []
    for name in CHECK_MODULES:
        for checker in getattr(import_module(name), "CHECKERS", []):
            if not isinstance(checker, EntryChecker | CatalogSetChecker):
                raise TypeError(f"{name}: {checker!r} has neither check_entry nor check_catalogs")
            found.append(checker)
    return found


def po_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.po")))
        elif path.exists():
            files.append(path)
        else:
            raise TranslocError("no such file or folder", path, "name PO files or a locales folder")
    return files


def language_of(path: Path, metadata: dict[str, str]) -> str:
    """The Language header, else the nearest folder named like a locale (``locales/en-GB/site/x.po``).

    The header comes first because nested catalogs sit in folders that mirror the site, not the language.
    """
    for candidate in (metadata.get("Language", ""), *(parent.name for parent in path.parents)):
        if not candidate:
            continue
        try:
            return parse_locale(candidate).tag
        except TranslocError:
            continue
    return "en"


def run(
    paths: Sequence[Path],
    *,
    glossary: Glossary | None = None,
    skip_fuzzy: bool = False,
    options: Mapping[str, object] | None = None,
) -> Report:
    report = Report()
    contexts: list[CheckContext] = []
    for path in po_files(paths):
        report.files.append(path)
        try:
            po = load_catalog(path)
        except TranslocError as exc:
            report.unusable.append(str(exc))
            continue
        ctx = CheckContext(
            path=path,
            po=po,
            language=language_of(path, po.metadata),
            options={"glossary": glossary, "skip_fuzzy": skip_fuzzy, **(options or {})},
        )
        contexts.append(ctx)
    active = checkers()
    entry_checkers = [c for c in active if isinstance(c, EntryChecker)]
    for ctx in contexts:
        for entry in ctx.po:
            if not any(text for _, text in translations(entry)):
                continue
            if skip_fuzzy and FUZZY in entry.flags:
                continue
            report.entries += 1
            for entry_checker in entry_checkers:
                report.diagnostics.extend(entry_checker.check_entry(entry, ctx))
    for set_checker in active:
        if isinstance(set_checker, CatalogSetChecker):
            report.diagnostics.extend(set_checker.check_catalogs(contexts))
    report.diagnostics.sort(key=lambda d: (d.path, d.line, d.check, d.message))
    return report


def format_text(report: Report) -> Iterable[str]:
    yield from report.unusable
    yield from (str(d) for d in report.diagnostics)
    yield (
        f"{len(report.files)} file(s), {report.entries} entries checked: "
        f"{report.errors} error(s), {report.warnings} warning(s)"
        + (f", {len(report.unusable)} unusable file(s)" if report.unusable else "")
    )


def format_json(report: Report) -> str:
    return json.dumps(
        {
            "files": [str(p) for p in report.files],
            "entries": report.entries,
            "errors": report.errors,
            "warnings": report.warnings,
            "unusable": report.unusable,
            "diagnostics": [d.as_dict() for d in report.diagnostics],
        },
        ensure_ascii=False,
        indent=2,
    )


def _escape_github(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(report: Report) -> Iterable[str]:
    """GitHub Actions workflow commands: annotations on the PO lines in pull requests."""
    for line in report.unusable:
        yield f"::error::{_escape_github(line)}"
    for d in report.diagnostics:
        yield (
            f"::{d.level} file={_escape_github(d.path, prop=True)},line={d.line},"
            f"title={_escape_github(d.check, prop=True)}::{_escape_github(d.message)}"
        )
