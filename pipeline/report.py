"""`make report`: one self-contained HTML page per release, for a reader without SQL.

`reports/vN.html` for every release (and `reports/latest.html`, a copy of the page of the
release LATEST names): what changed since the previous release, a timeline of documents and
new facts by publication date (an inline SVG), the stories with a timeline and their facts
each, the most quoted speakers, the
facts where sources disagree with each side and who gives it, and the most corroborated facts
with the documents behind each. No scripts, no external files: the page opens from a USB stick.
A page is rewritten only when missing or made by another REPORT_VERSION.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from pipeline.release import diff_releases
from pipeline.store import DataStore, atomic_write_bytes

REPORT_VERSION = "3"
MAX_FACTS = 200  # the page lists the most corroborated facts; the rest are a query away
TOP_SPEAKERS = 15
MAX_STORIES = 50
FACTS_PER_STORY = 10
_MARKER = f"<!-- newsfacts report {REPORT_VERSION} -->"

_STYLE = """
body{font:16px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}h2{border-bottom:2px solid #ddd;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border:1px solid #ddd;
padding:.3rem .5rem;vertical-align:top;text-align:left}th{background:#f4f4f4}
.conflict{border-left:4px solid #c0392b;padding-left:.8rem;margin:1rem 0}
.note{color:#c0392b}.muted{color:#777;font-size:.9em}.fact{margin:1rem 0}
"""


def _e(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def _table(headers: list[str], rows: list[list[object]], css: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def mention_sources(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per mention: fact_id, document (source, title, published), how it is written,
    and the side it takes (speaker for quotes, the figure as written for figures)."""
    docs = tables["documents"][["doc_id", "source", "title", "published"]]
    quotes = tables["quotes"].rename(columns={"quote_id": "mention_id", "text": "as_written"})
    quotes = quotes.assign(side=quotes["speaker"])[["mention_id", "as_written", "side"]]
    figures = tables["figures"].rename(columns={"figure_id": "mention_id",
                                                "surface": "as_written"})
    figures = figures.assign(side=figures["as_written"])[["mention_id", "as_written", "side"]]
    spans = pd.concat([quotes, figures], ignore_index=True)
    out = tables["fact_mentions"].merge(spans, on="mention_id", how="left")
    out = out.merge(docs, on="doc_id", how="left")
    return out.sort_values(["fact_id", "source", "mention_id"], kind="stable")


def _changes_section(store: DataStore, version: str, parent: str | None) -> str:
    if not parent or parent not in store.list_releases():
        return "<h2>Changes</h2><p>The first release.</p>"
    d = diff_releases(store, parent, version)
    parts = [f"<h2>Changes since {_e(parent)}</h2>",
             f"<p>{len(d['documents_added'])} documents added, "
             f"{len(d['documents_removed'])} removed; facts: {len(d['facts_added_list'])} added, "
             f"{len(d['facts_removed_list'])} removed, {len(d['facts_changed_list'])} changed."
             "</p>"]
    for label, key in (("Documents added", "documents_added"),
                       ("Documents removed", "documents_removed")):
        if d[key]:
            parts.append(f"<h3>{label}</h3>" + _table(
                ["source", "doc_id"], [[x["source"], x["doc_id"]] for x in d[key]]))
    for label, key in (("Facts added", "facts_added_list"), ("Facts removed", "facts_removed_list"),
                       ("Facts changed", "facts_changed_list")):
        if d[key]:
            rows = [[s, ", ".join(f"{c}: {b} → {a}" for c, (b, a) in
                                  d["facts_changed_fields"].get(f, {}).items()
                                  if c != "doc_ids")]
                    for f, s in d[key]]
            headers = ["statement", "what changed"] if key == "facts_changed_list" else [
                "statement"]
            parts.append(f"<h3>{label}</h3>" + _table(
                headers, [r if key == "facts_changed_list" else r[:1] for r in rows]))
    return "\n".join(parts)


def timeline_counts(documents: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Per publication date: documents published, and facts first stated that day (the
    earliest dated document among a fact's doc_ids). Undated documents are left out."""
    dated = documents.dropna(subset=["published"]).set_index("doc_id")["published"]
    if dated.empty:
        return pd.DataFrame(columns=["date", "documents", "new_facts"])
    docs = dated.value_counts().rename("documents")
    first = facts["doc_ids"].map(lambda ids: min((dated[d] for d in ids if d in dated.index),
                                                 default=None)).dropna()
    new = first.value_counts().rename("new_facts")
    out = pd.concat([docs, new], axis=1).fillna(0).astype(int).sort_index()
    return out.rename_axis("date").reset_index()


def _timeline_svg(counts: pd.DataFrame, label: str) -> str:
    """Bars per date: documents (blue) and new facts (red), each with a tooltip."""
    bar, gap, height = 18, 10, 120
    top = max(int(counts[["documents", "new_facts"]].to_numpy().max()), 1)
    width = len(counts) * (2 * bar + gap) + gap
    shapes = []
    for i, row in enumerate(counts.itertuples(index=False)):
        x = gap + i * (2 * bar + gap)
        for j, (n, colour, what) in enumerate(((row.documents, "#2c7fb8", "documents"),
                                               (row.new_facts, "#f03b20", "new facts"))):
            h = round(height * n / top)
            shapes.append(f'<rect x="{x + j * bar}" y="{height - h}" width="{bar - 2}" '
                          f'height="{h}" fill="{colour}"><title>{_e(row.date)}: {n} {what}'
                          "</title></rect>")
        shapes.append(f'<text x="{x}" y="{height + 14}" font-size="9">{_e(row.date)}</text>')
    return (f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" '
            f'height="{height + 20}" role="img" aria-label="{_e(label)}">'
            + "".join(shapes) + "</svg>")


def _timeline_section(documents: pd.DataFrame, facts: pd.DataFrame) -> str:
    counts = timeline_counts(documents, facts)
    if counts.empty:
        return "<h2>Timeline</h2><p>No document has a publication date.</p>"
    return ("<h2>Timeline</h2><p class='muted'>Blue: documents published that day; red: facts "
            "first stated that day.</p>" + _timeline_svg(counts, "documents and new facts by date")
            + _table(["date", "documents", "new facts"], counts.values.tolist(), "timeline"))


def _stories_section(stories: pd.DataFrame, documents: pd.DataFrame,
                     facts: pd.DataFrame) -> str:
    """Each story (most documents first): its dates and names, a timeline of its own documents
    and facts, and its most corroborated facts linking to their sources further down."""
    if stories.empty:
        return "<h2>Stories</h2><p>No stories.</p>"
    ranked = stories.sort_values(["n_documents", "story_id"], ascending=[False, True])
    shown = min(len(ranked), MAX_STORIES)
    parts = [f"<h2>Stories</h2><p class='muted'>{len(stories)} stories; the {shown} largest, "
             "each with its most corroborated facts.</p>"]
    for story in ranked.head(MAX_STORIES).itertuples(index=False):
        docs = documents[documents["story_id"] == story.story_id]
        own = facts[facts["story_id"] == story.story_id].sort_values(
            ["n_documents", "n_mentions", "fact_id"], ascending=[False, False, True])
        terms = ", ".join(story.key_terms) if story.key_terms is not None else ""
        dates = (f"{_e(story.first_published)} to {_e(story.last_published)}"
                 if isinstance(story.first_published, str) else "undated")
        counts = timeline_counts(docs, own)
        items = []
        for fact in own.head(FACTS_PER_STORY).itertuples(index=False):
            flag = ' <span class="note">(sources disagree)</span>' if fact.conflict else ""
            items.append(f'<li><a href="#{_e(fact.fact_id)}">{_e(fact.statement)}</a> '
                         f'<span class="muted">({fact.n_documents} documents)</span>{flag}</li>')
        parts.append(
            f'<div class="story" id="{_e(story.story_id)}"><h3>{_e(story.label)}</h3>'
            f'<p class="muted">{story.n_documents} documents, {story.n_outlets} outlets, '
            f"{dates}; {len(own)} facts. {_e(terms)}</p>"
            + ("" if counts.empty else _timeline_svg(counts, f"timeline of {story.label}"))
            + (f"<ul>{''.join(items)}</ul>" if items else "<p>No facts of its own.</p>")
            + "</div>")
    return "\n".join(parts)


def _speakers_section(quotes: pd.DataFrame) -> str:
    named = quotes[quotes["speaker"].notna()]
    if named.empty:
        return "<h2>Who is quoted</h2><p>No quote has a named speaker.</p>"
    top = (named.groupby("speaker")
           .agg(quotes=("quote_id", "size"), documents=("doc_id", "nunique"))
           .reset_index().sort_values(["quotes", "speaker"], ascending=[False, True])
           .head(TOP_SPEAKERS))
    return "<h2>Who is quoted</h2>" + _table(
        ["speaker", "quotes", "documents"], top.values.tolist(), "speakers")


def _conflicts_section(facts: pd.DataFrame, sources: pd.DataFrame) -> str:
    conflicts = facts[facts["conflict"]].sort_values(["n_documents", "fact_id"],
                                                     ascending=[False, True])
    if conflicts.empty:
        return "<h2>Where sources disagree</h2><p>No conflicts.</p>"
    parts = ["<h2>Where sources disagree</h2>"]
    for fact in conflicts.itertuples(index=False):
        rows = sources[sources["fact_id"] == fact.fact_id]
        sides = (rows.groupby("side", dropna=False)["source"]
                 .agg(lambda s: ", ".join(sorted(set(s)))).reset_index())
        parts.append(
            f'<div class="conflict" id="{_e(fact.fact_id)}"><p><b>{_e(fact.statement)}</b></p>'
            f'<p class="note">{_e(fact.conflict_note)}</p>'
            + _table(["side", "sources"], sides.values.tolist(), "sides") + "</div>")
    return "\n".join(parts)


def _facts_section(facts: pd.DataFrame, sources: pd.DataFrame) -> str:
    top = facts.sort_values(["n_documents", "n_mentions", "fact_id"],
                            ascending=[False, False, True]).head(MAX_FACTS)
    parts = [f"<h2>Facts and their sources</h2><p class='muted'>The {len(top)} most corroborated "
             f"of {len(facts)} facts.</p>"]
    by_fact = {k: g for k, g in sources.groupby("fact_id")}
    for fact in top.itertuples(index=False):
        rows = by_fact.get(fact.fact_id, sources.iloc[0:0])
        who = f" — {_e(fact.speaker)}" if isinstance(fact.speaker, str) else ""
        parts.append(
            f'<div class="fact" id="{_e(fact.fact_id)}"><p><b>{_e(fact.statement)}</b>{who} '
            f'<span class="muted">({fact.n_documents} documents, {fact.kind})</span></p>'
            + _table(["source", "title", "published", "as written"],
                     rows[["source", "title", "published", "as_written"]].values.tolist(),
                     "sources") + "</div>")
    return "\n".join(parts)


def render_report(store: DataStore, version: str) -> str:
    """The HTML page of one release."""
    manifest = store.read_manifest(version)
    tables = {name: store.read_release_table(version, name)
              for name in ("documents", "quotes", "figures", "facts", "fact_mentions",
                           "stories")}
    sources = mention_sources(tables)
    facts = tables["facts"]
    rows = manifest["tables"]
    summary = ", ".join(f"{rows[t]['rows']} {t}" for t in ("documents", "quotes", "figures",
                                                           "facts") if t in rows)
    body = "\n".join([
        f"<h1>newsfacts release {_e(version)}</h1>",
        f"<p>Published {_e(manifest.get('created_at'))}: {_e(summary)}; "
        f"{int(facts['conflict'].sum())} facts where sources disagree.</p>",
        _changes_section(store, version, manifest.get("parent")),
        _timeline_section(tables["documents"], facts),
        _stories_section(tables["stories"], tables["documents"], facts),
        _speakers_section(tables["quotes"]),
        _conflicts_section(facts, sources),
        _facts_section(facts, sources),
    ])
    return (f"<!DOCTYPE html>\n{_MARKER}\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>newsfacts {_e(version)}</title><style>{_STYLE}</style></head>"
            f"<body>\n{body}\n</body></html>\n")


def write_reports(store: DataStore) -> list[Path]:
    """Write the page of every release that lacks a current one, and latest.html; the paths
    written."""
    folder = store.data_dir / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for version in store.list_releases():
        path = folder / f"{version}.html"
        if path.exists() and path.read_text(encoding="utf-8").split("\n", 2)[1:2] == [_MARKER]:
            continue
        atomic_write_bytes(path, render_report(store, version).encode("utf-8"))
        written.append(path)
    latest = store.latest_release()
    if latest:
        page = (folder / f"{latest}.html").read_bytes()
        target = folder / "latest.html"
        if not target.exists() or target.read_bytes() != page:
            atomic_write_bytes(target, page)
            written.append(target)
    return written
