"""The quote extractor."""

from __future__ import annotations

import bisect
from dataclasses import replace

from pipeline.core.quotes.attribution import (
    _LABEL_BEFORE,
    _NAME_COLON,
    _NAME_OUTLET_COLON,
    _attr_after,
    _attr_before,
    _attr_dash,
)
from pipeline.core.quotes.judging import (
    _fragment,
    _title_like,
    _word_before,
)
from pipeline.core.quotes.lexicon import (
    LABEL_WORDS,
    NAMING_VERBS,
    TITLE_CONTEXT,
)
from pipeline.core.quotes.marks import (
    QuoteSpan,
    find_quote_spans,
    paragraphs,
)
from pipeline.core.quotes.masking import (
    _mask_paragraph,
    _sentence_starts,
)
from pipeline.core.quotes.model import (
    _DENSE_SPANS,
    _LEAD_WINDOW,
    _MASK,
    _MIN_CHARS_PER_SPAN,
    _TAIL_WINDOW,
    Quote,
    _Attribution,
    _Candidate,
    _is_cue,
    _Masked,
    _words,
)
from pipeline.core.quotes.resolution import (
    _resolve,
    _subject_attribution,
)
from pipeline.core.quotes.speaker_index import (
    DocumentIndex,
)
from pipeline.core.quotes.speaker_resolver import (
    SpeakerResolver,
)
from pipeline.core.quotes.speakers import (
    at_sentence_start,
    normalise_name,
)
from pipeline.core.quotes.transcripts import (
    transcript_turns,
)
from pipeline.core.quotes.venues import (
    _is_media,
    _venue,
)
from pipeline.core.text.headings import is_subheading


def extract_quotes(text: str) -> list[Quote]:
    """All quotations in cleaned article text, in document order."""
    paras = paragraphs(text)
    spans = find_quote_spans(text, paras)
    if not spans and ":" not in text:
        return []
    resolver = SpeakerResolver(DocumentIndex.build(text, [(s.start, s.end) for s in spans]))
    turns = transcript_turns(text, paras, {s.para for s in spans}, resolver) if ":" in text else []
    by_para: dict[int, list[QuoteSpan]] = {}
    for sp in spans:
        by_para.setdefault(sp.para, []).append(sp)

    candidates: list[_Candidate] = []
    kept: dict[int, _Candidate] = {}  # id(span) -> candidate
    para_info: dict[int, tuple[_Masked, list[int]]] = {}
    for para, para_spans in by_para.items():
        p_start, p_end = paras[para]
        line = text[p_start:p_end]
        n_spans = len(para_spans)
        if is_subheading(line) or (
            n_spans > _DENSE_SPANS and p_end - p_start < _MIN_CHARS_PER_SPAN * n_spans
        ):
            continue  # a heading, or a run of quote marks that is noise rather than prose
        masked = _mask_paragraph(text, p_start, p_end, para_spans)
        starts = _sentence_starts(masked)
        mp = _Masked(masked, p_start)
        para_info[para] = (mp, starts)
        for k, sp in enumerate(para_spans):
            cand = _judge(text, mp, starts, p_start, p_end, para_spans, k, resolver)
            if cand is not None:
                candidates.append(cand)
                kept[id(sp)] = cand

    _inherit(candidates, kept, text, paras, para_info, resolver)

    quotes: list[Quote] = []
    for cand in candidates:
        attr = cand.attribution
        if cand.words <= 2 and (not attr.found or attr.speaker is None):
            continue  # one or two words that nobody is named as saying: a scare quote
        speaker = normalise_name(attr.speaker) if attr.speaker is not None else None
        mention, m_start, m_end = _mention_span(text, attr)
        quotes.append(
            Quote(cand.text, cand.span.start, cand.span.end, speaker, mention, attr.cue,
                  attr.venue, cand.fragment, m_start, m_end)
        )
    if turns:
        quotes = sorted(quotes + turns, key=lambda q: q.start)
    return quotes


def _reported_that(lead: str) -> bool:
    """`that` before the quote is a complementiser after a reporting verb (`told the Kelby
    Herald that “…”`, `said that “…”`), not a demonstrative (`that “green levy”`)."""
    near = _words(lead[-80:])[-10:-1]
    return any(_is_cue(t, strong_only=True) for t in near)


