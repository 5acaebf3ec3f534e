"""The link stage: mentions -> actors, people and places, with coreference and relations.

Runs after the gazetteer (and the NER stage when present). It

- resolves place mentions with context (marsad.link.places);
- resolves short references inside the article: `الميليشيات الموالية لهم` after `الروس` -> the
  Russia-backed militias; `العلوش` after `خالد الحسن العلوش`; `X الملقب بـ (Y)` -> Y is X's alias;
  `الميليشيات الإيرانية والروسية` -> also the Russia-backed militias;
- makes records: KB actors and people, and records for unknown ones (``in_kb=False``) with a
  transliterated English name and a kind guessed from the words of the name;
- emits relations: from appositions (leads / member_of, with rank), from backing phrases, aliases,
  and the KB's own ties for actors in the article (lower confidence, evidence = the mention).
"""

from __future__ import annotations

import re
from datetime import date
from operator import attrgetter

from marsad.clean.normalize import normalize_text
from marsad.document import (
    Actor,
    Document,
    Framing,
    Mention,
    MentionType,
    Person,
    Relation,
    RelationType,
    Role,
    Span,
)
from marsad.kb.load import KnowledgeBase, load_kb
from marsad.kb.schema import ActorRecord, Link, PersonRecord, parse_partial_date
from marsad.link.places import resolve_places
from marsad.link.relations import alias_spans, appositions, backing, rank_before
from marsad.link.translit import slug, transliterate
from marsad.nlp.tokens import stem_candidates
from marsad.settings import Settings

ACTOR_TYPES = {MentionType.ARMED_GROUP, MentionType.STATE, MentionType.ORG, MentionType.NORP}
PLACE_TYPES = {MentionType.LOCATION, MentionType.FACILITY}
# Read once: `MentionType.PERSON` looks the member up through the enum's metaclass (~150 ns), and the
# loops below ask it of every mention.
_PERSON = MentionType.PERSON

