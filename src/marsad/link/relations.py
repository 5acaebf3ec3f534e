"""Relations stated in the text: who leads whom (appositions), who backs whom, aliases.

`قائد ميليشيا الباقر (خالد الحسن العلوش)`: a role word, an actor, optional rank, then the person
-> the person leads the actor. `ميليشيات أخرى مشكلة من قبل روسيا ... من بينها الدفاع الوطني`:
Russia backs the militias listed with it. Evidence is the span of the words that say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from marsad.document import Document, Mention, MentionType, Relation, RelationType, Span

ACTOR_TYPES = {"ARMED_GROUP", "STATE", "ORG"}
# Read once: an enum member looked up on its class goes through the metaclass (~150 ns per mention).
_STATE, _ARMED_GROUP = MentionType.STATE, MentionType.ARMED_GROUP

# Role word before an actor -> (relation, English title).
ROLES = {
    "قائد": ("leads", "Commander"), "زعيم": ("leads", "Leader"), "رئيس": ("leads", "Head"),
    "أمير": ("leads", "Emir"), "متزعم": ("leads", "Leader"), "مدير": ("leads", "Director"),
    "الأمين العام": ("leads", "Secretary-general"), "القائد العام": ("leads", "Commander-in-chief"),
    "مسؤول": ("leads", "Head"), "آمر": ("leads", "Commander"), "مؤسس": ("leads", "Founder"),
    "قيادي في": ("member_of", "Commander"), "القيادي في": ("member_of", "Commander"),
    "عنصر في": ("member_of", "Member"), "عضو في": ("member_of", "Member"), "مقاتل في": ("member_of", "Fighter"),
    "المتحدث باسم": ("member_of", "Spokesperson"), "الناطق باسم": ("member_of", "Spokesperson"),
}
_ROLE_RE = re.compile(
    r"(?:^|[\s(،,])(?:و|ف)?(" + "|".join(sorted(map(re.escape, ROLES), key=len, reverse=True)) + r")\s*(?:لـ?|ل)?\s*$"
)
RANKS = {
    "العماد": "General", "عماد": "General", "الفريق": "Lieutenant General", "اللواء": "Major General",
    "العميد": "Brigadier General", "العقيد": "Colonel", "المقدم": "Lieutenant Colonel", "الرائد": "Major",
    "النقيب": "Captain", "الملازم أول": "First Lieutenant", "الملازم": "Lieutenant", "المساعد": "Warrant Officer",
    "الرقيب": "Sergeant", "العقيد الركن": "Colonel", "العميد الركن": "Brigadier General",
}
_RANK_RE = re.compile(r"(" + "|".join(sorted(map(re.escape, RANKS), key=len, reverse=True)) + r")")
# The gap between the actor and the person: adjectives, a place, a rank, an opening bracket.
_GAP_MAX_WORDS = 4

ALIAS_RE = re.compile(
    r"^\s*[،,]?\s*(?:و)?(?:الملقب|الملقّب|الملقبة|المعروف|المعروفة|المكنى|المكنّى|الشهير|والملقب"
    r"|المعروف باسم|الملقب باسم)"
    r"\s*(?:بـ|ب|باسم)?\s*[\"«(]?\s*"
)

BACKING_RE = re.compile(
    r"(?P<other>(?:ال)?(?:ميليشيات|مليشيات|فصائل|مجموعات|ميليشيا)\s+(?:أخرى|اخرى)\s+)?"
    r"(?:ال)?(?:مشكلة|مشكّلة|المشكّلة|مدعومة|المدعومة|المدعوم|مدعوم|التي شكلتها|الذي شكلته|التي تدعمها)"
    r"(?:\s+من)?(?:\s+قبل)?\s*$"
)
MEMBERS_RE = re.compile(r"^\s*(?:في\s+\S+\s+)?[،,]?\s*(?:من\s+بينها|ومن\s+بينها|منها|ومنها|أبرزها|مثل)\s*")


@dataclass
class PersonRole:
    person_mention: Mention
    actor_ref: str
    relation: str
    title: str
    rank: str | None
    evidence: Span


def appositions(doc: Document, people: list[Mention], actors: list[Mention]) -> list[PersonRole]:
    """Role + actor [+ rank] + (person): `رئيس فرع المخابرات الجوية في حلب العقيد (علي ديوب حسن)`."""
    out: list[PersonRole] = []
    for p in people:
        before = [a for a in actors if a.end <= p.start and p.start - a.end <= 60 and a.ref]
        if not before:
            continue
        a = max(before, key=lambda x: x.end)
        gap = doc.text[a.end:p.start]
        words = gap.replace("(", " ").split()
        if len(words) > _GAP_MAX_WORDS or any(ch in gap for ch in ".؛:\n") or "،" in gap.strip():
            continue
        role = _ROLE_RE.search(doc.text[max(0, a.start - 30):a.start])
        rank_m = _RANK_RE.search(gap)
        rank = RANKS[rank_m.group(1)] if rank_m else None
        if role is None:
            continue
        relation, title = ROLES[role.group(1)]
        ev_start = a.start - (len(doc.text[max(0, a.start - 30):a.start]) - role.start(1))
        out.append(PersonRole(p, a.ref or "", relation, title, rank, Span(start=ev_start, end=p.end)))
    return out


def rank_before(doc: Document, m: Mention) -> str | None:
    """`العقيد (علي ديوب حسن)`: a rank just before a person's name."""
    window = doc.text[max(0, m.start - 25):m.start]
    hits = list(_RANK_RE.finditer(window))
    hit = hits[-1] if hits else None
    if hit and not window[hit.end():].replace("(", "").strip():
        return RANKS[hit.group(1)]
    return None


