"""The events stage: from each sentence, the events it reports, coded in PLOVER and ACLED.

For every sentence: lexicon hits (one automaton pass over the whole document) -> candidate
triggers (constraints checked; words that name an event without reporting one dropped, see
``reported.py``) -> one event per PLOVER type and clause family -> arguments, place, date, status,
attribution, casualties (read only in sentences that keep a candidate) -> merged across the
article as plain drafts (``merge.py``) -> Event models and summaries, built once per merged event.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from marsad.document import (
    Document,
    Event,
    EventStatus,
    Relation,
    RelationType,
)
from marsad.events.arguments import (
    Arguments,
    assign,
    casualties,
    civilian_target,
    swap_for_casualty,
    with_owner,
)
from marsad.events.attribution import Attributed, attributions, is_source
from marsad.events.context import Context, NMention, Sentence, build_context
from marsad.events.kb_actors import CIVILIANS, PROTESTERS, VICTIMS, add_actors, civilian_head, nationality_after
from marsad.events.lexicon import Hit, Payload
from marsad.events.merge import Draft, merge
from marsad.events.modality import status_of
from marsad.events.nominals import find_nominals, heads_among, nominal_mention, possessed
from marsad.events.ontology import ARMED_KINDS, acled_code
from marsad.events.reported import not_reported
from marsad.events.summary import names_of, summarize
from marsad.events.timex import Timex, find_dates
from marsad.settings import Settings

# Place kinds from most to least precise (substrings of the KB's kind names).
_PLACE_RANK = (("facility", 8), ("airport", 8), ("base", 8), ("crossing", 8), ("prison", 8), ("neighbourhood", 7),
               ("neighborhood", 7), ("district_of", 7), ("village", 6), ("town", 6), ("camp", 6), ("city", 5),
               ("subdistrict", 4), ("nahiya", 4), ("district", 3), ("region", 2), ("countryside", 2),
               ("governorate", 1), ("country", 0))
# How far the content of an accusation may follow its verb (`اتهمت X في وقت سابق من الشهر الجاري باستهداف`:
# time phrases come between); other speech verbs keep their content within five words.
_ACCUSATION_REACH = 9
_SPEECH_CONTENT = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"}
_ORDINARY_PEOPLE = VICTIMS | {PROTESTERS}
_OPINION = ("يري", "يعتقد", "محللون", "محللين", "برايي", "براي", "وجهه نظر", "من شان", "يمكن", "ربما", "قد يودي",
            "تساول", "هل", "يخشي", "مخاوف", "اذا ما")
_OPINION_WORDS = re.compile("|".join(re.escape(f" {w} ") for w in _OPINION))  # whole words: a space either side


@dataclass(slots=True)
class Candidate:
    """One event under construction (normalised offsets until it becomes an Event)."""

    sentence: Sentence
    hits: list[Hit]
    payload: Payload
    args: Arguments = field(default_factory=Arguments)
    status: str = "occurred"
    negated: bool = False
    place: str | None = None
    place_rank: int = -1
    date: Timex | None = None
    attributed: Attributed | None = None
    killed: int | None = None
    injured: int | None = None
    confidence: float = 0.5
    evidence: list[tuple[Sentence, Hit]] = field(default_factory=list)

    @property
    def main(self) -> Hit:
        return self.hits[0]


_READING: dict[tuple[str, int], tuple[tuple[Payload, ...], Payload | None]] = {}


def _payload(hit: Hit) -> Payload | None:
    """The trigger reading of a hit, remembered per prefix and lexicon entry (the automaton hands out
    the same payload tuple for a key every time)."""
    key = (hit.prefix, id(hit.payloads))
    cached = _READING.get(key)
    if cached is None or cached[0] is not hit.payloads:
        cached = _READING[key] = (hit.payloads, _reading(hit))
    return cached[1]


_SAYS: dict[int, tuple[tuple[Payload, ...], bool]] = {}


def _says(hit: Hit) -> bool:
    """The hit can be a verb of saying (remembered per lexicon entry, like the trigger reading)."""
    cached = _SAYS.get(id(hit.payloads))
    if cached is None or cached[0] is not hit.payloads:
        cached = _SAYS[id(hit.payloads)] = (hit.payloads, any(p.kind == "attribution" for p in hit.payloads))
    return cached[1]


def _reading(hit: Hit) -> Payload | None:
    """The trigger reading of a hit; after a preposition or the article, the noun reading."""
    triggers = [p for p in hit.payloads if p.kind == "trigger"]
    if (len(triggers) > 1 and any(c in hit.prefix for c in "بل")) or "ال" in hit.prefix:
        nominal = next((p for p in triggers if p.pos in ("noun", "form")), None)
        if nominal is not None:
            return nominal
        if "ال" in hit.prefix:
            return None  # a verb never takes the article: `الحذر` (caution) is not `حذر` (warned)
    return triggers[0] if triggers else None


def _passes(ctx: Context, hit: Hit, payload: Payload) -> bool:
    if payload.after:
        following = ctx.next_words(hit.end, 2)
        if not any(w in payload.after or w[1:] in payload.after or w[2:] in payload.after for w in following):
            return False
    if payload.block_before:
        previous = ctx.prev_words(hit.start, 1)
        if previous and previous[0] in payload.block_before:
            return False
    return True


def _family(payload: Payload) -> str:
    """Triggers of one family in one clause or sentence tell one event."""
    if payload.plover == "ASSAULT":
        return "ASSAULT:occupy" if payload.mode == "occupy" else "ASSAULT"
    return payload.plover


_MODE_ORDER = ("drone", "suicide-attack", "aerial", "explosives", "grenade", "heavy-weapons", "assassinate",
               "execute", "abduct", "sexual", "torture", "firearms", "beat", "clash", "occupy", "attack")
_REFINABLE = frozenset({"attack", "heavy-weapons", "firearms", "beat"})
_MODE_RANK = {mode: rank for rank, mode in enumerate(_MODE_ORDER)}


def _mode_rank(mode: str) -> int:
    return _MODE_RANK.get(mode, 99)


def _refine_mode(ctx: Context, cand: Candidate, sentence_hits: list[Hit]) -> str | None:
    modes = [p.mode for h in cand.hits for p in h.payloads if p.kind == "trigger" and p.mode]
    mode = min(modes, key=_mode_rank) if modes else None
    if cand.payload.plover != "ASSAULT" or mode not in _REFINABLE:
        return mode
    clause = cand.sentence.clause_of(cand.main.start)
    weapons = [p.label for h in sentence_hits if clause[0] <= h.start < clause[1] or
               abs(h.start - cand.main.start) < 80 for p in h.payloads if p.kind in ("weapon", "trigger")
               and p.mode in _MODE_RANK and (p.kind == "weapon" or p.mode not in ("clash", "occupy"))]
    weapons = [w if w in _MODE_RANK else "attack" for w in weapons]
    return min([*weapons, mode], key=_mode_rank)


@cache
def _place_rank(kind: str) -> int:
    kind = kind.lower()
    return next((rank for key, rank in _PLACE_RANK if key in kind), 3)


def _ancestors(places: dict[str, object], place_id: str) -> set[str]:
    seen: set[str] = set()
    current = places.get(place_id)
    while current is not None:
        parent = getattr(current, "parent", None)
        gov = getattr(current, "governorate", None)
        for up in (parent, gov):
            if up:
                seen.add(up)
        if not parent or parent in seen - {parent} or parent not in places:
            break
        current = places.get(parent)
        if len(seen) > 10:
            break
    return seen


def _choose_place(ctx: Context, cand: Candidate, main_place: str | None) -> None:
    records = ctx.place_records
    sentence = cand.sentence
    clauses = {sentence.clause_of(h.start) for h in cand.hits}
    in_sentence = ctx.places_in(sentence.start, sentence.end)  # every clause lies inside its sentence
    best: NMention | None = None
    best_rank = -1
    for m in in_sentence:
        if m.ref and any(c[0] <= m.start < c[1] for c in clauses):
            rank = _place_rank(records[m.ref].kind) if m.ref in records else 3
            if rank > best_rank:
                best, best_rank = m, rank
    if best is not None and best.ref:
        # A more precise place elsewhere in the sentence inside the chosen one refines it.
        for m in in_sentence:
            if m.ref and m.ref in records:
                rank = _place_rank(records[m.ref].kind)
                if rank > best_rank and best.ref in _ancestors(records, m.ref):  # type: ignore[arg-type]
                    best, best_rank = m, rank
        cand.place, cand.place_rank = best.ref, best_rank
        return
    if main_place:
        cand.place, cand.place_rank = main_place, -1


def _main_place(ctx: Context) -> str | None:
    """The article's main place: its dateline, else the most mentioned place."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in ctx.places:
        if m.ref:
            counts[m.ref] = counts.get(m.ref, 0) + 1
            first.setdefault(m.ref, m.start)
    if not counts:
        return None
    return max(counts, key=lambda r: (counts[r], -first[r]))


