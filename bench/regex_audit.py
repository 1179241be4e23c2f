"""Time every module-level regex of pipeline/core over adversarial text of growing length.

    .venv/bin/python bench/regex_audit.py [--sizes 10000 40000 160000] [--only MODULE...]

Every compiled pattern found at module level in `pipeline.core.*` (also inside module-level
lists, tuples and dicts, such as boilerplate's `(kind, pattern)` rules) runs `finditer` to
the end over each adversarial shape at each size: a run of one repeated piece ("1," digits
with separators, '"a ' quotes left open, ", " separators, "**a " emphasis, ...) after a short
news sentence. `finditer` over the whole text is the harshest use (a search from every
position); patterns the code only matches at one position or on one word are flagged here
too, and the report says how the code uses them.

A pattern is flagged when, on some shape, the time from the middle size to the largest grows
faster than linearly (exponent of the fit > FLAG_EXPONENT, and the largest case above
FLAG_MIN_S so timer noise is not read as growth), and, when the largest case took under
CONFIRM_BELOW_S, the growth holds from there to 4x that size. A case whose projected time is over
MAX_CASE_S is not run; its growth so far is the evidence. Writes bench/results/regex_audit.txt.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import pkgutil
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import describe, write_results  # noqa: E402

import pipeline.core as core  # noqa: E402

LEAD = "The council said on Monday that 14 percent of 2,300 homes were empty. "
# One piece per family of pattern the extractors use, repeated to the size.
SHAPES: dict[str, str] = {
    "commas": ", ", "dots": ". ", "dashes": "- ", "em_dashes": "\u2014 ", "spaces": " ",
    "newlines": "\n", "blank_lines": "\n \n", "tabs": "\t", "ellipses": "...",
    "straight_quotes": '"a ', "curly_quotes": "\u201ca ", "single_quotes": "'a ",
    "apostrophes": "a'", "guillemets": "\u00aba ",
    "digit_commas": "1,", "digit_dots": "1.", "digit_spaces": "1 ", "digits": "9",
    "millions": "1 million ", "currency": "$1 ", "euro": "\u20ac1,5 ", "percent": "1% ",
    "ranges": "1-2 ", "fractions": "1/2 ", "times": "10:30 ", "dates": "Monday, March 3, ",
    "years": "2019 ", "ordinals": "1st ",
    "titles": "Mr. ", "initials": "A. ", "capital_words": "Council ", "caps": "AB ",
    "said": "said ", "said_quote": 'said "', "according": "according to ", "parens": "(",
    "brackets": "[", "md_emphasis": "**a ", "md_star": "*a ", "md_under": "__a ",
    "md_links": "[a](", "md_headings": "# ", "html_tags": "<b>", "entities": "&amp;",
    "urls": "http://a.b/", "emails": "a@b.", "letters": "a", "words": "a ",
    "hyphen_words": "a-", "pipes": "| ", "photo_credit": "(Photo/", "by_lines": "By A ",
    "news_words": "the budget rose 4.5 percent to $2,300 million in 2019 as police said ",
}
SIZES = (10_000, 40_000, 160_000)
FLAG_EXPONENT = 1.5  # linear is 1, quadratic 2
FLAG_MIN_S = 0.05
MAX_CASE_S = 5.0
CONFIRM_BELOW_S = 0.5  # a flag whose largest case is faster is re-measured at 4x that size


def patterns() -> list[tuple[str, re.Pattern]]:
    """(module.name, pattern) for every distinct compiled pattern at module level."""
    found: dict[int, tuple[str, re.Pattern]] = {}

    def visit(where: str, value: object, depth: int) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault(id(value), (where, value))
        elif depth < 2 and isinstance(value, (list, tuple, dict, set, frozenset)):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                visit(f"{where}[{key!r}]", item, depth + 1)

    for info in pkgutil.walk_packages(core.__path__, "pipeline.core."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            visit(f"{info.name}.{name}", value, 0)
    return sorted(found.values(), key=lambda p: p[0])


def text_of(shape: str, size: int) -> str:
    piece = SHAPES[shape]
    return LEAD + piece * (max(size - len(LEAD), 0) // len(piece) + 1)


def seconds(pattern: re.Pattern, text: str) -> float:
    """The best of up to three full `finditer` passes (stopping once a second is spent): the
    machine is shared, and one preempted pass must not read as growth."""
    best = math.inf
    spent = 0.0
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        took = time.perf_counter() - t0
        best = min(best, took)
        spent += took
        if spent > 1.0:
            break
    return best


def exponent(t_small: float, t_big: float, ratio: float) -> float:
    if t_small <= 0 or t_big <= 0:
        return 0.0
    return math.log(t_big / t_small) / math.log(ratio)


def audit(name: str, pattern: re.Pattern, sizes: tuple[int, ...]) -> dict:
    """Worst shape of one pattern: its times per size and the growth exponent. A quarter of
    the smallest size is timed first (not reported) so that a quadratic case is projected,
    and not run, from the second size on."""
    sizes = (max(sizes[0] // 4, 1), *sizes)
    worst: dict = {"exp": 0.0, "shape": None, "times": [], "key": None}
    flagged_shapes: list[str] = []
    confirmed_linear: list[str] = []
    for shape in SHAPES:
        times: list[float] = []
        for i, size in enumerate(sizes):
            if i >= 2:  # project from the growth so far before running a long case
                e = max(exponent(times[-2], times[-1], sizes[i - 1] / sizes[i - 2]), 1.0)
                if times[-1] * (size / sizes[i - 1]) ** e > MAX_CASE_S:
                    times.append(float("nan"))
                    break
            times.append(seconds(pattern, text_of(shape, size)))
        done = [t for t in times if not math.isnan(t)]
        times = times[1:]  # the warm-up size is not reported
        if len(done) >= 2:
            e = exponent(done[-2], done[-1], sizes[len(done) - 1] / sizes[len(done) - 2])
        else:
            e = 0.0
        slow = max(done) >= FLAG_MIN_S
        flag = slow and e > FLAG_EXPONENT
        if flag and len(done) == len(sizes) and done[-1] < CONFIRM_BELOW_S:
            # Allocation and a shared machine can make one step look steep (10 -> 40 KB is
            # often 20x from cache effects alone): confirm at 4x the largest size.
            bigger = seconds(pattern, text_of(shape, sizes[-1] * 4))
            e2 = exponent(done[-1], bigger, 4)
            if e2 <= FLAG_EXPONENT:
                flag = False
                confirmed_linear.append(f"{shape} ({done[-1]:.3f} -> {bigger:.3f} s at 4x)")
        # The worst shape: a flagged one first, then the slowest projected to the top size.
        projected = done[-1] * (sizes[-1] / sizes[len(done) - 1]) ** max(e, 1.0)
        key = (flag, projected)
        if flag:
            flagged_shapes.append(shape)
        if worst["shape"] is None or key > worst["key"]:
            worst = {"exp": e if slow else 0.0, "raw_exp": e, "shape": shape, "times": times,
                     "key": key}
    worst["flag"] = worst["key"][0]
    worst["flagged_shapes"] = flagged_shapes
    worst["confirmed_linear"] = confirmed_linear
    worst["name"] = name
    worst["pattern"] = pattern.pattern
    return worst


# The patterns this audit made linear, as they were (pipeline/core at 0bed77e), with the shape
# that showed it: `--before` times old and new side by side in one run.
BEFORE: dict[str, tuple[str, int, str]] = {
    "pipeline.core.documents.authors._TAIL":
        (r"\s+[|•·—–]\s*|\s+-\s+|\s*\|\s*|\S+@\S+|\s@\w+|\s\d", 0, "letters"),
    "pipeline.core.documents.authors._LIST_SPLIT": (r"\s*(?:,|;|&|\band\b)\s*", 0, "tabs"),
    "pipeline.core.documents.boilerplate._PIC_LINK":
        (r"\s*(?:https?://)?pic\.twitter\.com/\S+", 0, "spaces"),
    "pipeline.core.documents.boilerplate._POST_SIGNATURE":
        (r"\s*[—–-]\s*[^—–()\n]{1,80}\(@\w{1,30}\)[^()\n]{0,40}\d{4}\s*$", 0, "tabs"),
    "pipeline.core.documents.boilerplate._PRICE":
        (r"[$£€¥₹]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds)\b|\b(?:USD|EUR|GBP)\s?\d",
         re.IGNORECASE, "digit_commas"),
}


def before_after(sizes: tuple[int, ...]) -> list[str]:
    """Old and new pattern on the shape that showed the old one quadratic, same run."""
    current = dict(patterns())
    lines = [f"{'pattern (shape)':<62}" + "".join(f"{s // 1000:>7}K old{s // 1000:>6}K new"
                                                  for s in sizes)]
    for name, (text, flags, shape) in BEFORE.items():
        old, new = re.compile(text, flags), current[name]
        cells = ""
        for size in sizes:
            t_old = seconds(old, text_of(shape, size)) if size <= 40_000 else float("nan")
            cells += f"{t_old:>12.3f}{seconds(new, text_of(shape, size)):>12.3f}"
        lines.append(f"{name.removeprefix('pipeline.core.') + f' ({shape})':<62}{cells}")
    lines.append("(seconds per finditer; old not run above 40 KB: quadratic, minutes)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--only", nargs="*", default=None, help="module name prefixes")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--verbose", action="store_true", help="a line per pattern")
    parser.add_argument("--before", action="store_true",
                        help="only time the fixed patterns against their old text")
    args = parser.parse_args()
    if args.before:
        load = os.getloadavg()
        lines = ["# bench/regex_audit.py --before: the patterns made linear, old vs new, "
                 "one run", f"# machine: {describe()}; load average {load[0]:.2f} "
                 f"{load[1]:.2f} {load[2]:.2f}", *before_after(tuple(args.sizes))]
        write_results(args.results / "regex_before_after.txt", lines)
        return 0
    sizes = tuple(args.sizes)
    load = os.getloadavg()
    t0 = time.monotonic()
    found = patterns()
    if args.only:
        found = [p for p in found if p[0].startswith(tuple(args.only))]
    rows = []
    for name, pattern in found:
        t = time.monotonic()
        row = audit(name, pattern, sizes)
        rows.append(row)
        if args.verbose:
            print(f"  {time.monotonic() - t:6.1f} s  {name}: exponent {row['exp']:.2f} on "
                  f"{row['shape']}", flush=True)
        if row["flag"]:
            print(f"  FLAG {name}: exponent {row['exp']:.2f} on {row['shape']}: "
                  + ", ".join(f"{t:.3f}" for t in row["times"])
                  + f" (flagged on {', '.join(row['flagged_shapes'])})", flush=True)
    flagged = [r for r in rows if r["flag"]]
    lines = [f"# bench/regex_audit.py --sizes {' '.join(map(str, sizes))} "
             f"({time.monotonic() - t0:.0f} s)",
             f"# machine: {describe()}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
             f"# {len(rows)} module-level patterns of pipeline/core x {len(SHAPES)} shapes; "
             f"finditer to the end; flagged when the time grows with exponent > "
             f"{FLAG_EXPONENT} from {sizes[-2]} to {sizes[-1]} chars (and >= {FLAG_MIN_S} s)",
             f"flagged: {len(flagged)}"]
    head = "".join(f"{s // 1000:>8}K" for s in sizes)
    lines.append(f"{'pattern':<58}{'worst shape':<16}{head}{'exp':>6}")
    for r in sorted(rows, key=lambda r: r["key"], reverse=True)[:25]:
        times = "".join(f"{t:>9.3f}" if not math.isnan(t) else f"{'>' + str(MAX_CASE_S):>9}"
                        for t in r["times"])
        times += " " * 9 * (len(sizes) - len(r["times"]))
        mark = " FLAG" if r["flag"] else ""
        lines.append(f"{r['name'][-57:]:<58}{r['shape']:<16}{times}{r['exp']:>6.2f}{mark}")
        if r["flag"]:
            lines.append(f"    also flagged on: {', '.join(r['flagged_shapes'])}")
    cleared = [(r["name"], c) for r in rows for c in r["confirmed_linear"]]
    lines.append(f"steep from {sizes[-2]} to {sizes[-1]} but linear at 4x (not flagged): "
                 f"{len(cleared)} pattern-shape pairs")
    lines.append(f"(the 25 slowest at the largest size, projected where not run, of {len(rows)}; "
                 "seconds per finditer, best of up to 3)")
    write_results(args.results / "regex_audit.txt", lines)
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
