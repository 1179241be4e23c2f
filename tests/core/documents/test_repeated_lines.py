"""An outlet's repeated lines (pipeline/core/documents/repeated.py): dropped from the documents
of that outlet when frequent enough, never the article's sentences, independent of order."""

from __future__ import annotations

import pandas as pd

from pipeline.core.documents.repeated import (
    RepeatRule,
    drop_outlet_chrome,
    is_candidate,
    line_hash,
    outlet_key,
)

SLOGAN = "The voice of Lake Orrin since 1921"
PROMO = "Get the Orrin Gazette app for alerts"
RULE = RepeatRule(min_docs=3, min_share=0.5)
PLACES = ["Brellin", "Tosk", "Amberley", "Quenford", "Ravel", "Harrow Cove"]


def _para(k: int) -> str:
    return (f"Officials in the town of Brellin said on Monday that plan number {k} for the "
            f"harbour would cost about {k * 3} million, more than the council had expected.")


def _docs(n: int, outlet: str | None = "Orrin Gazette", extra: str = PROMO) -> pd.DataFrame:
    rows = []
    for k in range(n):
        text = "\n".join([SLOGAN, _para(k), "What happens next", _para(k + 100), extra])
        rows.append({"doc_id": f"d{k:03d}", "title": f"Harbour plan divides {PLACES[k]}",
                     "text": text, "outlet": outlet, "url": None, "n_words": 0})
    return pd.DataFrame(rows)


def test_frequent_lines_of_an_outlet_go_the_article_stays() -> None:
    out, rows, n = drop_outlet_chrome(_docs(4), None, None, RULE)
    assert n == 8
    assert out["text"][0] == "\n".join([_para(0), "What happens next", _para(100)])
    assert list(out["n_words"]) == [len(t.split()) for t in out["text"]]
    assert set(rows.columns) == {"doc_id", "outlet", "line_hash"}


def test_below_the_count_nothing_goes() -> None:
    docs = _docs(2)
    out, _, n = drop_outlet_chrome(docs, None, None, RULE)
    assert n == 0 and list(out["text"]) == list(docs["text"])


def test_earlier_documents_count_and_order_does_not_matter() -> None:
    docs = _docs(4)
    _, old_rows, _ = drop_outlet_chrome(docs.iloc[:3], None, None, RepeatRule(10, 0.5))
    outlets = pd.Series(["orrin gazette"] * 3, dtype=object)
    out, _, n = drop_outlet_chrome(docs.iloc[3:].reset_index(drop=True), old_rows, outlets, RULE)
    assert n == 2 and out["text"][0] == "\n".join([_para(3), "What happens next", _para(103)])
    reversed_docs = docs.iloc[::-1].reset_index(drop=True)
    a, _, _ = drop_outlet_chrome(docs, None, None, RULE)
    b, _, _ = drop_outlet_chrome(reversed_docs, None, None, RULE)
    assert dict(zip(a["doc_id"], a["text"], strict=True)) == dict(
        zip(b["doc_id"], b["text"], strict=True))


def test_other_outlets_do_not_count_unless_the_corpus_share_is_met() -> None:
    docs = pd.concat([_docs(2), _docs(2, "Brellin Post")], ignore_index=True)
    docs["doc_id"] = [f"d{k}" for k in range(4)]
    out, _, n = drop_outlet_chrome(docs, None, None, RepeatRule(min_docs=3, min_share=0.9))
    assert n == 8  # four documents of four hold both lines: corpus-wide chrome
    out, _, n = drop_outlet_chrome(docs, None, None, RepeatRule(min_docs=5, min_share=0.5))
    assert n == 0


def test_a_subheading_between_paragraphs_and_sentences_are_kept() -> None:
    quote = "“We will not give up the harbour,” said Mara Tellen of the residents’ group."
    out, _, n = drop_outlet_chrome(_docs(4, extra=quote), None, None, RULE)
    assert n == 4  # the slogan only
    assert out["text"][1] == "\n".join([_para(1), "What happens next", _para(101), quote])


def test_a_slogan_taken_for_the_title_gives_way_to_the_headline() -> None:
    docs = _docs(4)
    docs["title"] = SLOGAN
    docs["text"] = [t.replace(SLOGAN, f"Harbour plan divides {PLACES[k]}")
                    for k, t in enumerate(docs["text"])]
    out, _, _ = drop_outlet_chrome(docs, None, None, RULE)
    assert out["title"][2] == "Harbour plan divides Amberley"
    assert out["text"][2] == "\n".join([_para(2), "What happens next", _para(102)])


def test_too_short_after_the_pass_keeps_the_text() -> None:
    docs = _docs(4)
    docs["text"] = [f"{SLOGAN}\n{PROMO}\nShort text of eight words stays here." for _ in range(4)]
    out, _, n = drop_outlet_chrome(docs, None, None, RULE)
    assert n == 0 and list(out["text"]) == list(docs["text"])


def test_shapes_and_keys() -> None:
    assert is_candidate("Get the Orrin Gazette app for alerts")
    assert not is_candidate(_para(1))
    assert not is_candidate("“Enough,” she said.")
    assert line_hash("Comments (12)") == line_hash("comments  (80)")
    assert outlet_key(None, "https://www.orrin-gazette.example/a/b") == "orrin-gazette.example"
    assert outlet_key(" Orrin  Gazette ", None) == "orrin gazette"
    assert outlet_key(None, None) is None