def _choose_date(ctx: Context, cand: Candidate, dates: dict[int, list[Timex]]) -> None:
    sentence = cand.sentence
    usable = dates.get(sentence.index)
    if usable is None:
        # Only sentences that hold an event are read for dates, each once.
        found = find_dates(ctx.text, ctx.doc.published, sentence.start, sentence.end,
                           (ctx.word_starts, ctx.word_ends, ctx.word_tokens))
        usable = dates[sentence.index] = [d for d in found if not d.vague and d.value and d.start < sentence.end]
    clause = sentence.clause_of(cand.main.start)
    in_clause = [d for d in usable if clause[0] <= d.start < clause[1]]
    pool = in_clause or usable
    if pool:
        cand.date = min(pool, key=lambda d: abs(d.start - cand.main.start))


def _candidates(ctx: Context, sentence: Sentence, readings: list[tuple[Hit, Payload]]) -> list[Candidate]:
    """The sentence's events, from its hits that read as triggers (``readings``)."""
    triggers = [(h, p) for h, p in readings if _passes(ctx, h, p)]
    if triggers:
        dropped = [(h, p) for h, p in triggers if not_reported(ctx, sentence, h, p)]
        if dropped:
            # A noun that completes a dropped trigger goes with it (`الاتفاقات المتكررة لوقف إطلاق النار`).
            triggers = [(h, p) for h, p in triggers if not any(
                h is d or (p.plover == q.plover and p.pos != "verb" and d.end <= h.start
                           and ctx.words_between(d.end, h.start) <= 3
                           and sentence.clause_of(d.start) == sentence.clause_of(h.start))
                for d, q in dropped)]
    # The content of a demand, threat or accusation is not an event of its own (`طالبت … بطرد`).
    content: set[int] = set()
    for i, (h, p) in enumerate(triggers):
        if p.plover in _SPEECH_CONTENT and p.pos in ("verb", "form"):
            for h2, p2 in triggers[i + 1:]:
                reach = _ACCUSATION_REACH if p.plover == "ACCUSE" else 5
                if ctx.words_between(h.end, h2.start) <= reach and p2.pos in ("noun", "form") and h2.start > h.start:
                    content.add(id(h2))
                    break
        elif p.plover in _SPEECH_CONTENT and i + 1 < len(triggers):
            # A demand's masdar or participle takes its content with ب (`مطالبين بالإفراج`, `المطالبة بطرد`).
            h2 = triggers[i + 1][0]
            if h2.prefix.startswith(("ب", "وب")) and h2.start > h.start and ctx.words_between(h.end, h2.start) == 0:
                content.add(id(h2))
    triggers = [(h, p) for h, p in triggers if id(h) not in content]
    # A protest's demand (`تظاهروا للمطالبة بإسقاط النظام`, `اعتصموا مطالبين بالإفراج`) is what the protest
    # is about, not an event of its own: ACLED codes the protest.
    protest = next((h.start for h, p in triggers if p.plover == "PROTEST"), None)
    if protest is not None:
        triggers = [(h, p) for h, p in triggers
                    if not (p.plover == "REQUEST" and p.pos == "noun" and h.start > protest)]
    main_assault = [t for t in triggers if t[1].plover == "ASSAULT" and not t[1].casualty]
    if main_assault:
        triggers = [t for t in triggers if not t[1].casualty]
    else:
        casualty = [t for t in triggers if t[1].casualty]
        triggers = [t for t in triggers if not t[1].casualty] + casualty[:1]
        triggers.sort(key=lambda t: t[0].start)
    out: dict[tuple[str, ...], Candidate] = {}
    for h, p in triggers:
        key: tuple[str, ...] = (_family(p),)
        if p.plover == "ASSAULT" and p.mode != "occupy":
            key = ("ASSAULT",)
        cand = out.get(key)
        if cand is None:
            out[key] = Candidate(sentence, [h], p, confidence=p.conf)
        else:
            cand.hits.append(h)
            if p.pos == "verb" and cand.payload.pos != "verb" and cand.payload.plover == "ASSAULT":
                cand.hits.insert(0, cand.hits.pop())
                cand.payload = p
            cand.confidence = max(cand.confidence, p.conf)
    return sorted(out.values(), key=lambda c: c.main.start)


