"""Word lists of the stories stage: what must not decide which event an article reports.

Capitalised words that name no actor or place (sentence openers, titles, days, months) are not
entities; generic news vocabulary ("police said", "magnitude", "the court") is the same in every
story of a kind, so it is dropped before weighting. Rarity (IDF) handles the rest.
"""

from __future__ import annotations

from pipeline.core.text.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

# Capitalised words that begin sentences or name roles, days and months, never one event.
NON_ENTITY_WORDS = frozenset(w.lower() for w in """
The A An And But Or If In On At Of For To From By With As After Before During While When Where
What Who Why How This That These Those It Its He She They We I You His Her Their Our My Your
There Here Then Now Also Still Yet Meanwhile However Although Though Because Since Until Despite
Some Many Most Several Both All Each Every No Not Nor One Two Three Four Five Six Seven Eight
Nine Ten Last Next New First Earlier Later Today Tonight Yesterday Tomorrow According Asked
Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady Jr Sr St
President Vice Prime Minister Secretary Senator Sen Rep Representative Gov Governor Mayor Chief
Judge Justice General Gen Col Lt Capt Sgt Officer Director Chairman Chairwoman Chair Spokesman
Spokeswoman Spokesperson King Queen Prince Princess Pope Bishop Father Reverend Rev Chancellor
Commissioner Ambassador Attorney Deputy Leader Speaker CEO Professor Detective Inspector
Photo Image Video Advertisement Read More Related Reuters AP AFP Associated Press Getty Images
Breaking News Update Updated Live Watch Listen Subscribe
""".split()) | frozenset(MONTH_NAMES + MONTH_ABBREVIATIONS + WEEKDAY_NAMES)  # noqa: SIM905

# Lowercase words every story of a kind shares: they say what sort of news it is, not which.
GENERIC_NEWS_TERMS = frozenset("""
said says say told tell tells telling according reported report reports reporting reporter
statement statements spokesperson spokesman spokeswoman official officials authority authorities
police officer officers court courts judge judges jury trial trials case cases charge charges
charged lawyer lawyers attorney prosecutor prosecutors defendant defence defense sentence
government minister ministry president presidential administration agency department
people person man woman men women child children resident residents family families
year years month months week weeks day days today yesterday morning afternoon evening night
time times hour hours minute minutes
earthquake quake magnitude tremor aftershock storm hurricane flood fire wildfire rain wind
killed dead death deaths died injured injuries wounded victim victims rescue rescuers damage
vote votes voted voting election elections ballot bill law laws parliament congress senate
house committee member members party parties lawmakers legislation
company companies firm firms market markets share shares price prices percent billion million
launch launched product products new announced announcement plan plans deal deals
news article story media press interview video photo image update updated live breaking
country countries city cities state states region regional national international local
world global public private group groups number numbers total including include includes
early late last next first second third former current major also could would
""".split()) | frozenset(WEEKDAY_NAMES)  # noqa: SIM905

# Words of names that say what kind of body or place is named, not which one: "Bank" in "Bank of
# Brasko", "Agency" in "Corvana Civil Protection Agency", "Sea" in "Skerring Sea". They stay in
# the name's features but never make an article about something (`features.central_words`).
NAME_DESIGNATORS = frozenset("""
bank agency office institute institution university college school academy hospital clinic
council court tribunal party ministry department commission committee board bureau trust
foundation fund group company corporation corp inc ltd plc holdings motors airlines airways
association union federation league club society service services authority army navy force
forces guard centre center museum church cathedral mosque temple river sea lake ocean island
islands mountain mountains bay gulf coast valley city county province region district state
republic kingdom street road avenue square park port harbour harbor airport station bridge
hall palace tower plant mill mills market exchange capital partners research network news
times post daily herald journal media
""".split())  # noqa: SIM905

# Small words that join the capitalised parts of one name ("Bank of Lusitania", "Ludo van
# Brest"); a run too long for one name is split at them ("Hael Tinallin of Marcas Capital").
NAME_CONNECTORS = frozenset("of de del da van von al bin la le".split())  # noqa: SIM905

# Feature kinds and the weight each carries in the story vector: actors, places, quotes and
# numbers identify an event; ordinary words only describe it.
# Central name words (`c:`) carry no weight: they only mark what an article is about.
FEATURE_WEIGHTS: dict[str, float] = {"e": 3.0, "q": 2.0, "n": 1.5, "t": 1.0, "c": 0.0, "l": 0.0}
