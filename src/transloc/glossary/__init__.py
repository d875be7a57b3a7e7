"""Terminology glossary: load (CSV, TBX), lint, match German inflection, enforce around MT, verify."""

from __future__ import annotations

from .enforce import GlossaryHook, Issue, contains, hints, replacement, required, term_use, verify
from .lint import glossary_files, lint, load_glossary
from .match import Glossary, Match, Matcher
from .model import SOURCE, Forbidden, Problem, Term
from .project import glossary_paths, project_glossary

__all__ = [
    "SOURCE",
    "Forbidden",
    "Glossary",
    "GlossaryHook",
    "Issue",
    "Match",
    "Matcher",
    "Problem",
    "Term",
    "contains",
    "glossary_files",
    "glossary_paths",
    "hints",
    "lint",
    "load_glossary",
    "project_glossary",
    "replacement",
    "required",
    "term_use",
    "verify",
]
