"""Random catalogs with the strings that stress gettext's line breaking (tests only)."""

from __future__ import annotations

import random

import polib

from transloc.catalog import new_catalog
from transloc.localise.locales import parse_locale

WORDS = (
    "Der die das und Bundesregierung Außenministerin Zusammenarbeit „Hund“ ‚klein‘ «quote» »Zitat« \"dumb\" "
    "Nord-Süd-Dialog E-Mail 3,5 1.000 12 % 20% 5€ €5 $10 (Klammer) [eckig] {geschweift} — – - … / "
    "und/oder https://example.com/pfad?x=1&y=2 a.m. z.B. U.S. Prof. Dr. 10:30 Uhr ! ? ; : , . "
    "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetzundnochvielmehrbuchstabenxyz "
    "日本語 中文字符串 한국어 😀 e\u0301 \u00a0 \t \\ \\n <b> </b> <0/> {1} %s %(name)s –– ... '' ' "
    "مرحبا Привет ελληνικά ½ ° № § © ® ™ • · ¿ ¡"
).split(" ")
FILES = ["a.txt", "site/news/a-rather-long-article-name.html", "b.html", "index.po"]


def sentence(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.choice([1, 3, 8, 15, 25, 40, 60])):
        parts.append(rng.choice(WORDS) or " ")
        r = rng.random()
        parts.append(" " if r < 0.8 else ("\n" if r < 0.86 else ("" if r < 0.95 else "  ")))
    text = "".join(parts)
    if rng.random() < 0.3:
        text = text.rstrip(" ")
    if rng.random() < 0.1:
        text += "\n"
    return text


def comment(rng: random.Random) -> str:
    """A one-line comment (gettext cannot keep a trailing backslash or blank in a comment line)."""
    return " ".join(sentence(rng).replace("\\", "/").split())


def catalog(seed: int, count: int = 40, language: str | None = None) -> polib.POFile:
    rng = random.Random(seed)
    po = polib.POFile()
    po.metadata = new_catalog(parse_locale(language or rng.choice(["en", "fr", "ar", "pl", "ja"])), "t").metadata
    seen: set[str] = set()
    for _ in range(count):
        msgid = sentence(rng)
        if not msgid or msgid in seen:
            continue
        seen.add(msgid)
        entry = polib.POEntry(msgid=msgid, msgstr=sentence(rng) if rng.random() < 0.8 else "")
        if rng.random() < 0.5:
            entry.flags = ["fuzzy"]
        if rng.random() < 0.05:
            entry.flags.append("no-wrap")
        if rng.random() < 0.5:
            entry.comment = "block: paragraph\nglossary: " + comment(rng)
        if rng.random() < 0.3:
            entry.tcomment = "Übersetzer: " + comment(rng)
        if rng.random() < 0.6:
            entry.occurrences = [(rng.choice(FILES), str(rng.randint(1, 9999))) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.3 and "fuzzy" in entry.flags:
            entry.previous_msgid = sentence(rng)
        if rng.random() < 0.1:
            entry.msgctxt = sentence(rng)
        if rng.random() < 0.1:
            entry.msgid_plural = sentence(rng)
            entry.msgstr_plural = {0: sentence(rng), 1: sentence(rng)}
            entry.msgstr = ""
        if rng.random() < 0.1 and (entry.msgstr or entry.msgstr_plural):
            entry.obsolete = True
            entry.occurrences = []
        po.append(entry)
    return po
