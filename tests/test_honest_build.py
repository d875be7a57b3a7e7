"""Honest builds: every sentence kept in the source language is counted with its reason, fails
--strict, and is marked lang="de" in the page, as a browser (html5lib) reads it; inner lang follows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import html5lib
import polib
import pytest

from support import HTML_PAGES
from support import run_cli as run

PAGE = """<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>Die Wahl in Berlin</title></head>
<body>
<p>Der erste Satz steht hier. Der zweite Satz steht dort.</p>
<p>Ein ganzer Absatz bleibt deutsch.</p>
<p><img src="a.png" alt="Ein Bild vom Reichstag"> <img src="b.png" alt="Ein Bild vom Kanzleramt"></p>
<p lang="de">Ein markierter Absatz wird übersetzt.</p>
<p lang="de-DE">Ein markierter Absatz bleibt deutsch.</p>
<div lang="de"><p>Im Block wird übersetzt.</p><p>Im Block bleibt es deutsch.</p></div>
</body>
</html>
"""

TRANSLATED = {
    "Die Wahl in Berlin": "The election in Berlin",
    "Der erste Satz steht hier.": "The first sentence is here.",
    "Ein markierter Absatz wird übersetzt.": "A marked paragraph is translated.",
    "Im Block wird übersetzt.": "In the block it is translated.",
    "Ein Bild vom Kanzleramt": "A picture of the Chancellery",
}


def langs_of_text(html: str) -> dict[str, str]:
    """Visible text (whitespace-normalised) → the language a browser assigns it (nearest lang)."""
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    out: dict[str, str] = {}

    def walk(node, lang: str) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(node.tag, str):
            return
        lang = node.get("lang", lang)
        if node.tag in ("script", "style"):
            return
        if node.text and node.text.strip():
            out[" ".join(node.text.split())] = lang
        for child in node:
            walk(child, lang)
            if child.tail and child.tail.strip():
                out[" ".join(child.tail.split())] = lang

    walk(tree, "")
    return out


def elements_with_lang(html: str) -> list[tuple[str, str, str]]:
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return [(e.tag, e.get("lang"), " ".join("".join(e.itertext()).split()))
            for e in tree.iter() if isinstance(e.tag, str) and e.get("lang")]


@pytest.fixture
def page(workdir: Path) -> Path:
    path = Path("a.html")
    path.write_text(PAGE, encoding="utf-8")
    assert run("extract", "--to", "en", str(path))[0] == 0
    po = polib.pofile("locales/en/a.po")
    for entry in po:
        if entry.msgid in TRANSLATED:
            entry.msgstr = TRANSLATED[entry.msgid]
    po.save()
    return path


def test_fallback_is_marked_german_and_inner_lang_follows_the_content(page: Path) -> None:
    code, out, err = run("build", "--to", "en", str(page))
    assert code == 0
    html = Path("build/en/a.html").read_text(encoding="utf-8")
    langs = langs_of_text(html)
    assert langs["The election in Berlin"] == "en"
    # a partly translated paragraph: the German sentence in a span
    assert langs["The first sentence is here."] == "en" and langs["Der zweite Satz steht dort."] == "de"
    assert ("span", "de", "Der zweite Satz steht dort.") in elements_with_lang(html)
    # a whole paragraph kept in German: lang on the paragraph itself, no span
    assert ("p", "de", "Ein ganzer Absatz bleibt deutsch.") in elements_with_lang(html)
    # inner lang: marked German in the source, translated → names the target; kept → stays German
    assert ("p", "en", "A marked paragraph is translated.") in elements_with_lang(html)
    assert ("p", "de-DE", "Ein markierter Absatz bleibt deutsch.") in elements_with_lang(html)
    assert langs["In the block it is translated."] == "en" and langs["Im Block bleibt es deutsch."] == "de"
    assert ("p", "de", "Im Block bleibt es deutsch.") in elements_with_lang(html)
    tags = [tag for tag, _, _ in elements_with_lang(html)]
    assert tags.count("span") == 1  # nothing marked twice
    # alt text: a German alt is marked on its image (its only text); a translated one names no language
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    assert {img.get("src"): img.get("lang") for img in tree.iter("img")} == {"a.png": "de", "b.png": None}
    # the report: per article, how many fell back and why
    assert f"{page}: 5 of 10 sentence(s) kept in the source language (de): 5 untranslated" in err
    assert run("build", "--to", "en", "--strict", str(page))[0] == 1


def test_every_sentence_translated_is_strict_clean_and_unmarked(page: Path) -> None:
    po = polib.pofile("locales/en/a.po")
    for entry in po:
        entry.msgstr = entry.msgstr or f"EN {entry.msgid}"
    po.save()
    code, _, err = run("build", "--to", "en", "--strict", str(page))
    assert code == 0 and f"{page}: all 10 sentence(s) translated" in err
    html = Path("build/en/a.html").read_text(encoding="utf-8")
    assert set(langs_of_text(html).values()) == {"en"}
    assert [tag for tag, _, _ in elements_with_lang(html)] == ["html", "p", "p", "div"]


def test_source_changed_fails_strict_and_is_marked(page: Path) -> None:
    text = page.read_text(encoding="utf-8").replace("Der erste Satz steht hier.", "Der neue erste Satz steht hier.")
    page.write_text(text, encoding="utf-8")
    code, _, err = run("build", "--to", "en", "--strict", str(page))
    assert code == 1
    assert "6 of 10 sentence(s) kept in the source language (de): 5 untranslated, 1 source changed" in err
    langs = langs_of_text(Path("build/en/a.html").read_text(encoding="utf-8"))
    assert langs["Der neue erste Satz steht hier. Der zweite Satz steht dort."] == "de"


def test_fuzzy_excluded_and_invalid_placeholders_are_reasons(page: Path) -> None:
    po = polib.pofile("locales/en/a.po")
    po.find("Der erste Satz steht hier.").flags.append("fuzzy")
    po.find("Im Block wird übersetzt.").msgstr = "In the block <1>it</1> is translated."
    po.save()
    code, _, err = run("build", "--to", "en", "--reviewed-only", str(page))
    assert code == 0
    assert ("5 untranslated, 1 fuzzy excluded by --reviewed-only, 1 invalid placeholders") in err
    langs = langs_of_text(Path("build/en/a.html").read_text(encoding="utf-8"))
    assert langs["Der erste Satz steht hier. Der zweite Satz steht dort."] == "de"
    assert langs["Im Block wird übersetzt."] == "de"


def test_reviewed_only_with_nothing_reviewed_says_so_and_stays_german(workdir: Path, example: Path) -> None:
    assert run("translate", "--to", "en", "--engine", "pseudo", str(example))[0] == 0
    total = len([e for e in polib.pofile(f"locales/en/{example.stem}.po") if not e.obsolete])
    code, _, err = run("build", "--to", "en", "--reviewed-only", "--strict", str(example))
    assert code == 1
    assert "--reviewed-only: not one reviewed translation" in err and "entirely in the source language" in err
    assert "fuzzy excluded by --reviewed-only" in err
    html = Path(f"build/en/{example.stem}.html").read_text(encoding="utf-8")
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    assert tree.get("lang") == "de"  # not an English edition: nothing in it is English
    assert [e.get("lang") for e in tree.iter() if isinstance(e.tag, str) and e.get("lang")] == ["de"]
    assert total > 30


def test_text_export_marks_fallback(workdir: Path) -> None:
    Path("n.txt").write_text("Politik\n\nDer erste Satz steht hier. Der zweite Satz steht dort.\n\n"
                             "Ein Absatz bleibt deutsch.\n", encoding="utf-8")
    assert run("extract", "--to", "en", "n.txt")[0] == 0
    po = polib.pofile("locales/en/n.po")
    po.find("Der erste Satz steht hier.").msgstr = "The first sentence is here."
    po.save()
    assert run("build", "--to", "en", "n.txt")[0] == 0
    html = Path("build/en/n.html").read_text(encoding="utf-8")
    langs = langs_of_text(html)
    assert langs["The first sentence is here."] == "en" and langs["Der zweite Satz steht dort."] == "de"
    assert langs["Ein Absatz bleibt deutsch."] == "de" and langs["Politik"] == "de"
    assert "<0>" not in Path("build/en/n.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", HTML_PAGES, ids=[p.name for p in HTML_PAGES])
def test_reference_pages_every_text_in_its_language(workdir: Path, source: Path) -> None:
    """Pseudo-translate a reference page, blank every third entry: each visible text a browser sees
    is labelled with its language — pseudo text (letters no German page has) en, kept sentences de."""
    page = Path(source.name)
    shutil.copy(source, page)
    assert run("translate", "--to", "en", "--engine", "pseudo", str(page))[0] == 0
    po_path = Path("locales/en") / f"{page.stem}.po"
    po = polib.pofile(str(po_path))
    kept = []
    for number, entry in enumerate(e for e in po if not e.obsolete):
        if number % 3 == 0:
            entry.msgstr = ""
            kept.append(entry.msgid)
    po.save()
    code, _, err = run("build", "--to", "en", str(page))
    match = re.search(r"(\d+) of (\d+) sentence\(s\) kept in the source language \(de\): (\d+) untranslated$", err)
    assert code == 0 and match, err
    assert int(match.group(1)) == int(match.group(3)) >= len(kept)  # a sentence may occur more than once
    html = Path("build/en") / f"{page.stem}.html"
    langs = langs_of_text(html.read_text(encoding="utf-8"))
    pseudo_only = set("ƀĉðĝĥîĵķļɱþǫŕšţûṽŵẋýž") - set(source.read_text(encoding="utf-8", errors="replace"))
    translated = [text for text in langs if set(text) & pseudo_only]
    assert len(translated) > 20
    wrong = [(text, langs[text]) for text in translated if not langs[text].startswith("en")]
    assert wrong == []
    german = [text for text in langs if len(text) > 25 and not set(text) & pseudo_only
              and any(text in msgid for msgid in kept)]
    assert german
    wrong = [(text, langs[text]) for text in german if not langs[text].lower().startswith("de")]
    assert wrong == []


def test_nothing_translated_keeps_the_pages_own_lang(workdir: Path) -> None:
    Path("p.html").write_text(PAGE.replace('<html lang="de">', '<html lang="de-DE">'), encoding="utf-8")
    assert run("extract", "--to", "en", "p.html")[0] == 0
    code, _, err = run("build", "--to", "en", "p.html")
    assert code == 0 and "10 of 10 sentence(s) kept in the source language (de): 10 untranslated" in err
    tree = html5lib.parse(Path("build/en/p.html").read_text(encoding="utf-8"), treebuilder="etree",
                          namespaceHTMLElements=False)
    assert tree.get("lang") == "de-DE"
    assert [e.get("lang") for e in tree.iter() if isinstance(e.tag, str) and e.get("lang")] == [
        "de-DE", "de", "de-DE", "de"]  # as in the source: nothing marked, nothing relabelled


def test_changed_sentence_after_extract_falls_back_until_reviewed(page: Path) -> None:
    """A person's translation carried to a changed sentence (fuzzy, ``#| msgid``) translates the old
    sentence: the build keeps the new German sentence, says why, and a person's approval brings it back."""
    text = page.read_text(encoding="utf-8").replace("Der erste Satz steht hier.", "Der erste Satz steht jetzt hier.")
    page.write_text(text, encoding="utf-8")
    assert run("extract", "--to", "en", str(page))[0] == 0
    carried = polib.pofile("locales/en/a.po").find("Der erste Satz steht jetzt hier.")
    assert carried.msgstr == "The first sentence is here." and carried.previous_msgid == "Der erste Satz steht hier."
    code, _, err = run("build", "--to", "en", "--strict", str(page))
    assert code == 1 and "1 source changed" in err
    langs = langs_of_text(Path("build/en/a.html").read_text(encoding="utf-8"))
    assert langs["Der erste Satz steht jetzt hier. Der zweite Satz steht dort."] == "de"
    po = polib.pofile("locales/en/a.po")  # the desk updates the translation and approves it (as Poedit does)
    entry = po.find("Der erste Satz steht jetzt hier.")
    entry.msgstr, entry.flags, entry.previous_msgid = "The first sentence is now here.", [], None
    po.save()
    code, _, err = run("build", "--to", "en", str(page))
    assert code == 0 and "source changed" not in err
    assert langs_of_text(Path("build/en/a.html").read_text(encoding="utf-8"))["The first sentence is now here."] == "en"


def test_changed_sentence_gets_a_fresh_machine_draft(workdir: Path) -> None:
    """A machine draft of the old sentence is not reused for the new one: translate drafts it afresh."""
    path = Path("a.html")
    path.write_text(PAGE, encoding="utf-8")
    assert run("translate", "--to", "en", "--engine", "pseudo", str(path))[0] == 0
    old = polib.pofile("locales/en/a.po").find("Der erste Satz steht hier.").msgstr
    path.write_text(PAGE.replace("Der erste Satz steht hier.", "Der erste Satz steht jetzt hier."), encoding="utf-8")
    code, _, err = run("translate", "--to", "en", "--engine", "pseudo", "--strict", str(path))
    assert code == 0, err
    entry = polib.pofile("locales/en/a.po").find("Der erste Satz steht jetzt hier.")
    assert entry.previous_msgid is None and entry.msgstr not in ("", old) and "fuzzy" in entry.flags
    assert len(entry.msgstr.split()) == len(old.split()) + 1  # a draft of the new sentence: one word more
