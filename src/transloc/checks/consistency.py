"""Consistency check: the same source sentence translated differently across catalogs of one language.

Level ``warning``: a divergence is often a real inconsistency (one article got the corrected
wording, the other did not) but it can also be deliberate context — and the fix may belong in an
older, already published article. Failing CI would block publishing today's article for a change
in yesterday's, so it is reported for review; ``transloc check --strict`` turns it into a failure,
and ``msgctxt`` marks a deliberate difference (entries are compared per context). Fuzzy entries are
compared too (unless ``--skip-fuzzy``): a machine draft that differs from the reviewed wording of the
same sentence elsewhere is worth a look. Reviewed wording is the reference whenever there is one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import polib

from ..catalog import FUZZY, translations
from .base import CheckContext, Diagnostic, diag


def _translation(entry: polib.POEntry) -> str:
    return "\x00".join(text for _, text in translations(entry))


class ConsistencyChecker:
    name = "consistency"

    def check_catalogs(self, contexts: list[CheckContext]) -> Iterable[Diagnostic]:
        groups: dict[tuple[str, str, str], list[tuple[CheckContext, polib.POEntry, str]]] = defaultdict(list)
        for ctx in contexts:
            skip_fuzzy = bool(ctx.options.get("skip_fuzzy"))
            for entry in ctx.po:
                if entry.obsolete or (skip_fuzzy and FUZZY in entry.flags):
                    continue
                text = _translation(entry)
                if not text.strip("\x00"):
                    continue
                groups[(ctx.language, entry.msgctxt or "", entry.msgid)].append((ctx, entry, text))
        out: list[Diagnostic] = []
        for items in groups.values():
            counts = Counter(text for _, _, text in items)
            if len(counts) < 2:
                continue
            # The most common reviewed translation is the reference (any, if none is reviewed); ties go to
            # the first catalog in path order.
            ordered = sorted(items, key=lambda item: (str(item[0].path), item[1].linenum or 0))
            candidates = [item for item in ordered if FUZZY not in item[1].flags] or ordered
            best = max(counts[item[2]] for item in candidates)
            reference = next(item for item in candidates if counts[item[2]] == best)
            where = f"{reference[0].path}:{reference[1].linenum or 1}"
            for ctx, entry, text in ordered:
                if text == reference[2]:
                    continue
                shown = reference[2].replace("\x00", " | ")
                out.append(
                    diag(
                        ctx,
                        entry,
                        "warning",
                        self.name,
                        f'translated differently than in {where}: "{shown}"',
                    )
                )
        return out


CHECKER = ConsistencyChecker()
CHECKERS = [CHECKER]
