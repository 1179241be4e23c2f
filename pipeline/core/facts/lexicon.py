"""Word lists of the facts stage: titles before names, and the words matching erases or ignores.

"Ms. Varga", "President Helena Varga" and "Treasury Secretary Tomas Ekdahl" name people by
title; the title is not part of the name ("Mr." and "President" are stripped and kept as the
person's titles). Lowercase, without the final dot. Matching (`wording`) writes symbols out,
maps British to American spelling ("honour" and "honor" are one token) and ignores function
words; its lists are here too.
"""

from __future__ import annotations

import re

TITLE_WORDS = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
president vice prime minister secretary senator sen rep representative congressman
congresswoman gov governor mayor chancellor premier king queen prince princess sheikh
judge justice chief general gen admiral adm colonel col lieutenant lt captain capt sergeant sgt
commissioner ambassador attorney deputy speaker chairman chairwoman chair director officer
spokesman spokeswoman spokesperson coach detective inspector superintendent
ceo cfo coo founder leader pope bishop archbishop cardinal rabbi imam emir
""".split())  # noqa: SIM905

# Name suffixes that do not change who is meant ("Martin Luther King Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# How a text names a speaker without a role: "he", "she", "they" say nothing about titles.
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "him", "her", "them"})

# Matching (wording.py): symbols written out, so "30%" and "30 percent" agree.
SYMBOL_WORDS = (("%", " percent "), ("&", " and "), ("$", " dollar "), ("£", " pound "),
                ("€", " euro "))

# Whole-word British → American spellings that suffix rules below do not reach.
WORD_VARIANTS = {
    "aluminium": "aluminum", "programme": "program", "programmes": "programs", "grey": "gray",
    "tyre": "tire", "tyres": "tires", "cheque": "check", "cheques": "checks", "kerb": "curb",
    "plough": "plow", "sceptic": "skeptic", "sceptical": "skeptical", "mould": "mold",
    "storey": "story", "jewellery": "jewelry", "pyjamas": "pajamas", "draught": "draft",
    "manoeuvre": "maneuver", "whilst": "while", "amongst": "among",
    "gaol": "jail", "analogue": "analog", "catalogue": "catalog", "dialogue": "dialog",
    "ageing": "aging", "judgement": "judgment", "acknowledgement": "acknowledgment",
    "enquiry": "inquiry", "enquiries": "inquiries", "fulfil": "fulfill", "enrol": "enroll",
    "instalment": "installment", "skilful": "skillful", "wilful": "willful",
}
SUFFIX_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\w{3})our(s|ed|ing|able|ite|ites)?$"), r"or\1"),     # honour, favourite
    (re.compile(r"(?<=\w{2})is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),  # realise
    (re.compile(r"(?<=\w{2})ys(e|ed|es|ing)$"), r"yz\1"),                   # analyse
    (re.compile(r"(?<=\w{2})([tb])re(s|d)?$"), r"\1er\2"),                  # centre, fibre
    (re.compile(r"(?<=\w{3})ence$"), "ense"),                               # defence, licence
    (re.compile(r"(?<=\w{2}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),           # travelled
    (re.compile(r"(?<=\w{2})ogue$"), "og"),                                 # catalogue
)

# Words that carry no information about what a figure measures or which utterance it is.
STOPWORDS = frozenset(word for word in """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves s t ll d ve re m don didn doesn isn us
wasn weren won wouldn shouldn couldn may might must shall upon per via among amid
said says say saying told tells tell according added adds noted stated explained wrote
reported reports report announced percent percentage cent dollar dollars pound pounds euro
euros million millions billion billions trillion thousand thousands hundred hundreds dozen
dozens one two three four five six seven eight nine ten eleven twelve first second third
around nearly almost roughly approximately least
""".split())  # noqa: SIM905
