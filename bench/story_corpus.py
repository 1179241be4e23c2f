"""A labelled set of story clusters: template-generated articles with invented names.

Every cluster is one event reported by 2-6 outlets in different words; clusters come in
confusable groups of one kind (two earthquakes in one week, two trials, two votes with the same
tally, two product launches, ...), so only the actors, places, quotes and dates tell them apart.
Some articles also mention another story in passing, and background figures recur across
stories. Used by `bench/score_stories.py` (quality) and `bench/bench_stories.py` (scale).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

_SYL = ["ka", "lo", "mir", "ve", "tan", "sor", "el", "bri", "dun", "ha", "zel", "qua", "ro",
        "fen", "mar", "ti", "vor", "nal", "pe", "gru", "sha", "lin", "ob", "cas", "der", "wy"]


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYL) for _ in range(parts)).capitalize()


KINDS = {
    "quake": {
        "lead": ["A magnitude {n1} earthquake struck near {place} in {country} on {day}, "
                 "killing at least {n2} people, officials said.",
                 "At least {n2} people died when a {n1}-magnitude quake hit {place}, {country}, "
                 "on {day}.",
                 "Rescuers in {country} searched collapsed buildings in {place} after a "
                 "magnitude {n1} earthquake left {n2} dead."],
        "body": ["{person}, the head of {org}, said rescue teams had reached the worst-hit "
                 "districts.",
                 "The quake was felt as far away as {place2}, according to {org}.",
                 "\u201c{quote},\u201d {person} told reporters.",
                 "Aftershocks continued through the night, and the {org} warned residents to "
                 "stay outdoors.",
                 "Officials said {n3} buildings had collapsed in {place}."],
    },
    "trial": {
        "lead": ["The trial of {person2}, accused of {crime}, opened on {day} at the {place} "
                 "district court.",
                 "Prosecutors told a jury in {place} on {day} that {person2} had {crime_past}.",
                 "{person2} pleaded not guilty to {crime} as the trial began in {place}."],
        "body": ["Judge {person} set bail at ${n3},000 earlier this year.",
                 "\u201c{quote},\u201d the prosecutor, {person3}, said in opening remarks.",
                 "Defence lawyer {person3} said the case rested on the testimony of {n2} "
                 "witnesses.",
                 "The trial at the court in {place} is expected to last {n1} weeks.",
                 "{org} has followed the case since the arrest of {person2}."],
    },
    "vote": {
        "lead": ["The {country} parliament voted 52-48 on {day} to pass the {billname} bill.",
                 "Lawmakers in {country} approved the {billname} bill by 52 votes to 48 on {day}.",
                 "The {billname} bill cleared the {country} parliament 52-48 after a long debate."],
        "body": ["Speaker {person} called the result a victory for {org}.",
                 "\u201c{quote},\u201d said {person3}, who led the opposition to the {billname} "
                 "measure.",
                 "The bill now goes to {person2} for signature in {place}.",
                 "Protesters gathered outside the parliament building in {place}.",
                 "The vote followed {n1} days of debate."],
    },
    "launch": {
        "lead": ["{org} unveiled its {product} on {day} at an event in {place}, priced at "
                 "${n3}.",
                 "{org} launched the {product} in {place} on {day}, its first new device in "
                 "{n1} years.",
                 "The {product} from {org} went on sale in {place} on {day} for ${n3}."],
        "body": ["Chief executive {person} said the company expected to sell {n2} million units.",
                 "\u201c{quote},\u201d {person} said on stage in {place}.",
                 "Analyst {person3} of {org2} said the price was aggressive.",
                 "Shares of {org} rose {n1} percent after the announcement.",
                 "The company said the {product} would reach {country} next month."],
    },
    "storm": {
        "lead": ["Storm {stormname} made landfall near {place} in {country} on {day} with winds "
                 "of {n3} km/h.",
                 "Tens of thousands lost power as Storm {stormname} battered {place}, {country}.",
                 "Storm {stormname} killed {n2} people after hitting the coast near {place}."],
        "body": ["{person}, who leads {org}, said {n2} people had been evacuated from the coast.",
                 "\u201c{quote},\u201d {person} said at a briefing in {place}.",
                 "Forecasters at {org} expect Storm {stormname} to weaken over {place2}.",
                 "Schools in {place} were closed for {n1} days.",
                 "Residents of {place2} were told to boil water."],
    },
    "strike": {
        "lead": ["Workers at {org} in {place} walked out on {day} in a dispute over pay.",
                 "A strike by {n3} staff at {org} halted production in {place} on {day}.",
                 "Union members at {org} began an indefinite strike in {place}, {country}."],
        "body": ["Union leader {person} said members wanted a {n1} percent raise.",
                 "\u201c{quote},\u201d {person} told a rally outside the {place} plant.",
                 "{org} spokesperson {person3} said the offer on the table was fair.",
                 "Talks are due to resume at {org2} offices next week.",
                 "The strike affects {n2} sites across {country}."],
    },
}
# `harder`: leads that name only the shared context (the country, the company), the event's own
# place given further down; news often opens "A strong earthquake struck eastern X".
VAGUE_LEAD = {
    "quake": "A magnitude {n1} earthquake struck {country} on {day}, killing at least {n2} people.",
    "trial": "A {crime} trial opened on {day} with prosecutors setting out their case.",
    "vote": "The {country} parliament passed a contested bill 52-48 on {day}.",
    "launch": "{org} unveiled a new device on {day}, priced at ${n3}.",
    "storm": "A powerful storm made landfall in {country} on {day}, officials said.",
    "strike": "Workers at {org} walked out on {day} in a dispute over pay.",
}
WHERE = {
    "quake": "The epicentre was near {place}, where {person} of {org} led the rescue.",
    "trial": "{person2} is on trial at the {place} district court.",
    "vote": "The {billname} bill was debated for days in {place}.",
    "launch": "The {product} was shown to reporters in {place} by {person}.",
    "storm": "Storm {stormname} came ashore near {place}.",
    "strike": "The walkout began at the plant in {place}, union leader {person} said.",
}
FILLER = [
    "Officials said more details would be released later.",
    "The government has faced criticism over its handling of similar events in the past.",
    "It was not immediately clear how many people were affected.",
    "Local media showed images of crowds gathering in the streets.",
    "A spokesperson declined to comment further.",
    "The situation remains fluid, officials said on Monday.",
    "Experts say such events have become more common in recent years.",
    "Inflation in the region reached 3.2 percent last year, according to the central bank.",
]
QUOTE_WORDS = ["we", "will", "rebuild", "every", "home", "this", "is", "not", "the", "end",
               "of", "our", "fight", "for", "justice", "and", "truth", "people", "deserve",
               "answers", "nobody", "expected", "such", "a", "result", "today", "future",
               "begins", "now", "with", "courage", "patience", "hope"]
CRIMES = [("fraud", "defrauded investors"), ("bribery", "taken bribes"),
          ("arson", "set fire to a warehouse"), ("embezzlement", "stolen public funds")]
OUTLETS = ["Harbor Daily", "Valley Post", "North Wire", "Coastal Times", "Metro Ledger",
           "Evening Star", "Plains Herald", "River Courier"]


def _event(rng: random.Random, kind: str, day: date) -> dict:
    crime, crime_past = rng.choice(CRIMES)
    return {
        "kind": kind, "day": day, "place": _name(rng, 3), "place2": _name(rng, 2),
        "country": _name(rng, 3) + "ia", "person": f"{_name(rng)} {_name(rng, 3)}",
        "person2": f"{_name(rng)} {_name(rng, 3)}", "person3": f"{_name(rng)} {_name(rng, 3)}",
        "org": f"{_name(rng, 3)} {rng.choice(['Agency', 'Institute', 'Group', 'Motors'])}",
        "org2": f"{_name(rng, 2)} {rng.choice(['Capital', 'Research', 'Partners'])}",
        "product": f"{_name(rng, 2)} {rng.randint(2, 9)}", "billname": _name(rng, 3),
        "stormname": _name(rng, 2), "crime": crime, "crime_past": crime_past,
        "quote": " ".join(rng.choice(QUOTE_WORDS) for _ in range(rng.randint(8, 14))).capitalize(),
        "n1": rng.choice(["5.8", "6.1", "6.4", "7.0", "7.3", "3", "4", "12"]),
        "n2": str(rng.randint(11, 400)), "n3": str(rng.randint(100, 999)),
    }


def _article(rng: random.Random, event: dict, other: dict | None,
             sibling: dict | None = None, harder: bool = False) -> str:
    spec = KINDS[event["kind"]]
    fields = {**event, "day": event["day"].strftime("%A")}
    vague = harder and rng.random() < 0.4
    lead = VAGUE_LEAD[event["kind"]] if vague else rng.choice(spec["lead"])
    lines = [lead.format(**fields)]
    if vague:
        lines.append(WHERE[event["kind"]].format(**fields))
    body = rng.sample(spec["body"], k=rng.randint(3, len(spec["body"])))
    lines += [b.format(**fields) for b in body]
    lines += rng.sample(FILLER, k=rng.randint(1, 3))
    if other is not None:  # an article that mentions another story in passing
        lines.append(f"Separately, {other['person']} was in {other['place']} this week.")
    if sibling is not None:  # ... or the other event of its group, by its place
        lines.append(f"It came days after a similar event in {sibling['place']}.")
    rng.shuffle(lines[1:])
    return "\n\n".join(lines)


# What the events of one group share in the harder set: the country and its national bodies,
# the kind's numbers (magnitude, toll, bail, tally), the second place and the charge; the
# actors, the place, the quote and the day differ.
SHARED_WHEN_HARD = ("country", "org", "org2", "place2", "n1", "n2", "n3", "crime", "crime_past",
                    "product")


def labelled_corpus(n_groups: int = 8, seed: int = 7, start: date = date(2025, 3, 3),
                    hard: bool = False, harder: bool = False) -> list[dict]:
    """Documents (doc_id, title, text, published, outlet, duplicate_of, story) in confusable
    groups: each group holds 2-4 events of one kind within a week. `hard`: the events of a
    group also share `SHARED_WHEN_HARD` (two earthquakes of one magnitude and toll in one
    country, two arson trials with the same bail): only actors, places, quotes and dates differ.
    `harder` (with `hard`): 40 % of leads name only the shared context (`VAGUE_LEAD`, the
    event's place in the next sentence) and 20 % of articles name the place of another event
    of their group ("It came days after a similar event in Tallis")."""
    rng = random.Random(seed)
    docs: list[dict] = []
    events: list[dict] = []
    for g in range(n_groups):
        kind = list(KINDS)[g % len(KINDS)]
        base = start + timedelta(days=rng.randint(0, 300))
        first: dict | None = None
        for e in range(rng.randint(2, 4)):
            event = _event(rng, kind, base + timedelta(days=rng.randint(0, 6)))
            if hard and first is not None:
                event.update({k: first[k] for k in SHARED_WHEN_HARD})
            first = first or event
            events.append({**event, "label": f"g{g}e{e}"})
    for event in events:
        group = [e for e in events if e["label"].split("e")[0] == event["label"].split("e")[0]
                 and e is not event]
        for a in range(rng.randint(2, 6)):
            other = rng.choice(events) if rng.random() < 0.15 else None
            if other is event:
                other = None
            sibling = None
            if harder and group and rng.random() < 0.2:
                sibling = rng.choice(group)
            published = event["day"] + timedelta(days=rng.randint(0, 3))
            docs.append({
                "doc_id": f"d_{rng.getrandbits(64):016x}", "title": None,
                "text": _article(rng, event, other, sibling, harder),
                "published": published.isoformat(),
                "outlet": OUTLETS[a % len(OUTLETS)], "duplicate_of": None,
                "story": event["label"],
            })
    return docs