def _hit_not_acting(m: NMention) -> bool:
    """A person, a nationality or a victim description (not `مسلحون`, `انتحاري`, `قوات`)."""
    if m.mention.id.startswith("nom:"):
        return m.mention.id.startswith("nom:p")
    return m.mention.type.value in ("PERSON", "NORP")


def _suffered(hit: Hit) -> bool:
    """A verb that says someone was killed or hurt (`قُتلت`, `أصيب`, `لقي حتفه`), not a masdar."""
    return hit.prefix in ("", "و", "ف") and any(
        p.kind == "trigger" and p.pos != "noun" and (p.casualty or p.pos == "passive" or p.lemma.startswith("قتل"))
        for p in hit.payloads)


def _sentence_actors(ctx: Context, sentence: Sentence, hits: list[Hit]) -> list[NMention]:
    """Linked actor mentions of a sentence plus its descriptive actors (`مسلحون`, `قوات الأمن`, `مدنيين`)."""
    linked = ctx.actors_in(sentence.start, sentence.end)
    i = bisect_left(ctx.taken, (sentence.start, -1))
    taken = ctx.taken[max(0, i - 1):bisect_left(ctx.taken, (sentence.end, -1), i)]
    lo, hi = ctx.word_index(sentence.start), ctx.word_index(sentence.end - 1) + 1
    lo = max(lo, 0)
    if lo < len(ctx.word_starts) and ctx.word_starts[lo] < sentence.start:
        lo += 1
    stops = {ctx.word_index(h.start) for h in hits}
    heads = heads_among(sentence.words, lo)  # the sentence's words are the words lo to hi
    if not heads:
        return linked
    spans = find_nominals(ctx.text, ctx.word_starts, ctx.word_ends, lo, hi, heads, taken, stops)
    if not spans:
        return linked
    nominals = []
    for s, e in spans:
        os, oe = ctx.to_original(s, e)
        head = ctx.text[s:ctx.word_ends[ctx.word_index(s)]]
        previous = [w for w in ctx.prev_words(s, 2) if w.isalnum()][-1:]
        agrees = nominals[-1].mention if nominals and ctx.words_between(nominals[-1].end, s) == 0 else None
        mention = nominal_mention(ctx.doc.text, os, oe, s, head, previous[0] if previous else "", agrees)
        nominals.append(NMention(s, e, mention))
    return sorted(linked + nominals, key=lambda m: m.start)


