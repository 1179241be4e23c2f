"""Words per second of quote extraction on one core, over >= 1 MB of generated news text.

Articles are composed from hand-written paragraph templates (quotes before and after their
attribution, split quotes, multi-paragraph quotes, fragments, programme titles, scare quotes,
plain reporting) filled with invented names drawn with a fixed seed, so every run measures the
same corpus. Run by hand:

    cd /work/main && PYTHONPATH=. .venv/bin/python bench/bench_quotes.py

Results (with the machine noted) go to bench/results/quotes.txt.

Before and after in one run, on a shared machine: check out the old code in a worktree
(`git worktree add /tmp/quotes_base main`) and pass it with `--against`:

    PYTHONPATH=. .venv/bin/python bench/bench_quotes.py --against /tmp/quotes_base

Each round then times the old and the new code back to back, each in a fresh interpreter
(`--worker`) that imports `pipeline` from its own tree but builds the same corpora from this
file; the best of all rounds is reported per tree. It also checks that both trees give the
same quotes, field by field, on both bench corpora, every fixture in tests/fixtures/quotes and
the seeds (a SHA-256 over every `Quote`), and exits 1 when they differ: a speed-up must not
change the output.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__" and "--worker" not in sys.argv and str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # a worker imports `pipeline` from its own PYTHONPATH

from pipeline.core.quotes import extract_quotes  # noqa: E402

FIRST = ["Grace", "Tomas", "Lena", "Anil", "Mara", "Kofi", "Ilse", "Rafael", "Beatriz", "Oskar",
         "Wanjiru", "Darnell", "Priya", "Joel", "Helen", "Paul", "Ahmed", "Amelia", "Ruth", "Li"]
LAST = ["Okafor", "Brandt", "Ortiz", "Patel", "Villeneuve", "Mensah", "Brandvold", "Quintero",
        "Soto", "Lindqvist", "Kamau", "Hughes", "Lallan", "Baptiste", "Marsh", "Ekwueme", "Rauf",
        "Stone", "Amadi", "Wen"]
ROLES = ["Finance Minister", "Treasury Secretary", "Mayor", "Senator", "Governor",
         "Chief Executive", "Health Minister", "Police Commissioner", "Coach", "Professor"]
ORGS = ["the Interior Ministry", "the Port Authority", "the Central Bank", "the Transport Union",
        "the Water Board", "the Electoral Commission"]
OUTLETS = ["KBN", "Radio Meridian", "the Daily Courier", "Channel Nine News", "the Evening Post"]
SHOWS = ["Morning Ledger", "Sunday Forum", "The Long View", "Capital Hour"]
TOPICS = ["the budget", "the new tariffs", "the flood defences", "the rail strike", "the harbour",
          "the housing plan", "the school reforms", "the drought", "the trade talks"]
SAYINGS = [
    "We will not retreat from this plan, whatever the cost",
    "Nobody in this building expected the numbers to move so fast",
    "The people who pay for this are the ones with the least",
    "I have said it before and I will say it again: we need more time",
    "There is no version of this where everyone walks away happy",
    "We are taking certain steps to make sure it does not happen again",
    "It is too early to say whether the measures are working",
    "Our members are tired, and they are angry, and they have every right to be",
]
CUES = ["said", "told reporters", "added", "warned", "insisted", "argued", "noted", "explained"]

TEMPLATES = [
    "{role} {first} {last} defended {topic} on {day}, a week after critics called it unworkable.",
    "“{saying},” {last} said.",
    "“{saying},” said {role_l} {first} {last}.",
    "{last} {cue}: “{saying}.”",
    "“{saying},” {pron} {cue}, “and {saying_l}.”",
    "Speaking on {outlet}’s “{show},” {last} acknowledged that {topic} was “{saying_l}.”",
    "{pron_cap} accused {org} of “dragging its feet” on {topic} and left the room.",
    "The so-called “{word} plan” has divided the council since {month}.",
    "“{saying}. {saying}.\n“{saying}.”",
    "According to {org}, {topic} will cost more than {num} million over {num2} years.",
    "Analysts said the decision reflected months of pressure from {org} and from business groups "
    "who had warned that {topic} would push prices up by {num} percent.",
    "{org_cap} rejected the claims in a statement:\n“{saying}.”",
    "“{saying},” {pron} told {outlet}.",
    "Residents gathered outside the town hall on {day}, some holding signs, others simply "
    "watching as officials arrived for the meeting about {topic}.",
]
# Paragraphs without quotations: most of a news article is the writer's own reporting.
PLAIN = [
    "The {topic_n} has been debated for months in {city}, where {org} estimates that more than "
    "{num} households could be affected by the changes before the end of {month}.",
    "{org_cap} said last year that the costs had risen by {num} percent since {year}, a figure "
    "disputed by independent economists at the University of {city}.",
    "Under the proposal, spending on {topic_n} would rise to {num} million a year by {year}, "
    "with most of the money going to regional councils and smaller towns.",
    "In {month}, {role_l} {first} {last} visited {city} to meet local leaders, business owners "
    "and residents who had complained about delays and rising bills.",
    "The decision follows a review by {org} that found {num} cases of missed deadlines, "
    "incomplete paperwork and contracts awarded without a proper tender.",
    "Opposition parties have called for an independent inquiry, and a vote on the measure is "
    "expected in {month}, although the date could slip if talks drag on.",
    "Data published on {day} showed that prices in {city} rose {num2} percent over the past "
    "twelve months, the fastest pace since {year}.",
    "{last} has held the post since {year} and previously worked for {org} and as an adviser "
    "to the regional government in {city}.",
]
CITIES = ["Lisbon", "Kisumu", "Bergen", "Cork", "Valparaiso", "Tartu", "Ipoh", "Halifax"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
WORDS = ["green", "fair", "clean", "smart", "open"]


def make_article(rng: random.Random, quote_share: float) -> str:
    """One article of 8-16 paragraphs about one invented main speaker; `quote_share` of the
    paragraphs come from the templates with quotations."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    fields = {
        "first": first, "last": last, "role": rng.choice(ROLES),
        "pron": rng.choice(["he", "she"]),
    }
    fields["role_l"] = fields["role"].lower()
    fields["pron_cap"] = fields["pron"].capitalize()
    paras = []
    for _ in range(rng.randint(8, 16)):
        org = rng.choice(ORGS)
        saying = rng.choice(SAYINGS)
        fields.update({
            "topic": rng.choice(TOPICS), "day": rng.choice(DAYS), "month": rng.choice(MONTHS),
            "saying": saying, "saying_l": saying[0].lower() + saying[1:],
            "cue": rng.choice(CUES), "outlet": rng.choice(OUTLETS), "show": rng.choice(SHOWS),
            "org": org, "org_cap": org[0].upper() + org[1:], "word": rng.choice(WORDS),
            "num": rng.randint(2, 900), "num2": rng.randint(2, 12),
            "city": rng.choice(CITIES), "year": rng.randint(1998, 2024),
            "topic_n": rng.choice(TOPICS)[4:],
        })
        pool = TEMPLATES if rng.random() < quote_share else PLAIN
        paras.append(rng.choice(pool).format(**fields))
    return "\n".join(paras)


