"""Every word list of the figures stage, in one place to read and edit.

The rules that use them are in numbers.py (number words), dates.py (months, weekdays),
units.py (currencies, units, rates), context.py (qualifiers, what a number measures) and
extract.py (which numbers are figures). Lists more than one stage uses live in
pipeline/core/text/. Only data here: no regexes, no rules.
"""

from __future__ import annotations

from pipeline.core.text.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    forms_table,
)
from pipeline.core.text.lexicon import word_set as _word_set

# --- Numbers written in words (numbers.py).

UNIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TEN_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Scales written after digits: "1.5 million", "2m", "3bn", "Rs 40 crore", "10K".
SUFFIX_SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
    "tn": 1e12, "trn": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
    "lakh crore": 1e12, "lakh crores": 1e12, "thousand crore": 1e10, "thousand crores": 1e10,
}
FRACTION_WORDS: dict[str, float] = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
    "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10,
}
UNICODE_FRACTIONS: dict[str, float] = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅛": 1 / 8,
}
# Vague plurals: "hundreds of", "tens of thousands of". Value is the named unit, read as "over".
VAGUE_WORDS: dict[str, float] = {
    "dozens": 12, "scores": 20, "tens": 10, "hundreds": 1e2, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}


# --- Months, weekdays and the words that make a month name a date (dates.py).

# The month and weekday names are shared (pipeline/core/text/lexicon.py).
# Name or abbreviation -> month number: "march" 3, "sept" 9.
MONTHS: dict[str, int] = {
    **{name: n for n, name in enumerate(MONTH_NAMES, 1)},
    **{abbr: n for abbr in MONTH_ABBREVIATIONS
       for n, name in enumerate(MONTH_NAMES, 1) if name.startswith(abbr)},
}
# Weekday -> date.weekday(): "monday" 0.
WEEKDAYS: dict[str, int] = {name: n for n, name in enumerate(WEEKDAY_NAMES)}
# Prepositions that make a bare month name a date: "in January", "since March".
MONTH_CUES = ("in", "since", "until", "till", "by", "through", "from", "to", "during", "of",
              "before", "after", "between", "and", "last", "next", "this", "In", "Since",
              "Until", "By", "From", "During", "Last", "Next", "Before", "After")
# The part of a month a date names: "early March", "mid-June", "the end of May".
MONTH_PART_WORDS = ("early", "mid", "late")
MONTH_PART_OF_WORDS = ("end", "beginning", "start", "middle")
# Days named relative to publication: "yesterday", "tonight"; "last Friday", "next month".
RELATIVE_DAYS = ("yesterday", "today", "tomorrow", "tonight")
RELATIVE_WORDS = ("last", "next", "this")
# Words before a weekday that put it after publication: "will meet on Friday", "is due Monday".
FUTURE_CUES = ("will", "'ll", "’ll", "is to", "are to", "scheduled", "expected", "due", "plans?",
               "planned", "set to", "going to", "would")


# --- Currencies, percent, durations and measurement units (units.py).

# The project's currency prefixes: a bare "$" is USD, "£" GBP; prefixed dollars news uses
# that CLDR's English locales do not list ("S$", "AU$", "C$"); "Rs" (CLDR: PKR, MUR, SCR)
# is INR in the Indian press that writes it most.
PROJECT_CURRENCY_PREFIXES = forms_table("""
USD: $, US$, U.S.$; AUD: A$, AU$; CAD: C$, CA$; NZD: NZ$; HKD: HK$; SGD: S$; BRL: R$; MXN: MX$;
TWD: NT$; EUR: €; GBP: £; JPY: ¥; CNY: RMB; INR: ₹, Rs, Rs.; KRW: ₩; RUB: ₽; TRY: ₺; NGN: ₦;
PHP: ₱; ILS: ₪; KES: Ksh; MYR: RM
""")
# The project's currency words: the bare noun of several currencies means the one news
# writes most ("dollars" USD, "pesos" MXN); a few names CLDR lacks or spells otherwise.
PROJECT_CURRENCY_WORDS = forms_table("""
USD: dollar, us dollar, u.s. dollar, american dollar; TWD: taiwan dollar; EUR: euro;
GBP: pound sterling, sterling, british pound; CNY: renminbi, rmb; INR: rupee; KRW: won;
MXN: peso; RUB: ruble, rouble; CHF: franc; TRY: lira; KES: shilling; SAR: riyal; AED: dirham;
BRL: real, reais; SEK: krona, kronor; NOK: krone, kroner
""")
# ISO codes that are English words or well-known names written in capitals ("TOP 10",
# "ALL 3 members", "AMD 7000 chips", "CVE 2024-1234"): not read as currencies.
CODES_NOT_CURRENCIES = frozenset(["ALL", "AMD", "BAM", "BOB", "CUP", "CVE", "DOP", "ERN", "GEL",
                                  "HUF", "MAD", "MOP", "NIO", "PEN", "SOS", "TOP", "TRY"])
