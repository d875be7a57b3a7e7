"""The README's localisation table is what the installed Babel/CLDR data produce today.

CLDR changes between Babel releases (de-CH's digit group separator, French plural forms), so the
expected cells come from the README and are checked against the library, not copied from it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transloc.localise.hook import localise_text
from transloc.localise.locales import parse_locale

README = Path(__file__).resolve().parents[1] / "README.md"


def _table() -> list[tuple[str, str, str]]:
    text = README.read_text(encoding="utf-8")
    start = text.index("| German source |")
    rows = text[start : text.index("\n\n", start)].splitlines()
    tags = [cell.strip() for cell in rows[0].strip("|").split("|")][1:]
    cases = []
    for row in rows[2:]:
        cells = re.findall(r"`([^`]*)`", row)
        assert len(cells) == len(tags) + 1, row
        cases += [(cells[0], tag, cell) for tag, cell in zip(tags, cells[1:], strict=True)]
    return cases


def test_table_is_found() -> None:
    assert len(_table()) >= 20


@pytest.mark.parametrize(("source", "tag", "expected"), _table())
def test_readme_localisation_table(source: str, tag: str, expected: str) -> None:
    assert localise_text(source, source, parse_locale(tag))[0] == expected
