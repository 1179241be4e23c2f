"""A generated corpus of news-like articles for benchmarks (deterministic for a given seed).

Articles are composed from varied hand-written sentence templates with invented names, places,
organisations and numbers, in the conventions of wire copy: quotes before and after their
attribution, curly and straight quotes, percentages, money, counts, durations and dates.
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
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first} {last}", last


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
    rng.shuffle(paras[2:])
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