def _foiled_by_subject(ctx: Context, cand: Candidate, hits: list[Hit]) -> bool:
    start = cand.args.actor1[0].start if cand.args.actor1 else cand.main.start
    return any(p.kind == "status" and p.label == "fail" and h.end <= start and ctx.words_between(h.end, start) <= 2
               for h in hits for p in h.payloads)


def _confidence(ctx: Context, cand: Candidate) -> float:
    conf = cand.confidence
    if cand.args.actor1:
        conf += 0.1
    if cand.place_rank >= 0:
        conf += 0.05
    if cand.date is not None:
        conf += 0.05
    if cand.killed or cand.injured:
        conf += 0.1
    if not cand.args.actor1 and not cand.args.actor2 and cand.place_rank < 0 and not (cand.killed or cand.injured):
        conf -= 0.35
    window = f" {ctx.text[max(cand.sentence.start, cand.main.start - 60):cand.main.start]} "
    if _OPINION_WORDS.search(window):
        conf -= 0.2
    if cand.negated and cand.status == "denied":
        conf = min(conf, 0.3)
    return round(max(0.05, min(conf, 0.98)), 2)


_SEQUEL = frozenset({"بعد", "عقب", "اثر", "خلال", "اثناء", "وبعد", "وخلال"})


def _leads_to_takeover(ctx: Context, cand: Candidate, found: list[Candidate]) -> bool:
    """`سيطرت الهيئة على القرية بعد اشتباكات مع قوات النظام`: the fighting that won a place is part of the
    takeover (ACLED codes one event), kept as a detail below the confidence threshold."""
    if cand.payload.plover != "ASSAULT" or cand.payload.mode == "occupy" or cand.payload.pos == "verb" \
            or _SEQUEL.isdisjoint(ctx.prev_words(cand.main.start, 1)):
        return False
    mine = _actor_ids(cand.args.actor1)  # none of its own (`بعد هجوم مباغت`), or the taker's
    return any(c is not cand and c.payload.mode == "occupy" and c.main.start < cand.main.start
               and (not mine or _actor_ids(c.args.actor1) == mine) for c in found)


