"""Reference implementations of the text stages, as they were before issue 11's fast paths.

Straightforward and slow (a Python step per character, token or word): tests/test_text_fast.py checks
that the fast code in src/ gives exactly what these give, on random and hand-picked input.
"""

from __future__ import annotations

import re

from transloc import placeholders
from transloc.errors import PlaceholderError
from transloc.placeholders import TOKEN, Token, tokens


def validate(text: str) -> None:
    stack: list[int] = []
    seen: set[tuple[str, int]] = set()
    for tok in tokens(text):
        key = (tok.kind, tok.number)
        if key in seen:
            raise PlaceholderError(f"placeholder {tok.markup} appears twice")
        seen.add(key)
        if tok.kind == "open":
            stack.append(tok.number)
        elif tok.kind == "close":
            if not stack or stack[-1] != tok.number:
                raise PlaceholderError(f"placeholder </{tok.number}> is not properly nested")
            stack.pop()
    if stack:
        raise PlaceholderError(f"placeholder <{stack[-1]}> is never closed")


def compare(source: str, translation: str) -> str | None:
    try:
        validate(translation)
    except PlaceholderError as exc:
        return str(exc)
    want = {(t.kind, t.number) for t in tokens(source)}
    have = {(t.kind, t.number) for t in tokens(translation)}
    missing = sorted(want - have, key=lambda k: k[1])
    extra = sorted(have - want, key=lambda k: k[1])
    if missing:
        return "missing placeholder " + ", ".join(Token(k, n, 0, 0).markup for k, n in missing)
    if extra:
        return "unknown placeholder " + ", ".join(Token(k, n, 0, 0).markup for k, n in extra)
    return None


def renumber(text: str, start: int = 1) -> tuple[str, dict[int, int]]:
    mapping: dict[int, int] = {}
    reverse: dict[int, int] = {}

    def sub(m: re.Match[str]) -> str:
        old = int(m.group(2))
        if old not in reverse:
            new = start + len(reverse)
            reverse[old] = new
            mapping[new] = old
        return f"<{m.group(1)}{reverse[old]}{m.group(3)}>"

    return TOKEN.sub(sub, text), mapping


def apply_mapping(text: str, mapping: dict[int, int]) -> str:
    def sub(m: re.Match[str]) -> str:
        num = int(m.group(2))
        return f"<{m.group(1)}{mapping.get(num, num)}{m.group(3)}>"

    return TOKEN.sub(sub, text)


def markup(tok: Token) -> str:
    return {"open": f"<{tok.number}>", "close": f"</{tok.number}>", "void": f"<{tok.number}/>"}[tok.kind]


def reserve_numbers(source: str, text: str, protected: dict[int, str], count: int) -> list[int]:
    """``count`` calls of Draft.reserve as it was: every number listed on every call."""
    out = []
    for _ in range(count):
        used = [t.number for t in tokens(source)] + [t.number for t in tokens(text)]
        used += list(protected)
        number = max([100, *used]) + 1
        protected[number] = ""
        out.append(number)
    return out


def plain_with_index(text: str) -> tuple[str, list[int]]:
    """The text without placeholders and, for each of its characters, its index in ``text``."""
    plain_chars: list[str] = []
    index: list[int] = []
    pos = 0
    toks = tokens(text)
    for tok in [*toks, None]:
        stop = tok.start if tok else len(text)
        for i in range(pos, stop):
            plain_chars.append(text[i])
            index.append(i)
        if tok:
            pos = tok.end
    return "".join(plain_chars), index


def loop(text: str) -> tuple[str, int] | None:
    """review.detectors._loop: every start and length scanned in Python."""
    from transloc.review.detectors import _STUTTER, _TOKEN

    for stutter in _STUTTER.finditer(text):
        if any(char.isalpha() for char in stutter.group(1)):
            return stutter.group(1), len(stutter.group(0)) // len(stutter.group(1))
    words = [w.casefold() for w in _TOKEN.findall(text)]
    for n in range(1, 9):
        need = 3 if n < 4 else 2
        for i in range(len(words) - n * need + 1):
            gram = words[i : i + n]
            times = 1
            while words[i + times * n : i + (times + 1) * n] == gram:
                times += 1
            if times >= need:
                return " ".join(gram), times
    return None


_DOUBLE_QUOTES = set('"„“”«»‹›')
_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def same(text: str) -> str:
    return "".join('"' if char in _DOUBLE_QUOTES else char for char in text).casefold()


def balance(text: str) -> tuple[dict[str, tuple[int, bool]], int]:
    brackets: dict[str, tuple[int, bool]] = {}
    for opener, closer in _BRACKETS.items():
        depth, underflow = 0, False
        for char in text:
            if char == opener:
                depth += 1
            elif char == closer:
                depth -= 1
                underflow |= depth < 0
        brackets[opener] = (depth, underflow)
    return brackets, sum(char in _DOUBLE_QUOTES for char in text) % 2


def visible(text: str) -> tuple[list[int], str]:
    idx: list[int] = []
    pos = 0
    for m in TOKEN.finditer(text):
        idx.extend(range(pos, m.start()))
        pos = m.end()
    idx.extend(range(pos, len(text)))
    return idx, "".join(text[i] for i in idx)


_PSEUDO_PROTECTED = re.compile(r"</?[A-Za-z0-9_:.-]+/?>|\{\{[^{}]*\}\}|https?://\S+|\S+@\S+\.\w+")


