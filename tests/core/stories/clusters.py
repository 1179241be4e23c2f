"""Hand-written story clusters with invented names, built around confusable pairs.

Two earthquakes in different countries in one week; two fraud trials; two votes with the same
52-48 tally; a background inflation figure both economy stories state; an article about the
Corvana earthquake that mentions the Tessaly vote in passing; two floods in one country
(`TWO_FLOODS`). `story` is the gold label.
"""

from __future__ import annotations


def _doc(n: int, story: str, published: str, outlet: str, title: str | None, text: str) -> dict:
    return {"doc_id": f"d_{n:016x}", "title": title, "text": text, "published": published,
            "outlet": outlet, "duplicate_of": None, "story": story}


HAND_WRITTEN: list[dict] = [
    # --- quake in Corvana (Lusimbe region) ---
    _doc(1, "quake_corvana", "2025-04-07", "Harbor Daily", "Deadly quake hits Corvana",
         "A magnitude 6.8 earthquake struck the Lusimbe region of Corvana on Monday, killing at "
         "least 112 people, officials said. The quake toppled houses in the town of Ostrava "
         "Nui. \u201cWe are still pulling families out of the rubble in Ostrava Nui,\u201d said "
         "Delia Marquand, head of the Corvana Civil Protection Agency. Aftershocks shook the "
         "region through the night."),
    _doc(2, "quake_corvana", "2025-04-08", "Valley Post", None,
         "Rescuers in Corvana searched collapsed buildings in Ostrava Nui on Tuesday after a "
         "6.8-magnitude quake killed 112 people in the Lusimbe region. Delia Marquand of the "
         "Civil Protection Agency said teams from neighbouring Brasko had arrived. \u201cWe are "
         "still pulling families out of the rubble,\u201d Marquand said. Police said roads "
         "into Lusimbe were blocked."),
    _doc(3, "quake_corvana", "2025-04-08", "North Wire", "Corvana death toll rises",
         "The death toll from Monday's earthquake in Corvana rose to 112, the Civil Protection "
         "Agency said. The magnitude 6.8 quake was centred near Ostrava Nui in Lusimbe. Agency "
         "chief Delia Marquand said shelters had opened in three towns. Separately, lawmakers "
         "in Tessaly passed the Pellworth water bill by 52 votes to 48 on Tuesday."),
    # --- quake in Tamsin Islands (Kereva), same week, same kind ---
    _doc(4, "quake_tamsin", "2025-04-10", "Harbor Daily", "Strong quake shakes Tamsin Islands",
         "A magnitude 6.1 earthquake struck off the coast of Kereva in the Tamsin Islands on "
         "Thursday, killing at least 9 people, officials said. The quake damaged the port of "
         "Valmouth. \u201cThe harbour wall at Valmouth has cracked from end to end,\u201d "
         "said Ivo Brannock, the Tamsin disaster minister. Police said aftershocks continued."),
    _doc(5, "quake_tamsin", "2025-04-11", "Coastal Times", None,
         "Residents of Valmouth slept outdoors after a 6.1-magnitude quake hit Kereva, the main "
         "island of the Tamsin chain, killing nine. Disaster minister Ivo Brannock said the "
         "harbour wall at Valmouth had cracked. Officials said rescue teams reached Kereva's "
         "northern villages on Friday."),
    # --- fraud trial of Oren Talbridge in Ridgeford ---
    _doc(6, "trial_talbridge", "2025-05-12", "Metro Ledger", "Talbridge fraud trial opens",
         "The fraud trial of property developer Oren Talbridge opened on Monday at the "
         "Ridgeford district court. Prosecutor Hanne Vasquel told the jury that Talbridge had "
         "taken $4.2 million from investors in the Greywater Quay scheme. \u201cHe sold "
         "apartments that were never going to be built,\u201d Vasquel said."),
    _doc(7, "trial_talbridge", "2025-05-13", "Evening Star", None,
         "Oren Talbridge, the developer behind Greywater Quay, denied defrauding investors as "
         "his trial continued in Ridgeford. Prosecutor Hanne Vasquel said $4.2 million was "
         "missing. \u201cHe sold apartments that were never going to be built,\u201d she told "
         "the court. Judge Amos Krell said the trial would last three weeks."),
    # --- fraud trial of Selma Quist in Ashcombe, same week, same kind ---
    _doc(8, "trial_quist", "2025-05-14", "Metro Ledger", "Quist trial hears from auditor",
         "The fraud trial of former charity director Selma Quist heard on Wednesday from an "
         "auditor who said $1.7 million had vanished from the Lantern Trust. The trial at "
         "Ashcombe crown court is expected to last four weeks. Prosecutor Dmitri Odell said "
         "Quist had moved the money through shell companies."),
    _doc(9, "trial_quist", "2025-05-15", "Plains Herald", None,
         "Selma Quist, who ran the Lantern Trust, told Ashcombe crown court on Thursday that "
         "she had never moved charity money into her own accounts. Prosecutor Dmitri Odell "
         "said $1.7 million was unaccounted for. \u201cNot one penny went to me,\u201d Quist "
         "said from the witness box."),
    # --- Tessaly vote 52-48 on the Pellworth water bill ---
    _doc(10, "vote_tessaly", "2025-04-08", "River Courier", "Tessaly passes water bill",
         "Lawmakers in Tessaly passed the Pellworth water bill by 52 votes to 48 on Tuesday "
         "after a long debate in Marrowgate. Speaker Quentin Abayomi called the 52-48 result "
         "a win for farmers. \u201cThe rivers of Tessaly belong to everyone,\u201d said "
         "opposition leader Ruth Calloway, who voted against the Pellworth measure."),
    _doc(11, "vote_tessaly", "2025-04-09", "Valley Post", None,
         "The Tessaly assembly in Marrowgate approved the Pellworth bill 52-48, ending months "
         "of argument over irrigation. Ruth Calloway said the rivers of Tessaly belong to "
         "everyone and promised to repeal the Pellworth law. Speaker Quentin Abayomi said the "
         "bill would take effect in June."),
    # --- Norvik vote 52-48 on a fishing quota, same tally, same week ---
    _doc(12, "vote_norvik", "2025-04-09", "North Wire", "Norvik parliament backs quota cut",
         "The Norvik parliament in Halsberg voted 52-48 on Wednesday to cut cod quotas in the "
         "Skerring Sea. Fisheries minister Lars Emberlin said the vote would protect stocks. "
         "\u201cThere will be no cod left for our grandchildren otherwise,\u201d Emberlin "
         "said."),
    _doc(13, "vote_norvik", "2025-04-10", "Coastal Times", None,
         "Fishing crews protested in Halsberg after Norvik lawmakers voted 52 to 48 to reduce "
         "cod quotas in the Skerring Sea. Lars Emberlin, the fisheries minister, defended the "
         "cut. Skippers' leader Annika Vold said 300 boats would be idle."),
    # --- two economy stories sharing a background figure: inflation at 3.4 percent ---
    _doc(14, "rates_brasko", "2025-06-02", "Harbor Daily", "Brasko central bank holds rates",
         "The Bank of Brasko kept its main rate at 4.25 percent on Monday. Inflation stood at "
         "3.4 percent in May, governor Ilse Morrow said. \u201cWe will not cut until prices "
         "are under control,\u201d Morrow told reporters in Velsen."),
    _doc(15, "rates_brasko", "2025-06-03", "Metro Ledger", None,
         "Brasko's central bank held rates at 4.25 percent, with governor Ilse Morrow warning "
         "in Velsen that inflation of 3.4 percent was still too high."),
    _doc(16, "fuel_brasko", "2025-06-04", "Evening Star", "Brasko truckers block Velsen ring",
         "Truck drivers blocked the ring road around Velsen on Wednesday over diesel prices, "
         "which have risen 18 percent since January. Haulage union chief Pieter Gorsky said "
         "the blockade would continue. Inflation stood at 3.4 percent in May."),
    _doc(17, "fuel_brasko", "2025-06-05", "River Courier", None,
         "Pieter Gorsky's haulage union kept its trucks on the Velsen ring road for a second "
         "day, protesting an 18 percent rise in diesel prices. \u201cWe cannot drive at a "
         "loss,\u201d Gorsky said."),
]


