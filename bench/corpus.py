"""A generated corpus of news-like articles for benchmarks (deterministic for a given seed).

Articles are composed from varied hand-written sentence templates with invented names, places,
organisations and numbers, in the conventions of wire copy: quotes before and after their
attribution, split and colon-introduced quotes, fragments, reported speech, curly and straight
quotes, percentages, money, counts, shares, durations, dates and years. An article has six
fixed paragraphs and `EXTRA_PARAGRAPHS` drawn from `_EXTRA`, about 500 words in all, the length
of a typical wire story.
"""

from __future__ import annotations

import random
from pathlib import Path

FIRST = ["Amara", "Tomasz", "Lucía", "Kenji", "Ingrid", "Rafael", "Noor", "Pieter", "Adaeze",
         "Mateo", "Sunita", "Olev", "Greta", "Idris", "Mireille", "Dmitri", "Hana", "Cormac"]
LAST = ["Okonkwo", "Lindqvist", "Ferreira", "Haddad", "Nakamura", "Brennan", "Castellanos",
        "Volkova", "Mbeki", "Sorensen", "Achterberg", "Quispe", "Delacroix", "Rahimi"]
ROLES = ["finance minister", "chief executive", "spokeswoman", "mayor", "union leader",
         "central bank governor", "health commissioner", "trade envoy", "analyst"]
ORGS = ["the Ministry of Transport", "the national statistics office", "the port authority",
        "the regional council", "the central bank", "the teachers' union", "the energy regulator"]
PLACES = ["Valmora", "Ostrava Bay", "Kettering Falls", "San Aurelio", "Norrbrook", "Lake Tamsin"]
NOUNS = ["households", "students", "workers", "passengers", "farms", "small businesses"]
TOPICS = ["fuel duty", "rail fares", "import tariffs", "housing grants", "water charges"]
COMPANIES = ["Norrbrook Energy", "Castel Freight", "Valmora Water", "Tamsin Rail",
             "Ostrava Shipping", "Aurelio Telecom"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
CURRENCIES = ["krona", "peso", "rand", "zloty"]
EXTRA_PARAGRAPHS = 15
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first} {last}", last


def _extra_paragraphs(rng: random.Random, place: str, topic: str, noun: str,
                      surname: str) -> list[str]:
    """Background, figures and more voices, each paragraph from one template."""
    name2, last2 = _person(rng)
    name3, _ = _person(rng)
    org, org2 = rng.sample(ORGS, 2)
    cap = org[0].upper() + org[1:]
    r = rng.randint
    year = r(2005, 2024)
    templates = [
        lambda: (f"The decision follows {r(3, 18)} months of talks between {org} and {org2}, "
                 f"which had warned in {year} that {topic} would rise by {r(5, 40)}% without "
                 "reform."),
        lambda: (f"“The numbers do not add up,” {rng.choice(ROLES)} {name2} said. “If {topic} "
                 f"fall by {r(3, 30)} percent, someone has to pay the difference, and it will "
                 "not be the ministry.”"),
        lambda: (f"{name3}, a {rng.choice(ROLES)} in {place}, put it bluntly: “People here "
                 "have stopped believing promises made in the capital.”"),
        lambda: (f"Figures from {org} show that {r(2, 90)},{r(100, 999)} {noun} paid an average "
                 f"of {rng.choice(['$', '€', '£'])}{r(40, 400)} a month last year, up from "
                 f"{rng.choice(['$', '€', '£'])}{r(20, 39)} in {year}."),
        lambda: (f"According to {org2}, about {r(10, 60)}% of {noun} in the region live more "
                 f"than {r(5, 40)} kilometres from the nearest office that handles {topic}."),
        lambda: (f"{surname} said the government had already set aside {r(2, 90)} million for "
                 f"the first phase and expected to hire {r(20, 400)} inspectors by "
                 f"{rng.choice(MONTHS)}."),
        lambda: (f"In {year}, a similar plan collapsed after {r(10, 90)} days when {org} "
                 "withdrew its support, leaving a gap in the budget that took years to close."),
        lambda: (f"Opposition leader {name2} called the plan “a gift to the biggest firms” and "
                 f"said her party would vote against it on {rng.choice(WEEKDAYS)}."),
        lambda: (f"Shares in {rng.choice(COMPANIES)} rose {r(1, 9)}.{r(1, 9)}% to {r(10, 90)}."
                 f"{r(10, 99)} in early trading, while the {rng.choice(CURRENCIES)} was little "
                 f"changed at {r(1, 20)}.{r(10, 99)} against the dollar."),
        lambda: (f"The vote is scheduled for {rng.choice(MONTHS)} {r(1, 28)}, {year + 2}, and "
                 f"needs the support of {r(20, 40)} of the {r(41, 60)} members of the council."),
        lambda: (f"Critics described the proposal as “half-baked” and “years overdue”, and "
                 f"{last2} said the consultation had lasted just {r(2, 6)} weeks."),
        lambda: (f'"We have been here before," said {name3}, who runs a small firm near '
                 f'{place}. "Every winter the same promises, and every spring the same bills."'),
        lambda: (f"A survey of {r(1, 9)},{r(100, 999)} {noun} by {org} found that {r(40, 70)}% "
                 f"supported the change, {r(10, 30)}% opposed it and the rest were undecided."),
        lambda: (f"Nearly two thirds of the {r(20, 200)} towns in the province have no office "
                 f"dealing with {topic}, and one in five has lost residents since {year}."),
        lambda: (f"The works will take {r(3, 30)} months and close the {place} line for "
                 f"{r(2, 12)} weekends, the operator said in a statement on "
                 f"{rng.choice(WEEKDAYS)}."),
        lambda: (f"{cap} said it would publish a full assessment within {r(2, 12)} weeks and "
                 f"hold public hearings in {rng.choice(PLACES)} and {rng.choice(PLACES)}."),
        lambda: (f"Local businesses were divided. One shop owner said sales had fallen by a "
                 f"quarter since {year}; another said the cut was “the first good news in a "
                 "long time”."),
        lambda: (f"Economists at {rng.choice(COMPANIES)} estimate the measure will lower "
                 f"inflation by {r(1, 4)}.{r(1, 9)} percentage points over the next {r(2, 5)} "
                 "years."),
    ]
    return [make() for make in rng.sample(templates, EXTRA_PARAGRAPHS)]