def pseudo(text: str, expansion: float = 0.3) -> str:
    """PseudoEngine.translate: piece by piece."""
    import math

    from transloc.mt.pseudo import _ACCENTS

    parts: list[str] = []
    pos = 0
    for match in _PSEUDO_PROTECTED.finditer(text):
        parts.append(text[pos : match.start()].translate(_ACCENTS))
        parts.append(match.group(0))
        pos = match.end()
    parts.append(text[pos:].translate(_ACCENTS))
    body = "".join(parts)
    visible = len(_PSEUDO_PROTECTED.sub("", text))
    pad = "·" * max(1, math.ceil(visible * expansion) - 2)
    return f"[{body} {pad}]"


def relative(text: str) -> dict[str, float]:
    """TagHook's table of relative token positions, as ``before`` built it."""
    toks = tokens(text)
    plain_len = max(1, len(placeholders.strip(text)))
    out: dict[str, float] = {}
    consumed = 0
    for tok in toks:
        out[markup(tok)] = (tok.start - consumed) / plain_len
        consumed += tok.end - tok.start
    return out


def somajo_sentences(piece: str) -> list[tuple[int, int]]:
    """segment._sentences with SoMaJo always asked when the piece has final punctuation."""
    from transloc.segment import _TERMINAL, _tokenizer

    if not _TERMINAL.search(piece):
        stripped = piece.strip()
        return [(piece.index(stripped[0]), len(piece.rstrip()))] if stripped else []
    return [
        (sentence[0].character_offset[0], sentence[-1].character_offset[1])
        for sentence in _tokenizer().tokenize_text([piece])
    ]


def find_entities(text: str) -> list[object]:
    """localise.entities.find_entities without its cache and digit check: every pattern always runs."""
    from bisect import bisect_right

    from transloc.localise.entities import _OPAQUE, _PATTERNS, _PRIORITY, Entity, _build

    opaque_starts: list[int] = []
    opaque_ends: list[int] = []
    masked: list[str] = []
    for m in _OPAQUE.finditer(text):
        masked.append(text[opaque_ends[-1] if opaque_ends else 0 : m.start()])
        masked.append("\x00" * (m.end() - m.start()))
        opaque_starts.append(m.start())
        opaque_ends.append(m.end())
    masked.append(text[opaque_ends[-1] if opaque_ends else 0 :])
    searched = "".join(masked)
    found: list[tuple[int, int, int, Entity]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(searched):
            s, e = m.span()
            first = bisect_right(opaque_ends, s)
            if first < len(opaque_starts) and opaque_starts[first] < e:
                continue
            entity = _build(kind, m, text)
            if entity is not None:
                found.append((s, -(e - s), _PRIORITY.get(kind, 9), entity))
    found.sort(key=lambda t: t[:3])
    out: list[object] = []
    taken_end = -1
    for s, _, _, entity in found:
        if s >= taken_end:
            out.append(entity)
            taken_end = entity.end
    return out


def before_end_junk(text: str, start: int, end: int) -> int:
    """segment._split_block's search for separators at a segment's end, over the whole segment."""
    from transloc.segment import _EDGE_JUNK_END

    junk = _EDGE_JUNK_END.search(text[start:end])
    return start + junk.start() if junk and junk.start() > 0 else end


def has_word(text: str) -> bool:
    from transloc.segment import _WORDLIKE

    return bool(_WORDLIKE.search(placeholders.strip(text)))


def copy_words(source: str) -> bool:
    """review.detectors.copy's test of the source: two words or more, one lower-case and longer than a letter."""
    from transloc.review.detectors import _WORD, plain

    words = _WORD.findall(plain(source))
    return not (len(words) < 2 or not any(w.islower() and len(w) > 1 for w in words))


def source_words(output: str, target: str) -> tuple[list[str], list[str]] | None:
    """review.detectors.source_words' word lists (kept words, German ones among them), word by word."""
    from transloc.review.detectors import _ALSO_TARGET_WORDS, _GERMAN_FUNCTION_WORDS, _WORD, plain

    if target not in _ALSO_TARGET_WORDS:
        return None
    allowed = _ALSO_TARGET_WORDS[target]
    words = [w for w in _WORD.findall(plain(output)) if not (w.isupper() and len(w) > 1)]
    found = [w for w in words if w.casefold() in _GERMAN_FUNCTION_WORDS and w.casefold() not in allowed]
    return words, found


def open_at(toks: tuple[Token, ...], pos: int) -> list[int]:
    """segment._OpenStack's answer, from the start every time."""
    stack: list[int] = []
    for tok in toks:
        if tok.start >= pos:
            break
        if tok.kind == "open":
            stack.append(tok.number)
        elif tok.kind == "close" and stack and stack[-1] == tok.number:
            stack.pop()
    return stack


def localise_before(hook: object, draft: object) -> None:
    """LocaliseHook.before as it was: each placeholder cut into the whole text."""
    from transloc.localise.entities import find_entities
    from transloc.localise.hook import _plain_spaces, _Protected
    from transloc.localise.render import target_form

    saved = {}
    spans = []
    for entity in find_entities(draft.text):  # type: ignore[attr-defined]
        rendered = target_form(entity, hook.target)  # type: ignore[attr-defined]
        if rendered is None:
            continue
        number = draft.reserve()  # type: ignore[attr-defined]
        draft.protected[number] = _plain_spaces(rendered)  # type: ignore[attr-defined]
        saved[number] = (entity, rendered)
        spans.append((entity.start, entity.end, number))
    text = draft.text  # type: ignore[attr-defined]
    for start, end, number in reversed(spans):
        text = text[:start] + f"<{number}/>" + text[end:]
    draft.text = text  # type: ignore[attr-defined]
    draft.state[hook.name] = _Protected(saved)  # type: ignore[attr-defined]


def localise_restore(hook: object, draft: object, values: list[tuple[int, tuple[object, str]]]) -> str:
    """LocaliseHook.after's placeholder restoring as it was: one str.replace per entity."""
    return hook._restore(draft, values)  # type: ignore[attr-defined,no-any-return]