# Confusable events inside one country (invented): two quakes in Varessa four days apart with the
# same magnitude and toll, the same national seismic office and its spokesman; two arson trials
# in Varessa in one week with the same bail and the same prosecution service. Only the towns,
# the local actors and the days differ. A Dolmuth article whose lead names only the country, and
# a Sarnica article that mentions Dolmuth in passing, must still land in their own story.
# `GRAUN_VISIT` (a Dolmuth article whose lead names a new actor and never the country) is the
# known miss of the lead rule (docs/stories.md): it founds a story of its own.
SAME_COUNTRY: list[dict] = [
    _doc(101, "quake_dolmuth", "2025-09-01", "Harbor Daily", "Quake kills 23 in Dolmuth",
         "A magnitude 5.9 earthquake struck Dolmuth in northern Varessa on Monday, killing 23 "
         "people. Kasimir Ondrey of the Varessa Seismic Office said the quake was shallow. "
         "\u201cEvery school in Dolmuth will stay shut this week,\u201d mayor Petra Lindqvall "
         "said."),
    _doc(102, "quake_dolmuth", "2025-09-02", "Valley Post", None,
         "Rescuers in Dolmuth pulled two survivors from a collapsed hotel on Tuesday, a day "
         "after a 5.9-magnitude quake killed 23 people in Varessa. Mayor Petra Lindqvall said "
         "the shelters were full. The Varessa Seismic Office recorded 40 aftershocks."),
    _doc(104, "quake_dolmuth", "2025-09-03", "Coastal Times", None,
         "Varessa mourned 23 dead on Wednesday after the strongest quake in a decade. In "
         "Dolmuth, mayor Petra Lindqvall said every school would stay shut this week, and "
         "Kasimir Ondrey of the Varessa Seismic Office warned of more aftershocks."),
    _doc(105, "quake_sarnica", "2025-09-05", "Harbor Daily", None,
         "A magnitude 5.9 earthquake struck Sarnica in southern Varessa on Friday, killing 23 "
         "people. Kasimir Ondrey of the Varessa Seismic Office said it was not an aftershock. "
         "Tobiah Renn, who runs the Sarnica hospital, said its beds had run out."),
    _doc(106, "quake_sarnica", "2025-09-06", "Metro Ledger", None,
         "Doctors in Sarnica treated hundreds of injured on Saturday after Friday's 5.9 quake. "
         "\u201cWe are sending patients as far as the capital,\u201d said Tobiah Renn of the "
         "Sarnica hospital. The quake came days after the one in Dolmuth."),
    _doc(111, "trial_cordray", "2025-10-07", "Evening Star", None,
         "The arson trial of Emil Cordray opened on Tuesday at Halvik district court. "
         "Prosecutor Mara Steen of the Varessa Crown Prosecution said Cordray had set fire to a "
         "grain store. Bail had been set at $250,000."),
    _doc(112, "trial_cordray", "2025-10-08", "Plains Herald", None,
         "Emil Cordray denied starting the fire at the Halvik grain store as his trial went "
         "on. His bail of $250,000 was paid by his brother, prosecutor Mara Steen told the "
         "court."),
    _doc(113, "trial_fairweather", "2025-10-08", "River Courier", None,
         "The arson trial of Juno Fairweather began on Wednesday at Oststrand district court, "
         "where prosecutor Ilka Brandt of the Varessa Crown Prosecution said Fairweather had "
         "burned down a ferry terminal. Bail had been set at $250,000."),
    _doc(114, "trial_fairweather", "2025-10-09", "Metro Ledger", None,
         "Juno Fairweather, accused of burning the Oststrand ferry terminal, told the court "
         "she was at home that night. Her $250,000 bail was set in March, prosecutor Ilka "
         "Brandt said."),
]

