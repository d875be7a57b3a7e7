"""Reading catalogs: strings continued over many lines are joined before polib sees them (polib's own
continuation handling is quadratic). The result must be exactly what polib reads line by line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import polib
import pytest

from po_samples import catalog
from transloc.catalog_io import parse
from transloc.errors import TranslocError
from transloc.po_layout import po_text


def fields(po: polib.POFile) -> list[Any]:
    return [dict(po.metadata)] + [
        (
            e.msgid, e.msgstr, e.msgctxt, e.msgid_plural, dict(e.msgstr_plural), e.comment, e.tcomment,
            e.occurrences, e.flags, e.previous_msgid, e.previous_msgctxt, e.previous_msgid_plural, e.obsolete,
            e.linenum,
        )
        for e in po
    ]  # fmt: skip


def polib_line_by_line(text: str) -> polib.POFile:
    # gettext writes ``#~|`` for an obsolete entry's previous msgid; polib reads only ``#|``
    return polib.pofile(text.replace("\n#~| ", "\n#| "), wrapwidth=78)


@pytest.mark.parametrize("seed", range(12))
def test_reading_gives_what_polib_reads_line_by_line(seed: int, tmp_path: Path) -> None:
    text = po_text(catalog(seed, count=60))
    assert text.count('\n"') > 20  # the samples do wrap: there is something to join
    path = tmp_path / "x.po"
    assert fields(parse(text.encode("utf-8"), path)) == fields(polib_line_by_line(text))


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="gettext's msgcat is not installed")
@pytest.mark.parametrize("seed", range(4))
def test_reading_a_file_written_by_msgcat_narrow_gives_what_polib_reads(seed: int, tmp_path: Path) -> None:
    # msgcat --width=30 splits almost every string: many continuation lines, obsolete and previous ones too
    source = tmp_path / "in.po"
    source.write_text(po_text(catalog(seed, count=60)), encoding="utf-8")
    text = subprocess.run(
        ["msgcat", "--width=30", str(source)], capture_output=True, text=True, check=True, encoding="utf-8"
    ).stdout
    assert "#~ " in text or seed  # obsolete entries appear in the samples
    assert fields(parse(text.encode("utf-8"), tmp_path / "x.po")) == fields(polib_line_by_line(text))


def long_entry(words: int) -> str:
    return "msgid \"\"\n" + "".join(f'"Wort <{i}>fett</{i}> "\n' for i in range(words)) + 'msgstr "x"\n'


def test_a_syntax_error_after_long_strings_names_its_line_in_the_file(tmp_path: Path) -> None:
    text = long_entry(50) + "\n" + long_entry(70).replace('msgid ""', 'msgctxt "a"\nmsgid ""') + "\nnonsense here\n"
    broken = text.splitlines().index("nonsense here") + 1
    with pytest.raises(TranslocError) as info:
        parse(text.encode("utf-8"), tmp_path / "x.po")
    assert f"line {broken}:" in str(info.value)


def test_duplicates_after_long_strings_name_both_lines(tmp_path: Path) -> None:
    entry = 'msgid "same"\nmsgstr "one"\n'
    text = long_entry(40) + "\n" + entry + "\n" + long_entry(30).replace("Wort", "Satz") + "\n" + entry
    lines = text.splitlines()
    first, second = (i + 1 for i, line in enumerate(lines) if line == 'msgid "same"')
    with pytest.raises(TranslocError) as info:
        parse(text.encode("utf-8"), tmp_path / "x.po")
    assert f"x.po:{first}" in str(info.value) and f"x.po:{second}" in str(info.value)


def test_a_string_with_escapes_at_the_line_ends_is_joined_exactly(tmp_path: Path) -> None:
    text = 'msgid ""\n"ends with a backslash \\\\"\n"\\"quoted\\" and a tab\\t"\n"\\n"\nmsgstr ""\n"\\\\"\n"n"\n'
    po = parse(text.encode("utf-8"), tmp_path / "x.po")
    assert po[0].msgid == 'ends with a backslash \\"quoted" and a tab\t\n'
    assert po[0].msgstr == "\\n"  # an escaped backslash, then the letter n: not a newline


def test_an_unterminated_string_after_long_strings_names_its_line_in_the_file(tmp_path: Path) -> None:
    text = long_entry(60) + '\nmsgid "open\nmsgstr "y"\n'
    with pytest.raises(TranslocError) as info:
        parse(text.encode("utf-8"), tmp_path / "x.po")
    line = text.splitlines().index('msgid "open') + 1
    assert f"line {line}: unterminated" in str(info.value)


@pytest.mark.parametrize("newline", ["\r\n", "\n\f\n"])
def test_files_with_other_line_breaks_read_as_polib_reads_them(newline: str, tmp_path: Path) -> None:
    text = po_text(catalog(3, count=30)).replace("\n", newline)
    assert fields(parse(text.encode("utf-8"), tmp_path / "x.po")) == fields(polib_line_by_line(text))
