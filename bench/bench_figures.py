"""Speed of figure extraction in sentences per second on one core, against a base checkout.

Usage: .venv/bin/python bench/bench_figures.py [--base ROOT] [--rounds 3]
       .venv/bin/python bench/bench_figures.py --golden   (rewrite the golden row digest)

Two corpora. Dense: the seed articles plus every dev-data case text, grouped into documents of
40 lines (one paragraph per line, as cleaned text is), repeated until there are at least 50,000
sentences (about one figure per sentence). News: the five seed articles, 100 times. Timing
covers `extract_figures` (its sentence splitting included).

The machine is shared, so each code version runs in its own child process, alternating
(base, this, base, this, ...) for `--rounds` rounds; each side reports its best wall time and
its best process CPU time per corpus, and the ratio this/base is taken from the same run.
`--base` is another checkout, e.g. a `git worktree add /tmp/fig-main main`.

Every figure row (all fields) of one pass over both corpora is hashed: the digest must equal
bench/results/figures_golden.txt (written by --golden) while FIGURES_VERSION is unchanged, and
the base's digest is printed beside it. Results go to bench/results/figures_speed.txt with the
machine and its load average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
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


def _child(root: str, corpus_file: str) -> None:
    """Time one checkout (imported from `root`) on both corpora; print JSON."""
    import time

    sys.path.insert(0, root)
    from pipeline.core.figures import FIGURES_VERSION, extract_figures
    from pipeline.core.text.spans import sentence_spans

    passes = json.loads(Path(corpus_file).read_text(encoding="utf-8"))
    import pipeline

    out: dict = {"version": FIGURES_VERSION, "code": str(Path(pipeline.__file__).parents[1])}
    for name, docs in passes.items():
        out[f"{name}_digest"], out[f"{name}_rows"] = rows_digest(extract_figures, docs)  # warms
        per_pass = sum(len(sentence_spans(d)) for d in docs)
        repeats = max(1, -(-50_000 // per_pass)) if name == "dense" else 100
        corpus = docs * repeats
        wall = cpu = float("inf")
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            for d in corpus:
                extract_figures(d, PUBLISHED)
            wall = min(wall, time.perf_counter() - t0)
            cpu = min(cpu, time.process_time() - c0)
        out[name] = {"sentences": per_pass * repeats, "documents": len(corpus),
                     "wall": wall, "cpu": cpu}
    print(json.dumps(out))


def _run(root: Path, corpus_file: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(root), corpus_file],
                          capture_output=True, text=True, cwd=root, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"bench child for {root} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _best(runs: list[dict], name: str, key: str) -> float:
    return min(r[name][key] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", help="another checkout to compare with (e.g. main)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--golden", action="store_true", help="rewrite the golden digest")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(corpora(), fh)
        corpus_file = fh.name
    try:
        sides = {"this": ROOT} | ({"base": Path(args.base).resolve()} if args.base else {})
        runs: dict[str, list[dict]] = {side: [] for side in sides}
        load = [os.getloadavg()[0]]
        for _ in range(1 if args.golden else args.rounds):
            for side in sorted(sides):  # base before this, then again
                runs[side].append(_run(sides[side], corpus_file))
                load.append(os.getloadavg()[0])
    finally:
        os.unlink(corpus_file)
    this = runs["this"][0]
    if args.golden:
        write_results(GOLDEN, [f"FIGURES_VERSION {this['version']}"] + [
            f"{name} {this[f'{name}_rows']} rows sha256 {this[f'{name}_digest']}"
            for name in ("dense", "news")])
        return 0
    golden = GOLDEN.read_text(encoding="utf-8").split() if GOLDEN.exists() else []
    lines = ["figure extraction speed (one process, one core; best of 3 runs in each of "
             f"{args.rounds} alternating child processes per side)",
             f"machine: {describe()}",
             f"load average (1 min) during the run: {min(load):.1f} to {max(load):.1f}",
             f"this: {this['code']} (FIGURES_VERSION {this['version']})"]
    if args.base:
        base = runs["base"][0]
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
            same = runs["base"][0][f"{name}_digest"] == digest
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
