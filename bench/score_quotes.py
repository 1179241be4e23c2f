"""Score quote extraction against hand-annotated articles in tests/fixtures/quotes/.

Usage: cd /work/main && PYTHONPATH=. .venv/bin/python bench/score_quotes.py [--gaps]

Each fixture is `<name>.txt` (an invented article, one paragraph per line) with a hand-made
`<name>.gold.json` beside it: a list of {text, speaker, cue, venue, is_fragment}. The article
goes through `clean_text` and `extract_quotes`, as in the pipeline. Reported:

  span P/R     exact: the quote text equals the gold text; relaxed: equal once trailing
               punctuation and spaces are ignored (`We will win,` == `We will win`)
  speaker      on relaxed-matched quotes: exact canonical name (case, a leading "the" and
               apostrophe style ignored); a wrong name, a name where gold has none, and none
               where gold has a name are counted separately (a wrong name is the worst)
  cue, venue   on relaxed-matched quotes, same normalisation; null == null counts as right
  fragment     on relaxed-matched quotes

Results go to bench/results/quotes_scores.txt; with --gaps every miss and mismatch is printed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.core.documents import clean_text  # noqa: E402
from pipeline.core.quotes import Quote, extract_quotes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "quotes"
RESULTS = ROOT / "bench" / "results" / "quotes_scores.txt"
HELD_OUT = "heldout_"  # fixtures written after the fixes, to see how the rules generalise
_TRAILING = " \t.,;:!?…—–-\"'”’"


def relaxed(text: str) -> str:
    """Quote text compared without trailing punctuation or apostrophe style."""
    return text.replace("’", "'").rstrip(_TRAILING)


def norm_name(value: str | None) -> str | None:
    """Names, cues and venues compared without case, a leading "the" or apostrophe style."""
    if value is None:
        return None
    v = value.replace("’", "'").strip().casefold()
    return v[4:] if v.startswith("the ") else v


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    relaxed: int = 0
    speaker_right: int = 0
    speaker_wrong: int = 0  # a different name: the worst error
    speaker_invented: int = 0  # a name where gold has none
    speaker_missing: int = 0  # none where gold has a name
    cue_right: int = 0
    venue_right: int = 0
    fragment_right: int = 0
    gaps: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "predicted", "exact", "relaxed", "speaker_right", "speaker_wrong",
                     "speaker_invented", "speaker_missing", "cue_right", "venue_right",
                     "fragment_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.gaps.extend(other.gaps)

    def rates(self) -> dict[str, float]:
        m = max(self.relaxed, 1)
        return {
            "exact_precision": self.exact / max(self.predicted, 1),
            "exact_recall": self.exact / max(self.gold, 1),
            "relaxed_precision": self.relaxed / max(self.predicted, 1),
            "relaxed_recall": self.relaxed / max(self.gold, 1),
            "speaker_accuracy": self.speaker_right / m,
            "speaker_wrong_rate": self.speaker_wrong / m,
            "cue_accuracy": self.cue_right / m,
            "venue_accuracy": self.venue_right / m,
            "fragment_accuracy": self.fragment_right / m,
        }


def score_fixture(path: Path) -> Score:
    """Compare one fixture's extracted quotes with its gold file."""
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    text = clean_text(path.read_text(encoding="utf-8")).text
    predicted: list[Quote] = extract_quotes(text)
    s = Score(gold=len(gold), predicted=len(predicted))
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, q in enumerate(predicted)
                    if i not in used and q.text == g["text"]), None)
        if hit is not None:
            s.exact += 1
        else:
            hit = next((i for i, q in enumerate(predicted)
                        if i not in used and relaxed(q.text) == relaxed(g["text"])), None)
        if hit is None:
            s.gaps.append(f"{path.stem}: MISSED {g['text'][:70]!r}")
            continue
        used.add(hit)
        s.relaxed += 1
        q = predicted[hit]
        want, got = norm_name(g["speaker"]), norm_name(q.speaker)
        if want == got:
            s.speaker_right += 1
        else:
            if want is None:
                s.speaker_invented += 1
            elif got is None:
                s.speaker_missing += 1
            else:
                s.speaker_wrong += 1
            s.gaps.append(f"{path.stem}: SPEAKER {q.speaker!r} (mention {q.speaker_mention!r}) "
                          f"want {g['speaker']!r} for {g['text'][:50]!r}")
        if norm_name(g["cue"]) == norm_name(q.cue):
            s.cue_right += 1
        else:
            s.gaps.append(f"{path.stem}: CUE {q.cue!r} want {g['cue']!r} for {g['text'][:50]!r}")
        if norm_name(g["venue"]) == norm_name(q.venue):
            s.venue_right += 1
        else:
            s.gaps.append(f"{path.stem}: VENUE {q.venue!r} want {g['venue']!r} "
                          f"for {g['text'][:50]!r}")
        if bool(g["is_fragment"]) == q.is_fragment:
            s.fragment_right += 1
        else:
            s.gaps.append(f"{path.stem}: FRAGMENT {q.is_fragment} for {g['text'][:50]!r}")
    for i, q in enumerate(predicted):
        if i not in used:
            s.gaps.append(f"{path.stem}: EXTRA {q.text[:70]!r} ({q.speaker!r})")
    return s


