"""Time of the documents stage (read + clean) on hostile inputs as they grow: must be linear.

Issue 17 item 2: 800 KB of "**a " took over 10 minutes (the Markdown emphasis regex rescanned
the line from every unclosed opener). Each input is repeated to 20 KB, 80 KB and 800 KB; the
growth factor from 80 KB to 800 KB is about 10 for linear work and about 100 for quadratic.

Run: nice .venv/bin/python bench/bench_documents_growth.py
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.machine import describe, write_results
from pipeline.core.documents import clean_text, parse_article_bytes

# (file name, repeated unit): Markdown markup, bracket and link runs, bylines, credits,
# timestamps, long words, one huge line of reporting and many short lines.
HOSTILE = [
    ("emphasis.md", "**a "),
    ("underscores.md", "__a "),
    ("stars.md", "*a "),
    ("links.md", "[a]("),
    ("images.md", "![a]("),
    ("brackets.txt", "(a "),
    ("byline.txt", "By A "),
    ("credit.txt", "Photo: a "),
    ("handles.txt", "(@a) "),
    ("clock.txt", "1:00 "),
    ("long_word.txt", "a"),
    ("one_paragraph.txt", "The council said 12% of the 3,400 homes were empty. "),
    ("short_lines.txt", "Home\nNews\n"),
    ("tags.html", "<p>a <b>"),
]
SIZES = (20_000, 80_000, 800_000)


def run_one(name: str, data: bytes) -> tuple[float, int]:
    start = time.perf_counter()
    result = parse_article_bytes(data, name)
    words = 0
    for art in result.articles:
        words += clean_text(art.text, art.title).n_words
    return time.perf_counter() - start, words


def main() -> None:
    lines = ["# bench_documents_growth: read + clean time (s) of hostile inputs by size",
             f"# machine: {describe()}",
             f"{'input':20s} {'20 KB':>8s} {'80 KB':>8s} {'800 KB':>8s} {'x(80→800)':>10s}"]
    for name, unit in HOSTILE:
        times = []
        for size in SIZES:
            data = (unit * (size // len(unit) + 1))[:size].encode()
            seconds, _ = run_one(name, data)
            times.append(seconds)
        growth = times[2] / max(times[1], 1e-6)
        lines.append(f"{name:20s} {times[0]:8.3f} {times[1]:8.3f} {times[2]:8.3f} {growth:10.1f}")
    write_results(Path(__file__).parent / "results" / "documents_growth.txt", lines)


if __name__ == "__main__":
    main()
