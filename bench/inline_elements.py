"""A paragraph with 100,000 inline elements, end to end: ``transloc translate --engine pseudo``.

Hostile input from issue 11 (it took > 150 s and 907 MB): every stage — parse, extract, segment,
entity finding, MT hooks, catalog, build — must stay near-linear in the number of elements. The
same page is run with 10,000 elements; the last line's ``ratio`` is the cost per element at 100,000
divided by the cost per element at 10,000 (about 1 when linear). Goal: < 10 s and < 500 MB at 100,000.
Each size runs in a fresh process (peak RSS is per process); CPU seconds are reported besides wall
time because a shared machine stretches the wall clock.

Run: python bench/inline_elements.py [ELEMENTS]   (last line: figures)
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def page(elements: int) -> str:
    body = "".join("Wort <b>fett</b> " for _ in range(elements))
    return f"<!DOCTYPE html>\n<html lang=\"de\"><body>\n<p>{body}Ende.</p>\n</body></html>\n"


def run(elements: int) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one translate run in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "inline.html"
        article.write_text(page(elements), encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "transloc", "translate", "--engine", "pseudo", "--to", "en", str(article)],
            cwd=tmp,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "TRANSLOC_DEBUG": ""},
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if not (Path(tmp) / "build" / "en" / "inline.html").is_file():
            raise SystemExit("no build output")
        return wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    big = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    small = max(1, big // 10)
    small_wall, small_cpu, small_rss = run(small)
    print(f"{small} elements: {small_wall:.1f} s wall, {small_cpu:.1f} s CPU, {small_rss:.0f} MB peak")
    wall, cpu, rss = run(big)
    print(f"{big} elements: {wall:.1f} s wall, {cpu:.1f} s CPU, {rss:.0f} MB peak")
    ratio = (cpu / big) / (small_cpu / small)
    print(f"elements={big} seconds={wall:.2f} cpu_seconds={cpu:.2f} peak_mb={rss:.0f} ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