GRAUN_VISIT = _doc(103, "quake_dolmuth", "2025-09-03", "North Wire", None,
                   "Prime minister Ottilie Graun visited Dolmuth on Wednesday and promised to "
                   "rebuild the hotel district. Petra Lindqvall, the town's mayor, said 23 "
                   "people had died.")


# Central name words (stories v3): two floods in one invented country three days apart, with the
# same national water board, spokesman, toll and number evacuated; only the towns and local
# actors differ. The first Brenholt report names Kessmoor once ("came days after the deadly
# floods in Kessmoor") and a late Kessmoor report names Brenholt once: a name written once in
# passing neither joins nor splits. One Kessmoor report's lead names only the country.
TWO_FLOODS: list[dict] = [
    _doc(201, "flood_kessmoor", "2025-11-02", "Harbor Daily", "Floods kill 14 in Kessmoor",
         "Floods swept through Kessmoor in eastern Orvenia on Sunday, killing 14 people. "
         "Teodor Vahl of the Orvenia Water Board said 2,300 people had been evacuated. "
         "Kessmoor mayor Alric Danvers said the river had risen two metres overnight."),
    _doc(202, "flood_kessmoor", "2025-11-03", "Valley Post", None,
         "Floods killed 14 people in Orvenia on Sunday, the Orvenia Water Board said. In "
         "Kessmoor, the worst-hit town, mayor Alric Danvers said 2,300 residents had left their "
         "homes. \u201cThe old bridge in Kessmoor is gone,\u201d Danvers said."),
    _doc(203, "flood_kessmoor", "2025-11-03", "North Wire", None,
         "Volunteers in Kessmoor filled sandbags on Monday as the water began to fall. Alric "
         "Danvers, the town's mayor, said 14 people had died and thanked crews from across "
         "Orvenia."),
    _doc(204, "flood_brenholt", "2025-11-05", "Coastal Times", None,
         "Floods hit Brenholt in western Orvenia on Wednesday, killing 14 people. Teodor Vahl "
         "of the Orvenia Water Board said 2,300 people had been evacuated. Mirela Osk, who runs "
         "the Brenholt hospital, said its wards were full. The flooding came days after the "
         "deadly floods in Kessmoor."),
    _doc(206, "flood_kessmoor", "2025-11-05", "Evening Star", None,
         "Shops in Kessmoor reopened on Wednesday, three days after floods killed 14 people "
         "there. Mayor Alric Danvers said Kessmoor would need a new bridge. Orvenia Water Board "
         "pumps were sent on to Brenholt."),
    _doc(205, "flood_brenholt", "2025-11-06", "Metro Ledger", None,
         "Rescuers in Brenholt used boats on Thursday to reach families cut off by floods that "
         "killed 14 people in Orvenia. \u201cWe have never seen the river this high,\u201d said "
         "Mirela Osk of the Brenholt hospital."),
]


# One storm, two reports: the second's lead names the storm and the town (two names, so it says
# itself what the report is about), it writes a weather institute the first never names twice
# and never names the country. The institute is a detail: one story.
ONE_STORM: list[dict] = [
    _doc(301, "storm_pellan", "2025-08-04", "Harbor Daily", None,
         "Storm Pellan made landfall near Rostvik in Callendria on Monday, cutting power to "
         "40,000 homes. \u201cThe sea wall held, but only just,\u201d said Ines Varga, who "
         "leads the Rostvik rescue teams. Residents of Callendria's south coast were told to "
         "stay indoors."),
    _doc(302, "storm_pellan", "2025-08-05", "Valley Post", None,
         "Storm Pellan left 40,000 homes without power in Rostvik on Tuesday. Forecasters at "
         "the Meridan Weather Institute said the storm would weaken by Wednesday, and the "
         "Meridan Weather Institute lifted its red warning. Ines Varga said crews had cleared "
         "the harbour road."),
]