def article(rng: random.Random, i: int) -> str:
    name, surname = _person(rng)
    other, other_last = _person(rng)
    role, org, place = rng.choice(ROLES), rng.choice(ORGS), rng.choice(PLACES)
    topic, noun = rng.choice(TOPICS), rng.choice(NOUNS)
    pct_from, pct_to = rng.randint(20, 150), rng.randint(2, 19)
    scale = rng.choice(["million", "billion"])
    money = rng.choice(["$", "€", "£"]) + f"{rng.randint(2, 900)} {scale}"
    count = f"{rng.randint(2, 900):,},000"
    month, day = rng.choice(MONTHS), rng.randint(1, 28)
    title = f"{place} moves on {topic} as pressure mounts ({i})"
    paras = [
        f"{place.upper()} — {org[0].upper() + org[1:]} said on Tuesday it would cut {topic} "
        f"from {pct_from} percent to {pct_to} percent, easing costs for about {count} {noun}.",
        f"“We listened to people who told us the old rules were unfair,” {role} {name} said. "
        f"“This is a first step, not the last.”",
        f"The change will cost roughly {money} over {rng.randint(2, 10)} years, according to "
        f"estimates published by {rng.choice(ORGS)} on {month} {day}.",
        f'"It is too little, too late," said {other}, who leads a campaign group in {place}. '
        f'"Families have waited {rng.randint(2, 9)} years for this."',
        f"{other_last} added that more than {rng.randint(10, 99)}% of {noun} surveyed in "
        f"{rng.randint(2015, 2025)} had asked for deeper cuts.",
        f"{surname} told reporters the {rng.randint(30, 180)}-day review would begin in "
        f"{rng.choice(MONTHS)}. “We will publish every number,” she said.",
    ]
    tail = paras[2:] + _extra_paragraphs(rng, place, topic, noun, surname)
    rng.shuffle(tail)
    paras = paras[:2] + tail
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 7, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed * 1_000_003 + start)
    paths = []
    for i in range(start, start + n):
        p = folder / f"article_{i:07d}.txt"
        p.write_text(article(rng, i), encoding="utf-8")
        paths.append(p)
    return paths
