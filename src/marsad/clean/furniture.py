"""Page furniture: the strings around and inside an article that are not the article.

Rules are general (shapes and the common vocabulary of news-site interfaces in Arabic and
English), not lists tuned to one page. Each rule returns the reason a line is furniture, or
None. Lines are paragraphs of the extracted text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np

from marsad.clean.codepoints import CodePointTable, code_points
from marsad.clean.normalize import normalize_text

_SENTENCE_END = re.compile(r"[.!?؟…:\"»”)]\s*$")
_WORDS = re.compile(r"[^\W\d_]+")


def words(line: str) -> list[str]:
    return _WORDS.findall(line)


# What every rule asks about a line: its number of words and its normalised form. Filled for all
# the lines of a text at once by `prepare_lines`; a line met on its own is measured alone.
# Bounded: cleared when full.
_WORD_COUNTS: dict[str, int] = {}
_NORMALIZED: dict[str, str] = {}
_FACTS_MAX = 4096
# Lines without the keyword a costly rule looks for (`con` for icon labels, a policy phrase): found for
# all the lines of a text at once by `prepare_lines`, when the whole text lacks it.
_NO_ICON: set[str] = set()
_NO_POLICY: set[str] = set()
# Per code point: 1 if it is in _WORDS' class, else 0.
_WORD_CHAR = re.compile(r"[^\W\d_]")
_IS_WORD_CHAR = CodePointTable(lambda ch: 1 if _WORD_CHAR.match(ch) else 0)


def _word_counts(joined: str, starts: np.ndarray) -> np.ndarray:
    """Words (runs of _WORDS' class) in each slice of ``joined`` that begins at ``starts``."""
    letter = _IS_WORD_CHAR(code_points(joined)).astype(bool)
    first = letter.copy()  # the first letter of each word
    first[1:] &= ~letter[:-1]
    return np.add.reduceat(first, starts, dtype=np.int64)


def prepare_lines(lines: list[str]) -> None:
    """Count the words of a text's lines and normalise them, each in one array pass over their join
    (not one regex and one translate per line).

    No line holds a newline, and a newline is neither a letter nor changed by normalisation, so
    the join splits back into the lines. ``normalize_text`` maps character by character (its
    obfuscator rule only looks at letters, tatweel and the obfuscating marks next to each other).
    """
    if not lines:
        return
    if len(_NORMALIZED) + len(lines) > _FACTS_MAX:
        _NORMALIZED.clear()
        _WORD_COUNTS.clear()
        _NO_ICON.clear()
        _NO_POLICY.clear()
    joined = "\n".join(lines)
    joined_norm = normalize_text(joined)
    norms = joined_norm.split("\n")
    if len(norms) == len(lines):
        _NORMALIZED.update(zip(lines, norms, strict=True))
        # No keyword holds a newline: one absent from the join is absent from every line.
        if not any(key in joined_norm for key in _POLICY_KEYS):
            _NO_POLICY.update(lines)
    if "con" not in joined.lower():
        _NO_ICON.update(lines)
    starts = np.cumsum([0, *(len(line) + 1 for line in lines[:-1])])
    # A newline after the last line: each line's slice is then non-empty, an empty last line's too.
    _WORD_COUNTS.update(zip(lines, _word_counts(joined + "\n", starts).tolist(), strict=True))


def _word_count(line: str) -> int:
    n = _WORD_COUNTS.get(line)
    if n is None:
        if len(_WORD_COUNTS) >= _FACTS_MAX:
            _WORD_COUNTS.clear()
        n = _WORD_COUNTS[line] = len(_WORDS.findall(line))
    return n


def normalized_line(line: str) -> str:
    """``normalize_text(line)``, from the lines `prepare_lines` has seen."""
    norm = _NORMALIZED.get(line)
    if norm is None:
        if len(_NORMALIZED) >= _FACTS_MAX:
            _NORMALIZED.clear()
        norm = _NORMALIZED[line] = normalize_text(line)
    return norm


def is_prose(line: str) -> bool:
    """A line that reads like article text: long, or a sentence with its punctuation."""
    n = _word_count(line)
    return n >= 12 or (n >= 5 and bool(_SENTENCE_END.search(line)))


def _vocab(*phrases: str) -> re.Pattern[str]:
    alternatives = sorted({normalize_text(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)")


# Interface vocabulary of news sites (normalised: no hamza/taa-marbuta distinctions).
_NAVIGATION = _vocab(
    "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تعليقا", "أهم المواضيع", "أهم التصنيفات",
    "آخر الأخبار", "أحدث الأخبار", "الأخبار العاجلة", "عاجل", "الوسوم", "الكلمات المفتاحية", "كلمات مفتاحية",
    "التصنيفات", "تصنيفات", "الأقسام", "القائمة", "الرئيسية", "الصفحة الرئيسية", "المزيد", "عرض المزيد",
    "most read", "most popular", "trending", "latest news", "top stories", "tags", "categories", "home",
    "menu", "search", "بحث", "إغلاق", "close", "next", "previous", "التالي", "السابق",
)
_RELATED = _vocab(
    "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "اقرأ المزيد", "مواضيع ذات صلة", "أخبار ذات صلة", "مقالات ذات صلة",
    "ذات صلة", "شاهد أيضا", "قد يهمك أيضا", "قد يعجبك أيضا", "اقرأ كذلك", "related articles", "related news",
    "related", "read also", "read more", "see also", "you may also like", "more from",
)
_SOCIAL = _vocab(
    "شارك", "شاركها", "مشاركة", "شارك على", "شارك هذا المقال", "شارك الخبر", "شارك المقال", "انشر الخبر",
    "انشر", "تويتر", "فيسبوك", "فيس بوك", "واتساب", "واتس اب",
    "تلغرام", "تيليجرام", "انستغرام", "يوتيوب", "لينكد إن", "طباعة", "نسخ الرابط", "البريد الإلكتروني",
    "اشترك", "اشترك الآن", "النشرة البريدية", "تابعونا", "تابعنا", "تابعوا", "facebook", "twitter", "whatsapp",
    "telegram", "instagram", "youtube", "linkedin", "email", "print", "copy link", "share", "subscribe",
    "follow us", "newsletter", "google news", "x",
)
_COMMENTS = re.compile(
    r"^(?:ال)?تعليقات?\s*[(\[]?\s*\d*\s*[)\]]?$|^comments?\s*[(\[]?\s*\d*\s*[)\]]?$|"
    r"^(?:اضافه|اضف|أضف) تعليق|^(?:facebook|disqus) comments?$|^leave a (?:comment|reply)",
    re.IGNORECASE,
)
_POLICY_PHRASES = (
    "سياسة الخصوصية", "شروط الاستخدام", "إرشادات الاستخدام", "الآراء الواردة", "لا تعبر عن رأي",
    "مراجعة التعليقات", "جميع الحقوق محفوظة", "حقوق النشر", "privacy policy", "terms of use",
    "all rights reserved", "terms and conditions",
)
_POLICY = _vocab(*_POLICY_PHRASES)
# A match of _POLICY contains one of these; `in` (a C substring search) rules out most lines
# faster than the regex, whose leading lookbehind keeps it from skipping ahead.
_POLICY_KEYS = tuple({normalize_text(p) for p in _POLICY_PHRASES})
_AD_MARKER = re.compile(r"^\[?\s*(?:ad|ads|advert|advertisement|sponsored|إعلان|اعلان|اعلان ممول)"
                        r"(?:[_\s-]*\d+)?\s*\]?$", re.IGNORECASE)
_INLINE_MARKER = re.compile(r"\[(?:ad|ads|advert)[_\s-]*\d*\]", re.IGNORECASE)
_ICON = re.compile(r"\b[a-z][a-z-]* icon\b", re.IGNORECASE)
_CAPTION = re.compile(r"^\(?\s*(?:صورة|الصورة|صور|photo|image|credit|مصدر الصورة)\s*[:(]", re.IGNORECASE)
_STAMP = re.compile(r"^(?:تاريخ النشر|نشر في|نشر بتاريخ|آخر تحديث|تم التحديث|published|updated|posted)\b",
                    re.IGNORECASE)
_BREADCRUMB = re.compile(r"^[^\n]{1,60}(?:\s[>»/›|]\s[^\n]{1,60}){1,6}$")


def _starts_with_symbol(line: str) -> bool:
    first = line.lstrip()[:1]
    return bool(first) and unicodedata.category(first) in {"So", "Sk", "Co"}


def _short(line: str, max_words: int = 6) -> bool:
    return _word_count(line) <= max_words and not is_prose(line)


def _covered(line: str, vocab: re.Pattern[str], share: float) -> bool:
    """True when the vocabulary covers at least ``share`` of the line's letters."""
    norm = normalized_line(line)
    letters = sum(map(str.isalpha, norm))
    if not letters:
        return False
    hit = sum(map(str.isalpha, "".join(vocab.findall(norm))))
    return hit / letters >= share


def _no_words(line: str) -> str | None:
    return "no words (a counter, number or symbol)" if not _word_count(line) else None


def _comment_counter(line: str) -> str | None:
    # match, not search: every alternative is anchored with `^` (search would try every position)
    return "comment widget" if _COMMENTS.match(normalized_line(line).strip()) else None


def _ad(line: str) -> str | None:
    stripped = line.strip()
    if _AD_MARKER.match(stripped) or (_INLINE_MARKER.search(stripped) and not is_prose(stripped)):
        return "advertisement marker"
    return None


def _icon_caption(line: str) -> str | None:
    # _ICON needs `icon` in any case, so `con` in ASCII letters of any case (no other character
    # matches c, o or n under IGNORECASE): checked first, it spares the regex most lines.
    icon = line not in _NO_ICON and "con" in line.lower() and _ICON.search(line)
    if icon or (_CAPTION.match(line.strip()) and _short(line, 15)):
        return "photo caption or icon label"
    return None


def _navigation(line: str) -> str | None:
    if _short(line) and (_covered(line, _NAVIGATION, 0.6) or _starts_with_symbol(line)):
        return "navigation or section heading"
    if len(line) < 300 and _BREADCRUMB.match(line.strip()) and not is_prose(line):
        return "breadcrumb"
    return None


def _social(line: str) -> str | None:
    if _short(line, 10) and _covered(line, _SOCIAL, 0.6):
        return "share or subscribe buttons"
    return None


def _policy(line: str) -> str | None:
    if line in _NO_POLICY:
        return None
    norm = normalized_line(line)
    if _word_count(line) < 80 and any(key in norm for key in _POLICY_KEYS) and _POLICY.search(norm):
        return "site policy or copyright notice"
    return None


def _stamp(line: str) -> str | None:
    return "publication stamp" if _STAMP.match(line.strip()) and _short(line, 10) else None


LINE_RULES: tuple[Callable[[str], str | None], ...] = (
    _no_words, _comment_counter, _ad, _icon_caption, _policy, _stamp, _social, _navigation,
)


# Reasons that hold even for a prose line (a caption or a policy notice can read like prose).
ALWAYS_FURNITURE = frozenset({"photo caption or icon label", "site policy or copyright notice"})
# Only the rules giving those reasons can remove a prose line, and none comes after _policy:
# for prose, the rules after it need not run. Of those before it, _no_words and _ad never fire on
# prose (five words or more; an advertisement marker line has two at most, and an inline marker
# counts only outside prose), so only _comment_counter can keep a prose line by firing first.
_PROSE_RULES = (_comment_counter, _icon_caption, _policy)


def furniture_reason(line: str) -> str | None:
    for rule in LINE_RULES:
        reason = rule(line)
        if reason:
            return reason
    return None


def prose_furniture_reason(line: str) -> str | None:
    """For a prose line: the reason it is furniture all the same (a caption, a policy notice), or None.

    The same answer as ``furniture_reason`` when that is one of ``ALWAYS_FURNITURE``: the rules run
    in the same order, so a rule before them that fires still keeps the line.
    """
    for rule in _PROSE_RULES:
        reason = rule(line)
        if reason:
            return reason if reason in ALWAYS_FURNITURE else None
    return None


def is_related_header(line: str) -> bool:
    return _short(line) and _covered(line, _RELATED, 0.6)


def strip_inline_markers(line: str) -> tuple[str, list[str]]:
    """Remove `[ad_1]`-style markers embedded in a prose line."""
    found = _INLINE_MARKER.findall(line) if "[" in line else None  # `in` is a faster no than the regex
    if not found:
        return line, []
    return re.sub(r"\s{2,}", " ", _INLINE_MARKER.sub("", line)).strip(), found
