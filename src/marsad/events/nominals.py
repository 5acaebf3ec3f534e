"""Descriptive actors: common nouns that name who acts or who is hit when no organisation is named.

News names many actors by description rather than by name: `مسلحون`, `انتحاري`, `قوات الأمن`,
`الجيش`, `الشرطة`, `جنود`, and most victims: `مدنيين`, `أشخاص`, `عناصر`, `ناشطاً`. The KB cannot
list these, so the NER and link stages leave them without a mention; the event stage still needs
them as arguments. Each is an unlinked argument span (no ref): it fills the actor slot so the
word-order rules see the real subject or object, and no KB id is invented for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.clean.normalize import normalize_text
from marsad.document import MentionType

# Heads, singular/plural/dual/accusative forms as they appear (normalised below, clitics stripped at match time).
_HEADS = (
    # who acts
    "مسلح", "مسلحون", "مسلحين", "مسلحا", "مسلحان", "مسلحي", "مسلحو", "مفجر", "مفجرون", "مفجرين", "انتحاري",
    "انتحاريون", "انتحاريين", "انتحاريان", "انتحاريا", "انتحاريه", "متشدد", "متشددون", "متشددين", "متمرد",
    "متمردون", "متمردين", "مقاتل", "مقاتلون", "مقاتلين", "مقاتلي", "مقاتلو", "جنود", "جندي", "جنديا", "جيش",
    "قوات", "قوه", "وحده", "فرقه", "كتيبه", "دوريه", "دوريات", "شرطه", "شرطي", "شرطيا", "شرطيين", "امن", "حرس", "قناص",
    "قناصه", "متطرفين", "متطرفون", "ارهابيين", "ارهابيون", "ارهابي", "حركه", "جماعه", "تنظيم", "ميليشيا",
    "ميليشيات", "مليشيا", "مليشيات", "مستوطن", "مستوطنون", "مستوطنين", "مستوطني", "مهاجمين", "مهاجمون", "مهاجم",
    "مهاجمان", "فدائيين", "فدائيون", "قراصنه", "قبائل", "عشائر", "مسلحه", "خاطفين",
    "خاطفون", "قتله", "مجهولون", "مجهولين", "ملثمون", "ملثمين", "طائرات", "طائره", "طيران", "مروحيات", "مروحيه",
    "دبابات", "دبابه", "مدفعيه",
    "سلاح", "بحريه",
    "متظاهرين", "متظاهرون", "محتجين", "محتجون", "عصابه", "عصابات", "مخابرات",
    "استخبارات", "عناصر", "عنصر", "عنصرا", "افراد", "رجال", "حراس", "حارس", "ضابط", "ضابطا", "ضباط",
)
# Nouns that name who is hit: never the one who acts.
_PATIENT_HEADS = (
    "مدني", "مدنيين", "مدنيا", "مدنيون", "شخص", "شخصا", "اشخاص", "شخصين", "شخصان", "طفل", "طفلا", "اطفال",
    "طفلين", "نساء", "امراه", "سيده", "مواطن", "مواطنا", "مواطنين", "مواطنون", "سكان", "اهالي", "سياسيين",
    "سياسي", "ناشط", "ناشطا", "ناشطين", "صحفي", "صحفيا", "صحفيين", "صحافي", "صحافيا", "صحافيين", "مسؤول",
    "مسؤولا", "مسؤولين", "مسؤولي", "قائد", "قائدا", "قياديا", "قيادي", "زعيم", "رئيس", "سفير", "قنصل", "نائب",
    "وزير", "قاضي", "قضاه", "رهائن", "رهينه", "اسري", "اسير", "معتقلين", "معتقلون", "سجناء", "قتلي", "جرحي",
    "ضحايا", "مصلين", "طلاب", "عمال", "عاملين", "موظفين", "موظفا", "زوار", "حجاج", "سياح", "سائحا", "قرويين",
    "لاجئين", "نازحين", "متهمين", "مشتبه", "عائله", "اسره", "رجل", "رجلا", "شاب", "شابا", "شبان", "فتاه",
    "جنديين", "شخصيات", "اعضاء", "عضو", "عضوا", "نشطاء", "مسافرين", "ركاب", "سائق", "سائقه", "مرافقه",
    "حاكم", "محافظ", "امام", "شيخ", "مختار", "طبيب", "اطباء", "مسعفين", "اجانب", "مصور", "مصورين", "مدرس",
    "مهندس", "مهندسين", "نقيب", "عميد", "عقيد", "رائد", "ملازم", "مقدم", "لواء", "نزلاء", "مارين", "مارة",
)


def _with_accusative(words: tuple[str, ...]) -> frozenset[str]:
    """The forms as written plus the indefinite accusative of singulars (`متمرد` -> `متمردا`)."""
    base = {normalize_text(w) for w in words}
    return frozenset(base | {w + "ا" for w in base if not w.endswith(("ا", "ين", "ون", "ات", "ه", "ء"))})


PATIENTS = _with_accusative(_PATIENT_HEADS)
HEADS = _with_accusative(_HEADS) | PATIENTS
# Words a description never runs over (time words, relatives, prepositions).
_STOP = frozenset(normalize_text(w) for w in (
    "في", "الذي", "التي", "الذين", "اللذين", "اللتين", "الاسبوع", "الماضي", "الماضية", "الجاري", "الحالي", "امس",
    "اليوم", "الليلة", "الاقل", "الاول", "الثاني", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة", "السبت", "الاحد",
    "الاثنين", "التابعة", "التابع", "المقبل", "اثنين", "اثنان", "الي", "علي", "عن", "مع", "الا", "بدون", "دون",
    "الذين", "اللواتي"))
# Clitic prefixes, longest first: conjunction, preposition, article.
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "و", "ف", "ب", "ل")
_POSSESSIVES = ("هم", "ها", "ه")
# Words that carry a head on to its description (`قوات الأمن العراقية`, `مسلحين من القبائل`).
_EXTEND_MAX = 3


def _all_forms(heads: frozenset[str]) -> frozenset[str]:
    """Every head with one clitic prefix or one possessive suffix: one set lookup per word at run time."""
    forms = set(heads)
    for head in heads:
        if len(head) >= 3:
            forms.update(p + head for p in _PREFIXES)
            forms.update(head + q for q in _POSSESSIVES)
    return frozenset(forms)


_FORMS = _all_forms(HEADS)
_PATIENT_FORMS = _all_forms(PATIENTS)


def head_of(word: str) -> bool:
    """``word`` (normalised) is a descriptive actor noun, with or without clitics."""
    return len(word) >= 3 and word in _FORMS


def possessed(word: str) -> bool:
    """``word`` is a description with a possessive pronoun (`قواته`, `جنودها`, `عناصرهم`)."""
    return word not in HEADS and any(word.endswith(p) and word[:-len(p)] in HEADS for p in _POSSESSIVES)


def is_patient(mention: Any) -> bool:
    """A descriptive mention headed by a victim noun (`مدنيين`, `أشخاص`, `ناشطاً`)."""
    return mention.id.startswith("nom:p")


def _modifier(word: str) -> bool:
    """A definite word or an indefinite adjective that describes the head (`الباكستانية`, `مقنعون`)."""
    if len(word) < 3 or word in _STOP:
        return False
    return word.startswith("ال") or word.endswith(("ون", "ين", "يه", "يا", "ي"))


def heads_among(words: list[str], first: int) -> list[int]:
    """Indices (``first`` + position) of the description heads among ``words``, e.g. one sentence's words."""
    forms = _FORMS
    if forms.isdisjoint(words):
        return []
    return [first + k for k, w in enumerate(words) if len(w) >= 3 and w in forms]


