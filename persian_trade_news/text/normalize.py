"""Token normalisation with hazm's rules and lexicon, offsets kept by construction.

hazm's ``Normalizer.normalize`` rewrites a whole text: it splits numbers (``42,000`` becomes
``۴۲ , ۰۰۰``), moves spaces and loses every offset. This module applies the same rules one
*token* at a time instead, so a token keeps its raw ``start``/``end`` and gains a normalised
form:

* hazm's character table (``hazm.constants.TRANSLATION_SRC/DST``: Arabic ي/ك and presentation
  forms to Persian ی/ک, no-break space...), its diacritics pattern, and Persian digits;
* zero-width non-joiner (ZWNJ) repair for text whose ZWNJs were stripped
  (``ظرفیتهای`` → ``ظرفیت‌های``, ``خرمآباد`` → ``خرم‌آباد``, ``میتواند`` → ``می‌تواند``) from
  hazm's word list (``words.dat``), its verb stems (``verbs.dat``) and suffix list, plus the
  package's own lexicons.

hazm's data and constants are read from the installed hazm package without importing it (its
``__init__`` pulls in nltk, half a second), so ``import persian_trade_news`` stays cheap. Results
are cached per distinct token string, which is why normalising a corpus costs a fraction of
running ``Normalizer.normalize`` over it.

Two forms exist for each token: :func:`normalize_token` (readable, canonical: Persian letters,
ZWNJ repaired) and :func:`match_key` (for lexicon matching: also without ZWNJ, hamza forms and
ة folded, Latin digits), so ``آذربایجان‌شرقی``, ``آذربایجانشرقی`` and ``آذربايجان شرقي`` meet.
"""
from __future__ import annotations

import importlib.util
import re
import threading
from functools import lru_cache
from pathlib import Path
from types import ModuleType

ZWNJ = "\u200c"
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_lock = threading.Lock()


