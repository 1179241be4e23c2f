"""Speed of figure extraction in sentences per second on one core.

Usage: cd /work/main && PYTHONPATH=. .venv/bin/python bench/bench_figures.py

Corpus: the seed articles plus every dev-data case text, grouped into documents of 40 lines
(one paragraph per line, as cleaned text is), repeated until there are at least 50,000
sentences. Timing covers `extract_figures` (its sentence splitting included), best of three
runs. The result and the machine (nproc, CPU model, Python) go to
bench/results/figures_speed.txt.
"""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

from pipeline.core.figures import extract_figures
from pipeline.core.text.spans import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
DEVDATA = ROOT.parent / "shared" / "devdata"  # ../shared beside the repository
RESULTS = ROOT / "bench" / "results"


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


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> str:
    lines = _lines()
    docs = ["\n".join(lines[i:i + 40]) for i in range(0, len(lines), 40)]
    per_pass = sum(len(sentence_spans(d)) for d in docs)
    repeats = max(1, -(-50_000 // per_pass))
    corpus = docs * repeats
    n_sentences = per_pass * repeats
    best = cpu_best = float("inf")
    n_figures = 0
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        n_figures = sum(len(extract_figures(d, "2025-06-01")) for d in corpus)
        best = min(best, time.perf_counter() - t0)
        cpu_best = min(cpu_best, time.process_time() - c0)
    rate = n_sentences / best
    cpu_rate = n_sentences / cpu_best
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*"))]
    seed_sentences = sum(len(sentence_spans(d)) for d in seeds)
    seed_best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(100):
            for d in seeds:
                extract_figures(d, "2025-06-01")
        seed_best = min(seed_best, time.perf_counter() - t0)
    seed_rate = seed_sentences * 100 / seed_best
    report = "\n".join([
        "figure extraction speed (one process, one core)",
        f"dense corpus (seeds + dev-data texts, ~1 figure per sentence): {n_sentences} sentences,"
        f" {len(corpus)} documents, {n_figures} figures",
        f"  best of 3: {best:.3f} s  ->  {rate:,.0f} sentences/s  (target >= 20,000)",
        f"  CPU time of this process (less affected by a loaded machine): {cpu_best:.3f} s"
        f"  ->  {cpu_rate:,.0f} sentences/s",
        f"  load average at the end: {os.getloadavg()[0]:.1f}",
        f"news articles (the five seeds x 100): {seed_sentences * 100} sentences",
        f"  best of 3: {seed_best:.3f} s  ->  {seed_rate:,.0f} sentences/s",
        f"machine: nproc={os.cpu_count()}  cpu={_cpu_model()}",
        f"python: {platform.python_version()}",
    ])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "figures_speed.txt").write_text(report + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    print(main())