def _nationality(ctx: Context, cand: Candidate) -> NMention | None:
    """`غارات جوية روسية`, `قصف تركي`: a nationality adjective after the event noun names that state's forces."""
    clause = cand.sentence.clause_of(cand.main.start)
    after = [(ctx.word_index(h.end - 1) + 1, False) for h in cand.hits]
    after += [(ctx.word_index(m.start) + 1, ctx.text.startswith("ال", m.start)) for m in cand.args.actor1]
    for first, definite in after:
        found = nationality_after(ctx.text, ctx.word_starts, ctx.word_ends, first, clause[1], definite)
        if found is not None:
            _register(ctx, found.ref)
            return NMention(found.start, found.end, found)
    return None


def _register(ctx: Context, ref: str) -> None:
    """A KB actor the events stage named joins the document's actors (for names and ACLED codes)."""
    if ref not in ctx.actor_kinds:
        add_actors(ctx.doc, {ref})
        for actor in ctx.doc.actors:
            if actor.id == ref:
                ctx.actor_kinds[ref] = (actor.kind, actor.inter_code)


def _actor_ids(group: list[NMention]) -> list[str]:
    out: list[str] = []
    for m in group:
        ref = m.ref
        if ref is None and m.mention.id.startswith("nom:p") and civilian_head(m.mention.text):
            ref = CIVILIANS  # an unlinked description of ordinary people (`12 مدنياً`, `عشرة شبان`)
        if ref and ref not in out:
            out.append(ref)
    return out


def _is_state(ctx: Context, ids: list[str]) -> bool:
    kinds = ctx.actor_kinds
    return any(kinds.get(i, ("", None))[1] == 1 or kinds.get(i, ("", None))[0] in ("state_forces", "state",
                                                                                    "government") for i in ids)


def _armed(ctx: Context, ids: list[str]) -> bool | None:
    if not ids:
        return None
    kinds = ctx.actor_kinds
    found = [kinds[i] for i in ids if i in kinds]
    if not found:
        return None
    return any(k in ARMED_KINDS or (code is not None and 1 <= code <= 4) for k, code in found)