def _hazm_dir() -> Path:
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - hazm is a dependency
        from ..errors import MissingDependencyError

        raise MissingDependencyError("hazm", "default")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def _hazm_constants() -> ModuleType:
    """hazm.constants, loaded from its file (it imports nothing) without running hazm/__init__."""
    path = _hazm_dir() / "constants.py"
    spec = importlib.util.spec_from_file_location("_ptn_hazm_constants", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@lru_cache(maxsize=1)
def char_table() -> dict[int, str]:
    """hazm's one-to-one character table plus digits (to Persian) and a few extra folds."""
    c = _hazm_constants()
    src, dst = c.TRANSLATION_SRC, c.TRANSLATION_DST
    table = {ord(a): b for a, b in zip(src, dst) if len(a) == 1 and len(b) == 1}
    for a, b in zip(c.NUMBERS_SRC, c.NUMBERS_DST):
        table[ord(a)] = b
    table[ord("%")] = "%"  # keep the ASCII percent sign as written
    for ch in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640":
        table[ord(ch)] = None  # diacritics (hazm's DIACRITICS_PATTERNS) and tatweel
    table[ord("\u200d")] = None
    table[ord("\u200e")] = None
    table[ord("\u200f")] = None
    table[ord("ة")] = "ه"
    # hazm's special characters (Quranic marks, ornate brackets...) are removed, its ligatures
    # spelled out (﷼ → ریال, ﻻ → لا); ﷽ (a whole phrase) is left as it is
    for pattern, repl in c.SPECIAL_CHARS_PATTERNS:
        for ch in _class_chars(pattern):
            table[ord(ch)] = repl or None
    for old, new in c.UNICODE_REPLACEMENTS:
        if " " not in new:
            for ch in old.split("|"):
                ch = ch.strip("()")
                if len(ch) == 1:
                    table[ord(ch)] = new
    return table


def _class_chars(pattern: str) -> list[str]:
    """The characters of a regex character class such as hazm's ``[\\u0605\\u0653...]``."""
    rx = re.compile(pattern)
    return [chr(cp) for cp in range(0x600, 0x10000) if rx.fullmatch(chr(cp))]


_KEY_EXTRA = str.maketrans({",": "،", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی", ZWNJ: None,
                            "\u00ad": None, "\u200e": None, "\u200f": None,  # soft hyphen, LRM, RLM
                            **{d: str(i) for i, d in enumerate(_PERSIAN_DIGITS)}})


_CACHED_LEN = 64  # characters: words, names and titles are looked up in a cache, long texts are not kept


def fold(text: str) -> str:
    """Characters only: hazm's table, no diacritics, Persian digits. Never changes token count."""
    return _fold_cached(text) if len(text) <= _CACHED_LEN else text.translate(char_table())


@lru_cache(maxsize=32_768)
def _fold_cached(text: str) -> str:
    return text.translate(char_table())


def match_key(text: str) -> str:
    """The form lexicon matching compares: folded, no ZWNJ, hamza forms and ۀ/ة unified,
    ASCII digits, spaces squeezed out. Same function for lexicon entries and document tokens
    (short texts cached: rules key the same words, names and titles over and over)."""
    if len(text) <= _CACHED_LEN:
        return _match_key_cached(text)
    return text.translate(char_table()).translate(_KEY_EXTRA).replace(" ", "")


@lru_cache(maxsize=32_768)
def _match_key_cached(text: str) -> str:
    return text.translate(char_table()).translate(_KEY_EXTRA).replace(" ", "")


# ------------------------------------------------------------------ ZWNJ repair lexicon
class _Lexicon:
    words: set[str]
    joined: dict[str, str]
    present_stems: set[str]
    past_stems: set[str]
    suffixes: tuple[str, ...]


_LEX: _Lexicon | None = None
_EXTRA_WORDS: set[str] = set()

# Suffixes written after a ZWNJ (hazm's SUFFIXES that need one, longest first).
_ZWNJ_SUFFIXES = ("هایشان", "هایمان", "هایتان", "هایی", "هایش", "های", "ها", "ترین", "تری", "تر",
                  "ای", "ام", "اش", "ات", "ایم", "اید", "اند", "گری", "گر")
_VERB_ENDINGS = ("", "م", "ی", "د", "یم", "ید", "ند", "ه", "ست")
_NON_JOINING = set("ادذرزژوآأؤ")
# Suffixes that take a ZWNJ only after a silent ه (خانه‌ای, شده‌اند); after another letter they are
# part of the word (راستای, نماید, کتابی) and no split is made.
_AFTER_HEH_ONLY = frozenset(("ای", "ام", "اش", "ات", "ایم", "اید", "اند"))


def _load_lexicon() -> _Lexicon:
    global _LEX
    if _LEX is not None:
        return _LEX
    with _lock:
        if _LEX is not None:
            return _LEX
        lex = _Lexicon()
        words: set[str] = set()
        joined: dict[str, str] = {}
        hazm = _hazm_dir() / "data"
        table = char_table()
        with open(hazm / "words.dat", encoding="utf-8") as fh:
            for line in fh:
                w = line.split("\t", 1)[0].translate(table).strip(ZWNJ)  # a few entries end in a ZWNJ
                if not w:
                    continue
                words.add(w)
                if ZWNJ in w:
                    joined.setdefault(w.replace(ZWNJ, ""), w)
        for w in _EXTRA_WORDS:
            words.add(w)
            if ZWNJ in w:
                joined.setdefault(w.replace(ZWNJ, ""), w)
        present, past = set(), set()
        with open(hazm / "verbs.dat", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if "#" in line:
                    a, b = line.split("#", 1)
                    if a:
                        past.add(a.translate(table))
                    if b:
                        present.add(b.translate(table))
        lex.words, lex.joined, lex.present_stems, lex.past_stems = words, joined, present, past
        lex.suffixes = _ZWNJ_SUFFIXES
        _LEX = lex
        return lex


def add_words(words) -> None:
    """Teach the ZWNJ repair more spellings (the package's lexicons call this with their names,
    e.g. ``خرم‌آباد``). Clears the token cache."""
    new = {fold(w).strip() for w in words if w and w.strip()}
    _EXTRA_WORDS.update(new)
    if _LEX is not None:
        for w in new:
            _LEX.words.add(w)
            if ZWNJ in w:
                _LEX.joined.setdefault(w.replace(ZWNJ, ""), w)
    normalize_token.cache_clear()


def _is_verb_rest(rest: str, lex: _Lexicon, with_ending: bool = False) -> bool:
    for ending in _VERB_ENDINGS:
        if (ending and not rest.endswith(ending)) or (with_ending and not ending):
            continue
        stem = rest[: len(rest) - len(ending)] if ending else rest
        if stem in lex.present_stems or stem in lex.past_stems:
            return True
    return False


def repair_zwnj(word: str) -> str:
    """Put back the ZWNJs of a folded word whose ZWNJs were stripped, when hazm's lexicon (or
    the package's) knows the spelling. A word that is itself known is left alone (``تنها``)."""
    if len(word) < 4 or not word.isalpha():
        return word
    if "هها" in word:  # hazm's AFFIX_SPACING rule (ه)(ها) → ه‌ها
        word = word.replace("هها", "ه" + ZWNJ + "ها")
        return word
    lex = _load_lexicon()
    known = lex.joined.get(word)
    if known is not None:
        return known
    # verbs: می/نمی + a known stem (hazm's seperate_mi, on stripped ZWNJs). hazm's word list
    # holds some glued verbs (میشود, میکند): those too, when a personal ending follows the stem;
    # a listed word that is a bare stem after می stays whole (میدان, not می‌دان)
    listed = word in lex.words
    for prefix in ("نمی", "می"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            rest = word[len(prefix):]
            if _is_verb_rest(rest, lex, with_ending=listed):
                return prefix + ZWNJ + rest
    if listed:
        return word
    # noun + suffix (hazm's SUFFIXES written after a ZWNJ)
    for suffix in lex.suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)]
            if suffix in _AFTER_HEH_ONLY and stem[-1] != "ه":
                continue
            fixed = lex.joined.get(stem, stem if stem in lex.words else None)
            if fixed is None:
                continue
            if stem[-1] in _NON_JOINING:
                # نیازهای, واحدهای: a known stem whose last letter does not join; the word is read
                # (no other split is tried: not واحده‌ای) and left as written
                return word
            return fixed + ZWNJ + suffix
    return word


@lru_cache(maxsize=262144)
def normalize_token(raw: str) -> str:
    """The canonical normalised form of one token: hazm's characters, no diacritics, Persian
    digits, ZWNJs repaired. Cached per distinct string."""
    s = fold(raw).strip(ZWNJ)
    if ZWNJ in s:
        s = re.sub(ZWNJ + "{2,}", ZWNJ, s)
        return s
    return repair_zwnj(s) if s.isalpha() else s


def normalize_text(text: str) -> str:
    """Normalise a phrase token by token (names in lexicons, record fields): words keep their
    order, spacing is single spaces. Not for offsets: documents keep per-token forms."""
    from .tokenize import iter_token_spans

    return " ".join(normalize_token(text[s:e]) for s, e, _ in iter_token_spans(text))


_VERB_PREFIXES = ("نمی", "می", "ن", "ب")
_PERSON_ENDINGS_PRESENT = ("یم", "ند", "م", "د")  # not ید (2pl): خرید، تولید، کلید are nouns
_PERSON_ENDINGS_PAST = ("یم", "ند", "م")
_BE = frozenset(("است", "هست", "هستم", "هستیم", "هستید", "هستند", "نیست", "نیستم", "نیستیم", "نیستند",
                 "بود", "بودم", "بودیم", "بودند", "نبود", "نبودند", "باشد", "باشند", "نباشد", "نباشند"))
# present stem + ending, written alike with a noun that news uses more (روند "process", رود "river")
_VERB_LOOKALIKES = frozenset(("روند", "رود", "کند", "بند", "مند", "دهند", "رسد", "گیرند", "بندد", "ستاد", "نخست",
                              "وارد", "آرد", "موید", "خرند", "دانند"))


_LIGHT_STEMS = frozenset(("کن", "شو", "گیر", "ده", "دار", "نما", "یاب", "زن", "آور", "اور", "گرد", "کرد", "شد", "گرفت",
                          "داد", "داشت", "نمود", "یافت", "زد", "آورد", "اورد", "گشت"))


def is_verb_form(key: str) -> bool:
    """A matching key that is an inflected simple verb: a present stem with a personal ending
    (دارد، کنیم، بدهد، نمی‌شود), a past stem with a personal ending or the negative/continuous
    prefix (گرفتیم، نشد، می‌شد), or a form of «بودن/هستن». A bare past stem (ساخت، خرید، کشت) is a
    noun as often as a verb, and is not one here; nor are forms written like a more frequent noun."""
    return verb_stem(key) is not None


def is_light_verb_form(key: str) -> bool:
    """A form of a light verb (کردن، شدن، گرفتن، دادن، داشتن، نمودن، یافتن...): the word before it
    is the noun of a compound verb (مجوز گرفتیم، امضا کنیم), not part of a name."""
    return verb_stem(key) in _LIGHT_STEMS


@lru_cache(maxsize=65536)
def verb_stem(key: str) -> str | None:
    """The stem of an inflected simple verb (see :func:`is_verb_form`), «است» for the forms of
    «بودن/هستن», else None."""
    if key in _BE:
        return "است"
    if len(key) < 3 or key in _VERB_LOOKALIKES:
        return None
    lex = _load_lexicon()
    for prefix in (*_VERB_PREFIXES, ""):
        if prefix and not key.startswith(prefix):
            continue
        rest = key[len(prefix):]
        if len(rest) < 2:
            continue
        for ending in _PERSON_ENDINGS_PRESENT:
            if ending == "م" and not prefix:
                continue  # مردم، گندم، دوم، هشتم: a bare stem + م is a noun or an ordinal far more often
            stem = rest[: -len(ending)]
            if rest.endswith(ending) and stem in lex.present_stems and len(stem) > 1:
                return stem
        for ending in _PERSON_ENDINGS_PAST:
            if ending == "م" and not prefix:
                continue
            stem = rest[: -len(ending)]
            if rest.endswith(ending) and stem in lex.past_stems and len(stem) > 1:
                return stem
        if prefix in ("ن", "نمی", "می") and rest in lex.past_stems:
            return rest
        # the present perfect, its person ending glued to the participle: داشته‌ام، کرده‌ایم، شده‌اند
        for ending in _PERFECT_ENDINGS:
            n = len(ending) + 1
            if len(rest) > n + 1 and rest.endswith(ending) and rest[-n] == "ه" and rest[:-n] in lex.past_stems:
                return rest[:-n]
    return None


_PERFECT_ENDINGS = ("ام", "ای", "ایم", "اید", "اند", "است")


def is_past_stem(key: str) -> bool:
    """A simple verb's bare past stem (ساخت, پرداخت, رسید): the 3rd person past, or a noun."""
    return len(key) >= 3 and key in _load_lexicon().past_stems