# `الميليشيات الموالية لهم`: militias loyal to a pronoun -> the collective backed by its antecedent.
# The pattern starts at the head noun; `_loyal_hits` adds an article before it. (Starting with an
# optional `(?:ال)?` made the regex engine try a match at every alef of the text: 4x slower.)
LOYAL_RE = re.compile(
    r"(?:ميليشيات|مليشيات|ميليشيا|فصائل|مجموعات)\s+(?:ال)?(?:موالية|تابعة|مدعومة|التابعة|الموالية|المدعومة)"
    r"\s+(?:من\s+)?(?:لهم|له|لها|منهم|منه|منها)\b"
)
# One of these is in every match of LOYAL_RE (also in the forms with the article).
_LOYAL_WORDS = ("موالية", "تابعة", "مدعومة")
# Words in an unknown name that tell its kind.
KIND_WORDS = [
    (("ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "لواء", "كتائب", "كتيبة", "سرايا", "فوج"), "militia"),
    (("جيش", "فرقة", "فيلق", "قوات", "حركة", "جبهة", "تجمع", "فصيل", "غرفة"), "armed_group"),
    (("حزب", "تيار"), "party"),
    (("وزارة", "هيئة", "مديرية", "مكتب", "مجلس", "إدارة", "وكالة", "قناة", "صحيفة"), "agency"),
    (("منظمة", "جمعية", "مؤسسة", "شبكة", "مرصد", "مركز"), "ngo"),
]
_INTER_FOR_KIND = {"militia": 3, "armed_group": 2, "state_forces": 1, "state": 8, "government": 1}


def _active(link: Link, day: date | None) -> bool:
    """``link.active_on(day)``, from the memo of ``_role_active``."""
    return _role_active(link.start, link.end, day)


_KIND_CUES = [(frozenset(normalize_text(c) for c in cues), kind) for cues, kind in KIND_WORDS]


def guess_kind(text: str, mtype: MentionType) -> str:
    words = {normalize_text(w) for w in text.split()}
    for cues, kind in _KIND_CUES:
        if words & cues:
            return kind
    return {MentionType.STATE: "state", MentionType.ORG: "agency", MentionType.NORP: "collective"}.get(
        mtype, "armed_group")


def actor_record(rec: ActorRecord, day: date | None) -> Actor:
    return Actor(
        id=f"actor:{rec.id}", name_en=rec.name_en, name_ar=rec.name_ar, kind=rec.kind, inter_code=rec.inter_code,
        country=rec.country, in_kb=True, wikidata=rec.wikidata, framings=[],  # a default list is deep-copied
        backed_by=[f"actor:{x.id}" for x in rec.backed_by if _active(x, day)],
        member_of=[f"actor:{x.id}" for x in rec.member_of if _active(x, day)],
    )


def person_record(rec: PersonRecord) -> Person:
    return Person(
        id=f"person:{rec.id}", name_en=rec.name_en, name_ar=rec.name_ar, aliases=list(rec.aliases),
        rank=rec.rank, roles=[Role(title=r.title, actor=f"actor:{r.actor}" if r.actor else None) for r in rec.roles],
        in_kb=True,
    )


def _relation(rtype: RelationType, source: str, target: str, start: int, end: int, confidence: float) -> Relation:
    """A relation whose evidence is the text's span [start, end)."""
    return Relation(type=rtype, source=source, target=target, evidence=Span(start=start, end=end),
                    confidence=confidence)


# (start, end, day) -> active: the partial dates of the KB's ties are parsed once per article date,
# not for every tie of every actor of every article. Bounded: emptied when full.
_ACTIVE: dict[tuple[str, str, date], bool] = {}


def _role_active(start: str | None, end: str | None, day: date | None) -> bool:
    if day is None or not (start or end):
        return True
    key = (start or "", end or "", day)
    active = _ACTIVE.get(key)
    if active is None:
        if len(_ACTIVE) >= 1 << 16:
            _ACTIVE.clear()
        active = _ACTIVE[key] = not (start and day < parse_partial_date(start)) \
            and not (end and day > parse_partial_date(end, end=True))
    return active


def _lookup(kb: KnowledgeBase, text: str, prefix: str) -> str | None:
    """A KB id for a mention the NER found, trying the name with its proclitics removed."""
    for key in stem_candidates(normalize_text(text)):
        for entry in kb.index.get(key, []):
            if entry.ref.startswith(prefix) and not entry.weak:
                return entry.ref
    return None


def _next_id(doc: Document) -> str:
    taken = {m.id for m in doc.mentions}
    n = len(doc.mentions) + 1
    while f"m{n}" in taken:
        n += 1
    return f"m{n}"


def _add_rule_mention(doc: Document, start: int, end: int, mtype: MentionType, ref: str,
                      framing: str | None, confidence: float) -> Mention | None:
    if any(m.start < end and start < m.end for m in doc.mentions):
        return None
    m = Mention(id=_next_id(doc), text=doc.text[start:end], start=start, end=end, type=mtype, ref=ref,
                origin="rule", confidence=confidence, framing=framing)
    doc.mentions.append(m)
    return m


def _collective_backed_by(kb: KnowledgeBase, state_ref: str) -> str | None:
    state = state_ref.removeprefix("actor:")
    for rec in kb.actors.values():
        if rec.kind == "collective" and any(x.id == state for x in rec.backed_by):
            return f"actor:{rec.id}"
    return None


def _state_of(kb: KnowledgeBase, ref: str) -> str | None:
    """The state behind an actor mention (`الروس` -> russia; Russian forces -> russia)."""
    rec = kb.actors.get(ref.removeprefix("actor:"))
    if rec is None:
        return None
    if rec.kind == "state":
        return ref
    parents = [x.id for x in rec.member_of if (p := kb.actors.get(x.id)) is not None and p.kind == "state"]
    return f"actor:{parents[0]}" if parents else None


def _loyal_hits(text: str) -> list[tuple[int, int]]:
    """Spans of `(ال)ميليشيات الموالية لهم`…: LOYAL_RE's hits, with the article before the head noun."""
    if not any(word in text for word in _LOYAL_WORDS):  # most texts: three substring searches, not a regex scan
        return []
    spans = []
    for hit in LOYAL_RE.finditer(text):
        start = hit.start()
        spans.append((start - 2 if start >= 2 and text[start - 2:start] == "ال" else start, hit.end()))
    return spans


def resolve_loyal_pronouns(doc: Document, kb: KnowledgeBase) -> None:
    hits = _loyal_hits(doc.text)
    if not hits:
        return
    actors = sorted((m for m in doc.mentions if m.ref and m.ref.startswith("actor:")), key=attrgetter("end"))
    for start, end in hits:
        before = [m for m in actors if m.end <= start]
        for m in reversed(before):
            state = _state_of(kb, m.ref or "")
            if state:
                target = _collective_backed_by(kb, state)
                if target:
                    _add_rule_mention(doc, start, end, MentionType.ARMED_GROUP, target, "neutral", 0.8)
                break


_ELLIPTIC_RE = re.compile(r"\s+و(ال[\w]+)")


def resolve_elliptic_adjectives(doc: Document, kb: KnowledgeBase) -> None:
    """`الميليشيات الإيرانية والروسية`: the second adjective shares the first one's head noun."""
    text = doc.text
    for m in list(doc.mentions):
        if not (m.ref and m.ref.startswith("actor:")):
            continue
        tail = _ELLIPTIC_RE.match(text, m.end, m.end + 30)  # in place: the same as matching text[m.end:m.end + 30]
        if not tail or len(m.text.split()) != 2:
            continue
        key = normalize_text(f"{m.text.split()[0]} {tail.group(1)}")
        entries = [e for e in kb.index.get(key, []) if not e.weak]
        if entries and entries[0].ref != m.ref:
            start = tail.start(1)
            end = start + len(tail.group(1))
            same = next((x for x in doc.mentions if x.start == start and x.end == end), None)
            if same is not None:  # `الضباط الروس والإيرانيين`: officers, not the militias the word alone names
                same.ref, same.type, same.confidence = entries[0].ref, MentionType(entries[0].type), 0.8
                same.framing = entries[0].framing
            else:
                _add_rule_mention(doc, start, end, MentionType(entries[0].type), entries[0].ref,
                                  entries[0].framing, 0.8)


def link(doc: Document, settings: Settings) -> None:
    kb = load_kb()
    day = doc.published
    resolve_loyal_pronouns(doc, kb)
    resolve_elliptic_adjectives(doc, kb)
    doc.mentions.sort(key=attrgetter("start"))

    # places
    place_mentions = [m for m in doc.mentions if m.type in PLACE_TYPES]
    places = resolve_places(doc, place_mentions, kb)
    for m in place_mentions:
        if m.ref is None:  # a place the KB does not know: still a record, marked as such
            from marsad.document import Place
            pid = f"place:unk-{slug(transliterate(m.text))}"
            if pid not in places:
                places[pid] = Place(id=pid, name_en=transliterate(m.text), name_ar=m.text, kind="place",
                                    confidence=0.5, in_kb=False)
            m.ref = pid

    # actors
    actors: dict[str, Actor] = {}
    framed: set[tuple[str, str, str]] = set()  # (actor, surface, framing) already recorded
    for m in doc.mentions:
        if m.type not in ACTOR_TYPES:
            continue
        if m.ref is None:
            m.ref = _lookup(kb, m.text, "actor:")
        if m.ref is None:
            kind = guess_kind(m.text, m.type)
            name_en = transliterate(m.text)
            m.ref = f"actor:unk-{slug(name_en)}"
            if m.ref not in actors:  # explicit empty lists: pydantic deep-copies a mutable default
                actors[m.ref] = Actor(id=m.ref, name_en=name_en, name_ar=m.text, kind=kind,
                                      inter_code=_INTER_FOR_KIND.get(kind), in_kb=False,
                                      framings=[], backed_by=[], member_of=[])
        rec = kb.actors.get(m.ref.removeprefix("actor:"))
        if rec is not None and m.ref not in actors:
            actors[m.ref] = actor_record(rec, day)
        if m.ref in actors and m.framing and (m.ref, m.text, m.framing) not in framed:
            framed.add((m.ref, m.text, m.framing))
            actors[m.ref].framings.append(Framing(surface=m.text, framing=m.framing))

    # people: KB ids, short references to earlier names, aliases, unknown people
    people: dict[str, Person] = {}
    relations: list[Relation] = []
    person_mentions = [m for m in doc.mentions if m.type == _PERSON]
    alias_of: dict[tuple[int, int], Mention] = {}
    for owner, s, e in alias_spans(doc, person_mentions):
        alias_of[(s, e)] = owner
        if not any(m.start == s and m.end == e for m in person_mentions):
            new = _add_rule_mention(doc, s, e, MentionType.PERSON, "", None, 0.8)
            if new is not None:
                new.ref = None
                person_mentions.append(new)
    person_mentions.sort(key=attrgetter("start"))
    known_names: list[tuple[str, str]] = []  # (normalised full name, person id)
    for m in person_mentions:
        norm = normalize_text(m.text).strip()
        owner = alias_of.get((m.start, m.end))
        if owner is not None and owner.ref:
            alias_id = f"person:{slug(transliterate(m.text))}"
            m.ref = owner.ref
            person = people[owner.ref]
            if m.text not in person.aliases:
                person.aliases.append(m.text)
            relations.append(_relation(RelationType.alias_of, alias_id, owner.ref, owner.start, m.end, 0.9))
            continue
        if m.ref is None or not m.ref.startswith("person:") or m.origin != "kb":
            found = _lookup(kb, m.text, "person:")
            if found and found != m.ref:  # (a pydantic __setattr__ costs microseconds: only on change)
                m.ref = found
        if m.ref is None or m.ref == "":
            # a short reference: a trailing part of a name seen earlier (`العلوش`)
            earlier = next((pid for full, pid in reversed(known_names)
                            if full != norm and (full.endswith(" " + norm) or full.startswith(norm + " "))), None)
            m.ref = earlier
        if m.ref is None:
            name_en = transliterate(m.text)
            m.ref = f"person:{slug(name_en)}"
            if m.ref not in people:
                people[m.ref] = Person(id=m.ref, name_en=name_en, name_ar=m.text, in_kb=False, aliases=[], roles=[])
        rec = kb.people.get(m.ref.removeprefix("person:"))
        if rec is not None and m.ref not in people:
            people[m.ref] = person_record(rec)
        if m.ref in people and people[m.ref].rank is None and (rank := rank_before(doc, m)) is not None:
            people[m.ref].rank = rank
        known_names.append((norm, m.ref))

    # relations stated by appositions: role + actor + (person)
    actor_mentions = [m for m in doc.mentions if m.type in ACTOR_TYPES and m.ref]
    for pr in appositions(doc, [m for m in doc.mentions if m.type == _PERSON and m.ref], actor_mentions):
        pid = pr.person_mention.ref or ""
        person = people.get(pid)
        if person is None:
            continue
        if pr.rank and not person.rank:
            person.rank = pr.rank
        role = Role(title=pr.title, actor=pr.actor_ref)
        if role not in person.roles:
            person.roles.append(role)
        rtype = RelationType.leads if pr.relation == "leads" else RelationType.member_of
        relations.append(_relation(rtype, pid, pr.actor_ref, pr.evidence.start, pr.evidence.end, 0.9))

    # backing stated in the text
    kinds = {a.id: a.kind for a in actors.values()}
    led: dict[str, list[str]] = {}
    for r in relations:
        if r.type == RelationType.leads:
            led.setdefault(r.source, []).append(r.target)
    relations += backing(doc, actor_mentions + [m for m in doc.mentions if m.type == _PERSON], kinds, led)

    # the KB's own ties for what the article names (lower confidence; evidence = the first mention)
    first: dict[str, Mention] = {}
    for m in doc.mentions:
        if m.ref and m.ref not in first:
            first[m.ref] = m
    stated = {(r.type, r.source, r.target) for r in relations}
    for aid in actors:
        rec = kb.actors.get(aid.removeprefix("actor:"))
        if rec is None:
            continue
        ev = first[aid].start, first[aid].end
        for link_ in rec.backed_by:
            key = (RelationType.backs, f"actor:{link_.id}", aid)
            if _active(link_, day) and key not in stated:
                relations.append(_relation(RelationType.backs, key[1], aid, *ev, 0.6 if day else 0.5))
                stated.add(key)
        for link_ in rec.member_of:
            key = (RelationType.member_of, aid, f"actor:{link_.id}")
            if _active(link_, day) and key not in stated:
                relations.append(_relation(RelationType.member_of, aid, key[2], *ev, 0.6 if day else 0.5))
                stated.add(key)
    for pid in people:
        rec = kb.people.get(pid.removeprefix("person:"))
        if rec is None:
            continue
        ev = first[pid].start, first[pid].end
        for role in rec.roles:
            if role.actor and _role_active(role.start, role.end, day):
                key = (RelationType.leads if role.title_ar not in {"عضو"} else RelationType.member_of,
                       pid, f"actor:{role.actor}")
                if key not in stated:
                    relations.append(_relation(key[0], pid, key[2], *ev, 0.6 if day else 0.5))
                    stated.add(key)

    doc.mentions.sort(key=attrgetter("start"))
    doc.actors = list(actors.values())
    doc.people = list(people.values())
    doc.places = list(places.values())
    unique: dict[tuple[str, str, str], Relation] = {}
    for r in relations:  # one relation per (type, source, target): the first, best-evidenced one
        key = (r.type.value, r.source, r.target)
        if key not in unique or r.confidence > unique[key].confidence:
            unique[key] = r
    doc.relations = list(unique.values())
