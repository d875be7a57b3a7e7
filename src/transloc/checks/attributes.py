"""Script-like text in attribute entries (``attr:…``, ``meta:…``): ``javascript:`` URLs and text that
would close the attribute and open an event handler (``" onfocus=…``).

The build escapes attribute values, so none of this can run; but a translation that carries it is
either a mistake or an attempt, and a reviewer should see it before it is published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import polib

from ..catalog import translations
from .base import CheckContext, Diagnostic, diag

_KIND = re.compile(r"^block: ((?:attr|meta):\S+)", re.M)
# Browsers drop tabs and line breaks inside a URL scheme ("java\tscript:"), so the check does too.
_SCRIPT_URL = re.compile(r"(?<![\w-])(?:java|vb)[\s\x00-\x1f]*script[\s\x00-\x1f]*:|\bdata[\s]*:[\s]*text/html", re.I)
_HANDLER = re.compile(r"[\"'`]\s*/?\s*on[a-z]+\s*=|<\s*/?\s*[a-z]", re.I)


def attribute_kinds(entry: polib.POEntry) -> list[str]:
    """The attribute and meta kinds an entry was extracted from (``#. block: attr:alt`` …)."""
    return _KIND.findall(entry.comment or "")


class AttributeChecker:
    name = "attributes"

    def check_entry(self, entry: polib.POEntry, ctx: CheckContext) -> Iterator[Diagnostic]:
        kinds = attribute_kinds(entry)
        if not kinds:
            return
        for source, text in translations(entry):
            for pattern, what in ((_SCRIPT_URL, "a script URL"), (_HANDLER, "markup or an event handler")):
                match = pattern.search(text)
                if match and not pattern.search(source):
                    yield diag(
                        ctx,
                        entry,
                        "error",
                        self.name,
                        f"{what} ({match.group(0).strip()!r}) in the translation of {kinds[0]}: "
                        "check that it belongs there",
                    )


CHECKERS = [AttributeChecker()]