def extract_events(doc: Document, settings: Settings) -> None:
    ctx = build_context(doc)
    if not ctx.sentences:
        return
    dates: dict[int, list[Timex]] = {}
    main_place = _main_place(ctx)
    by_sentence: dict[int, list[Hit]] = {}
    triggers: dict[int, list[tuple[Hit, Payload]]] = {}  # per sentence, the hits that read as triggers
    ends = [s.end for s in ctx.sentences]
    for hit in ctx.hits:
        i = bisect_right(ends, hit.start)  # the first sentence ending after the hit (sentence_of, in C)
        if i < len(ends) and ctx.sentences[i].start <= hit.start:
            by_sentence.setdefault(i, []).append(hit)
            if (reading := _payload(hit)) is not None:
                triggers.setdefault(i, []).append((hit, reading))
    events: list[Draft] = []
    arguments: dict[int, dict[str, list[tuple[int, int]]]] = {}
    said: dict[int, Attributed | None] = {}

    def attribution_of(i: int, previous: Attributed | Callable[[], Attributed | None] | None) -> Attributed | None:
        """Sentence i's attribution, read when asked for: in sentences with an event, and, when an
        anaphoric source (`المصادر ذاتها`) points back, in every sentence before it."""
        if i not in said:
            sentence_hits = by_sentence.get(i, [])
            said[i] = attributions(ctx, ctx.sentences[i], sentence_hits, previous) \
                if any(map(_says, sentence_hits)) else None
        return said[i]

    read_to = [0, None]  # sentences [0, read_to[0]) all read in order; the last attribution among them

    def last_attribution(i: int) -> Attributed | None:
        if i < read_to[0]:  # not in the main loop's order: look back over what is read
            return next((a for j in range(i - 1, -1, -1) if (a := said.get(j)) is not None), None)
        last = read_to[1]
        for j in range(read_to[0], i):  # in order, so each sentence gets the attribution before it
            last = attribution_of(j, last) or last
        read_to[:] = [i, last]
        return last

    previous_actor1: list[NMention] = []
    previous_at: Sentence | None = None  # the sentence that named previous_actor1
    for sentence in ctx.sentences:
        readings = triggers.get(sentence.index)
        if not readings or ctx.words_between(sentence.start, sentence.end) < 4:
            continue
        hits = by_sentence[sentence.index]
        found = _candidates(ctx, sentence, readings)
        if not found:
            continue  # no actors, tolls or dates to read in a sentence without an event
        attributed = attribution_of(sentence.index, lambda i=sentence.index: last_attribution(i))
        candidates = [m for m in _sentence_actors(ctx, sentence, hits) if not is_source(m, attributed)]
        killed, injured = casualties(ctx, sentence, hits)
        casualty_hits = [(h, p) for h, p in readings if p.casualty]
        suffered = [h for h in hits if _suffered(h)]
        for cand in found:
            cand.args = assign(ctx, sentence, cand.main, cand.payload, candidates)
            for extra in cand.hits[1:]:
                if not cand.args.actor1 or not cand.args.actor2:
                    more = assign(ctx, sentence, extra, _payload(extra) or cand.payload, candidates)
                    cand.args.actor1 = cand.args.actor1 or more.actor1
                    if more.actor2 and more.actor2 != cand.args.actor1:
                        cand.args.actor2 = cand.args.actor2 or more.actor2
            if cand.payload.plover == "ASSAULT" and cand.payload.pos != "verb" and suffered:
                swap_for_casualty(ctx, cand.args, cand.main, suffered)
            if not cand.args.actor2 and cand.payload.plover == "ASSAULT":
                # `هجوم … أسفر عن مقتل 30 شخصاً`: the casualties are the attack's target.
                for extra, p in casualty_hits:
                    if extra not in cand.hits:
                        more = assign(ctx, sentence, extra, p, candidates)
                        if more.actor2 and more.actor2 != cand.args.actor1:
                            cand.args.actor2 = more.actor2
                            break
            if cand.payload.plover == "ASSAULT" and cand.args.actor1 and not cand.args.actor2 \
                    and cand.args.how not in ("agent", "between") and all(_hit_not_acting(m) for m in cand.args.actor1):
                # `نجا وزير … من انفجار`, `تعرض نصر للتعذيب`: a person or victim with nobody hit was the one hit.
                cand.args.actor1, cand.args.actor2 = [], cand.args.actor1
            cand.args.actor1 = with_owner(ctx, cand.args.actor1, candidates, possessed)
            cand.args.actor2 = with_owner(ctx, cand.args.actor2, candidates, possessed)
            if cand.payload.plover == "ASSAULT" and not _actor_ids(cand.args.actor1):
                # No actor, or only a description (`طائرات حربية روسية`): a nationality names the forces.
                forces = _nationality(ctx, cand)
                if forces is not None:
                    cand.args.actor1, cand.args.how = [*cand.args.actor1, forces], "nationality"
            if not cand.args.actor1 and cand.payload.pos == "verb" and previous_actor1 and previous_at is not None \
                    and (previous_at.paragraph == sentence.paragraph or previous_at.index >= sentence.index - 1):
                # A subjectless verb continues the story of the same paragraph or the sentence just before,
                # not of one paragraphs away.
                cand.args.actor1, cand.args.how = previous_actor1, "context"
            cand.status, cand.negated = status_of(ctx, sentence, cand.main, hits)
            if cand.status == "failed" and cand.args.how == "clause-subject" and _foiled_by_subject(ctx, cand, hits):
                cand.args.actor1 = []  # `أحبطت قوى الأمن محاولة تفجير`: the subject foiled it, did not do it
            if cand.payload.plover == "ASSAULT":
                cand.killed, cand.injured = killed, injured
            cand.attributed = attributed
            _choose_place(ctx, cand, main_place)
            _choose_date(ctx, cand, dates)
            cand.confidence = _confidence(ctx, cand)
            if _leads_to_takeover(ctx, cand, found):
                cand.confidence = min(cand.confidence, 0.45)
            events.append(_to_draft(ctx, cand, sentence, hits, len(events)))
            arguments[events[-1].n] = {
                "actor1": [ctx.to_original(m.start, m.end) for m in cand.args.actor1],
                "actor2": [ctx.to_original(m.start, m.end) for m in cand.args.actor2],
            }
            if cand.args.actor1:
                previous_actor1, previous_at = cand.args.actor1, sentence
    merged: list[Event] = []
    renamed: dict[str, dict[str, list[tuple[int, int]]]] = {}
    names = names_of(doc)
    for i, draft in enumerate(merge(events)):
        ev = draft.to_event(f"{doc.id or 'doc'}:e{i + 1}")
        ev.summary_en = summarize(doc, ev, names)
        renamed[ev.id] = arguments.get(draft.n, {})
        merged.append(ev)
    # Argument spans (original offsets) for evaluation against gold actor text.
    doc._cache["event_arguments"] = renamed
    doc.events = merged
    doc.relations.extend(_relations(merged))


