"""Arabic names to readable English (a simplified ALA-LC style without diacritics) and stable ids.

Used for people and actors that the knowledge base does not know: `عبد الملك بري` ->
"Abd al-Malik Barri", id `abd-al-malik-barri`. Short vowels are not written in Arabic, so this is
a reading aid, not a reconstruction.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.clean.normalize import normalize_text

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "",
}
# Frequent name words whose usual spelling is known.
_WORDS = {
    "عبد": "Abd", "محمد": "Muhammad", "احمد": "Ahmad", "علي": "Ali", "حسن": "Hassan", "حسين": "Hussein",
    "خالد": "Khalid", "عمر": "Omar", "ابو": "Abu", "ابي": "Abi", "بن": "bin", "ابن": "ibn", "الله": "Allah",
    "الملك": "al-Malik", "الرحمن": "al-Rahman", "يوسف": "Yusuf", "ابراهيم": "Ibrahim", "مصطفي": "Mustafa",
    "اكرم": "Akram", "سليمان": "Suleiman", "عيسي": "Issa", "موسي": "Musa", "جميل": "Jamil", "ديوب": "Dayoub",
    "العلوش": "al-Allush", "الحسن": "al-Hassan", "بري": "Berri", "محمود": "Mahmoud", "عثمان": "Othman",
    "فاطمه": "Fatima", "زينب": "Zaynab", "مريم": "Maryam", "سعيد": "Said", "عماد": "Imad", "ماهر": "Maher",
}
_LONG_VOWEL = {"ا": "a", "و": "u", "ي": "i"}


def _word(word: str) -> str:
    if word in _WORDS:
        return _WORDS[word]
    article = ""
    if word.startswith("ال") and len(word) > 3:
        article, word = "al-", word[2:]
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch in _LONG_VOWEL and i > 0:
            prev = word[i - 1]
            # و/ي between consonants read as long vowels, at word start as consonants
            out.append(_LONG_VOWEL[ch] if prev not in _LONG_VOWEL else _LETTERS[ch])
        else:
            out.append(_LETTERS.get(ch, ""))
    text = "".join(out)
    # insert a short vowel between doubled-up consonant clusters so the result is pronounceable
    text = re.sub(r"([bcdfghjklmnpqrstvwxz])(?=[bcdfghjklmnpqrstvwxz]{2})", r"\1a", text)
    text = text or word
    return article + (text[:1].upper() + text[1:])


@lru_cache(maxsize=4096)  # names recur across articles
def transliterate(name: str) -> str:
    """`خالد الحسن العلوش` -> 'Khalid al-Hassan al-Allush'."""
    words = [w for w in normalize_text(name).split() if w]
    out = [_word(w) for w in words]
    if out and out[0].startswith("al-"):
        out[0] = "Al-" + out[0][3:]
    return " ".join(out)


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    """An id fragment: lower case ASCII, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"
