"""Numbers, dates, times, URLs and e-mail addresses of the msgid must survive translation.

Values are compared, not strings (see :mod:`transloc.localise.presence`), so the check holds whether
localisation ran or not (``--no-localise``) and whatever CLDR pattern a reviewer chose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import polib

from ..errors import TranslocError
from ..localise.presence import missing
from .base import CheckContext, Diagnostic, diag

_LABELS = {"number": "number", "percent": "percentage", "amount": "amount", "date": "date", "time": "time"}
_URL = re.compile(r"https?://[^\s<>\"“”„«»]+|www\.[^\s<>\"“”„«»]+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def _language(ctx: CheckContext) -> str:
    from ..localise.locales import parse_locale

    try:
        return parse_locale(ctx.language).resolved
    except TranslocError:
        return ctx.language


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.obsolete:
        return []
    texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    return [t for t in texts if t]


class NumbersChecker:
    """Every number, amount, percentage, date and time of the msgid is in the msgstr."""

    name = "numbers"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterator[Diagnostic]:
        language = _language(ctx)
        for text in _translations(entry):
            for entity in missing(entry.msgid, text, language):
                label = _LABELS.get(entity.kind, entity.kind)
                message = f"{label} {entity.text} of the source is missing or changed in the translation"
                yield diag(ctx, entry, "error", self.name, message)


class UrlsChecker:
    """URLs and e-mail addresses are copied verbatim: a translated link is a broken link."""

    name = "urls"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterator[Diagnostic]:
        wanted = [m.group(0).rstrip(".,;:!?)]}'’") for m in _URL.finditer(entry.msgid)]
        for text in _translations(entry):
            for url in wanted:
                if url not in text:
                    kind = "e-mail address" if "@" in url and "://" not in url else "URL"
                    message = f"{kind} {url} of the source is missing or changed in the translation"
                    yield diag(ctx, entry, "error", self.name, message)


numbers = NumbersChecker()
urls = UrlsChecker()
CHECKERS = [numbers, urls]
