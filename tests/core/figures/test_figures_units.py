"""Currencies from CLDR, units from pint, and rates, each as news writes them (invented text)."""

from __future__ import annotations

import pytest

from pipeline.core.figures import extract_figures, units


def only(text: str) -> tuple:
    (f,) = extract_figures(text, "2025-06-02")
    return (f.surface, f.kind, pytest.approx(f.value), f.unit)


@pytest.mark.parametrize(("text", "expected"), [
    ("Talvik Foods paid RM1,200 in fees.", ("RM1,200", "money", 1200, "MYR")),
    ("The clinic owes 3,000 Malaysian ringgit.", ("3,000 Malaysian ringgit", "money", 3000, "MYR")),
    ("He was fined 200 shekels.", ("200 shekels", "money", 200, "ILS")),
    ("The port deal is worth 50 billion yen.", ("50 billion yen", "money", 50e9, "JPY")),
    ("The mill lost 12 million rand.", ("12 million rand", "money", 12e6, "ZAR")),
    ("Tickets cost 40 Thai baht.", ("40 Thai baht", "money", 40, "THB")),
    ("The grant was 900 yuan.", ("900 yuan", "money", 900, "CNY")),
    ("Bread sold for 30 rupees.", ("30 rupees", "money", 30, "INR")),
    ("She paid 500 zloty.", ("500 zloty", "money", 500, "PLN")),
    ("A stamp costs 180p now.", ("180p", "money", 1.8, "GBP")),
    ("A stamp costs 19 cents now.", ("19 cents", "money", 0.19, "USD")),
    ("Shares closed at S$4.50.", ("S$4.50", "money", 4.5, "SGD")),
    ("The fare was NT$3,000.", ("NT$3,000", "money", 3000, "TWD")),
    ("A grant of AU$20,000 arrived.", ("AU$20,000", "money", 20000, "AUD")),
    ("A grant of A$20,000 arrived.", ("A$20,000", "money", 20000, "AUD")),
    ("Fees reached C$400.", ("C$400", "money", 400, "CAD")),
    ("The bridge cost HK$2 billion.", ("HK$2 billion", "money", 2e9, "HKD")),
    ("The loan was NZ$5m.", ("NZ$5m", "money", 5e6, "NZD")),
    ("Exports earned US$7 million.", ("US$7 million", "money", 7e6, "USD")),
    ("The state set aside Rs 40 crore.", ("Rs 40 crore", "money", 4e8, "INR")),
    ("The fund raised 2 million USD.", ("2 million USD", "money", 2e6, "USD")),
    ("The fund raised ZAR 4 million.", ("ZAR 4 million", "money", 4e6, "ZAR")),
    ("Bread cost 100₾ at the market.", ("100₾", "money", 100, "GEL")),
    ("The prize was ₴500 in total.", ("₴500", "money", 500, "UAH")),
    ("Debt hit 12 billion Kenyan shillings.",
     ("12 billion Kenyan shillings", "money", 12e9, "KES")),
])
def test_currencies(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text", [
    "The TOP 10 list is out.",          # an ISO code that is an English word
    "The index passed the 100 mark.",   # "mark" without a scale is not Deutsche Mark
    "It streams in 1080p.",             # a video mode, not pence
])
def test_look_alikes_are_not_money(text):
    assert [f.kind for f in extract_figures(text)] in ([], ["count"])


@pytest.mark.parametrize(("text", "expected"), [
    ("The scooter reaches 50mph downhill.", ("50mph", "quantity", 50, "mph")),
    ("A 5W bulb lit the hall.", ("5W", "quantity", 5, "W")),
    ("Each grain is 352 μm across.", ("352 μm", "quantity", 352, "µm")),
    ("The engine makes 1000 hp.", ("1000 hp", "quantity", 1000, "hp")),
    ("The beam took 61.4 MPa before it cracked.", ("61.4 MPa", "quantity", 61.4, "MPa")),
    ("Trains run at 100km/hr here.", ("100km/hr", "quantity", 100, "km/h")),
    ("The grid ran at 49.5 HZ overnight.", ("49.5 HZ", "quantity", 49.5, "Hz")),
    ("The farm built 40 megawatts of panels.", ("40 megawatts", "quantity", 40, "MW")),
    ("Workers got 20 mSv at the plant.", ("20 mSv", "quantity", 20, "mSv")),
    ("He weighed 12 stone.", ("12 stone", "quantity", 12, "stone")),
])
def test_units_from_pint(text, expected):
    assert only(text) == expected


def test_project_table_overrides_pint_for_kt():
    """pint reads "kt" as a knot; in news it is a kiloton of yield. Knots stay kn."""
    assert units.pint_unit("kn") == "kn"
    assert only("The test yielded 15 kt, monitors said.") == ("15 kt", "quantity", 15, "kt")
    assert only("The ferry sailed at 12 knots.") == ("12 knots", "quantity", 12, "kn")


@pytest.mark.parametrize("token", ["people", "units", "links", "bars", "mat", "cds", "in", "MM"])
def test_ordinary_words_are_not_pint_units(token):
    assert units.pint_unit(token) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Crude traded at $52 a barrel on the exchange.", ("$52 a barrel", "money", 52, "USD/bbl")),
    ("The hatchback does 35 miles per gallon.",
     ("35 miles per gallon", "quantity", 35, "mi/gal")),
    ("The hatchback does 40 mpg.", ("40 mpg", "quantity", 40, "mi/gal")),
    ("Rent is $900 per month.", ("$900 per month", "money", 900, "USD/month")),
    ("Prices rose 5% a year.", ("5% a year", "percent", 5, "percent/year")),
    ("Gas cost $3.10 per mmBTU.", ("$3.10 per mmBTU", "money", 3.1, "USD/mmBTU")),
    ("Cleaners earn $15.40/hour.", ("$15.40/hour", "money", 15.4, "USD/hour")),
    ("She averaged 20 points per game.", ("20 points per game", "quantity", 20, "point/game")),
    ("Seats cost $40 a head.", ("$40 a head", "money", 40, "USD/head")),
    ("The bond pays 4% per annum.", ("4% per annum", "percent", 4, "percent/year")),
    ("Diesel sold at $5 a gallon.", ("$5 a gallon", "money", 5, "USD/gal")),
])
def test_rates_keep_the_per_side_in_the_unit(text, expected):
    assert only(text) == expected


def test_a_year_ago_is_not_a_rate():
    figs = extract_figures("Inflation was 5% a year ago.", "2025-06-02")
    assert [(f.surface, f.unit) for f in figs][0] == ("5%", "percent")
