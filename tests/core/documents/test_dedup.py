"""Duplicates: exact and near copies point at the earliest document; others stay apart."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.core import documents as dedup
from pipeline.core.documents.dedup import SIGNATURE_BYTES, find_duplicates, fingerprint, similar
from pipeline.core.frames import DOCUMENT_COLUMNS, mark_duplicates, precedence_order

STORY = [
    "The northern rail line will close for eleven weeks from July so engineers can replace "
    "two bridges and a mile of track, the operator said on Wednesday.",
    "About 14,000 passengers use the line every weekday, and replacement buses will run "
    "every twenty minutes between the four stations affected by the closure.",
    "“We know this is a long time to ask people to change how they travel,” said regional "
    "director Halvard Nyquist. “The bridges are more than a hundred years old.”",
    "Business groups in the valley towns said the timing, at the height of the tourist "
    "season, would hurt shops and hotels that depend on visitors arriving by train.",
    "The operator said it had looked at closing the line in winter instead, but frost and "
    "short days would have doubled the length of the work and raised its cost.",
    "The project is expected to cost 48 million euros, most of it paid by the national "
    "infrastructure fund, with the rest coming from the regional transport budget.",
    "Local councillors have asked for extra parking at the terminal stations and for the "
    "buses to carry bicycles, requests the operator said it would consider.",
    "Work on a second phase, which would add passing loops to allow more frequent trains, "
    "is due to begin in 2027 if funding is approved by parliament next spring.",
]
OTHER = [
    "Rail passengers in the valley face months of disruption after the operator confirmed "
    "a summer closure, prompting anger from commuters who say they were not consulted.",
    "Commuter groups held a meeting on Thursday evening at which dozens of residents "
    "described journeys that will take twice as long once the buses replace trains.",
    "“We know this is a long time to ask people to change how they travel,” regional "
    "director Halvard Nyquist said earlier in the week, defending the plan.",
    "Several hotel owners said bookings for August had already fallen, and a shop owner "
    "said she was considering closing for the summer rather than staying open.",
    "An opposition politician called for an inquiry into why the work could not be done "
    "in stages over several years, which would keep at least part of the line open.",
]


def text(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def docs(rows: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    """(doc_id, text, published) rows as a documents table."""
    return pd.DataFrame([{
        "doc_id": d, "source": f"{d}.txt", "source_sha256": "0" * 64, "title": None,
        "text": t, "n_words": len(t.split()), "duplicate_of": None, "record": 0,
        "format": "txt", "outlet": None, "url": None, "published": p, "dateline": None,
    } for d, t, p in rows], columns=DOCUMENT_COLUMNS)


def dup_map(frame: pd.DataFrame) -> dict[str, str | None]:
    return dict(zip(frame["doc_id"], frame["duplicate_of"], strict=True))


def test_exact_copy_differing_only_in_punctuation_and_spacing() -> None:
    base = text(STORY)
    copy = base.replace("“", '"').replace("”", '"').replace(", ", " , ").upper()
    out, _ = mark_duplicates(docs([("d_b", copy, None), ("d_a", base, None)]))
    assert dup_map(out) == {"d_b": "d_a", "d_a": None}


def test_recrawl_with_changed_footer_and_an_edited_sentence_is_a_near_copy() -> None:
    recrawl = STORY[:-1] + [STORY[-1].replace("next spring", "in the autumn"),
                            "Updated with comment from business groups."]
    out, _ = mark_duplicates(docs([("d_a", text(STORY), "2024-05-01"),
                                   ("d_b", text(recrawl), "2024-05-02")]))
    assert dup_map(out) == {"d_a": None, "d_b": "d_a"}


def test_trimmed_syndicated_copy_is_a_near_copy() -> None:
    trimmed = ["By a staff writer"] + STORY[:5]
    out, _ = mark_duplicates(docs([("d_a", text(STORY), None), ("d_b", text(trimmed), None)]))
    assert dup_map(out)["d_b"] == "d_a"


def test_different_articles_on_the_same_story_sharing_a_quote_are_not_duplicates() -> None:
    out, _ = mark_duplicates(docs([("d_a", text(STORY), None), ("d_b", text(OTHER), None)]))
    assert dup_map(out) == {"d_a": None, "d_b": None}
    assert not similar(dedup.parse_fingerprint(fingerprint(text(STORY))),
                       dedup.parse_fingerprint(fingerprint(text(OTHER))))


def test_earliest_is_by_publication_date_then_unknown_last_then_source() -> None:
    base = text(STORY)
    frame = docs([("d_1", base, None), ("d_2", base, "2024-06-02"), ("d_3", base, "2024-06-01"),
                  ("d_4", text(OTHER), None)])
    assert list(precedence_order(frame)["doc_id"]) == ["d_3", "d_2", "d_1", "d_4"]
    out, _ = mark_duplicates(frame)
    assert dup_map(out) == {"d_1": "d_3", "d_2": "d_3", "d_3": None, "d_4": None}
    undated = docs([("d_9", base, None), ("d_8", base, None)])  # same date: by source
    assert dup_map(mark_duplicates(undated)[0]) == {"d_9": "d_8", "d_8": None}


def test_groups_point_at_their_earliest_member_even_through_a_chain() -> None:
    a = STORY
    b = STORY[:7] + OTHER[:1]
    c = STORY[1:7] + OTHER[:2]
    assert list(find_duplicates(["x"], {"x": fingerprint(text(a))})) == []
    fp = {"a": fingerprint(text(a)), "b": fingerprint(text(b)), "c": fingerprint(text(c))}
    parsed = {k: dedup.parse_fingerprint(v) for k, v in fp.items()}
    assert similar(parsed["a"], parsed["b"]) and similar(parsed["b"], parsed["c"])
    assert not similar(parsed["a"], parsed["c"])
    assert find_duplicates(["a", "b", "c"], fp) == {"b": "a", "c": "a"}


def test_result_does_not_depend_on_row_order() -> None:
    rows = [("d_a", text(STORY), "2024-01-02"), ("d_b", text(STORY[1:]), "2024-01-01"),
            ("d_c", text(OTHER), None), ("d_d", text(OTHER), None)]
    first = dup_map(mark_duplicates(docs(rows))[0])
    again = dup_map(mark_duplicates(docs(list(reversed(rows))))[0])
    assert first == again == {"d_a": "d_b", "d_b": None, "d_c": None, "d_d": "d_c"}


def test_signatures_are_returned_for_all_and_only_new_documents_are_fingerprinted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    frame = docs([("d_a", text(STORY), None), ("d_b", text(OTHER), None)])
    _, sigs = mark_duplicates(frame)
    assert list(sigs.columns) == ["doc_id", "signature"]
    assert sorted(sigs["doc_id"]) == ["d_a", "d_b"]
    assert all(isinstance(s, bytes) and len(s) == SIGNATURE_BYTES for s in sigs["signature"])

    calls: list[str] = []
    real = dedup.fingerprint

    def counting(t: str) -> bytes:
        calls.append(t)
        return real(t)

    monkeypatch.setattr("pipeline.core.frames.fingerprint", counting)
    bigger = docs([("d_a", text(STORY), None), ("d_b", text(OTHER), None),
                   ("d_c", text(STORY), None)])
    cached = pd.concat([sigs, pd.DataFrame({"doc_id": ["d_gone"], "signature": [b"x"]})])
    out, new_sigs = mark_duplicates(bigger, cached)
    assert calls == [text(STORY)]  # only d_c was fingerprinted
    assert sorted(new_sigs["doc_id"]) == ["d_a", "d_b", "d_c"]
    assert dup_map(out)["d_c"] == "d_a"

    calls.clear()
    broken = sigs.assign(signature=[b"short", sigs["signature"].iloc[1]])
    mark_duplicates(frame, broken)
    assert calls == [text(STORY)]  # an unreadable cached signature is recomputed


def test_empty_table() -> None:
    out, sigs = mark_duplicates(docs([]), None)
    assert out.empty and sigs.empty and list(sigs.columns) == ["doc_id", "signature"]
