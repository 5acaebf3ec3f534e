"""Arguments of an event: who acts (actor1), the target or counterpart (actor2), and casualties.

Arabic word order is verb-subject-object or subject-first; passives name the agent after
`على يد`/`من قبل`; nouns take their agent as a genitive (`قصف قوات النظام`) or in an agent
phrase (`شنها طيران …`); clashes and meetings name both sides with `بين … و…`; coordinated
mentions (`ميليشيا أسد والاحتلال الروسي`) are one argument of several actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from marsad.clean.normalize import normalize_text
from marsad.events.context import Context, NMention, Sentence
from marsad.events.kb_actors import VICTIMS
from marsad.events.lexicon import Hit, Payload
from marsad.events.nominals import is_patient

Group = list[NMention]

_COORD_GAPS = frozenset({"", "و", "،", ",", "،و", "/", "-", "او"})
_COORD_WORDS = frozenset({"و", "،", ",", "ميليشيات", "ميليشيا", "قوات", "وميليشيات", "وقوات", "وميليشيا", "عناصر",
                          "وعناصر", "اخري", "الاخري"})
_AGENT_MARKERS = ("علي يد", "علي ايدي", "من قبل", "من جانب", "بيد", "ارتكبها", "ارتكبه", "ارتكبتها",
                  "ارتكبته", "شنها", "شنتها", "نفذها", "نفذتها", "تبنتها", "تبناها", "اطلقتها",
                  "اطلقها", "نفذه", "نفذته", "شنه", "شنته", "تبنته", "تبناه", "نفذها", "نفذوها", "نفذوه")
_AGENT_ANY = re.compile("|".join(map(re.escape, _AGENT_MARKERS)))
_TARGET_MARKERS = frozenset({"علي", "ضد", "استهدف", "استهدفت", "بحق", "مستهدفه", "مستهدفا", "طال", "طالت", "باتجاه",
                             "نحو", "مقر", "مقرات", "مواقع"})
_WITH_MARKERS = frozenset({"مع", "بحضور", "حضره", "حضرها", "ضم", "ضمت"})

_UNITS = {"واحد": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5,
          "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9,
          "تسعه": 9, "عشر": 10, "عشره": 10}
_TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50,
         "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90,
         "تسعين": 90, "مئه": 100, "مائه": 100}
_SINGLE = frozenset({"شخص", "عنصر", "طفل", "مدني", "جندي", "شاب", "رجل", "امراه", "سيده", "قيادي", "مقاتل",
                     "ضابط", "طفله", "فتاه", "مواطن", "عامل", "قائد", "مسلح"})
_DUAL = frozenset({"شخصين", "شخصان", "عنصرين", "عنصران", "طفلين", "طفلان", "جنديين", "جنديان", "قتيلين", "قتيلان",
                   "مدنيين", "شابين", "شابان", "ضابطين", "ضابطان"})
_FILLER = frozenset({"ما", "لا", "يقل", "عن", "اكثر", "من", "نحو", "حوالي", "قرابه", "زهاء", "اقل", "علي", "الاقل",
                     "ما لا يقل"})
_CIVILIAN_WORDS = frozenset(normalize_text(w) for w in (
    "مدني", "مدنيين", "مدنيا", "مدنيون", "أطفال", "طفل", "طفلا", "نساء", "امرأة", "سيدة", "مواطن", "مواطنين",
    "مواطنا", "أهالي", "سكان", "عائلة", "عائلات", "طلاب", "متظاهرين", "متظاهرون", "مصلين", "صحفي", "ناشط"))


@dataclass(slots=True)
class Arguments:
    actor1: Group = field(default_factory=list)
    actor2: Group = field(default_factory=list)
    how: str = ""


def _gap(ctx: Context, a: NMention, b: NMention) -> str:
    return ctx.text[a.end:b.start].strip()


def _descriptive(m: NMention) -> bool:
    return m.mention.id.startswith("nom:")


def coordinated(ctx: Context, mentions: list[NMention]) -> list[Group]:
    """Mentions joined by `و`, `،` or a repeated head noun are one group.

    A description right before a name, or before `من` + a name, is that name's apposition
    (`مهاجماً انتحارياً من حركة طالبان`, `نائب رئيس البلدية مهدي حنبلي`): one group.
    """
    out: list[Group] = []
    for m in mentions:
        if out:
            gap = _gap(ctx, out[-1][-1], m)
            words = gap.split()
            if _descriptive(out[-1][-1]) and not _descriptive(m) and gap in ("", "من") \
                    and not m.mention.text.startswith("و"):
                out[-1].append(m)
                continue
            if gap == "" and not m.mention.text.startswith("و"):
                out.append([m])
                continue
            if gap in _COORD_GAPS or (len(words) <= 3 and all(w in _COORD_WORDS for w in words)):
                out[-1].append(m)
                continue
        out.append([m])
    return _titled_names(ctx, out)


_AFFILIATION_GAPS = frozenset({"في", "ب", "من", "لدي", "لدى"})


def _titled_names(ctx: Context, groups: list[Group]) -> list[Group]:
    """`القيادي في الفرقة الرابعة العقيد سامر حسن`: a title, the unit it serves in, then the titled name
    are one person; the unit stays a group of its own (his affiliation, not a second target)."""
    if len(groups) < 3 or not any(g[-1].mention.type.value == "PERSON" for g in groups[2:]):
        return groups  # the usual case: no name to attach a title to
    i = 0
    while i + 2 < len(groups):
        title, unit, named = groups[i], groups[i + 1], groups[i + 2]
        if all(_descriptive(m) for m in title) and not any(_descriptive(m) for m in unit) \
                and _gap(ctx, title[-1], unit[0]) in _AFFILIATION_GAPS and _gap(ctx, unit[-1], named[0]) == "" \
                and named[-1].mention.type.value == "PERSON":
            groups[i] = title + named
            del groups[i + 2]
        i += 1
    return groups


def _parse_number(words: list[str]) -> int | None:
    """A count at the start of ``words`` (digits, number words, dual or singular nouns)."""
    i = 0
    while i < len(words) and words[i] in _FILLER:
        i += 1
    if i >= len(words):
        return None
    w = words[i]
    if w.isdigit():
        return int(w)
    bare = w[1:] if w.startswith("و") and w[1:] in _TENS else w
    if w in _UNITS:
        value = _UNITS[w]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt in ("عشر", "عشره") and value < 10:
            return value + 10
        if nxt.startswith("و") and nxt[1:] in _TENS:
            return value + _TENS[nxt[1:]]
        return value
    if bare in _TENS:
        return _TENS[bare]
    if w in ("اثنا", "اثني") and i + 1 < len(words) and words[i + 1] in ("عشر", "عشره"):
        return 12
    if w in _DUAL:
        return 2
    if w in _SINGLE:
        return 1
    return None


def casualties(ctx: Context, sentence: Sentence, hits: list[Hit]) -> tuple[int | None, int | None]:
    """Killed and injured counts stated in a sentence (`مقتل 12 مدنياً`, `عشرة قتلى`, `شخصين`)."""
    killed: int | None = None
    injured: int | None = None
    for hit in hits:
        payload = next((p for p in hit.payloads if p.kind == "trigger"), None)
        if payload is None:
            continue
        kind = payload.casualty or ("killed" if payload.lemma.startswith(("قتل", "اغتال")) else None)
        if kind is None:
            continue
        n = _parse_number(ctx.next_words(hit.end, 5))
        if n is None:
            before = ctx.prev_words(hit.start, 1)
            if before and before[0].isdigit():
                n = int(before[0])
            elif before and before[0] in _UNITS:
                n = _UNITS[before[0]]
        if n is None or n > 5000:
            continue
        if kind == "killed":
            killed = max(killed or 0, n)
        else:
            injured = max(injured or 0, n)
    return killed, injured


def civilian_target(ctx: Context, sentence: Sentence) -> bool:
    memo = sentence.memo
    if "civilians" not in memo:
        memo["civilians"] = not _CIVILIAN_WORDS.isdisjoint(ctx.text[sentence.start:sentence.end].split())
    return memo["civilians"]


def _marker_group(ctx: Context, groups: list[Group], start: int, end: int, markers: tuple[str, ...] | frozenset[str],
                  within: int = 3) -> Group | None:
    """The group that follows one of ``markers`` found in [start, end)."""
    segment = ctx.text[start:end]
    if markers is _AGENT_MARKERS and not _AGENT_ANY.search(segment):
        return None  # none of the markers occurs at all (the usual case): one regex instead of a find each
    best: Group | None = None
    for marker in markers:
        at = _find_word(segment, marker)
        if at < 0:
            continue
        pos = start + at + len(marker)
        for g in groups:
            if g[0].start >= pos and ctx.words_between(pos, g[0].start) <= within:
                if best is None or g[0].start < best[0].start:
                    best = g
                break
    return best


def _find_word(segment: str, marker: str) -> int:
    """Position of ``marker`` as whole word(s) (optionally after و) in ``segment``, or -1."""
    at = segment.find(marker)
    while at >= 0:
        before_ok = at == 0 or not segment[at - 1].isalpha() or (segment[at - 1] == "و" and (
            at == 1 or not segment[at - 2].isalpha()))
        end = at + len(marker)
        after_ok = end >= len(segment) or not segment[end].isalpha()
        if before_ok and after_ok:
            return at
        at = segment.find(marker, at + 1)
    return -1


def _word_offset(ctx: Context, pos: int, n: int, limit: int) -> int:
    """The end of the n-th word after ``pos`` (capped at ``limit``)."""
    i = ctx.word_index(pos) + n
    if i >= len(ctx.word_ends):
        return limit
    return min(limit, ctx.word_ends[i])


_PREPOSITIONS = frozenset({"عن", "من", "في", "الي", "علي", "مع", "بين", "ضد", "لدي", "عند", "بحضور", "حضره", "باتجاه",
                           "نحو", "مقر", "قياده", "ممثلين", "ممثلي"})


_QUANTITY = frozenset({"عدد", "العشرات", "عشرات", "بعض", "احد", "احدي", "مئات", "المئات", "الاف", "مجموعه", "عددا"})


def _subject_like(ctx: Context, group: Group) -> bool:
    """A group right after a preposition (`ممثلين عن الجانب الروسي`) is not a clause subject.

    A partitive `من` after a quantity (`عدد من جنود المارينز`, `ثلاثة من عناصر`) is.
    """
    previous = ctx.prev_words(group[0].start, 3)
    if not previous:
        return True
    if previous[-1] in _QUANTITY:  # `من بعض العشائر` is a preposition's object too
        return len(previous) < 2 or previous[-2] not in _PREPOSITIONS
    if previous[-1] not in _PREPOSITIONS:
        return True
    if previous[-1] == "من" and len(previous) >= 2:
        q = previous[-2]
        return q in _QUANTITY or q.isdigit() or q in _UNITS or q in _TENS
    return False


_COMPLEMENTIZERS = frozenset({"ان", "بان", "انه", "انها", "بانه", "بانها", "وان"})


def _after_speech(ctx: Context, start: int, end: int) -> int:
    """The position after the last complementizer `أن`/`إن` in [start, end): who speaks is not who acts."""
    i = ctx.word_index(end) if end > start else -1
    lo = ctx.word_index(start)
    if i < 0 or _COMPLEMENTIZERS.isdisjoint(ctx.words[max(lo, 0):i + 1]):
        return start  # the usual case, found in C: no complementizer among the words
    while i >= lo and i >= 0:
        w = ctx.words[i]
        if ctx.word_starts[i] < end and w in _COMPLEMENTIZERS:
            # `أعلنت الحركة أنها نفذت`: the pronoun is the speaker, who then also acts.
            return start if w.endswith(("ه", "ها")) else ctx.word_ends[i]
        i -= 1
    return start


_THAT = frozenset({"ان", "بان", "فان", "لان"})


def _after_complementizer(ctx: Context, group: Group) -> bool:
    return not _THAT.isdisjoint(ctx.prev_words(group[0].start, 2))


def _has_subject(ctx: Context, hit: Hit, before: list[Group]) -> bool:
    """`حركة طالبان قد خطفت 23`: a form that reads active or passive, right after an agent, is active."""
    if _trigger_poses(hit) == {"passive"} or not before:
        return False
    last = before[-1]
    return ctx.words_between(last[-1].end, hit.start) <= 2 and not all(
        _descriptive(m) and is_patient(m.mention) for m in last)


# Words that put an event noun before or around the main clause's event (`بعد اشتباكات`, `إثر معارك`).
_SEQUEL = frozenset({"بعد", "عقب", "اثر", "خلال", "اثناء", "وبعد", "وخلال"})
_OTHER_SIDE = frozenset({"مع", "ضد"})
_CIRCUMSTANCE = frozenset({"في", "جراء", "اثر", "خلال", "عند", "بعد", "لدي", "اثناء", "حين", "عندما", "بينما"})


def _no_object(ctx: Context, hit: Hit, after: list[Group]) -> bool:
    """No object follows the verb: nothing after it, or only after a preposition (`قُتلت في هجوم انتحاري`)."""
    if not after or ctx.words_between(hit.end, after[0][0].start) > 3:
        return True
    lead = ctx.text[hit.end:after[0][0].start].split()
    return any(w in _CIRCUMSTANCE or (w.startswith("ب") and len(w) > 3) for w in lead)


_VICTIM_TYPES = frozenset({"PERSON", "NORP"})


def _victim_like(group: Group) -> bool:
    """People, nationalities and descriptions can be hit; a named group or state before a verb acts."""
    return all(m.mention.type.value in _VICTIM_TYPES for m in group)


_TIME_WORDS = frozenset({"امس", "اول", "من", "اليوم", "الليله", "صباح", "مساء", "فجر", "ظهر", "ليلا", "صباحا",
                         "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"})


_POSES: dict[int, tuple[tuple[Payload, ...], frozenset[str], frozenset[str]]] = {}


def _pos_sets(hit: Hit) -> tuple[tuple[Payload, ...], frozenset[str], frozenset[str]]:
    """The parts of speech of a hit's readings, all and as a trigger (remembered per lexicon entry: the
    automaton hands out the same payload tuple for a key every time)."""
    cached = _POSES.get(id(hit.payloads))
    if cached is None or cached[0] is not hit.payloads:
        cached = _POSES[id(hit.payloads)] = (hit.payloads, frozenset(p.pos for p in hit.payloads),
                                             frozenset(p.pos for p in hit.payloads if p.kind == "trigger"))
    return cached


def _poses(hit: Hit) -> frozenset[str]:
    return _pos_sets(hit)[1]


def _trigger_poses(hit: Hit) -> frozenset[str]:
    return _pos_sets(hit)[2]


def is_passive(ctx: Context, hit: Hit, sentence: Sentence) -> bool:
    kinds = _trigger_poses(hit)
    if "passive" not in kinds:
        return False
    if any(c in hit.prefix for c in "بل") or "ال" in hit.prefix:
        return False  # `بخطف`, `الاعتقال`: a masdar after a preposition or the article, not a passive verb
    if kinds == {"passive"}:
        return True
    # Forms like `قتل`/`اعتقل` are active or passive: passive before a count or an agent phrase.
    following = ctx.next_words(hit.end, 7)
    while following and following[0] in _TIME_WORDS:  # `قُتل أول من أمس 4 جنود`
        following = following[1:]
    nxt = following[:1]
    if nxt and _parse_number(following[:3]) is not None and (
            nxt[0].isdigit() or nxt[0] in _UNITS or nxt[0] in _SINGLE or nxt[0] in _DUAL):
        return True
    return _agent_phrase_follows(ctx, hit, sentence)


def _agent_phrase_follows(ctx: Context, hit: Hit, sentence: Sentence) -> bool:
    tail = ctx.text[hit.end:min(sentence.end, hit.end + 80)]
    return any(_find_word(tail, m) >= 0 for m in ("علي يد", "علي ايدي", "من قبل"))


def _undergoes(ctx: Context, hit: Hit) -> bool:
    """`تعرضت القوات الأميركية لهجوم`: the subject of `تعرض` suffers the event."""
    if "تعرض" not in ctx.text[max(0, hit.start - 12):hit.start]:
        return False  # cheap test first: this runs for every trigger
    previous = ctx.prev_words(hit.start, 1)
    return bool(previous) and any(previous[0].startswith(p) for p in ("تعرض", "يتعرض", "تتعرض", "وتعرض", "وتعرضت"))


_PATIENT_MODES = frozenset({"assassinate", "execute", "torture", "beat", "abduct", "sexual", "arrest"})


def _count_only(words: list[str]) -> bool:
    """Words that only count (`ما لا يقل عن 30`, `اثنين من`, `عشرات من`) between a masdar and its patient."""
    return 0 < len(words) <= 6 and all(
        w.isdigit() or w in _UNITS or w in _TENS or w in _FILLER or w in _QUANTITY or w in _DUAL or w == "من"
        or (w[:1] == "و" and w[1:] in _TENS) for w in words)


def _patient_genitive(payload: Payload) -> bool:
    """Masdars whose genitive is the patient (`اغتيال`, `خطف`, `مقتل`), unlike `قصف قوات النظام`."""
    return bool(payload.casualty) or payload.mode in _PATIENT_MODES


_LOCATIVE = frozenset({"في", "داخل", "شمال", "جنوب", "شرق", "غرب", "وسط", "قرب", "بالقرب", "انحاء", "عاصمه",
                       "شمالي", "جنوبي", "شرقي", "غربي", "بمدينه", "مدينه", "منطقه", "اقليم", "ولايه", "الي"})


def _object_like(ctx: Context, group: Group) -> bool:
    """A group after `في` or a direction word is where, not whom (`في الصومال`, `شمال العراق`)."""
    previous = ctx.prev_words(group[0].start, 1)
    return not previous or previous[0] not in _LOCATIVE


def assign(ctx: Context, sentence: Sentence, hit: Hit, payload: Payload, candidates: list[NMention]) -> Arguments:
    """actor1 and actor2 of the event triggered by ``hit``; a victim noun never acts."""
    args = _assign(ctx, sentence, hit, payload, candidates)
    if not args.actor2 and payload.plover == "ASSAULT":
        args.actor2 = _owner_of_target(ctx, sentence, hit, candidates, args.actor1)
    if args.actor1 and args.how != "agent" and _all_patients(args.actor1):
        # `11 مدنياً قتلوا في التفجير الانتحاري`: the victims are the target; an agent noun left in the
        # target slot (`الانتحاري`) is the one who acted.
        other = args.actor2
        args.actor2 = args.actor1
        # `قتل ثلاثة أطفال بقصف لقوات النظام`: a named group right after an attack noun is its agent.
        agent_genitive = bool(other) and payload.pos != "verb" and not _patient_genitive(payload) \
            and ctx.words_between(hit.end, other[0].start) <= 1
        args.actor1 = other if other and not _all_patients(other) and (
            agent_genitive or all(_descriptive(m) for m in other)) else []
    return args


_BELONGING = frozenset({"تابعه", "التابعه", "تابع", "التابع", "تابعين", "التابعين", "تابعتين", "لصالح"})


def _owner_of_target(ctx: Context, sentence: Sentence, hit: Hit, candidates: list[NMention],
                     actor1: Group) -> Group:
    """`انفجرت عبوة بسيارة عسكرية تابعة للجيش التركي`: whoever owns what was hit is the target."""
    clause = sentence.clause_of(hit.start)
    if _BELONGING.isdisjoint(ctx.text[hit.end:clause[1]].split()):
        return []  # the usual case: nothing in the clause is said to belong to anyone
    groups, _, _ = _groups(ctx, sentence, candidates)
    for g in groups:
        if g[0].start < hit.end or g[0].start >= clause[1] or ctx.words_between(hit.end, g[0].start) > 10:
            continue
        if g is not actor1 and not _BELONGING.isdisjoint(ctx.prev_words(g[0].start + 1, 2)):
            return g
    return []


def _all_patients(group: Group) -> bool:
    return all((_descriptive(m) and is_patient(m.mention)) or m.ref in VICTIMS for m in group)


def with_owner(ctx: Context, group: Group, candidates: list[NMention], owned: Any) -> Group:
    """`قال الجيش الأمريكي إن قواته قتلت`: a possessed description (`قواته`) belongs to the named actor before it."""
    if len(group) != 1 or not _descriptive(group[0]) or not owned(ctx.text[group[0].start:group[0].end].split()[0]):
        return group
    owner = [m for m in candidates if m.end <= group[0].start and not _descriptive(m)
             and m.mention.type.value in ("ARMED_GROUP", "STATE", "ORG")]
    return [owner[-1], group[0]] if owner else group


def swap_for_casualty(ctx: Context, args: Arguments, hit: Hit, casualty_hits: list[Hit]) -> None:
    """`بي نظير بوتو قُتلت في هجوم انتحاري`: a subject whose own verb is a casualty verb was hit."""
    if not args.actor1 or args.actor1[-1].end > hit.start:
        return
    if not any(args.actor1[-1].end <= h.start and h.end <= hit.start for h in casualty_hits):
        return
    other = args.actor2
    args.actor2 = args.actor1
    args.actor1 = other if other and not _all_patients(other) and all(_descriptive(m) for m in other) else []
    args.how = "casualty-subject"


def _groups(ctx: Context, sentence: Sentence, candidates: list[NMention]) -> tuple[list[Group], list[bool], list[bool]]:
    """The sentence's argument groups, and which can be an object and which a subject (once per sentence:
    every trigger of the sentence asks)."""
    memo = sentence.memo.get("groups")
    if memo is None or memo[0] is not candidates:
        groups = coordinated(ctx, [m for m in candidates if sentence.start <= m.start < sentence.end])
        memo = sentence.memo["groups"] = (candidates, groups, [_object_like(ctx, g) for g in groups],
                                          [_subject_like(ctx, g) for g in groups])
    return memo[1], memo[2], memo[3]


def _genitive_of_object(ctx: Context, hit: Hit, group: Group) -> bool:
    """`داهمت الدوريات منازل المعتقلين`: a group after a noun that follows the verb is that noun's genitive,
    not the verb's subject. The governing noun never takes the article; a definite word before a name is
    its title (`قتل المزارع إبراهيم`). Time words, counts and `قد` may come between a verb and its subject."""
    lead = ctx.text[hit.end:group[0].start].split()
    if lead and ctx.text[group[0].start - 1].isalpha():
        lead.pop()  # a clitic on the group's own word (`للقوات`)
    return any(not (w in _TIME_WORDS or w in _QUANTITY or w in _FILLER or w in _UNITS or w.isdigit() or w in _BETWEEN
                    or w.startswith(("ال", "وال")) or _heads_subject(w))
               and w.isalpha() for w in lead)


_BETWEEN = frozenset({"قد", "يوم", "مساء", "ليل", "عصر", "جميع", "كل", "كافه"})


# Nouns of people that head a subject with its genitive (`اقترح ممثلو الميليشيات`, `هاجم عناصر التنظيم`).
_PEOPLE_HEADS = frozenset({"ممثلي", "قاده", "قايد", "زعيم", "عناصر", "افراد", "رجال", "اعضاء", "وفد", "مقاتلي",
                           "مسلحي", "جنود", "ضباط", "قوات", "مليشيات", "ميليشيات", "مجموعه", "مجموعات"})


def _heads_subject(word: str) -> bool:
    """A people noun, or a plural in the nominative construct (`ممثلو`, `مقاتلو`: the subject's own case)."""
    return word in _PEOPLE_HEADS or (len(word) > 3 and word.endswith("و"))


def _assign(ctx: Context, sentence: Sentence, hit: Hit, payload: Payload, candidates: list[NMention]) -> Arguments:
    clause = sentence.clause_of(hit.start)
    groups, object_like, subject_like = _groups(ctx, sentence, candidates)
    after = [g for g, ok in zip(groups, object_like, strict=True) if ok and g[0].start >= hit.end]
    opening = _after_speech(ctx, clause[0], hit.start)
    before = [g for g, ok in zip(groups, subject_like, strict=True)
              if ok and g[-1].end <= hit.start and g[0].start >= opening]
    args = Arguments()

    # `بين X و Y`: both sides of a clash or a meeting.
    between = _find_word(ctx.text[hit.end:min(sentence.end, hit.end + 40)], "بين")
    if between >= 0:
        pos = hit.end + between + 3
        side = next((g for g in after if g[0].start >= pos and ctx.words_between(pos, g[0].start) <= 2), None)
        if side is not None:
            if len(side) > 1:
                args.actor1, args.actor2, args.how = side[:1], side[1:], "between"
            else:
                rest = [g for g in after if g[0].start > side[-1].end]
                args.actor1 = side
                if rest and ctx.words_between(side[-1].end, rest[0][0].start) <= 3:
                    args.actor2 = rest[0]
                args.how = "between"
            return args

    agent_end = _word_offset(ctx, hit.end, 10 if "passive" in _poses(hit) else 6, sentence.end)
    agent = _marker_group(ctx, after, hit.end, agent_end, _AGENT_MARKERS)
    undergoes = _undergoes(ctx, hit)
    if undergoes or (is_passive(ctx, hit, sentence) and (
            not _has_subject(ctx, hit, before) or _agent_phrase_follows(ctx, hit, sentence))):
        args.actor1 = agent or []
        # `جندياً عراقياً قُتل`, `اختطف ضابط … على يد مسلحين`: a subject before a passive is its patient.
        patient = before[-1] if before and ctx.words_between(before[-1][-1].end, hit.start) <= (3 if undergoes else 2) \
            else None
        target = patient or next((g for g in after if g is not agent and ctx.words_between(hit.end, g[0].start) <= 8),
                                 None)
        args.actor2, args.how = target or [], "passive"
        return args

    pos = payload.pos
    if pos == "verb" and (any(c in hit.prefix for c in "بل") or "ال" in hit.prefix):
        pos = "noun"  # `قام الجنود بقتل المدنيين`: after a preposition the form is a masdar
    if pos == "verb":
        subject = before[-1] if before and ctx.words_between(before[-1][-1].end, hit.start) <= 12 else None
        first_after = after[0] if after and ctx.words_between(hit.end, after[0][0].start) <= 3 \
            and not _genitive_of_object(ctx, hit, after[0]) else None
        if subject is not None and first_after is not None and ctx.words_between(hit.end, first_after[0].start) <= 1 \
                and not _after_complementizer(ctx, subject):
            subject = None
        if subject is not None and _no_object(ctx, hit, after) and "passive" in _poses(hit) \
                and ctx.words_between(subject[-1].end, hit.start) <= 3 and _victim_like(subject):
            # `جندياً أميركياً قُتل في هجوم`: no object after a form that reads passive; the subject is hit.
            args.actor1, args.actor2, args.how = agent or [], subject, "passive"
            return args
        if subject is not None:
            args.actor1, args.how = subject, "svo"
            obj = next((g for g in after if ctx.words_between(hit.end, g[0].start) <= 12), None)
            args.actor2 = obj or []
        elif first_after is not None:
            args.actor1, args.how = first_after, "vso"
            obj = next((g for g in after[1:] if ctx.words_between(first_after[-1].end, g[0].start) <= 12), None)
            args.actor2 = obj or []
        if agent is not None and not args.actor1:
            args.actor1 = agent
        return args

    # Nouns and fixed phrases: an agent phrase, else a genitive agent, else the clause's subject.
    genitive = None
    if after and ctx.words_between(hit.end, after[0][0].start) <= 1:
        lead = ctx.text[hit.end:after[0][0].start].split()
        if not (set(lead) & (_TARGET_MARKERS | _WITH_MARKERS)):
            genitive = after[0]
    elif after and _patient_genitive(payload) and _count_only(ctx.text[hit.end:after[0][0].start].split()):
        genitive = after[0]  # `مقتل ما لا يقل عن ثلاثة مسلحين`, `مقتل اثنين من جنوده`
    subject = before[0] if before and ctx.words_between(before[0][-1].end, hit.start) <= 12 else None
    if subject is None and genitive is None and agent is None and clause[0] > sentence.start \
            and not _SEQUEL.isdisjoint(ctx.prev_words(hit.start, 1)) \
            and not _OTHER_SIDE.isdisjoint(ctx.next_words(hit.end, 2)):
        # `سيطرت الهيئة على القرية بعد اشتباكات مع قوات النظام`: who fought the named other side is the
        # main clause's subject (a bare `بعد السيطرة على المدينة` in a quote names no fight of its own).
        outer = [g for g, ok in zip(groups, subject_like, strict=True)
                 if ok and g[-1].end <= clause[0] and not _all_patients(g)]
        subject = outer[0] if outer else None
    # `قصف للطيران` (agentive lam) names the agent; `إقصاء الإيرانيين` after a subject names the patient.
    agentive = genitive is not None and ctx.text[genitive[0].start - 1:genitive[0].start + 2].lstrip().startswith("لل")
    if genitive is not None and not agentive and _patient_genitive(payload):
        # `اغتيال عماد مغنية`, `مقتل 3 مدنيين`, `اعتقال ناشط`: the genitive is who was hit.
        args.actor2 = genitive
        args.actor1, args.how = (agent, "agent") if agent is not None else (subject or [], "clause-subject")
        return args
    if agent is not None:
        args.actor1, args.how = agent, "agent"
    elif genitive is not None and (subject is None or agentive):
        args.actor1, args.how = genitive, "genitive"
    elif subject is not None:
        args.actor1, args.how = subject, "clause-subject"
        if genitive is not None:
            args.actor2 = genitive
            return args
    markers = _WITH_MARKERS | _TARGET_MARKERS
    target = None
    for g in after:
        if g is args.actor1 or ctx.words_between(hit.end, g[0].start) > 12:
            continue
        lead = ctx.prev_words(g[0].start, 4)
        lead_words = set(lead) | {w[1:] for w in lead if w.startswith("و")}
        if lead_words & markers or (args.actor1 and g[0].start > args.actor1[-1].end):
            target = g
            break
    args.actor2 = target or []
    if not args.actor1 and payload.plover == "CONSULT" and target is not None:
        args.actor1, args.actor2, args.how = target, [], "participants"
    return args