# Bare currency nouns that are also ordinary English words ("the 100 mark", "5 sol"):
# currency only with a scale word ("3 billion won"), like "won" and "real".
CURRENCY_WORDS_NEED_SCALE = frozenset(["won", "real", "reais", "mark", "marks", "sol", "soles",
                                       "kip", "dram", "drams", "rand"])
NOT_CURRENCY_NOUNS = frozenset(["currency", "code", "value", "units", "unit", "funds",
                                 "rights", "gold", "silver", "platinum", "palladium"])
# Hundredths: "50 cents" is USD 0.50.
MINOR_CURRENCY: dict[str, str] = {"cent": "USD", "pence": "GBP", "penny": "GBP"}
DURATION_WORDS = forms_table("""
second: second, sec; minute: minute, min; hour: hour, hr; day: day, night;
week: week, wk, fortnight; month: month; year: year, yr; decade: decade;
century: century, centurie
""")
DURATION_SCALE: dict[str, float] = {"fortnight": 2.0}
# Units whose written name is unambiguous; matched case-insensitively, plural or not.
QUANTITY_WORDS = forms_table("""
km: kilometre, kilometer; m: metre, meter; cm: centimetre, centimeter;
mm: millimetre, millimeter; mi: mile; nmi: nautical mile; ft: foot, feet; in: inch, inche;
yd: yard; km2: square kilometre, square kilometer, sq km; mi2: square mile, sq mi;
m2: square metre, square meter; ft2: square foot, square feet; ha: hectare; acre: acre;
kg: kilogram, kilogramme, kilo; g: gram, gramme; mg: milligram; µg: microgram;
t: tonne, metric ton, ton; lb: pound; oz: ounce; l: litre, liter; ml: millilitre, milliliter;
gal: gallon; bbl/d: barrels per day, barrels a day; bbl: barrel; m3: cubic metre, cubic meter;
ft3: cubic feet, cubic foot; km3: cubic kilometre, cubic kilometer;
cm3: cubic centimetre, cubic centimeter; cl: centilitre, centiliter; W: watt; kW: kilowatt;
MW: megawatt; GW: gigawatt; kWh: kilowatt-hour, kilowatt hour;
MWh: megawatt-hour, megawatt hour; GWh: gigawatt-hour, gigawatt hour;
TWh: terawatt-hour, terawatt hour; °C: degrees celsius, degree celsius, degrees centigrade,
celsius, degrees c, deg celsius, deg c;
°F: degrees fahrenheit, degree fahrenheit, fahrenheit, degrees f, deg fahrenheit, deg f;
degree: degree, deg; mph: miles per hour, mph, miles an hour;
km/h: kilometres per hour, kilometers per hour, kilometres an hour, kilometers an hour;
kn: knot; GB: gigabyte; TB: terabyte; MB: megabyte; kB: kilobyte; PB: petabyte; EB: exabyte;
kcal: calorie, kilocalorie; Mt: megaton; kt: kiloton; V: volt; kV: kilovolt; point: point;
nm: nanometre, nanometer; µm: micrometre, micrometer, micron; dm: decimetre, decimeter;
eV: electronvolt; Wh: watt-hour, watt hour; Hz: hertz; MHz: megahertz; GHz: gigahertz;
K: kelvin; J: joule; dB: decibel
""")
# Symbols, matched case-sensitively: "50 km", "40C", "1,500 MW", "3.2t" is not attempted.
QUANTITY_SYMBOLS = forms_table("""
km: km; cm: cm; mm: mm; mi: mi; ft: ft; kg: kg; mg: mg; lb: lb, lbs; oz: oz; ml: ml; gal: gal;
bbl: bbl; bbl/d: bpd; kW: kW; MW: MW; GW: GW; kWh: kWh; MWh: MWh; GWh: GWh; TWh: TWh; ha: ha;
km2: km2, km²; m2: m2, m²; ft2: sq ft; °C: °C, ºC, ° C; °F: °F, ºF, ° F; degree: °;
km/h: km/h, kph, kmh; GB: GB; TB: TB; MB: MB; PB: PB; ppm: ppm; eV: eV; Wh: Wh; Hz: Hz;
MHz: MHz; GHz: GHz; nm: nm; µm: µm; dB: dB; dm: dm; Mt: Mt; kt: kt; mmHg: mmHg; l: L;
km3: km3, km³; mpg: mpg
""")
# Symbols that must touch the number ("40C", "100g", "5m"), else they read as letters.
TOUCHING_SYMBOLS: dict[str, str] = {"C": "°C", "F": "°F", "g": "g", "m": "m", "t": "t"}
# "180p" is 1.80 GBP, but these glued to a "p" are video modes ("1080p", "720p").
VIDEO_LINE_COUNTS = frozenset([144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0,
                               4320.0])
