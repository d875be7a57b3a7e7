"""Placeholder and tag integrity: a msgstr must carry exactly its msgid's inline placeholders,
well nested, and no raw markup (which the build would show as text)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import polib

from .. import placeholders
from ..catalog import translations
from .base import CheckContext, Diagnostic, diag

_RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


class PlaceholderChecker:
    name = "placeholders"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterator[Diagnostic]:
        for source, text in translations(entry):
            if not text:
                continue
            problem = placeholders.compare(source, text)
            if problem:
                yield diag(ctx, entry, "error", "placeholders", problem)
            raw = [m.group(0) for m in _RAW_TAG.finditer(text) if not _RAW_TAG.search(source)]
            if raw:
                yield diag(
                    ctx, entry, "error", "tags", f"raw markup {raw[0]} in the translation would be shown as text"
                )


CHECKERS = [PlaceholderChecker()]