def build_corpus(
    min_bytes: int = 1_200_000, seed: int = 20250601, quote_share: float = 0.5
) -> list[str]:
    rng = random.Random(seed)
    docs: list[str] = []
    size = 0
    while size < min_bytes:
        doc = make_article(rng, quote_share)
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def measure(docs: list[str], runs: int = 5) -> tuple[int, int, int, float, float]:
    """(bytes, words, quotes, best CPU seconds, best wall seconds) over `runs` runs."""
    n_bytes = sum(len(d.encode("utf-8")) for d in docs)
    n_words = sum(len(re.findall(r"\w+(?:[’'\-.]\w+)*", d)) for d in docs)
    for d in docs[:50]:
        extract_quotes(d)  # warm up
    # CPU time of this process: the machine is shared, so wall time would measure the
    # neighbours too.
    best = best_wall = float("inf")
    n_quotes = 0
    for _ in range(runs):
        w0, t0 = time.perf_counter(), time.process_time()
        n_quotes = sum(len(extract_quotes(d)) for d in docs)
        best = min(best, time.process_time() - t0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return n_bytes, n_words, n_quotes, best, best_wall


CORPORA = [
    ("news-like (half the paragraphs quote someone)", 0.5),
    ("quote-dense stress (nearly every paragraph quotes)", 1.0),
]


def output_texts() -> list[tuple[str, str]]:
    """(label, text) of every text whose quotes must not change with a speed-up: both bench
    corpora, the quote fixtures (cleaned as the pipeline cleans them) and the seeds."""
    from pipeline.core.documents import clean_text

    texts: list[tuple[str, str]] = []
    for label, share in CORPORA:
        texts += [(f"{label} #{i}", d) for i, d in enumerate(build_corpus(quote_share=share))]
    for path in sorted((ROOT / "tests" / "fixtures" / "quotes").glob("*.txt")):
        texts.append((path.name, clean_text(path.read_text(encoding="utf-8")).text))
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        texts.append((path.name, clean_text(path.read_text(encoding="utf-8")).text))
    return texts


def output_digest() -> tuple[str, int, dict[str, str]]:
    """SHA-256 over every field of every quote of `output_texts()`, the number of quotes, and
    one digest per text (to name the texts that differ)."""
    total = hashlib.sha256()
    per: dict[str, str] = {}
    n = 0
    for label, text in output_texts():
        rows = [dataclasses.astuple(q) for q in extract_quotes(text)]
        n += len(rows)
        blob = json.dumps(rows, ensure_ascii=False).encode("utf-8")
        per[label] = hashlib.sha256(blob).hexdigest()[:16]
        total.update(blob)
    return total.hexdigest(), n, per


def worker() -> None:
    """Time both corpora (best of 3 each) and print them with the output digest as JSON."""
    out: dict[str, object] = {"pipeline": str(Path(sys.modules["pipeline.core.quotes"].__file__))}
    for label, share in CORPORA:
        docs = build_corpus(quote_share=share)
        n_bytes, n_words, n_quotes, best, _wall = measure(docs, runs=3)
        out[label] = {"words": n_words, "quotes": n_quotes, "cpu": best}
    digest, n, per = output_digest()
    out["digest"], out["digest_quotes"], out["per_text"] = digest, n, per
    print(json.dumps(out))


def compare(base: Path, rounds: int) -> int:
    """Old (`base`) and new code timed back to back, `rounds` times; 1 when outputs differ."""
    trees = {"before": base.resolve(), "after": ROOT}
    best: dict[str, dict[str, float]] = {t: {} for t in trees}
    results: dict[str, dict] = {}
    for _ in range(rounds):
        for name, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=str(tree))
            proc = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--worker"],
                env=env, cwd=tree, capture_output=True, text=True, check=True,
            )
            res = json.loads(proc.stdout)
            results[name] = res
            for label, _share in CORPORA:
                cpu = res[label]["cpu"]
                best[name][label] = min(best[name].get(label, float("inf")), cpu)
    report = (
        f"before = {trees['before']} ({results['before']['pipeline']}), after = {ROOT}; "
        f"{rounds} rounds, each timing before then after in fresh interpreters, best of 3 "
        f"per round, best round reported (CPU time)\n"
    )
    for label, _share in CORPORA:
        words = results["after"][label]["words"]
        b, a = best["before"][label], best["after"][label]
        report += (
            f"corpus {label}: {words:,} words, {results['after'][label]['quotes']:,} quotes\n"
            f"  before {b:.3f} s -> {words / b:,.0f} words/s; after {a:.3f} s -> "
            f"{words / a:,.0f} words/s; speed-up x{b / a:.2f}\n"
        )
    same = results["before"]["digest"] == results["after"]["digest"]
    report += (
        f"output ({results['after']['digest_quotes']:,} quotes of both corpora, "
        f"{len(results['after']['per_text']):,} texts with fixtures and seeds): "
        f"{'identical' if same else 'DIFFERENT'} (sha256 {results['after']['digest'][:16]})\n"
    )
    if not same:
        differ = [k for k, v in results["after"]["per_text"].items()
                  if results["before"]["per_text"].get(k) != v]
        report += f"  texts that differ: {', '.join(differ[:20])}\n"
    print(report, end="")
    return 0 if same else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, help="a tree with the old code (a worktree)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    if args.against is not None:
        sys.exit(compare(args.against, args.rounds))
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    report = (
        "quote extraction benchmark (bench/bench_quotes.py)\n"
        f"machine: nproc={os.cpu_count()} cpu={cpu!r} python={platform.python_version()} "
        f"({sys.implementation.name}), one core, single process\n"
    )
    for label, share in CORPORA:
        docs = build_corpus(quote_share=share)
        n_bytes, n_words, n_quotes, best, best_wall = measure(docs)
        report += (
            f"corpus {label}: {len(docs)} generated articles, {n_bytes:,} bytes, "
            f"{n_words:,} words, {n_quotes:,} quotes (one per {n_words / max(n_quotes, 1):.0f} "
            f"words)\n"
            f"  best of 5 (CPU time): {best:.3f} s -> {n_words / best:,.0f} words/s, "
            f"{n_bytes / best / 1e6:.2f} MB/s (best wall time {best_wall:.3f} s, "
            f"{n_words / best_wall:,.0f} words/s)\n"
        )
    print(report, end="")
    out = Path(__file__).parent / "results" / "quotes.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)


if __name__ == "__main__":
    main()
