"""TMX 1.4b exchange, checked against an independent implementation (translate-toolkit's TMX storage)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from support import run_cli as run
from support import translator_catalog as catalog
from transloc.localise.locales import parse_locale
from transloc.tm import Memory, suggest

tmx = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit is in the test extra")

EN = parse_locale("en-GB")


REVIEWED = [
    ("Laut <1>Reuters</1> sagte er<2/> nichts.", "According to <1>Reuters</1>, he said<2/> nothing.", False),
    ("Das Wetter & die \"Folgen\".", "The weather & the \"consequences\".", False),
]
DRAFT = ("Ein Entwurf.", "A draft.", True)


def test_export_is_read_back_by_translate_toolkit(workdir: Path) -> None:
    catalog(Path("locales/en-GB/site/a.po"), [*REVIEWED, DRAFT])
    code, out, err = run("tm", "export", "--to", "en-GB", "memory.tmx")
    assert code == 0, err
    assert "memory.tmx: 2 reviewed translation unit(s), de → en-GB" in out
    store = tmx.tmxfile.parsefile("memory.tmx")
    got = {(u.source, u.target) for u in store.units}
    assert got == {(s, t) for s, t, _ in REVIEWED}, "placeholders flatten back to transloc's tokens; no draft"
    assert store.sourcelanguage == "de"
    text = Path("memory.tmx").read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in text and 'xml:lang="en-GB"' in text
    assert '<bpt i="1" x="1">&lt;1&gt;</bpt>Reuters<ept i="1">&lt;/1&gt;</ept>' in text
    assert '<ph x="2">&lt;2/&gt;</ph>' in text
    assert "locales/en-GB/site/a.po:" in text  # origin kept as a prop

    code, out, err = run("tm", "export", "--to", "en-GB", "--include-fuzzy", "all.tmx")
    assert code == 0 and "3 reviewed and draft" in out, err
    assert ("Ein Entwurf.", "A draft.") in {(u.source, u.target) for u in tmx.tmxfile.parsefile("all.tmx").units}


def test_import_a_tmx_written_by_translate_toolkit(workdir: Path) -> None:
    store = tmx.tmxfile(sourcelanguage="de-DE", targetlanguage="en-GB")
    old = "Die Bundesregierung hat am Mittwoch in Berlin ein neues Klimaschutzgesetz beschlossen."
    store.addtranslation(old, "de-DE", "On Wednesday the government passed a new climate law in Berlin.", "en-GB")
    store.addtranslation("Guten Morgen.", "de-DE", "Bonjour.", "fr-FR")  # another language: not imported
    store.addtranslation("Folgen Sie uns bei Facebook.", "de-DE", "Follow us on Facebook.", "EN-gb")
    Path("desk.tmx").write_bytes(bytes(store))
    code, out, err = run("tm", "import", "desk.tmx", "--to", "en-GB")
    assert code == 0, err
    assert "locales/en-GB/_tmx/desk.po: 2 unit(s) added" in out and "1 without de and en-GB variants" in out
    po = polib.pofile("locales/en-GB/_tmx/desk.po")
    assert po.find("Folgen Sie uns bei Facebook.").msgstr == "Follow us on Facebook."
    assert all("fuzzy" not in e.flags for e in po)
    with Memory.open(Path("locales")) as memory:
        exact = suggest(memory, EN, "Folgen Sie uns bei Facebook.")
        assert exact is not None and not exact.fuzzy and "reused: locales/en-GB/_tmx/desk.po:" in exact.notes[0]
        similar = suggest(memory, EN, old.replace("Mittwoch", "Donnerstag"))
        assert similar is not None and similar.kind == "fuzzy"
        assert "tm: words that differ: Mittwoch → Donnerstag" in similar.notes


def test_import_maps_inline_codes_and_keeps_human_translations(workdir: Path) -> None:
    # OmegaT-style codes: same i/x in both variants, target reorders them
    Path("omegat.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n<tmx version="1.4">\n'
        '<header creationtool="OmegaT" creationtoolversion="6.0.0" segtype="sentence" o-tmf="OmegaT TMX" '
        'adminlang="EN-US" srclang="DE" datatype="plaintext"/>\n<body>\n'
        '<tu><tuv xml:lang="DE"><seg>Laut <bpt i="1" x="0">&lt;a0&gt;</bpt>Reuters<ept i="1">&lt;/a0&gt;</ept> '
        'kam <ph x="1">&lt;br1/&gt;</ph>niemand.</seg></tuv>\n'
        '<tuv xml:lang="EN-GB"><seg>Nobody came<ph x="1">&lt;br1/&gt;</ph>, according to '
        '<bpt i="1" x="0">&lt;a0&gt;</bpt>Reuters<ept i="1">&lt;/a0&gt;</ept>.</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="DE"><seg>Ein <bpt i="1">&lt;b&gt;</bpt>Satz<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>\n'
        '<tuv xml:lang="EN-GB"><seg>A sentence.</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="DE"><seg>Schon übersetzt.</seg></tuv>'
        '<tuv xml:lang="EN-GB"><seg>Imported text.</seg></tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    catalog(Path("locales/en-GB/_tmx/omegat.po"), [("Schon übersetzt.", "A person's translation.", False)])
    code, out, err = run("tm", "import", "omegat.tmx", "--to", "en-GB")
    assert code == 0, err
    assert "1 unit(s) added" in out and "1 kept the catalog's different translation" in out
    assert "1 skipped (inline codes differ" in out
    po = polib.pofile("locales/en-GB/_tmx/omegat.po")
    assert po.find("Laut <1>Reuters</1> kam <2/>niemand.").msgstr == "Nobody came<2/>, according to <1>Reuters</1>."
    assert po.find("Schon übersetzt.").msgstr == "A person's translation."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<tmx><body><tu>", "not well-formed XML"),
        ("<xliff version='1.2'/>", "not a TMX file"),
        ('<!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx><body/></tmx>', "entity declarations are not accepted"),
        ('<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>A</seg></tuv>'
         '<tuv xml:lang="fr"><seg>B</seg></tuv></tu></body></tmx>', "no unit with a German (de) and a en-GB variant"),
    ],
)
def test_bad_tmx_is_one_line_and_writes_nothing(workdir: Path, content: str, message: str) -> None:
    Path("bad.tmx").write_text(content, encoding="utf-8")
    code, out, err = run("tm", "import", "bad.tmx", "--to", "en-GB")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert message in err and "bad.tmx" in err
    assert not Path("locales/en-GB/_tmx").exists()