def _mention_span(text: str, attr: _Attribution) -> tuple[str | None, int | None, int | None]:
    """The mention with its offsets in the document, when they point at its exact words (a
    mention borrowed from elsewhere keeps its offsets; one without a position has none)."""
    mention, pos = attr.mention, attr.mention_pos
    if mention is None or pos < 0 or text[pos : pos + len(mention)] != mention:
        return mention, None, None
    return mention, pos, pos + len(mention)




def _ends_sentence(text: str, sp: QuoteSpan, p_end: int) -> bool:
    """The quotation closes the writer's sentence (`… was “deeply ashamed”.`)."""
    if sp.close_mark is None:
        return True
    if text[sp.end - 1] in ".!?":
        return True
    after = text[sp.close_mark + 1 : min(p_end, sp.close_mark + 3)].lstrip(")”’\"'")
    return not after or after[0] in ".!?"


def _judge(
    text: str,
    mp: _Masked,
    starts: list[int],
    p_start: int,
    p_end: int,
    para_spans: list[QuoteSpan],
    k: int,
    resolver: SpeakerResolver,
) -> _Candidate | None:
    """Decide whether one span is a quotation and read its own attribution."""
    masked = mp.s
    sp = para_spans[k]
    quote = text[sp.start : sp.end]
    words = len(quote.split())
    open_local = sp.open_mark - p_start
    sent_local = starts[bisect.bisect_right(starts, open_local) - 1]
    # Only a bounded window of the writer's sentence is read, so a giant paragraph without
    # sentence breaks stays linear.
    lead = masked[max(sent_local, open_local - _LEAD_WINDOW) : open_local]
    before_word = _word_before(masked, open_local)
    low_before = before_word.lower()
    possessive_before = before_word.endswith(("’s", "'s", "’", "'")) and bool(before_word)
    if sp.continues is not None:
        lead = ""
    fragment = _fragment(lead, quote)
    lead_clean = lead.rstrip()
    rest = p_end - sp.close_mark - 1 if sp.close_mark is not None else 0
    whole = not lead_clean and (
        sp.close_mark is None
        or (rest <= 4 and not masked[sp.close_mark - p_start + 1 :].strip(" .,"))
    )

    title = _title_like(quote)
    if possessive_before and (words <= 5 or title):
        return None  # NBC’s “Meet the Press”, the mayor’s “clean streets” plan
    if fragment and words <= 5 and low_before in _LABEL_BEFORE and not (
        low_before == "that" and _reported_that(lead)
    ):
        return None  # "the so-called “green levy”"; not "told the Herald that “every baker…”"

    # Attribution after the quote, up to the end of the writer's sentence.
    attr = _Attribution()
    if sp.close_mark is not None:
        close_local = sp.close_mark - p_start
        nxt = bisect.bisect_right(starts, close_local)
        if nxt < len(starts) and quote.rstrip()[-1:] in "?!" and starts[nxt] - close_local <= 3:
            nxt += 1  # `“Will it pass?” Obi asked.`: the attribution follows the ? or !
        tail_end_local = starts[nxt] if nxt < len(starts) else p_end - p_start
        tail_end = min(p_start + tail_end_local, sp.close_mark + 1 + _TAIL_WINDOW)
        attr = _attr_after(text, mp, sp.close_mark + 1, tail_end)
        if not attr.found and not fragment:
            attr = _attr_dash(text, mp, sp.close_mark + 1, tail_end)
        if attr.found and fragment and not quote.rstrip().endswith((",", ".", "!", "?", "—")):
            # `“dragging its feet” on the permit and warned…`: a cue later in the writer's sentence
            # belongs to that sentence, not to this fragment.
            after = masked[close_local + 1 : close_local + 3].lstrip()
            if after[:1].isalpha() and after[:1].islower():
                attr = _Attribution()
    if not attr.found and lead_clean:
        lead_from = max(p_start + sent_local, sp.open_mark - _LEAD_WINDOW)
        attr = _attr_before(text, mp, lead_from, sp.open_mark)
        if attr.mention is None and fragment:
            subj = _subject_attribution(text, mp, lead_from, sp.open_mark, resolver)
            if subj.mention is not None:
                subj.cue = attr.cue
                attr = subj
        if not fragment and attr.mention is None:
            attr = _Attribution()
            m = _NAME_COLON.match(lead_clean)
            name = resolver.canonical_name(m.group(1)) if m else None
            if m and name in resolver.index.persons:
                # transcript style: `Okafor: “We will rebuild.”`
                attr = _Attribution(m.group(1), p_start + sent_local + m.start(1), speaker=name)
            rm = None if m else _NAME_OUTLET_COLON.match(lead_clean)
            if rm and _is_media(rm.group(2), None, resolver):
                # round-up style: `Ada Obi, The Kelby Times: “…”`
                name = resolver.canonical_name(rm.group(1), p_start + sent_local)
                if name is not None and " " in name:
                    attr = _Attribution(rm.group(1), p_start + sent_local + rm.start(1),
                                        speaker=name, venue=rm.group(2))

    if title and (fragment or low_before in TITLE_CONTEXT or possessive_before or not attr.found):
        return None
    if words <= 2:
        if fragment and (low_before in LABEL_WORDS or not attr.cue or attr.mention is None):
            return None
        near = _words(lead[-60:])[-6:]
        if fragment and not any(_is_cue(t, strong_only=True) for t in near) and not (
            _ends_sentence(text, sp, p_end) and low_before not in NAMING_VERBS
            and attr.cue is not None and attr.cue.lower() not in NAMING_VERBS
        ):
            # `a drive to “open” markets`: a scare quote, whoever the subject. A short
            # fragment that ends the reported sentence (`said he was “deeply ashamed”.`)
            # is still speech, unless it names a term (`called it “reckless”.`).
            return None
        if not fragment and attr.cue is None and not (
            quote[0].isupper() and quote[-1] in ".!?,"
        ):
            return None  # "Absolutely." may still borrow its speaker; "Enough" may not
    if not attr.found and sp.close_mark is not None and quote[-1] not in ".!?,;:—–-":
        after = masked[sp.close_mark - p_start + 1 : sp.close_mark - p_start + 3].lstrip()
        if after[:1].isalpha() and after[:1].islower():
            return None  # `“Enough is enough” has become the slogan`: named, not quoted
    _resolve(attr, text, resolver)
    if attr.found:
        scope_start = max(p_start + sent_local, sp.open_mark - _LEAD_WINDOW)
        scope_end = p_end
        if sp.close_mark is not None:
            close_local = sp.close_mark - p_start
            nxt = bisect.bisect_right(starts, close_local)
            scope_end = p_start + (starts[nxt] if nxt < len(starts) else p_end - p_start)
        after_close = (sp.close_mark or sp.end) + 1
        scope_end = min(scope_end, after_close + _TAIL_WINDOW)
        attr.venue = attr.venue or _venue(text, scope_start, sp.open_mark, resolver) or _venue(
            text, after_close, scope_end, resolver
        )
        sent_abs = p_start + sent_local
        if attr.venue is None and attr.speaker is not None and sent_abs > p_start:
            # `She defended the plan on national radio. “…,” she said.`: the venue of the
            # writer's sentence just before, when its subject is the quote's speaker.
            prev_from = max(p_start, sent_abs - _LEAD_WINDOW)
            occ = resolver.nearest_subject(prev_from, sent_abs)
            if occ is not None and occ.name == attr.speaker:
                attr.venue = _venue(text, prev_from, sent_abs, resolver)
    return _Candidate(sp, quote, words, p_start + sent_local, lead, fragment, attr, whole)