def score_all(fixtures: Path = FIXTURES) -> tuple[Score, dict[str, Score]]:
    """The total score and one per fixture, fixtures in name order."""
    total = Score()
    per: dict[str, Score] = {}
    for path in sorted(fixtures.glob("*.txt")):
        if not path.with_suffix(".gold.json").exists():
            continue
        s = score_fixture(path)
        per[path.stem] = s
        total.add(s)
    return total, per


def report(total: Score, per: dict[str, Score]) -> list[str]:
    r = total.rates()
    lines = [
        f"quote extraction vs hand-annotated fixtures ({len(per)} articles, "
        f"{total.gold} gold quotes, {total.predicted} predicted)",
        f"span exact:   precision {r['exact_precision']:.3f}  recall {r['exact_recall']:.3f}",
        f"span relaxed: precision {r['relaxed_precision']:.3f}  recall {r['relaxed_recall']:.3f}",
        f"on {total.relaxed} matched quotes:",
        f"  speaker exact {r['speaker_accuracy']:.3f}  (wrong name {total.speaker_wrong}, "
        f"name where gold has none {total.speaker_invented}, "
        f"none where gold has a name {total.speaker_missing})",
        f"  cue {r['cue_accuracy']:.3f}  venue {r['venue_accuracy']:.3f}  "
        f"fragment flag {r['fragment_accuracy']:.3f}",
        "",
        "per fixture: gold / predicted / relaxed match / speaker right / empty / wrong "
        "(wrong includes a name where gold has none)",
    ]
    held = Score()
    for name, s in per.items():
        if name.startswith(HELD_OUT):
            held.add(s)
    for name, s in per.items():
        lines.append(f"  {name:24} {s.gold:3} {s.predicted:3} {s.relaxed:3} {s.speaker_right:3} "
                     f"{s.speaker_missing:3} {s.speaker_wrong + s.speaker_invented:3}")
    if held.gold:
        h = held.rates()
        lines += [
            "",
            f"of which {HELD_OUT}* (written after the rules were tuned): {held.gold} gold, "
            f"{held.predicted} predicted, relaxed P/R {h['relaxed_precision']:.3f}/"
            f"{h['relaxed_recall']:.3f}, speaker {h['speaker_accuracy']:.3f} "
            f"(wrong name {held.speaker_wrong}), cue {h['cue_accuracy']:.3f}, "
            f"venue {h['venue_accuracy']:.3f}",
        ]
    return lines


def main() -> None:
    total, per = score_all()
    lines = report(total, per)
    print("\n".join(lines))
    if "--gaps" in sys.argv:
        print("\n".join(["", "gaps:"] + total.gaps))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