def alias_spans(doc: Document, people: list[Mention]) -> list[tuple[Mention, int, int]]:
    """`X الملقب بـ (Y)` -> (X's mention, Y's start, Y's end) in the text."""
    out = []
    for p in people:
        tail = doc.text[p.end:p.end + 80]
        tail = tail[1:] if tail.startswith(")") else tail
        offset = p.end + (1 if doc.text[p.end:p.end + 1] == ")" else 0)
        m = ALIAS_RE.match(tail)
        if not m:
            continue
        rest = tail[m.end():]
        name = re.match(r"([^()\"»،,.؛\n]+)", rest)
        if not name:
            continue
        value = name.group(1).strip()
        if not value or len(value.split()) > 5:
            continue
        start = offset + m.end() + rest.index(value)
        out.append((p, start, start + len(value)))
    return out


def backing(doc: Document, mentions: list[Mention], kinds: dict[str, str],
            led: dict[str, list[str]] | None = None) -> list[Relation]:
    """`ميليشيات أخرى مشكلة من قبل روسيا ... من بينها الدفاع الوطني` -> Russia backs them.

    With `أخرى` ("other militias formed by Russia") the groups named before it in the sentence are
    backed too, including the groups led by the people named there (``led``: person -> actors).
    """
    led = led or {}
    rels: list[Relation] = []
    ordered = sorted(mentions, key=attrgetter("start"))
    for i, patron in enumerate(ordered):
        if patron.type != _STATE or not patron.ref:
            continue
        window = doc.text[max(0, patron.start - 60):patron.start]
        hit = BACKING_RE.search(window)
        if not hit:
            continue
        ev_start = patron.start - len(window) + hit.start()
        sentence = next((s for s in doc.sentences if s.start <= patron.start < s.end), None)
        s_start, s_end = (sentence.start, sentence.end) if sentence else (0, len(doc.text))

        def groups(ms: list[Mention], patron: Mention = patron) -> list[Mention]:
            return [m for m in ms if m.ref and m.type == _ARMED_GROUP
                    and kinds.get(m.ref) != "collective" and m.ref != patron.ref]

        backed: list[Mention] = []
        head = [m for m in ordered[:i] if m.end <= ev_start and ev_start - m.end <= 12]
        if hit.group("other"):
            earlier = [m for m in ordered[:i] if m.start >= s_start]
            backed += groups(earlier)
            for m in earlier:
                for ref in led.get(m.ref or "", []):
                    if kinds.get(ref) != "collective" and ref != patron.ref:
                        backed.append(m.model_copy(update={"ref": ref, "type": m.type.__class__("ARMED_GROUP")}))
        else:
            backed += groups(head[-1:])
        tail = doc.text[patron.end:patron.end + 40]
        members = MEMBERS_RE.match(tail)
        if members:
            follow = [m for m in ordered[i + 1:] if m.start < s_end]
            backed += groups(follow[:4])
        for target in dict.fromkeys(m.ref or "" for m in backed):
            rels.append(Relation(type=RelationType.backs, source=patron.ref, target=target,
                                 evidence=Span(start=ev_start, end=patron.end), confidence=0.8))
    return rels