def _inherit(
    candidates: list[_Candidate],
    kept: dict[int, _Candidate],
    text: str,
    paras: list[tuple[int, int]],
    para_info: dict[int, tuple[_Masked, list[int]]],
    resolver: SpeakerResolver,
) -> None:
    """Give unattributed quotations the attribution their neighbours make clear."""
    # Multi-paragraph quotations share one attribution, wherever in the chain it stands.
    for cand in candidates:
        chain = [cand]
        sp = cand.span
        while sp.continues is not None and id(sp.continues) in kept:
            sp = sp.continues
            chain.append(kept[id(sp)])
        if len(chain) > 1:
            source = next((c.attribution for c in chain if c.attribution.found), None)
            if source is not None:
                for c in chain:
                    if not c.attribution.found:
                        c.attribution = replace(source)
    # Backwards too: an attribution at the end of a chain applies to its first paragraphs.
    for cand in reversed(candidates):
        sp = cand.span
        if sp.continues is not None and id(sp.continues) in kept and cand.attribution.found:
            prev = kept[id(sp.continues)]
            if not prev.attribution.found:
                prev.attribution = replace(cand.attribution)

    previous: _Candidate | None = None
    for cand in candidates:
        attr = cand.attribution
        if not attr.found and not cand.fragment and previous is not None:
            same_para = previous.span.para == cand.span.para
            adjacent = previous.span.para == cand.span.para - 1
            near = same_para or (adjacent and cand.whole_paragraph) or (
                cand.span.continues is not None
            )
            usable = previous.attribution.speaker is not None or (
                same_para and previous.attribution.found
            )
            between = _narrative_subject(previous, cand, resolver) if same_para else None
            if between is not None:
                # `“A,” Okafor said. Mensah disagreed. “B.”`: B is Mensah's.
                cand.attribution = between
            elif near and usable:
                cand.attribution = replace(previous.attribution)
        if not cand.attribution.found and not cand.fragment:
            got = _from_context(cand, text, paras, para_info, resolver)
            if got is not None:
                cand.attribution = got
        previous = cand


