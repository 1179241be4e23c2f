"""Attribution conventions of issue 18 (who said it), one hand-written snippet or more each.

Each case gives every quote the snippet holds, as (text, speaker, speaker_mention, cue, venue);
speaker_start/speaker_end must point at the mention's exact words. Every name, outlet and
place below is invented.
"""

from __future__ import annotations

import pytest

from pipeline.core.documents import clean_text
from pipeline.core.quotes import Quote, extract_quotes

Row = tuple[str, str | None, str | None, str | None, str | None]


def _rows(text: str) -> list[Row]:
    quotes = extract_quotes(text)
    for q in quotes:
        _check_mention_offsets(text, q)
    return [(q.text, q.speaker, q.speaker_mention, q.cue, q.venue) for q in quotes]


def _check_mention_offsets(text: str, q: Quote) -> None:
    assert text[q.start : q.end] == q.text
    if q.speaker_start is None:
        assert q.speaker_end is None
        return
    assert q.speaker_mention is not None
    assert text[q.speaker_start : q.speaker_end] == q.speaker_mention


CASES: dict[str, tuple[str, list[Row]]] = {
    # ---- ? and ! before the attribution -------------------------------------------------------
    "question mark, name and verb": (
        "Mara Quist chairs the committee.\n“Will it pass?” Quist asked.",
        [("Will it pass?", "Mara Quist", "Quist", "asked", None)],
    ),
    "exclamation mark, verb first": (
        "“We did it!” shouted Tobias Wren.",
        [("We did it!", "Tobias Wren", "Tobias Wren", "shouted", None)],
    ),
    "exclamation mark, pronoun": (
        "Edith Calloway runs the shelter.\n“Never again!” she said.",
        [("Never again!", "Edith Calloway", "she", "said", None)],
    ),
    # ---- reporting verbs from WordNet's communication verbs ----------------------------------
    "scoffed": (
        "“That is nonsense,” Ilona Fasbender scoffed.",
        [("That is nonsense,", "Ilona Fasbender", "Ilona Fasbender", "scoffed", None)],
    ),
    "interjected": (
        "“Not on my watch,” Rory Ansel interjected.",
        [("Not on my watch,", "Rory Ansel", "Rory Ansel", "interjected", None)],
    ),
    "averred and a clause after the verb": (
        "“The figures are sound,” Halima Oduya averred when asked about the audit.",
        [("The figures are sound,", "Halima Oduya", "Halima Oduya", "averred", None)],
    ),
    "shot back": (
        "Nkem Okello listened.\n“Then fix it,” Okello shot back.",
        [("Then fix it,", "Nkem Okello", "Okello", "shot back", None)],
    ),
    "chimed in before the quote": (
        "Her deputy, economist Piet Arendse, chimed in: “We agree.”",
        [("We agree.", "Piet Arendse", "economist Piet Arendse", "chimed in", None)],
    ),
    "an action verb is no attribution": (
        "Ben Lui, the mayor, arrived late.\n“Why did nobody warn us?” Lui looked at the floor.",
        [("Why did nobody warn us?", None, None, None, None)],
    ),
    "a verb with an object is no attribution": (
        "“We will see,” Tariq Osei advertised the job on Monday.",
        [("We will see,", None, None, None, None)],
    ),
    # ---- long appositives between name and verb ----------------------------------------------
    "attorney for the district, in a statement": (
        "“The case is closed,” Ines Carvalho-Reid, the United States attorney for the Western "
        "District of Kelby, said in a statement.",
        [("The case is closed,", "Ines Carvalho-Reid", "Ines Carvalho-Reid", "said", None)],
    ),
    "senator, party and state": (
        "“We will vote no,” Senator Halvard Brun, Republican of Ohio, said.",
        [("We will vote no,", "Halvard Brun", "Senator Halvard Brun", "said", None)],
    ),
    "age and occupation": (
        "“Business is dead,” Wilma Sorensen, 54, a shop owner on Mill Lane, said.",
        [("Business is dead,", "Wilma Sorensen", "Wilma Sorensen", "said", None)],
    ),
    "person in apposition with an organisation": (
        "“We will appeal,” Dana Achebe, director of the Kelby Water Board, said.",
        [("We will appeal,", "Dana Achebe", "Dana Achebe", "said", None)],
    ),
    # ---- suffixes and party tags ---------------------------------------------------------------
    "Jr. and a party tag": (
        "“Not this year,” Rep. Abel Kuti Jr. (D-Mo.) said.",
        [("Not this year,", "Abel Kuti Jr.", "Rep. Abel Kuti Jr.", "said", None)],
    ),
    "(R) and a later surname": (
        "Sen. Corliss Vang (R) opposed the bill. “It is a blank cheque,” Vang said.",
        [("It is a blank cheque,", "Corliss Vang", "Vang", "said", None)],
    ),
    "III": (
        "“We owe it to them,” said Lucius Ambrose III.",
        [("We owe it to them,", "Lucius Ambrose III", "Lucius Ambrose III", "said", None)],
    ),
    "MP and QC are not part of the name": (
        "Sir Edwin Marl MP and Lionel Frake QC spoke.\n“We object,” Sir Edwin said.\n"
        "“My client is innocent,” Mr Frake said.",
        [("We object,", "Edwin Marl", "Sir Edwin", "said", None),
         ("My client is innocent,", "Lionel Frake", "Mr Frake", "said", None)],
    ),
    # ---- colon attributions, transcripts and Q&A -------------------------------------------------
    "round-up: name, outlet, colon": (
        "Ada Nwosu, The Kelby Ledger: “A timid budget for timid times.”",
        [("A timid budget for timid times.", "Ada Nwosu", "Ada Nwosu", None, "The Kelby Ledger")],
    ),
    "transcript speaker prefixes": (
        "Presenter Jonas Talbot spoke to Minister Edda Varga.\nTALBOT: Are you resigning?\n"
        "MS. VARGA: No. Not today, not tomorrow.",
        [("Are you resigning?", "Jonas Talbot", "TALBOT", None, None),
         ("No. Not today, not tomorrow.", "Edda Varga", "MS. VARGA", None, None)],
    ),
    "Q and A: answers are the interviewee's": (
        "Oona Lachance, a potter, spoke to us about her work.\nQ: Why clay?\n"
        "A: Because it forgives mistakes.\nQ: And next year?\nA: More clay.",
        [("Because it forgives mistakes.", "Oona Lachance", None, None, None),
         ("More clay.", "Oona Lachance", None, None, None)],
    ),
    "a list of labels is not a transcript": (
        "The new phone reviewed.\nPROS: The battery lasts two days.\nCONS: The camera is poor.",
        [],
    ),
    "two people interviewed: answers stay null": (
        "Sam Roe and Kit Vale spoke to us.\nQ: Who cooks?\nA: Sam does.\nQ: Who cleans?\n"
        "A: Nobody.",
        [("Sam does.", None, None, None, None), ("Nobody.", None, None, None, None)],
    ),
    "one label line is not a transcript": (
        "UPDATE: The road has reopened after the crash.",
        [],
    ),
    # ---- reported-through forms ---------------------------------------------------------------
    "quoted as saying, with the outlet": (
        "State television quoted Farid Amrani as saying the border “will stay shut for now.”",
        [("will stay shut for now.", "Farid Amrani", "Farid Amrani", "quoted",
          "State television")],
    ),
    "was quoted as saying": (
        "Farid Amrani was quoted as saying: “We are not afraid of them.”",
        [("We are not afraid of them.", "Farid Amrani", "Farid Amrani", "quoted", None)],
    ),
    "according to a name": (
        "“Nothing was lost in the fire,” according to Priya Venn.",
        [("Nothing was lost in the fire,", "Priya Venn", "Priya Venn", "according to", None)],
    ),
    "told an outlet that": (
        "Nils Haugen told the Kelby Herald that the deal was “as good as done.”",
        [("as good as done.", "Nils Haugen", "Nils Haugen", "told", "Kelby Herald")],
    ),
    "told an outlet that, a short fragment": (
        "Lucia Ferrante told the Kelby Herald that \"every baker in town\" was struggling.",
        [("every baker in town", "Lucia Ferrante", "Lucia Ferrante", "told", "Kelby Herald")],
    ),
    "the company is a name with an ampersand": (
        "Shoppers complained about Loaf & Co on Monday. The company said the change was “a "
        "response to rising costs.”",
        [("a response to rising costs.", "Loaf & Co", "The company", "said", None)],
    ),
    "in a statement, name said": (
        "In a statement, Marisol Ybarra said: “The mill will reopen in May.”",
        [("The mill will reopen in May.", "Marisol Ybarra", "Marisol Ybarra", "said", None)],
    ),
    "em dash attribution": (
        "“Nobody asked us what we wanted.” — Greta Lindahl, a farmer near Osby.",
        [("Nobody asked us what we wanted.", "Greta Lindahl", "Greta Lindahl", None, None)],
    ),
    "hyphen attribution": (
        '"Too little, too late" -Omar Haddad, chair of the tenants\' group.',
        [("Too little, too late", "Omar Haddad", "Omar Haddad", None, None)],
    ),
    # ---- nouns are not cues ---------------------------------------------------------------------
    "said in a Facebook post": (
        "Ivo Rask said in a Facebook post: “We are closing the shop for good.”",
        [("We are closing the shop for good.", "Ivo Rask", "Ivo Rask", "said", "Facebook")],
    ),
    # ---- pronouns: gender from the article, not from a list of names -----------------------------
    "pronoun gender learned from earlier pronouns": (
        "Alex Morrow runs the bakery.\n“We open at six,” she said.\n"
        "Jordan Pike runs the café next door.\n“Business is slow,” he said.\n"
        "“We will survive,” she added.",
        [("We open at six,", "Alex Morrow", "she", "said", None),
         ("Business is slow,", "Jordan Pike", "he", "said", None),
         ("We will survive,", "Alex Morrow", "she", "added", None)],
    ),
    "he after a doctor with a place-like surname": (
        "“The ward is full,” Hugh Hill, a doctor, said. “We have no beds left,” he added.",
        [("The ward is full,", "Hugh Hill", "Hugh Hill", "said", None),
         ("We have no beds left,", "Hugh Hill", "he", "added", None)],
    ),
    "an unnamed person takes the pronoun": (
        "Judge Ansel Dorn passed sentence. One juror, who asked not to be named, wept. "
        "“It was the hardest week of my life,” she said.",
        [("It was the hardest week of my life,", None, "she", "said", None)],
    ),
    "Mr and Ms": (
        "Mr Rowe and Ms Ibsen met on Friday.\n“No deal yet,” she said.",
        [("No deal yet,", "Ibsen", "she", "said", None)],
    ),
    # ---- epithets ------------------------------------------------------------------------------
    "the 24-year-old": (
        "Lotte Brandsma, 24, won the sprint. “I can't believe it,” the 24-year-old said.",
        [("I can't believe it,", "Lotte Brandsma", "the 24-year-old", "said", None)],
    ),
    "the 31-year-old is the person the article gave that age": (
        "Rasmus Eld, 31, and Tomas Berge, 19, scored. Berge was booked too. “We never gave "
        "up,” the 31-year-old said.",
        [("We never gave up,", "Rasmus Eld", "the 31-year-old", "said", None)],
    ),
    "the former senator": (
        "Former Senator Aldo Rucci spoke first. “We were wrong,” the former senator said.",
        [("We were wrong,", "Aldo Rucci", "the former senator", "said", None)],
    ),
    # ---- capitalised neighbours are not speakers -------------------------------------------------
    "a tower is not a person": (
        "Crowds gathered outside Halvorsen Tower on Monday. “Nobody told us anything,” one "
        "protester said.",
        [("Nobody told us anything,", None, "one protester", "said", None)],
    ),
    "officials at a tower are unnamed people": (
        "Officials at Kelby Tower said on Monday that the lifts were “perfectly safe for "
        "everyone”.",
        [("perfectly safe for everyone", None, "Officials at Kelby Tower", "said", None)],
    ),
    "a building is not a speaker": (
        "“We are not going anywhere,” Orvik Tower said.",
        [("We are not going anywhere,", None, "Orvik Tower", "said", None)],
    ),
    "an event after the verb": (
        "“We need answers,” Ruth Adeyemi said during the Senate debate.",
        [("We need answers,", "Ruth Adeyemi", "Ruth Adeyemi", "said", None)],
    ),
    # ---- pairing: mixed marks and stray scare quotes --------------------------------------------
    "straight open, curly close": (
        'Kirsi Laine, 45, was not convinced. "Open? I found out from the scales,” she said.',
        [("Open? I found out from the scales,", "Kirsi Laine", "she", "said", None)],
    ),
    "curly open, straight close": (
        '“Flour has doubled in price," said Ewa Nowak. “He told me "no" twice,” she added.',
        [("Flour has doubled in price,", "Ewa Nowak", "Ewa Nowak", "said", None),
         ('He told me "no" twice,', "Ewa Nowak", "she", "added", None)],
    ),
    "a stray straight mark does not pair with the next quote": (
        'The so-called "reform package was never tabled. “We are ready,” said Ewa Nowak.',
        [("We are ready,", "Ewa Nowak", "Ewa Nowak", "said", None)],
    ),
    # ---- name particles and one spelling per name ----------------------------------------------
    "van der": (
        "“We came to listen,” said Elke van der Meer. Later van der Meer told KBN: “We heard "
        "nothing new.”",
        [("We came to listen,", "Elke van der Meer", "Elke van der Meer", "said", None),
         ("We heard nothing new.", "Elke van der Meer", "van der Meer", "told", "KBN")],
    ),
    "bin": (
        "Yusuf bin Tariq opened the port. “Trade is life,” Yusuf bin Tariq said.",
        [("Trade is life,", "Yusuf bin Tariq", "Yusuf bin Tariq", "said", None)],
    ),
    "al- joined by a hyphen": (
        "Karim al-Masri spoke last. “We are still here,” said Karim al-Masri.",
        [("We are still here,", "Karim al-Masri", "Karim al-Masri", "said", None)],
    ),
    "curly and straight apostrophes are one name": (
        "Seán O’Reilly chairs the club. “We go again,” O'Reilly said.",
        [("We go again,", "Seán O'Reilly", "O'Reilly", "said", None)],
    ),
    "fullest form the article gives": (
        "Dagny Holt opened the meeting. “We start now,” Holt said.",
        [("We start now,", "Dagny Holt", "Holt", "said", None)],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_attribution_convention(case: str) -> None:
    text, expected = CASES[case]
    assert _rows(text) == expected


def test_hard_wrapped_text_pairs_across_line_breaks() -> None:
    raw = (
        "Parents win fight over village school\n\n"
        "The school at Lower Ambry will stay open, the council said on Friday after\n"
        "parents raised the money for a new roof.\n\n"
        "\"I cried when the letter came,\" said Hyacinth Ormerod, who chairs the\n"
        "parents' association. \"Three hundred families gave what they could.\"\n"
    )
    text = clean_text(raw).text
    assert _rows(text) == [
        ("I cried when the letter came,", "Hyacinth Ormerod", "Hyacinth Ormerod", "said", None),
        ("Three hundred families gave what they could.", "Hyacinth Ormerod", "Hyacinth Ormerod",
         "said", None),
    ]


def test_one_sentence_per_line_keeps_a_quote_across_lines() -> None:
    text = (
        "The council voted on Monday to close the library.\n\"We are done.\n"
        "We go home now,\" said Ada Obi, who runs the reading group.\nThe library shuts in May."
    )
    assert _rows(text) == [
        ("We are done.", "Ada Obi", "Ada Obi", "said", None),
        ("We go home now,", "Ada Obi", "Ada Obi", "said", None),
    ]


def test_mention_offsets_are_null_without_a_mention() -> None:
    q = extract_quotes("The report was damning. “Nobody checked the pipes for a decade.”")
    assert [(x.speaker_mention, x.speaker_start, x.speaker_end) for x in q] == [
        (None, None, None)
    ]
