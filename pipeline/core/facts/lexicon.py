"""Word lists of the facts stage: the titles and roles that come before a person's name.

"Ms. Varga", "President Helena Varga" and "Treasury Secretary Tomas Ekdahl" name people by
title; the title is not part of the name ("Mr." and "President" are stripped and kept as the
person's titles). Lowercase, without the final dot.
"""

from __future__ import annotations

TITLE_WORDS = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
president vice prime minister secretary senator sen rep representative congressman
congresswoman gov governor mayor chancellor premier king queen prince princess sheikh
judge justice chief general gen admiral adm colonel col lieutenant lt captain capt sergeant sgt
commissioner ambassador attorney deputy speaker chairman chairwoman chair director officer
spokesman spokeswoman spokesperson coach detective inspector superintendent minister
ceo cfo coo founder leader pope bishop archbishop cardinal rabbi imam emir
""".split())  # noqa: SIM905

# Name suffixes that do not change who is meant ("Martin Luther King Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# How a text names a speaker without a role: "he", "she", "they" say nothing about titles.
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "him", "her", "them"})