def _narrative_subject(
    previous: _Candidate, cand: _Candidate, resolver: SpeakerResolver
) -> _Attribution | None:
    """A person who opens a writer's sentence between two quotes of one paragraph, when that
    person is not the previous quote's speaker."""
    prev_end = previous.span.close_mark if previous.span.close_mark is not None else None
    if prev_end is None or cand.sentence_start <= prev_end or cand.lead.strip():
        return None
    start = max(prev_end, cand.sentence_start - _LEAD_WINDOW)
    found = None
    for occ in resolver.subjects_between(start, cand.span.open_mark):
        if occ.kind == "person" and at_sentence_start(resolver.index.text, occ.pos):
            found = occ
    if found is None or found.name == previous.attribution.speaker:
        return None
    return _Attribution(resolver.index.text[found.pos : found.end], found.pos, speaker=found.name)


def _from_context(
    cand: _Candidate,
    text: str,
    paras: list[tuple[int, int]],
    para_info: dict[int, tuple[_Masked, list[int]]],
    resolver: SpeakerResolver,
) -> _Attribution | None:
    """A speaker named by the writer's sentence just before an unattributed quotation."""
    para = cand.span.para
    p_start, _p_end = paras[para]
    if cand.sentence_start > p_start:
        mp, starts = para_info[para]
        masked = mp.s
        local = cand.sentence_start - p_start
        prev_start = starts[max(0, bisect.bisect_left(starts, local) - 1)]
        prev_start = max(prev_start, local - _LEAD_WINDOW)
        sentence = masked[prev_start:local]
        if _MASK * 3 not in sentence:
            attr = _attr_before(text, mp, p_start + prev_start, cand.sentence_start)
            if attr.mention is not None and attr.cue is not None:
                return _resolve(attr, text, resolver)
        return None
    if not cand.whole_paragraph:
        return None
    # The paragraph before: "Okafor said:" or a sentence with a speaker and a cue.
    j = para - 1
    while j >= 0 and not text[paras[j][0] : paras[j][1]].strip():
        j -= 1
    if j < 0:
        return None
    q_start, q_end = paras[j]
    prev_line = text[q_start:q_end].rstrip()
    if not prev_line or is_subheading(prev_line):
        return None
    if j in para_info:
        mp, starts = para_info[j]
    else:
        mp = _Masked(text[q_start:q_end], q_start)
        starts = _sentence_starts(mp.s)
    last_start = max(starts[-1] if starts else 0, q_end - q_start - _LEAD_WINDOW)
    attr = _attr_before(text, mp, q_start + last_start, q_end)
    if attr.mention is not None and (attr.cue is not None or prev_line.endswith(":")):
        return _resolve(attr, text, resolver)
    if prev_line.endswith(":"):
        occ = resolver.nearest_subject(q_start + last_start, q_end)
        if occ is not None:
            return _Attribution(text[occ.pos : occ.end], occ.pos, None, occ.name)
    return None
