"""Word lists more than one stage uses: months, weekdays and the abbreviations before a period.

One home each, imported by the stages: figures reads dates with the month and weekday names,
quotes and stories keep them out of names ("Monday", "May" open sentences; "Jan" is a month
before a number), and the sentence splitters of text/spans.py and quotes/masking.py read the
abbreviations ("Dr. Obi", "Sept. 4", "Messrs. Obi and Lind" end no sentence).
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A frozen set from a whitespace-separated word list (easier to read and edit)."""
    return frozenset(words.split())


def forms_table(text: str) -> dict[str, str]:
    """Written forms and what each means, written meaning first: `USD: $, US$; EUR: €, euro`
    gives {"$": "USD", "US$": "USD", "€": "EUR", "euro": "EUR"}. Groups end at ";", forms
    are separated by commas and may hold a space ("sq ft"); line breaks are spaces."""
    table: dict[str, str] = {}
    for group in text.split(";"):
        value, forms = group.split(":", 1)
        for form in forms.split(","):
            table[" ".join(form.split())] = value.strip()
    return table


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
# Month abbreviations written capitalised with or without a dot ("Sept.", "Jan"), longest
# first where one starts another; "May" has none.
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct",
                       "nov", "dec")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Small words that may stay lower case inside a title or a title-cased line ("Meet the Press",
# "Terms of Use", "Ursula von der Leyen Speaks"): quotes' titles, figures' quoted titles
# ("“60 Minutes”"), documents' menus and headlines.
TITLE_SMALL_WORDS = word_set(
    "& a an and as at by de del du for from in is la le of on or per the to van via von vs vs. with"
)

# Words before a full stop that end no sentence: titles before names ("Dr. Obi", "Det. Ada
# Obi", "Messrs. Obi and Lind"), company forms ("Acme Corp. said"), the month abbreviations
# ("Sept. 4"), dotted names of places ("the U.S. said") and units ("5 ft. tall"). Lower case.
ABBREVIATIONS = word_set("""
mr mrs ms dr prof sen rep gov gen lt col capt sgt adm maj det fr messrs st jr sr
inc corp co ltd no vs etc u.s u.k u.n e.u d.c a.m p.m approx dept est fig mt ft pres sec rev
hon
""") | frozenset(MONTH_ABBREVIATIONS)
