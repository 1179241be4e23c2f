"""Figures as different newsrooms write them: wire, British, Indian English, financial.

Hand-written sentences with invented names. Each case lists every row the extractor must
return, in order: (surface, kind, value, unit, qualifier, date). Written before the extractor
was run on them, so they state the convention, not what the code happened to do.
"""

from __future__ import annotations

import pytest

from pipeline.core.figures import extract_figures

PUB = "2025-06-02"

Row = tuple[str, str, float | None, str | None, str | None, str | None]

CASES: list[tuple[str, str | None, list[Row]]] = [
    # Percentages, British and financial spellings
    ("Profits at Halvorsen slumped 40pc in the year to March.", PUB,
     [("40pc", "percent", 40, "percent", None, None), ("March", "date", None, None, None,
                                                       "2025-03")]),
    ("The central bank raised rates by 25 basis points to 5.25%.", PUB,
     [("25 basis points", "percent", 25, "basis point", None, None),
      ("5.25%", "percent", 5.25, "percent", None, None)]),
    ("Yields fell 12bps after the auction.", PUB,
     [("12bps", "percent", 12, "basis point", None, None)]),
    ("Unemployment edged up 0.3 percentage point to 4.1 per cent.", PUB,
     [("0.3 percentage point", "percent", 0.3, "percentage point", None, None),
      ("4.1 per cent", "percent", 4.1, "percent", None, None)]),
    ("Shares of Dornel Corp rose 3.2% year on year in the third quarter.", PUB,
     [("3.2%", "percent", 3.2, "percent", None, None)]),
    ("Wages rose 4.5 per cent year-on-year, the fastest pace since 2008.", PUB,
     [("4.5 per cent", "percent", 4.5, "percent", None, None),
      ("2008", "year", 2008, None, None, "2008")]),
    ("Almost 40 per cent of voters backed the measure.", PUB,
     [("40 per cent", "percent", 40, "percent", "nearly", None)]),
    ("Inflation hit 9.1pc in June, a 40-year high.", PUB,
     [("9.1pc", "percent", 9.1, "percent", None, None),
      ("June", "date", None, None, None, "2025-06"),
      ("40-year", "duration", 40, "year", None, None)]),
    ("The index closed down 1.8 per cent at 7,512.3 points.", PUB,
     [("1.8 per cent", "percent", 1.8, "percent", None, None),
      ("7,512.3 points", "quantity", 7512.3, "point", None, None)]),
    ("The yield on the 10-year note rose 8 basis points to 4.35%.", PUB,
     [("10-year", "duration", 10, "year", None, None),
      ("8 basis points", "percent", 8, "basis point", None, None),
      ("4.35%", "percent", 4.35, "percent", None, None)]),
    # Fractions and ratios
    ("A fifth of households in the district have no car.", PUB,
     [("A fifth", "count", 0.2, None, None, None)]),
    ("Nearly a quarter of the workforce was furloughed.", PUB,
     [("a quarter", "count", 0.25, None, "nearly", None)]),
    ("One in three adults in Marrow County is obese.", PUB,
     [("One in three", "percent", 100 / 3, "percent", None, None)]),
    ("Nine in 10 residents support the plan.", PUB,
     [("Nine in 10", "percent", 90, "percent", None, None)]),
    ("Only 1 in 5 applicants was accepted.", PUB,
     [("1 in 5", "percent", 20, "percent", None, None)]),
    # Money
    ("The council approved £1.5bn for new housing.", PUB,
     [("£1.5bn", "money", 1.5e9, "GBP", None, None)]),
    ("The fine of EUR 200 was waived.", PUB, [("EUR 200", "money", 200, "EUR", None, None)]),
    ("Tokyo plans ¥3 trillion in extra spending.", PUB,
     [("¥3 trillion", "money", 3e12, "JPY", None, None)]),
    ("The merger could be worth $2-3 billion, analysts said.", PUB,
     [("$2-3 billion", "money", 2e9, "USD", None, None)]),
    ("The state will spend Rs 2.5 lakh crore on railways.", PUB,
     [("Rs 2.5 lakh crore", "money", 2.5e12, "INR", None, None)]),
    ("The firm was fined ₹15 lakh by the regulator.", PUB,
     [("₹15 lakh", "money", 1.5e6, "INR", None, None)]),
    ("The new clinic costs 12 crore rupees.", PUB,
     [("12 crore rupees", "money", 1.2e8, "INR", None, None)]),
    ("Bids came in between $40 million and $55 million.", PUB,
     [("$40 million and $55 million", "money", 4e7, "USD", None, None)]),
    ("Revenue rose 8% to $4.1bn in Q3.", PUB,
     [("8%", "percent", 8, "percent", None, None),
      ("$4.1bn", "money", 4.1e9, "USD", None, None)]),
    ("Net income fell to $812 million in fiscal 2024 from $1.02 billion a year earlier.", PUB,
     [("$812 million", "money", 8.12e8, "USD", None, None),
      ("2024", "year", 2024, None, None, "2024"),
      ("$1.02 billion", "money", 1.02e9, "USD", None, None)]),
    ("The dollar fetched 155 yen in Tokyo.", PUB, [("155 yen", "money", 155, "JPY", None, None)]),
    ("Tickets cost A$45 each.", PUB, [("A$45", "money", 45, "AUD", None, None)]),
    ("The government owes about $31 trillion.", PUB,
     [("$31 trillion", "money", 3.1e13, "USD", "about", None)]),
    ("Profit was up 12% at Rs 1,245 crore.", PUB,
     [("12%", "percent", 12, "percent", None, None),
      ("Rs 1,245 crore", "money", 1.245e10, "INR", None, None)]),
    ("Shares slid 3% to 212 pence.", PUB,
     [("3%", "percent", 3, "percent", None, None), ("212 pence", "money", 2.12, "GBP", None,
                                                    None)]),
    ("The lender will raise USD 2.5 billion through a bond sale.", PUB,
     [("USD 2.5 billion", "money", 2.5e9, "USD", None, None)]),
    # Counts
    ("Police said 1,200 people were evacuated.", PUB,
     [("1,200", "count", 1200, None, None, None)]),
    ("Tens of thousands of fans packed the square.", PUB,
     [("Tens of thousands", "count", 1e4, None, "over", None)]),
    ("More than two dozen vessels were damaged.", PUB,
     [("two dozen", "count", 24, None, "over", None)]),
    ("The storm destroyed some 300 homes.", PUB, [("300", "count", 300, None, "about", None)]),
    ("Visitor numbers rose to a record 1.2 million last year.", PUB,
     [("1.2 million", "count", 1.2e6, None, None, None),
      ("last year", "year", 2024, None, None, "2024")]),
    ("Mortgage approvals doubled in a year.", PUB, []),
    # Ranges
    ("Growth is forecast at between 10 and 15 percent.", PUB,
     [("10 and 15 percent", "percent", 10, "percent", None, None)]),
    ("The bridge spans 8 to 12 kilometres.", PUB,
     [("8 to 12 kilometres", "quantity", 8, "km", None, None)]),
    ("Forecasters expect 2-3% growth next year.", PUB,
     [("2-3%", "percent", 2, "percent", None, None),
      ("next year", "year", 2026, None, None, "2026")]),
    # Temperatures and distances
    ("Temperatures hit 41C in the capital.", PUB, [("41C", "quantity", 41, "°C", None, None)]),
    ("Overnight lows fell to minus 5 degrees Celsius.", PUB,
     [("minus 5 degrees Celsius", "quantity", -5, "°C", None, None)]),
    ("The plane came down 30 miles from the coast.", PUB,
     [("30 miles", "quantity", 30, "mi", None, None)]),
    ("The fire burned across 2,500 hectares.", PUB,
     [("2,500 hectares", "quantity", 2500, "ha", None, None)]),
    ("Winds of up to 120 km/h battered the island.", PUB,
     [("120 km/h", "quantity", 120, "km/h", "up to", None)]),
    ("It was 95 degrees Fahrenheit by noon.", PUB,
     [("95 degrees Fahrenheit", "quantity", 95, "°F", None, None)]),
    # Dates
    ("The ceasefire began on 3 March 2024.", PUB,
     [("3 March 2024", "date", None, None, None, "2024-03-03")]),
    ("The law takes effect Jan. 5.", "2025-12-20",
     [("Jan. 5", "date", None, None, None, "2026-01-05")]),
    ("The deal was signed on March 12, 2019, in Geneva.", PUB,
     [("March 12, 2019", "date", None, None, None, "2019-03-12")]),
    ("Output in the first quarter of 2025 grew 2.1%.", PUB,
     [("2025", "year", 2025, None, None, "2025"), ("2.1%", "percent", 2.1, "percent", None, None)]),
    ("Borrowing for fiscal 2023-24 was revised.", PUB,
     [("2023-24", "year", 2023, None, None, "2023")]),
    ("Interest rates were far higher in the 1990s.", PUB, []),
    ("The plant closed two months ago.", PUB,
     [("two months ago", "date", None, None, None, "2025-04")]),
    ("The mill opened some 40 years ago.", PUB,
     [("40 years ago", "year", 1985, None, "about", "1985")]),
    ("The vote is on Tuesday, March 7, officials said.", "2023-03-01",
     [("March 7", "date", None, None, None, "2023-03-07")]),
    # More amounts
    ("About two and a half million people voted.", PUB,
     [("two and a half million", "count", 2.5e6, None, "about", None)]),
    ("The town has 40 000 residents.", PUB, [("40 000", "count", 4e4, None, None, None)]),
    ("The oval is a 1/4 mile long.", PUB, [("1/4 mile", "quantity", 0.25, "mi", None, None)]),
    ("Overnight it fell to minus five.", PUB, [("minus five", "count", -5, None, None, None)]),
    ("The trust will pay a 12-cent dividend.", PUB,
     [("12-cent", "money", 0.12, "USD", None, None)]),
    ("Talks are set for 18 and 19 June in Vilnor.", PUB,
     [("18", "date", None, None, None, "2025-06-18"),
      ("19 June", "date", None, None, None, "2025-06-19")]),
    # Not figures
    ("The hotline runs 24/7 and opened after 9/11.", PUB, []),
    ("The meeting starts at 10:30 a.m. in Room 4.", PUB, []),
    ("Call 555-123-4567 for details.", PUB, []),
    ("She lives at 221 Elm Street, neighbours said.", PUB, []),
    ("He finished 3rd in the 200th edition of the race.", PUB, []),
    ("Lindqvist is one of the most senior officials.", PUB, []),
    ("The Airbus A350 and the Boeing 787 were on display.", PUB, []),
    ("Tomas Ekberg, 52, said the plan was overdue.", PUB,
     [("52", "quantity", 52, "year", None, None)]),
    ("Under Section 301 of the act, the agency acted.", PUB, []),
    ("Flight 206 landed safely.", PUB, []),
    ("The virus, known as H5N1, spread in 2022.", PUB,
     [("2022", "year", 2022, None, None, "2022")]),
]


def _row(f) -> Row:
    return (f.surface, f.kind, f.value, f.unit, f.qualifier, f.date)


def _same(got: Row, want: Row) -> bool:
    if got[0] != want[0] or got[1] != want[1] or got[3:] != want[3:]:
        return False
    if want[2] is None or got[2] is None:
        return got[2] is want[2]
    return got[2] == pytest.approx(want[2])


@pytest.mark.parametrize(("text", "published", "expected"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_style(text: str, published: str | None, expected: list[Row]) -> None:
    got = [_row(f) for f in extract_figures(text, published)]
    assert len(got) == len(expected) and all(
        _same(g, w) for g, w in zip(got, expected, strict=True)), f"got {got}"
    for f in extract_figures(text, published):
        assert text[f.start:f.end] == f.surface


def test_enough_cases() -> None:
    assert len(CASES) >= 40
