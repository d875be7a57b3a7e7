"""Numbers, dates, times, URLs and e-mail addresses of the msgid must survive translation.

Values are compared, not strings (see :mod:`transloc.localise.presence`), so the check holds whether
localisation ran or not (``--no-localise``) and whatever CLDR pattern a reviewer chose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import polib

from ..catalog import translations
from ..errors import TranslocError
from ..localise.presence import missing
from .base import CheckContext, Diagnostic, diag

_URL = re.compile(r"https?://[^\s<>\"“”„«»]+|www\.[^\s<>\"“”„«»]+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def _language(ctx: CheckContext) -> str:
    from ..localise.locales import parse_locale

    try:
        return parse_locale(ctx.language).resolved
    except TranslocError:
        return ctx.language


def _translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    """The translated forms of an entry, each with its source (msgid, or msgid_plural for plural forms)."""
    return [(source, text) for source, text in translations(entry) if text]


class NumbersChecker:
    """Every number, amount, percentage, date and time of the msgid is in the msgstr."""

    name = "numbers"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterator[Diagnostic]:
        language = _language(ctx)
        for source, text in _translations(entry):
            for entity in missing(source, text, language):
                message = f"{entity.label} {entity.text} of the source is missing or changed in the translation"
                yield diag(ctx, entry, "error", self.name, message)


class UrlsChecker:
    """URLs and e-mail addresses are copied verbatim: a translated link is a broken link."""

    name = "urls"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterator[Diagnostic]:
        for source, text in _translations(entry):
            for url in [m.group(0).rstrip(".,;:!?)]}'’") for m in _URL.finditer(source)]:
                if url not in text:
                    kind = "e-mail address" if "@" in url and "://" not in url else "URL"
                    message = f"{kind} {url} of the source is missing or changed in the translation"
                    yield diag(ctx, entry, "error", self.name, message)


numbers = NumbersChecker()
urls = UrlsChecker()
CHECKERS = [numbers, urls]