# pint unit names that are ordinary nouns after a number in news ("3 links", "5 bars",
# "2 turns", "10 counts", "4 shots", "6 hands"): never read as units when written out.
NEWS_NOUNS_NOT_UNITS = _word_set("""
aberdeen alpha are bag bar barn bit buckingham candle chain circle count cup cycle dalton
darcy debye dot eon faraday fifth franklin galileo gamma gilbert gill grade grain gravity hand
henry jute kip lambda lambert league link maxwell mil minim molecule nit octave octet particle
peck pel pica point pole pond quarter revolution rod scruple section shake shot sigma slug
strain thou turn zeta percent degree dozen gross score square mark atom unit quad sheet ream
rad rem ton perch cord drop pinch dash
""")
# Short symbols that are also English words or abbreviations ("10 in", "5 at", "3 am"),
# never units when written with a space.
SYMBOLS_THAT_ARE_WORDS = frozenset([
    "in", "at", "am", "as", "a", "an", "to", "pm", "h", "s", "d", "g", "m", "t", "l", "B",
    "T", "A", "C", "F", "K", "M", "G", "P", "R", "S", "u", "b", "c", "x", "min", "rad", "cd",
    "mol", "Da", "St", "Gal", "dr", "pt", "Mx", "Pa", "da", "ha",
])
# Base symbols that never take an SI prefix in news: "mat" is not a milli-atmosphere, "MM"
# (million in finance) not a megamolar, "kM" not a kilomolar.
BASES_NOT_PREFIXED = frozenset(["at", "a", "M", "in", "cd", "St", "Da", "pt", "ct", "dr",
                                "P", "Gal", "u", "x", "R", "S", "B", "b"])
# Time zones after a number are times of day ("6 PT", "9 ET"), not units (pint: "Pt").
TIME_ZONES = _word_set("""
UTC GMT BST CET CEST EET EEST WET WEST PT PST PDT MT MST MDT CT CST CDT ET EST EDT AKST AKDT
HST AEST AEDT ACST AWST NZST NZDT IST JST KST HKT SGT MSK
""")
# One-letter symbols accepted when glued to the number ("5W", "10V", "30N"); other letters
# glued to a number are grades, models or positions ("5G", "4K", "1B", "2A").
GLUED_LETTER_SYMBOLS = frozenset(["W", "V", "J", "N"])
# How the project writes some pint units (the rest keep pint's abbreviated symbol).
PINT_SYMBOL_OVERRIDES: dict[str, str] = {
    "kilometer_per_hour": "km/h", "liter": "l", "knot": "kn", "revolutions_per_minute": "rpm",
}
# Abbreviations of time in compound units ("km/hr", "km/h", "m/s") -> symbol.
TIME_SYMBOLS: dict[str, str] = {
    "second": "s", "minute": "min", "hour": "h", "day": "d", "week": "week", "month": "month",
    "year": "year", "decade": "decade", "century": "century",
}
# Nouns a price or amount is quoted per after "a"/"an" ("$5 a share", "$30 a head"); after
# "per" any noun is taken ("per game", "per capita", "per mmBTU").
RATE_NOUNS = frozenset(["share", "head", "person", "night", "ticket", "piece", "game", "dose",
                        "seat", "unit", "pack", "bottle", "meal", "visit", "trip", "ride",
                        "vote", "student", "household", "worker", "employee", "patient"])
