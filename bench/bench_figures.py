"""Speed of figure extraction in sentences per second on one core, against a base checkout.

Usage: .venv/bin/python bench/bench_figures.py [--base ROOT] [--rounds 5]
       .venv/bin/python bench/bench_figures.py --golden   (rewrite the golden row digest)

Two corpora. Dense: the seed articles plus every dev-data case text, grouped into documents of
40 lines (one paragraph per line, as cleaned text is), repeated until there are at least 50,000
sentences (about one figure per sentence). News: the five seed articles, 100 times. Timing
covers `extract_figures` (its sentence splitting included).

The machine is shared, so both code versions are loaded into this one process (each
checkout's `pipeline` package imported afresh; its functions keep their own modules) and run
alternately (base, this, this, base, ...) for `--rounds` rounds: each side reports its best wall
time and its best process CPU time per corpus, and the ratio this/base comes from the same
run. `--base` is another checkout, e.g. `git worktree add /tmp/fig-main main`.

Every figure row (all fields) of one pass over both corpora is hashed: the digest must equal
bench/results/figures_golden.txt (written by --golden) while FIGURES_VERSION is unchanged, and
the base's digest is printed beside it. Results go to bench/results/figures_speed.txt with the
machine and its load average.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from machine import describe, write_results  # noqa: E402

DEVDATA = ROOT.parent / "shared" / "devdata"  # ../shared beside the repository
RESULTS = HERE / "results"
GOLDEN = RESULTS / "figures_golden.txt"
PUBLISHED = "2025-06-01"


def _lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for path in sorted(DEVDATA.glob("*.jsonl")):
        for raw in path.open(encoding="utf-8"):
            text = json.loads(raw)["text"].replace("\n", " ").strip()
            if text:
                lines.append(text)
    return lines


def corpora() -> dict[str, list[str]]:
    """One pass of each corpus: dense dev-data documents and the seed articles."""
    lines = _lines()
    return {"dense": ["\n".join(lines[i:i + 40]) for i in range(0, len(lines), 40)],
            "news": [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*"))]}


def rows_digest(extract, docs: list[str]) -> tuple[str, int]:
    """(sha256 of every figure row, all fields, in order; number of rows) for one pass."""
    import dataclasses
    import hashlib

    digest = hashlib.sha256()
    n = 0
    for i, doc in enumerate(docs):
        for fig in extract(doc, PUBLISHED):
            digest.update(repr((i, dataclasses.astuple(fig))).encode("utf-8"))
            digest.update(b"\n")
            n += 1
    return digest.hexdigest(), n


def _load(root: Path):
    """`extract_figures`, FIGURES_VERSION and the package folder of the checkout at `root`.

    Each checkout's modules are imported afresh (sys.modules emptied of `pipeline` first), so
    two versions live in one process: their functions keep their own module globals."""
    for name in [n for n in sys.modules if n == "pipeline" or n.startswith("pipeline.")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        figures = importlib.import_module("pipeline.core.figures")
    finally:
        sys.path.remove(str(root))
    code = str(Path(figures.__file__).resolve().parents[3])
    return figures.extract_figures, figures.FIGURES_VERSION, code


def _time(extract, docs: list[str]) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        extract(d, PUBLISHED)
    return time.perf_counter() - t0, time.process_time() - c0


def _best(run: dict, name: str, key: str) -> float:
    return run[name][key]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", help="another checkout to compare with (e.g. main)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--golden", action="store_true", help="rewrite the golden digest")
    args = parser.parse_args()
    passes = corpora()
    sides = {"this": ROOT} | ({"base": Path(args.base).resolve()} if args.base else {})
    loaded = {side: _load(root) for side, root in sides.items()}
    from pipeline.core.text.spans import sentence_spans  # from the last checkout loaded

    runs: dict[str, dict] = {}
    for side, (extract, version, code) in loaded.items():
        runs[side] = {"version": version, "code": code}
        for name, docs in passes.items():
            runs[side][f"{name}_digest"], runs[side][f"{name}_rows"] = rows_digest(extract, docs)
    corpus: dict[str, list[str]] = {}
    for name, docs in passes.items():
        per_pass = sum(len(sentence_spans(d)) for d in docs)
        repeats = max(1, -(-50_000 // per_pass)) if name == "dense" else 100
        corpus[name] = docs * repeats
        for side in sides:
            runs[side][name] = {"sentences": per_pass * repeats, "documents": len(corpus[name]),
                                "wall": float("inf"), "cpu": float("inf")}
    load = [os.getloadavg()[0]]
    order = sorted(sides)
    for r in range(0 if args.golden else args.rounds):
        for side in order if r % 2 == 0 else order[::-1]:  # base, this, this, base, ...
            for name in passes:
                wall, cpu = _time(loaded[side][0], corpus[name])
                best = runs[side][name]
                best["wall"], best["cpu"] = min(best["wall"], wall), min(best["cpu"], cpu)
            load.append(os.getloadavg()[0])
    this = runs["this"]
    if args.golden:
        write_results(GOLDEN, [f"FIGURES_VERSION {this['version']}"] + [
            f"{name} {this[f'{name}_rows']} rows sha256 {this[f'{name}_digest']}"
            for name in ("dense", "news")])
        return 0
    golden = GOLDEN.read_text(encoding="utf-8").split() if GOLDEN.exists() else []
    lines = ["figure extraction speed (one process, one core; both versions loaded in this "
             f"process, run alternately, best of {args.rounds} runs per side)",
             f"machine: {describe()}",
             f"load average (1 min) during the run: {min(load):.1f} to {max(load):.1f}",
             f"this: {this['code']} (FIGURES_VERSION {this['version']})"]
    if args.base:
        base = runs["base"]
        lines.append(f"base: {base['code']} (FIGURES_VERSION {base['version']})")
    status = 0
    for name, label in (("dense", "dense corpus (seeds + dev-data texts, ~1 figure per "
                                  "sentence)"), ("news", "news articles (the five seeds x 100)")):
        lines.append(f"{label}: {this[name]['sentences']} sentences, {this[name]['documents']}"
                     f" documents; one pass {this[f'{name}_rows']} rows")
        for side in sorted(sides, reverse=True):
            wall, cpu = _best(runs[side], name, "wall"), _best(runs[side], name, "cpu")
            n = this[name]["sentences"]
            lines.append(f"  {side:4s}  wall {wall:6.3f} s -> {n / wall:7,.0f} sentences/s   "
                         f"CPU {cpu:6.3f} s -> {n / cpu:7,.0f} sentences/s")
        if args.base:
            cpu_ratio = _best(runs["this"], name, "cpu") / _best(runs["base"], name, "cpu")
            wall_ratio = _best(runs["this"], name, "wall") / _best(runs["base"], name, "wall")
            lines.append(f"  this/base CPU time per sentence: {cpu_ratio:.3f}   wall: "
                         f"{wall_ratio:.3f}")
        digest = this[f"{name}_digest"]
        same_golden = digest in golden and this["version"] in golden
        line = (f"  rows digest {digest[:16]}: "
                f"{'equal to' if same_golden else 'DIFFERS from'} golden")
        if args.base:
            same = runs["base"][f"{name}_digest"] == digest
            line += f"; {'equal to' if same else 'DIFFERS from'} base"
        lines.append(line)
        if not same_golden:
            status = 1
    lines.append("target: >= 20,000 sentences/s on one core")
    if status:
        lines.append("rows differ from bench/results/figures_golden.txt: bump FIGURES_VERSION "
                     "if the change is meant, then rewrite it with --golden")
    write_results(RESULTS / "figures_speed.txt", lines)
    return status


if __name__ == "__main__":
    sys.exit(main())