def _to_draft(ctx: Context, cand: Candidate, sentence: Sentence, hits: list[Hit], n: int) -> Draft:
    mode = _refine_mode(ctx, cand, hits)
    a1, a2 = _actor_ids(cand.args.actor1), _actor_ids(cand.args.actor2)
    named = bool(a1 or a2)  # before the protest default below: a bare protest noun still refers back
    if cand.payload.plover == "PROTEST":
        # ACLED's convention: a protest's actor is its protesters. Ordinary people named with it
        # (`نظم أهالي المدينة وقفة`, `العشرات من أهالي المعتقلين`) are the protesters, never its target.
        a2 = [a for a in a2 if a not in _ORDINARY_PEOPLE]
        a1 = list(dict.fromkeys(PROTESTERS if a in _ORDINARY_PEOPLE else a for a in a1)) or [PROTESTERS]
        if PROTESTERS in a1:
            _register(ctx, PROTESTERS)
    a2 = [a for a in a2 if a not in a1]
    if CIVILIANS in a1 or CIVILIANS in a2:
        _register(ctx, CIVILIANS)
    target_armed = _armed(ctx, a2)
    if target_armed is None and civilian_target(ctx, sentence):
        target_armed = False
    code = acled_code(cand.payload.plover, mode, cand.status, actor1_state=_is_state(ctx, a1),
                      target_armed=target_armed)
    s_span = ctx.to_original(sentence.start, sentence.end)
    t_span = ctx.to_original(cand.main.start, cand.main.end)
    date: tuple[str | None, str, str | None] = (None, "unknown", None)
    if cand.date is not None:
        ds, de = ctx.to_original(cand.date.start, cand.date.end)
        date = (cand.date.value, cand.date.precision, ctx.doc.text[ds:de])
    precision = None
    if cand.place:
        records = ctx.place_records
        precision = "article" if cand.place_rank < 0 else (records[cand.place].kind if cand.place in records else None)
    return Draft(
        n, cand.payload.plover, mode, (code.event_type, code.sub_event_type), a1, a2, cand.place, precision, date,
        cand.status, cand.attributed.attribution if cand.attributed else None, s_span, t_span, [(s_span, t_span)],
        cand.killed, cand.injured, cand.confidence,
        bare=not (named or cand.killed or cand.injured) and cand.place_rank < 0
        and (cand.payload.pos in ("noun", "form") or "ال" in cand.main.prefix),
    )


def _relations(events: list[Event]) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for ev in events:
        if ev.status != EventStatus.occurred or not ev.actor1 or not ev.actor2:
            continue
        if ev.plover == "ASSAULT" and ev.mode in {"clash", "attack", "aerial", "drone", "heavy-weapons", "firearms"}:
            kind = RelationType.hostile_to
        elif ev.plover == "COOPERATE" and ev.mode != "merge":
            kind = RelationType.allied_with
        else:
            continue
        for a in ev.actor1:
            for b in ev.actor2:
                if a != b and a.startswith("actor:") and b.startswith("actor:") and (kind, a, b) not in seen:
                    seen.add((kind, a, b))
                    out.append(Relation(type=kind, source=a, target=b, evidence=ev.sentence,
                                        confidence=min(ev.confidence, 0.9)))
    return out