# Project unit abbreviations that are rates already.
RATE_UNITS: dict[str, str] = {"mpg": "mi/gal", "kph": "km/h", "kmph": "km/h", "mph": "mph",
                              "bpd": "bbl/d"}


# --- Qualifiers, change verbs and the words around what a number measures (context.py).

# Written qualifier -> normalised qualifier (the closed set in schemas/tables.py QUALIFIERS).
QUALIFIER_NORMAL = forms_table("""
over: more than, over, in excess of, upwards of, north of, exceeding, exceeded, exceeds,
exceed, surpassing, surpassed, surpasses, topping, topped, tops, above, well over, well above,
greater than, higher than; under: less than, fewer than, under, below, lower than;
nearly: just under, just shy of, nearly, almost, close to, approaching; about: about, around,
roughly, approximately, approx., some, an estimated, estimated, circa, an average of,
on average; up to: up to, as much as, as many as, as high as, as large as;
at most: a maximum of, at most, no more than, not more than; at least: at least, no less than,
no fewer than, a minimum of, not less than, as little as, as few as;
exactly: exactly, precisely
""")
# Qualifiers that only mean "more/less than" for amounts, not spans of time ("over 3 years").
SPAN_AMBIGUOUS = {"over", "under", "above", "below", "around", "some", "about"}
# Verbs of change before a figure ("rose to 5%", "cut by $2 billion", "brought down to 3%").
CHANGE_VERB_FORMS: tuple[str, ...] = (
    r"ris(?:e|es|ing|en)", "rose", r"f[ae]ll(?:s|ing|en)?", r"increas\w*", r"decreas\w*",
    r"cut(?:s|ting)?", r"rais\w*", r"reduc\w*", r"lower\w*", r"lift\w*", r"hik\w*", r"grow\w*",
    "grew", r"drop\w*", r"declin\w*", r"jump\w*", r"climb\w*", r"slip\w*", r"slid\w*", r"gain\w*",
    r"los(?:e|es|ing|t)", r"surg\w*", r"soar\w*", r"plung\w*", r"plummet\w*", r"tumbl\w*",
    r"slash\w*", r"boost\w*", r"doubl\w*", r"tripl\w*", r"halv\w*", r"widen\w*", r"narrow\w*",
    r"shr[iau]nk\w*", r"expand\w*", r"contract\w*", r"revis\w*", r"eas(?:e|ed|es|ing)",
    r"s[aiu]nk\w*", r"spik\w*", r"edg(?:e|ed|es|ing)", r"dip\w*", r"scal\w*\s+back",
    r"brought\s+down", r"bring\w*\s+down", r"went\s+(?:up|down)", "up", "down", r"adjust\w*",
    "reset", "set", "moved?", r"shift\w*", r"tighten\w*", r"lengthen\w*", r"shorten\w*",
    r"extend\w*", r"trim\w*", r"bump\w*", "fell", r"advanc\w*", r"retreat\w*", r"rebound\w*",
    r"recover\w*",
)
# Words that end a noun phrase. Function words, auxiliaries and common verbs of news prose.
STOP_WORDS = _word_set("""
a an the and or but nor of in on at to for from by with as than that which who whom whose
were was is are be been being had has have will would could should may might can did do does
over under per each since after before during while when where into onto about between
through across against this these those its their his her our your my it they he she we you
i not no so if then also annually yearly monthly daily weekly own both all any some such
said says say told added noted according went came made took gave got saw left fell rose
grew cut set put led ran won lost paid sold bought spent raised reported announced
more less most least than just only even still now here there up down out off again away
what how why whether because though although however until unless among amid toward towards
around within without beyond above below near via like unlike plus minus versus vs
including included includes include ago later earlier next last first second third
""")
IRREGULAR_PLURALS = _word_set(
    "people children men women police staff personnel cattle sheep fish data media "
    "troops crew clergy livestock offspring aircraft deer swine poultry")
