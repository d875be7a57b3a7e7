"""Glossary check: a source term present means its target present, dnt verbatim, forbidden forms absent.

Uses the same matcher and verification as MT enforcement, so ``transloc check`` flags exactly what
the glossary hook would have fixed — in human edits as well as in machine drafts.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import polib

from ..catalog import translations
from ..errors import TranslocError
from ..localise.locales import TargetLocale, parse_locale
from .base import CheckContext, Diagnostic, diag


@lru_cache(maxsize=64)
def _locale(language: str) -> TargetLocale | None:
    try:
        return parse_locale(language)
    except TranslocError:
        return None


class GlossaryChecker:
    name = "glossary"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterable[Diagnostic]:
        from ..glossary import Glossary, verify

        glossary = ctx.options.get("glossary")
        if not isinstance(glossary, Glossary) or entry.obsolete:
            return []
        locale = _locale(ctx.language)
        if locale is None:
            return []

        out: list[Diagnostic] = []
        for source, text in translations(entry):
            if not text:
                continue
            for issue in verify(glossary.find(source), text, locale):
                out.append(diag(ctx, entry, "error", self.name, issue.message))
        return list(dict.fromkeys(out))


CHECKER = GlossaryChecker()
CHECKERS = [CHECKER]
