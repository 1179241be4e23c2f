"""Score figure extraction against public test suites in ../shared/devdata.

Usage: cd /work/main && PYTHONPATH=. .venv/bin/python bench/score_figures.py [--gaps]

For each file (and each source model inside it) reports precision and recall of:
  value       the normalised number (or ISO date) matches a gold item
  value+unit  ...and the unit agrees (gold unit names mapped onto ours)
  span        the surface text equals the gold surface (case and spacing ignored)
Only "news-like" cases are used: at least five words of running text. Predictions are
restricted to the kinds a suite annotates (a currency suite does not mark percentages), so a
correct figure the gold never asks for is not counted against precision. Gold items without a
comparable value (ranges, "last week") are left out of value scoring, and a prediction that
overlaps one is not counted as a false positive. With --gaps, misses and false positives are
written to bench/results/figures_gaps.txt to guide work (not to tune single cases).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

from pipeline.core.figures import Figure, extract_figures

DEVDATA = Path(__file__).resolve().parents[2] / "shared" / "devdata"
if not DEVDATA.exists():
    DEVDATA = Path("/work/shared/devdata")
RESULTS = Path(__file__).resolve().parent / "results"
FILES = ["rt_number", "rt_numberwithunit", "rt_datetime", "quantulum3_tests"]

# Which of our kinds each source model annotates.
_NUMERIC = {"percent", "money", "count", "duration", "year", "quantity"}
MODEL_KINDS: dict[str, set[str]] = {
    "NumberModel": _NUMERIC,
    "NumberRangeModel": _NUMERIC,
    "PercentModel": {"percent"},
    "CurrencyModel": {"money"},
    "DimensionModel": {"quantity"},
    "TemperatureModel": {"quantity"},
    "AgeModel": {"quantity"},
    "DateTimeModel": {"date", "year", "duration"},
    "quantities": _NUMERIC,
}
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800,
           "month": 2592000, "year": 31536000, "decade": 315360000, "century": 3153600000}

# Gold unit names (lower case) -> our unit names.
UNIT_MAP: dict[str, str] = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
    "british pound": "GBP", "chinese yuan": "CNY", "japanese yen": "JPY", "canadian dollar":
    "CAD", "australian dollar": "AUD", "hong kong dollar": "HKD", "new zealand dollar": "NZD",
    "swiss franc": "CHF", "franc": "CHF", "rupee": "INR", "indian rupee": "INR",
    "mexican peso": "MXN", "turkish lira": "TRY", "cent": "USD", "pence": "GBP", "penny": "GBP",
    "kilometer": "km", "kilometre": "km", "meter": "m", "metre": "m", "mile": "mi",
    "foot": "ft", "inch": "in", "millimeter": "mm", "millimetre": "mm", "centimetre": "cm",
    "kilogram": "kg", "milligram": "mg", "microgram": "µg", "ton": "t", "metric ton": "t",
    "tonne": "t", "pound-mass": "lb", "ounce": "oz", "gallon": "gal", "barrel": "bbl",
    "milliliter": "ml", "litre": "l", "square meter": "m2", "square kilometre": "km2",
    "square mile": "mi2", "acre": "acre", "cubic foot": "ft3", "kilometer per hour": "km/h",
    "kilometre per hour": "km/h", "mile per hour": "mph", "c": "°C", "degree celsius": "°C",
    "f": "°F", "degree fahrenheit": "°F", "degree": "degree", "percent": "percent",
    "percentage": "percent", "year": "year", "month": "month", "week": "week", "day": "day",
    "hour": "hour", "minute": "minute", "megabyte": "MB", "megawatt hour": "MWh",
    "watt": "W", "exabyte": "EB", "dimensionless": "", "": "",
    "cubic kilometre": "km3", "cubic centimetre": "cm3", "kelvin": "K", "electronvolt": "eV",
    "nanometre": "nm", "nanometer": "nm", "decimeter": "dm", "decimetre": "dm",
    "square kilometer": "km2", "gigahertz": "GHz", "watt hour": "Wh", "centilitre": "cl",
    "liter": "l",
}


def _cldr_currency_names() -> dict[str, str]:
    """Gold currency names ("Costa Rican colón", "Georgian lari") -> ISO code, from CLDR's
    English names (babel), so the scorer maps every currency the gold names, not a few."""
    from babel import Locale

    return {name.lower(): code for code, name in Locale.parse("en").currencies.items()}


UNIT_MAP = {**_cldr_currency_names(), **UNIT_MAP}


def _model(case: dict) -> str:
    name = case["source"].rsplit("/", 1)[-1]
    return name.removesuffix(".json").split(".")[0]


def _norm(surface: str) -> str:
    return re.sub(r"\s+", " ", surface.lower()).strip(" .,")


def _gold_value(item: dict) -> list[object]:
    """Comparable gold values: a number, an ISO date string, or both ends of a range."""
    if item.get("kind") in ("date", "daterange"):
        timex = str(item.get("timex") or item.get("value") or "")
        timex = re.sub(r"^XXXX-(\d\d-\d\d)$", r"--\1", timex)
        if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}", timex):
            return [timex]
        return []
    values = [item.get("value"), item.get("value_min"), item.get("value_max")]
    numbers = [float(v) for v in values if isinstance(v, int | float)]
    if str(item.get("unit") or "").lower() in ("cent", "pence", "penny"):
        numbers = [v / 100 for v in numbers]  # we normalise hundredths to the main currency
    return numbers


def _pred_value(fig: Figure, model: str) -> object:
    if fig.kind in ("date",):
        return fig.date
    if fig.kind == "duration" and model == "DateTimeModel" and fig.value is not None:
        return fig.value * SECONDS.get(fig.unit or "", 1)
    if fig.kind == "year" and model == "DateTimeModel":
        return fig.date
    return fig.value


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-9)
    return a == b


def _unit_ok(item: dict, fig: Figure, model: str) -> bool:
    gold = str(item.get("unit") or "").lower()
    if model == "DateTimeModel" or item.get("kind") in ("number", "number_range"):
        return True
    unit = fig.unit or ""
    if "/" in unit and "per" not in gold and "/" not in gold:
        # A rate ("$98 a share" -> USD/share): the gold marks the amount's unit only.
        unit = unit.split("/", 1)[0]
    if gold == "pound" and item.get("kind") == "dimension":
        return unit == "lb"
    if gold == "pound":
        return unit == "GBP"
    mapped = UNIT_MAP.get(gold)
    if mapped is None:
        return False
    return unit == mapped


_NUMBER_VOCAB = set(str.split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion and point minus negative over half "
    "halves third thirds quarter quarters fifth fifths hundredths a dozen dozens"
))


def _news_like(text: str) -> bool:
    """Running text: five or more words, three of them not number vocabulary."""
    words = re.findall(r"[A-Za-z]+", text)
    return len(text.split()) >= 5 and sum(w.lower() not in _NUMBER_VOCAB for w in words) >= 3


class Tally:
    """True positives, predictions and gold items for one metric."""

    def __init__(self) -> None:
        self.tp_p = 0
        self.n_pred = 0
        self.tp_g = 0
        self.n_gold = 0

    def rates(self) -> tuple[float, float]:
        """(precision, recall); 0 when there is nothing to divide by."""
        return (self.tp_p / self.n_pred if self.n_pred else 0.0,
                self.tp_g / self.n_gold if self.n_gold else 0.0)

    def line(self) -> str:
        p, r = self.rates()
        return f"P {p:5.3f} R {r:5.3f}"


def score_case(case: dict, tallies: dict[str, Tally], gaps: list[str]) -> None:
    model = _model(case)
    text = case["text"]
    published = None
    ref = ((case.get("meta") or {}).get("Context") or {}).get("ReferenceDateTime")
    if ref:
        published = ref[:10]
    kinds = MODEL_KINDS.get(model, _NUMERIC)
    preds = [f for f in extract_figures(text, published) if f.kind in kinds]
    gold = case["expected"]
    for metric in ("value", "value+unit", "span"):
        tally = tallies[metric]
        used: dict[int, int] = {}
        matched_pred = 0
        ignored = 0
        for fig in preds:
            hit = None
            for gi, item in enumerate(gold):
                capacity = 2 if item.get("value_min") is not None and metric != "span" else 1
                if used.get(gi, 0) >= capacity:
                    continue
                if metric == "span":
                    ok = _norm(item["surface"]) == _norm(fig.surface)
                else:
                    values = _gold_value(item)
                    # a range prediction ("40 - 50 years") offers both of its ends
                    pred = [_pred_value(fig, model)] + (
                        [fig.value_max] if getattr(fig, "value_max", None) is not None else [])
                    ok = any(_same(v, p) for v in values for p in pred)
                    if ok and metric == "value+unit":
                        ok = _unit_ok(item, fig, model)
                if ok:
                    hit = gi
                    break
            if hit is not None:
                used[hit] = used.get(hit, 0) + 1
                matched_pred += 1
            elif metric != "span" and any(
                    not _gold_value(item) and _norm(fig.surface) in _norm(item["surface"])
                    for item in gold):
                ignored += 1
            elif metric == "value+unit":
                gaps.append(f"FP  [{model}] {fig.surface!r} {fig.kind} {fig.value} {fig.unit} "
                            f"{fig.date} || {text[:160]!r}")
        n_gold = len(gold) if metric == "span" else sum(1 for g in gold if _gold_value(g))
        tally.tp_p += matched_pred
        tally.n_pred += len(preds) - ignored
        tally.tp_g += len(used)
        tally.n_gold += n_gold
        if metric == "value+unit":
            for gi, item in enumerate(gold):
                if gi not in used and _gold_value(item):
                    gaps.append(f"MISS [{model}] {item['surface']!r} {item.get('value')} "
                                f"{item.get('unit')} || {text[:160]!r}")


def score_file(name: str, gaps: list[str]
               ) -> tuple[int, dict[str, Tally], dict[str, dict[str, Tally]]]:
    """Score one devdata suite: (news-like cases, tallies per metric, tallies per source model).
    tests/core/figures/test_figure_floors.py holds these to tests/quality_baseline.json."""
    path = DEVDATA / f"{name}.jsonl"
    cases = [json.loads(line) for line in path.open(encoding="utf-8")]
    cases = [c for c in cases if _news_like(c["text"])]
    by_model: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    overall: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        score_case(case, by_model[_model(case)], gaps)
    for per_model in by_model.values():
        for metric, t in per_model.items():
            o = overall[metric]
            o.tp_p += t.tp_p
            o.n_pred += t.n_pred
            o.tp_g += t.tp_g
            o.n_gold += t.n_gold
    return len(cases), overall, by_model


def main(argv: list[str]) -> str:
    lines = ["figure extraction scores on ../shared/devdata (news-like cases: >= 5 words)", ""]
    gaps: list[str] = []
    for name in FILES:
        n_cases, overall, by_model = score_file(name, gaps)
        lines.append(f"{name}: {n_cases} cases, {overall['span'].n_gold} gold items")
        for metric in ("value", "value+unit", "span"):
            lines.append(f"  {metric:<11} {overall[metric].line()}")
        for model, per_model in sorted(by_model.items()):
            lines.append(f"    {model:<17} " + "  ".join(
                f"{m}: {per_model[m].line()}" for m in ("value", "value+unit", "span")))
        lines.append("")
    report = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "figures_scores.txt").write_text(report + "\n", encoding="utf-8")
    if "--gaps" in argv:
        (RESULTS / "figures_gaps.txt").write_text("\n".join(gaps) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    print(main(sys.argv[1:]))