# What news reports percentages and amounts of; used to find `measured` left of a number.
MEASURE_NOUNS = _word_set("""
tariff tariffs duty duties levy levies tax taxes rate rates price prices cost costs inflation
unemployment growth gdp output sales revenue revenues profit profits earnings income wage
wages salary salaries spending budget debt deficit surplus exports imports export import
share shares stake turnout approval support population emissions interest yield yields value
fee fees fine fines subsidy subsidies investment investments funding aid loan loans bond
bonds stock stocks index margin margins losses loss demand supply production capacity
consumption rent rents fares premiums pensions benefits valuation capitalisation
capitalization bill bills payments payment contributions tolls toll charges charge
""")
DETERMINERS = _word_set("the its their his her our a an this that these those")
# "8 metres high", "352 μm wide": the adjective after a measurement names the dimension.
DIMENSION_ADJECTIVES: dict[str, str] = {
    "tall": "height", "high": "height", "long": "length", "wide": "width", "broad": "width",
    "across": "width", "deep": "depth", "thick": "thickness", "away": "distance",
    "heavy": "weight", "in diameter": "diameter", "in length": "length",
    "in height": "height", "in width": "width", "in depth": "depth",
}
# Singular nouns ending in "-men" (most such words are plurals: fishermen, firemen, women).
SINGULAR_MEN = _word_set("specimen abdomen regimen omen stamen acumen hymen amen semen")
TAIL_PREPOSITIONS = ("on", "of", "for", "in")
# Irregular past participles that say what an amount of money was ("$7,000 paid to the
# taxidermist", "$2 million spent on roads"); regular ones end in -ed ("laundered").
IRREGULAR_PARTICIPLES = _word_set("""
paid spent lost sold bought won owed stolen given taken held brought lent sent built hidden
withdrawn borrowed raised sunk
""")
PARTICIPLE_STOP = _word_set("""
and or but which who that when while as because after before since until if so than
said says was were is are be been has have had will would could should may might
""")
# Comparatives a percentage can qualify: "40% more expensive per acre", "20% cheaper".
COMPARATIVES = _word_set("""
higher lower cheaper dearer faster slower larger smaller bigger greater longer shorter richer
poorer older younger stronger weaker heavier lighter hotter colder warmer wetter drier safer
""")
# Emergency and service numbers ("called 911", "a 999 call"): read only with such a cue,
# a verb before ("dial 112") or a noun after ("a 999 call"); forms are regex fragments.
EMERGENCY_NUMBERS = frozenset(["911", "999", "112", "000", "111", "119", "110", "100", "101"])
EMERGENCY_CUE_VERBS = (r"call(?:s|ed|ing)?", r"dial(?:s|l?ed|l?ing)?", "ring", "rang",
                       r"phon(?:e|ed|ing)", r"text(?:ed)?")
EMERGENCY_CUE_NOUNS = (r"call(?:s|er|ers)?", r"dispatch\w*", "operators?", "lines?", "system",
                       r"cent(?:er|re)s?", "services?", r"emergenc\w*", "hotline")
# Words between a change's cue and its number ("rose to about 5%", "from a previous 3%",
# "cut by a further 2%", "to more than 40").
CHANGE_LEAD_WORDS = ("just", "only", "a", "an", "another", "a further", "about", "around",
                     "nearly", "almost", "roughly", "some", "more than", "less than", "over",
                     "under", "up to", "as much as", "as high as", "the previous", "previous",
                     "a previous")
