"""The engine interface every MT backend implements, and the hooks that run around it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, TypeVar, runtime_checkable

T = TypeVar("T")


@runtime_checkable
class Engine(Protocol):
    """A machine-translation engine for one language pair.

    ``translate_batch`` receives sentences (msgids with inline placeholders ``<1>…</1>``, ``<2/>``)
    and returns one translation per input, in order. Engines are created once per run, so model
    loading belongs in ``__init__`` or lazily on first use, never per call.
    """

    name: str
    """Short engine name as given on the command line (``pseudo``, ``argos``)."""

    @property
    def label(self) -> str:
        """What produced the text, for the ``#. mt:`` comment (engine, model package, version)."""
        ...

    def translate_batch(self, texts: list[str]) -> list[str]: ...


@dataclass
class Draft:
    """One segment on its way through MT; hooks rewrite ``text`` and add reviewer notes."""

    source: str
    """The msgid (German, with placeholders). Never modified."""
    text: str
    """Before MT: what the engine will see. After MT: the candidate msgstr."""
    notes: list[str] = field(default_factory=list)
    """Lines for ``#.`` comments, e.g. ``glossary: Wladimir Putin → Vladimir Putin``."""
    review: list[str] = field(default_factory=list)
    """Problems a reviewer must look at; written as ``#. review: …`` comments."""
    confidence: float | None = None
    """The engine's confidence in its output (0–1), for engines that score; see ``review.confidence``."""
    state: dict[str, object] = field(default_factory=dict)
    """Per-hook scratch space, keyed by hook name: ``before`` stores, ``after`` reads with :meth:`stored`."""
    protected: dict[int, str] = field(default_factory=dict)
    """Void placeholders a hook put in ``text`` (``<n/>`` → display text). Engines that keep
    placeholders see ``<n/>``; for engines that cannot, the tag hook shows them the display text
    instead and puts ``<n/>`` back afterwards (or at a guessed position, with a review note)."""
    placed: dict[int, str] = field(default_factory=dict)
    """Protected placeholders put back at a guessed position (number → the review line saying so).
    The hook that protected one may settle it (:meth:`settle_placed`) and so withdraw that line."""
    _protected_top: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)
    """(number of protected keys, the highest of them) when :meth:`reserve` last looked; keys are only
    ever added, so an unchanged count means an unchanged highest key."""

    def stored(self, key: str, kind: type[T]) -> T | None:
        """What a hook stored under ``key`` in ``before``, if it is a ``kind`` (else None)."""
        value = self.state.get(key)
        return value if isinstance(value, kind) else None

    def flag_placed(self, number: int) -> None:
        """Record that protected placeholder ``number`` was placed by position, with a review line."""
        line = f"protected term placed by position: {self.protected.get(number, '')}"
        self.placed[number] = line
        self.review.append(line)

    def settle_placed(self, number: int) -> bool:
        """Withdraw the review line of a placed placeholder its hook has verified; False if it was not placed."""
        line = self.placed.pop(number, None)
        if line is None:
            return False
        if line in self.review:
            self.review.remove(line)
        return True

    def reserve(self) -> int:
        """A void-placeholder number used by neither the source nor any hook so far.

        Linear in the number of reservations: the texts' highest numbers are cached per text, and the
        highest protected number is remembered while the keys only grow (listing every number for every
        call was quadratic: a sentence with 100,000 inline elements and a number per element).
        """
        from ..placeholders import highest_number

        if self._protected_top is None or self._protected_top[0] != len(self.protected):
            self._protected_top = (len(self.protected), max(self.protected, default=0))
        number = max(100, highest_number(self.source), highest_number(self.text), self._protected_top[1]) + 1
        self.protected[number] = ""
        self._protected_top = (len(self.protected), max(number, self._protected_top[1]))
        return number


class Hook(Protocol):
    """Runs around MT for every segment: ``before`` in order, ``after`` in reverse order.

    The glossary (protect terms, then restore and verify) and target-locale conventions (quotes,
    numbers, dates) are hooks, so they work with every engine.
    """

    name: str

    def before(self, draft: Draft) -> None: ...

    def after(self, draft: Draft) -> None: ...
