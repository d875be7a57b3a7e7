"""The translation memory: an index of every catalog (SQLite), exact and fuzzy matches, TMX exchange.

The PO files are the memory's truth; ``locales/.tm/memory.sqlite3`` is only an index of them.
"""

from __future__ import annotations

from .database import db_path
from .fuzzy import THRESHOLD, Suggestion, suggest
from .index import Memory, UpdateStats, rebuild
from .units import Unit

__all__ = ["THRESHOLD", "Memory", "Suggestion", "Unit", "UpdateStats", "db_path", "rebuild", "suggest"]