# Words between "between" and a range's low end ("between about 40 and 50"): the approximations
# among CHANGE_LEAD_WORDS.
BETWEEN_LEAD_WORDS = ("about", "around", "roughly", "some")
# Words after a comma that start a new clause: the measured phrase does not reach past them.
CLAUSE_WORDS = ("while", "and", "but", "which", "who", "where")


# --- Words that decide whether a number is a figure at all (extract.py).

# A number right after one of these words names a thing: "Section 232", "Flight 370".
LABEL_WORDS = _word_set(
    "section sections article chapter paragraph clause rule resolution amendment title no nos "
    "number flight route highway interstate room page pages gate platform channel episode "
    "season verse item grade level phase stage form vol volume exhibit figure table line bus "
    "unit apartment apt suite district ward precinct category version model class division "
    "tier row seat lot case docket code pin zip")
# Words glued to a number by a hyphen are names ("COVID-19", "F-35"), except these prefixes.
HYPHEN_PREFIXES = frozenset(["mid", "early", "late", "pre", "post"])
# "1/4 mile", "1/2 of the vote": a written fraction is read only before a word it counts.
FRACTION_DENOMINATORS = frozenset([2, 3, 4, 5, 8, 10, 16])
# Units a written fraction is glued to by a hyphen: "1/2-inch", "1/4-mile".
FRACTION_UNITS = ("inch", "mile", "foot", "pound")
# Words a candidate figure may start with besides number words and months: digit classes
# ("single-digit"), dates ("early March", "yesterday") and links ("www").
TRIGGER_EXTRA_WORDS = ("half", "single", "double", "triple", "quadruple")
LINK_STARTS = ("http", "https", "www")
# "a half", "a dozen", "a million": the article counts as one.
ARTICLE_NUMBER_WORDS = ("half", "third", "quarter", "fifth", "tenth", "hundred", "thousand",
                        "million", "billion", "trillion", "dozen")
# "aged 5 years old", "a 3-month-old": the unit of an age.
AGE_UNITS = ("year", "month", "week", "day")
# Words in a sentence that make a bare "40C" a temperature (stems: "temperatures", "freezing").
TEMPERATURE_STEMS = ("temperat", "heat", r"hot\b", "cold", "warm", "weather", "degree", "thermomet",
                     "climate", "chill", "freez", "celsius", "fahrenheit")
# Words after "a year", "a day" that say it is not a rate: "$5 a year ago", "20 a day earlier".
NOT_RATE_AFTER = ("ago", "earlier", "later", "before", "after", "from", "since", "of")
# Words after an "m" that make it metres, not millions: "8m tall", "20m in length".
METRE_CONTEXT_WORDS = ("tall", "high", "long", "wide", "deep", "away", "above", "below",
                       "in height", "in length", "in diameter", "in depth")
# Words before "pounds" that make it money (GBP), not weight: "paid 300 pounds", "fined 50".
MONEY_CONTEXT_WORDS = ("cost", "costs", "paid", "pay", "fine", "fined", "worth", "price", "priced",
                       "sold", "bought", "raised", "budget", "salary", "earn", "earned", "spent",
                       "bill", "fee")
# Words right before a four-digit number that make it a year: "in 2019", "fiscal 2024", "c. 1850".
YEAR_CUE_WORDS = ("in", "since", "by", "of", "until", "till", "from", "to", "before", "after",
                  "during", "through", "between", "and", "or", "early", "late", "mid", "the",
                  "fiscal", "year", "circa", "c.")
# Words after "one" that make it a pronoun or an idiom, not a count: "one of", "one day".
NOT_A_COUNT_AFTER_ONE = ("of", "another", "or", "by", "on", "more", "time", "day", "way", "thing",
                         "point", "side", "hand", "reason", "person", "man", "woman")
# Durations after a fraction and an article: "half an hour", "a quarter a century".
ARTICLE_DURATION_UNITS = ("hour", "day", "week", "month", "year", "century", "decade")
# Before a number word under ten, a reference, not a figure: "the two leaders", "their three
# children".
DEFINITE_WORDS = ("the", "these", "those", "its", "their", "our", "his", "her", "whose", "all")