def find_nominals(text: str, starts: list[int], ends: list[int], lo: int, hi: int, heads: list[int],
                  taken: list[tuple[int, int]], stops: set[int]) -> list[tuple[int, int]]:
    """Spans [start, end) of descriptive actors headed by the words ``heads`` (sorted indices in [lo, hi)).

    ``taken`` are spans of linked mentions (sorted); a descriptive span never overlaps them and stops
    before the next one. ``stops`` are word indices (triggers) a description does not run over.
    """
    out: list[tuple[int, int]] = []
    t = 0
    i = lo
    for head in heads:
        if head < i:
            continue
        i = head
        s, e = starts[i], ends[i]
        while t < len(taken) and taken[t][1] <= s:
            t += 1
        if t < len(taken) and taken[t][0] < e:
            i += 1
            continue
        if i in stops and i > lo and out and out[-1][1] == ends[i - 1]:  # `مفجر انتحاري`: one description
            out[-1] = (out[-1][0], e)
            i += 1
            continue
        limit = taken[t][0] if t < len(taken) else len(text)
        j = i + 1
        while j < hi and j - i <= _EXTEND_MAX and ends[j] <= limit and j not in stops \
                and text[starts[j]:ends[j]].isalpha() \
                and (_modifier(text[starts[j]:ends[j]]) or head_of(text[starts[j]:ends[j]])):
            j += 1
        out.append((s, ends[j - 1]))
        i = j
    return out


_COMPLEMENTIZERS = frozenset({"ان", "بان", "وان", "لان", "فان"})


# Not frozen, like lexicon.Hit: built often, never changed (hashable as if frozen).
@dataclass(slots=True, unsafe_hash=True)
class Description:
    """An unlinked argument (original offsets), shaped like a Mention for the argument rules; never stored."""

    id: str
    text: str
    start: int
    end: int
    ref: None = None
    type: MentionType = MentionType.NORP


def nominal_mention(original_text: str, start: int, end: int, n: int, head: str, previous: str,
                    agrees_with: Description | None = None) -> Description:
    """A description as an argument mention; victims (``nom:p``) or possible agents (``nom:a``).

    Victim nouns are patients; so is an indefinite accusative (`قتلوا خمسة مسلحين`, `جندياً`,
    `مسلحاً`) unless `أنّ` governs it (`إن مهاجماً انتحارياً فجر`). A description right after
    another (``agrees_with``) shares its case.
    """
    if agrees_with is not None:
        kind = agrees_with.id[:5]
    else:
        # `طائراتها` ends in the pronoun `ها`, not the accusative `ا`.
        accusative = len(head) > 3 and head.endswith("ا") and not head.startswith("ال") \
            and previous not in _COMPLEMENTIZERS and not possessed(head)
        kind = "nom:p" if accusative or head in _PATIENT_FORMS else "nom:a"
    return Description(id=f"{kind}{n}", text=original_text[start:end], start=start, end=end)
