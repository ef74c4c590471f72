"""The ``people`` stage: PERSON entities and one :class:`Person` per real person.

Names are found from (in order of confidence):

* a given name from ``given_names.txt`` (optionally after ``سید``) followed by a surname;
* an apposition: a name right before ``، <role>`` (``کوجی هاندا، سفیر ژاپن``), or a role
  followed by a two-word name (``سفیر ژاپن در ایران کوجی هاندا``);
* a single unknown word right before a role (``پزشکیان رئیس جمهور``);
* stanza's PERSON entities when the ``stanza_ner`` stage ran.

Mentions merge into one Person: the full name, the bare surname, and a bare title that
introduced the person (``مدیرکل ... گفت`` then ``کریم مجرب افزود``). ``وی``/``ایشان`` are
resolved later, by the rules, to the most recent person (see ``Document.meta['mentions']``).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.document import Document
from ..lexicons import adjective_keys, lines
from ..lexicons.index import PLACE_LABELS, lexicon, phrase_keys, place_of
from ..lexicons.words import STOP_WORDS, title_key, word_freq
from ..text.normalize import fold, is_verb_form, match_key
from . import stage
from ..records import Entity, Person, Place

_SURNAME_TAILS = frozenset(("زاده", "نژاد", "پور", "فر", "راد", "نیا", "منش", "وند", "لو", "زاد", "ی"))
_REPORTING = frozenset(match_key(w) for w in (
    "گفت", "افزود", "اظهار", "تصریح", "بیان", "تاکید", "خاطرنشان", "ادامه", "اضافه", "عنوان",
    "اعلام", "یادآور", "توضیح", "اظهارکرد", "افزودند", "گفتند", "نوشت", "هم", "همچنین", "با", "در", "نیز"))
_DEICTIC = frozenset(("وی", "ایشان", "او"))
_PLACE_TAILS = frozenset(match_key(w) for w in ("آباد", "شهر", "دشت", "کلا", "کنار", "سرا"))
# words before a town's name that keep it a place where a person's surname is the same word
_PLACE_CUES = frozenset(match_key(w) for w in ("شهر", "شهرستان", "استان", "بخش", "روستای", "در", "به", "از", "تا",
                                               "مرکز", "بندر", "منطقه", "حوزه", "شهرهای", "شهرستان‌های"))
_PRONOUN_WORDS = frozenset(match_key(w) for w in ("مرا", "ما", "من", "تو", "شما", "آنها", "آنان", "اینها", "خودم",
                                                 "خودش", "خودشان", "همه", "هرکس", "کسی", "دیگران"))
_TITLE_AFTER = 3  # sentences after a named speaker's in which a title may be his
_MEETING_WORDS = frozenset(match_key(w) for w in ("دیدار", "ملاقات", "گفتگو", "گفت‌وگو", "رایزنی", "مذاکره"))
# «X Y در مصاحبه با ... افزود»: the occasions a speaker's words are reported from, after «در»
_OCCASIONS = frozenset(match_key(w) for w in ("مصاحبه", "گفتگو", "گفت‌وگو", "نشست", "دیدار", "جمع", "سخنرانی",
                                              "کنفرانس", "همایش", "جلسه", "مراسم", "حاشیه"))
# the second half of a compound verbal noun written apart («پیمان سپاری», «سرمایه گذاری»): never a surname
_VERBAL_NOUN_TAILS = frozenset(match_key(w) for w in (
    "سپاری", "گذاری", "سازی", "رسانی", "بندی", "یابی", "آوری", "داری", "گیری", "پذیری", "گزینی", "زدایی",
    "افزایی", "نگاری", "شناسی", "پروری", "خوانی", "نویسی"))
# the verbs (and verbal nouns) that report speech: a sentence with one of them has a speaker
_REPORTING_VERBS = frozenset(match_key(w) for w in (
    "گفت", "افزود", "اظهار", "تصریح", "بیان", "تاکید", "تأکید", "خاطرنشان", "یادآور", "اضافه", "عنوان", "توضیح",
    "اعلام", "گفتند", "افزودند", "اذعان", "ابراز", "تشریح", "متذکر"))
# hazm's corpus count below which a word is name material (names are listed with no count: 0)
_RARE = 201
# a -ی word whose stem the corpus counts more often than this is an adjective or a noun
# (اقتصادی, کشاورزی), not a surname (کوهساری, فتاحی)
_COMMON_STEM = 300_000
_SURNAME_ENDINGS = ("ی", "زاده", "نژاد", "پور", "فر", "راد", "نیا", "منش", "وند", "لو", "یان", "ان", "اف", "وف", "یف",
                    "اوا", "ووا", "یچ", "ینی")
_GLUED_PREFIXES = ("سیده", "سید", "میر")
# words in «الله» that are no given names: phrases (ان‌شاءالله، بسم‌الله), a party, a holiday
_ALLAH_WORDS = frozenset(match_key(w) for w in (
    "انشاالله", "ان‌شاءالله", "انشاءالله", "ماشاالله", "ماشاءالله", "بسم‌الله", "بسمالله", "حزب‌الله", "حزبالله",
    "الحمدالله", "الحمدلله", "سبحان‌الله", "سبحانالله", "استغفرالله", "لااله‌الاالله", "بیت‌الله", "بیتالله",
    "رسول‌الله", "رسولالله", "کتاب‌الله", "کلام‌الله", "کلامالله", "آیت‌الله", "آیتالله", "حجت‌الله",
    "ثارالله", "عبادالله", "فی‌سبیل‌الله", "فیسبیلالله", "انصارالله", "جندالله", "سبیل‌الله", "ایام‌الله", "ایامالله",
    "سلام‌الله", "سلامالله", "رضوان‌الله", "رضوانالله", "رحمه‌الله", "رحمهالله", "رحمت‌الله‌علیه", "حفظه‌الله",
    "حفظهالله", "لعنه‌الله", "لعنهالله", "عجل‌الله", "عجلالله", "بقیه‌الله", "بقیهالله", "اطیعوالله", "شاالله",
    "انشالله", "حبل‌الله", "حبلالله", "خلق‌الله", "خلقالله", "امرالله", "دین‌الله", "دینالله", "بحول‌الله",
    "بحمدالله", "قدرت‌الله‌تعالی", "اباعبدالله", "شاءالله"))


def _nisba(key: str) -> bool:
    """«آملی», «شیرازی», «شاهرودی»: the adjective of a one-word Iranian town or province name."""
    return key in adjective_keys("cities.tsv", "provinces.tsv")


_GIVEN_PREFIXES = ("غلام", "خدا", "امیر", "محمد", "علی", "حسین", "حسن", "ملک", "شاه", "نور", "ولی")


def _compound_given(key: str, given: frozenset[str] | set[str]) -> bool:
    """Given names made of given names, however the list misses them: «عبدال» + a word (عبدالرضا,
    عبدالمجید), «غلام/خدا/امیر/محمد...» + a given name (غلامعباس، خدارضا، امیرمهدی), a word + «علی»
    or «رضا» (قربانعلی، حسینعلی)."""
    if len(key) < 6:
        return False
    if key.startswith("عبدال") and len(key) >= 7:
        return True
    if any(key.startswith(p) and key[len(p):] in given for p in _GIVEN_PREFIXES):
        return True
    return key.endswith(("علی", "رضا")) and len(key) >= 7 and key[:-3] in given


def _degree(key: str) -> bool:
    """A comparative or superlative adjective (تاثیرگذارترین، بزرگتر): never a surname."""
    return (len(key) > 5 and key.endswith("ترین")) or (key.endswith("تر") and key[:-2] in _COMMON_ADJ)


_COMMON_ADJ = frozenset(match_key(w) for w in ("بزرگ", "کوچک", "بیش", "کم", "به", "مهم", "سریع", "قوی", "بالا"))


def _allah_name(key: str) -> bool:
    """«ثناالله», «نصرالله», «روح‌الله»: a word on «الله» (beyond the phrases above) is a given name;
    so is one spelt «اله» on the stem of a listed name («هدایت‌اله» for هدایت‌الله; not مقاله، رساله)."""
    if len(key) >= 6 and key.endswith("الله"):
        return key not in _ALLAH_WORDS
    return len(key) >= 5 and key.endswith("اله") and key[:-3] in _allah_stems()


@lru_cache(maxsize=1)
def _allah_stems() -> frozenset[str]:
    """The stems of the listed given names on «الله» (هدایت، روح، نصر...)."""
    return frozenset(k[:-4] for k in _given() if k.endswith("الله") and len(k) > 5)
# Russian, Central Asian and Balkan surnames (محمداف, لاوروف, علی‌یف, ماتویینکو...): the first name before one may
# be any word (نوروز محمداف)
_FOREIGN_SURNAME_ENDINGS = ("اف", "وف", "یف", "اوا", "ووا", "یوا", "یچ", "ویچ", "ینکو", "یان")
_PLURAL_SUFFIXES = ("هایی", "های", "ها", "ان", "ات", "اتی", "انی")
_OPEN_QUOTES = ("«", '"', "“")
_CLOSE_QUOTES = ("»", '"', "”")
# words after which a name may start though they are no stop words (با/از/و are)
_OPENERS = frozenset(match_key(w) for w in ("همراه", "حضور", "دیدار", "گفتگو", "گفت‌وگو", "ملاقات"))
# honorifics that are also plain words or titles of their own (استاد دانشگاه, امیر قطر)
_WEAK_HONORIFICS = frozenset(match_key(w) for w in ("استاد", "امیر", "آقا", "بانو", "علامه", "سردار"))
_ROLE_PERSON_KINDS = ("governor", "deputy", "director", "head", "ambassador", "minister",
                      "representative", "mayor", "other")


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    return frozenset(match_key(n) for n in lines("given_names.txt"))


@lru_cache(maxsize=1)
def _word_given() -> frozenset[str]:
    """Given names that are everyday words too (``given_names_words.txt``)."""
    return frozenset(match_key(n) for n in lines("given_names_words.txt"))


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    return frozenset(match_key(n) for n in lines("name_prefixes.txt"))


@lru_cache(maxsize=1)
def _honorifics() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({phrase_keys(h) for h in lines("honorifics.txt")}, key=lambda k: -len(k)))


@dataclass
class _Mention:
    first: int
    last: int
    rule: str
    confidence: float
    person: int = -1
    role: str | None = None


@dataclass
class _P:
    tokens: list[str]  # normalised name tokens
    keys: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char spans
    roles: list[tuple[str, Entity]] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5


@lru_cache(maxsize=1)
def _honorific_index():
    from ..lexicons import PhraseIndex

    return PhraseIndex((h, h) for h in _honorifics())


def _honorific_positions(doc: Document) -> list[int]:
    """Token indexes where an honorific starts (one scan over the keys)."""
    index = _honorific_index()
    return [i for i in index.positions(doc.key_list()) if index.match(doc.key_list(), i)]


def _skip_honorifics(doc: Document, i: int) -> int:
    keys = doc.key_list()
    if i >= len(keys):
        return i
    hit = _honorific_index().match(keys, i)
    return hit[0] if hit else i


class _Finder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.toks = doc.tokens
        self.given = _given()
        self.block: dict[int, Entity] = {}
        self.displaced: list[Entity] = []  # place entities a name turned out to hold
        self.role_at: dict[int, Entity] = {}
        self.role_end: dict[int, Entity] = {}
        for e in doc.entities:
            a, b = doc.token_at(e.start), doc.token_at(e.end - 1)
            if a is None or b is None:
                continue
            if e.label == "ROLE":
                self.role_at[a] = e
                self.role_end[b + 1] = e
            elif e.label in PLACE_LABELS or e.label in ("ORG", "DATE", "MONEY", "QUANTITY", "PERCENT"):
                for k in range(a, b + 1):
                    self.block[k] = e
        self.role_heads = lexicon().role_heads  # supports "key in": first words of titles

    def surname_place(self, i: int) -> Entity | None:
        """A one-word city or county name standing where a surname stands (``علی چگنی``): the
        place entity, which the name then replaces; not after «شهر/شهرستان»."""
        e = self.block.get(i)
        if e is None or e.label != "CITY" or self.doc.token_at(e.start) != i or self.doc.token_at(e.end - 1) != i:
            return None
        if i > 0 and self.toks[i - 1].key in ("شهر", "شهرستان"):
            return None
        if word_freq(self.toks[i].key) > _RARE and self.toks[i].key not in self.given:
            return None  # a city the corpus names often (رشت) stays a city, unless it is a given name
        return e

    def wordlike(self, i: int, max_freq: int) -> bool:
        if i < 0 or i >= len(self.toks):
            return False
        t = self.toks[i]
        if t.kind != "word" or t.key in STOP_WORDS or i in self.block or i in self.role_at:
            return False
        if t.key in self.role_heads or t.key in _DEICTIC or len(t.key) < 2 or is_verb_form(t.key):
            return False
        f = word_freq(t.key)
        return f < max_freq

    def rare(self, i: int) -> bool:
        """A word hazm's corpus hardly knows (or lists as a name without a count): name material;
        not the plural of a known word (ورزشکاران, اقداماتی), which hazm does not list."""
        key = self.toks[i].key
        if word_freq(key) >= _RARE or not self.wordlike(i, _RARE):  # (the dict lookup first: a hot path)
            return False
        for suffix in _PLURAL_SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= 3 and word_freq(key[: -len(suffix)]) > _RARE:
                return False
        # hazm lists the -ی words it derives (اقتصادی, همکاری) with no count, as it lists names: such
        # a word is a surname when its stem is a given name or unknown (صادقی, چگنی), not when its
        # stem is a common word (اقتصاد, همکار)
        for suffix in ("یی", "ی"):
            if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                stem = key[: -len(suffix)]
                return stem in self.given or word_freq(stem) <= _COMMON_STEM
        return True

    def continues_name(self, i: int, sent: int) -> bool:
        """Whether token ``i`` could be one more word of a name begun before it (a word that is
        neither punctuation, a stop word, a verb nor a title, in the same sentence)."""
        if i >= len(self.toks) or self.toks[i].sent != sent or i in self.role_at:
            return False
        key = self.toks[i].key
        return self.toks[i].kind == "word" and key not in _REPORTING and (
            key in self.given or self.wordlike(i, 3_000_001))

    def surname_shaped(self, i: int) -> bool:
        key = self.toks[i].key
        return word_freq(key) < 0 or (len(key) >= 4 and key.endswith(_SURNAME_ENDINGS))

    def first_name_like(self, i: int) -> bool:
        """A first name even where the given-name list lacks it: a given name, or a word of modest
        frequency that is neither a plural nor shaped like an adjective (جمیل, عابد)."""
        if not self.wordlike(i, 3_000_001) or i in self.role_at or self.toks[i].key in _honorific_index() \
                or self.toks[i].key in _PRONOUN_WORDS:
            return False
        key = self.toks[i].key
        if key in self.given:
            return True
        return word_freq(key) <= 250_000 and not key.endswith(("ی", "ها", "های", "ان", "ات")) and self.rare_or_known(i)

    def rare_or_known(self, i: int) -> bool:
        key = self.toks[i].key
        return not any(key.endswith(x) and word_freq(key[: -len(x)]) > _RARE for x in _PLURAL_SUFFIXES)

    def name_shaped(self, i: int) -> bool:
        """A surname by its look: hazm lists it as a name (count 0), or it ends like one."""
        key = self.toks[i].key
        if word_freq(key) <= _RARE and not self.rare(i):
            return False  # a plural or a derived adjective hazm lists without a count
        return word_freq(key) == 0 or (len(key) >= 4 and key.endswith(_SURNAME_ENDINGS)) or \
            (word_freq(key) < 0 and len(key) >= 4)

    def glued_stop_word(self, i: int) -> bool:
        """``به‌دلیل``, ``به‌عنوان``: a preposition joined to a noun with a ZWNJ, no surname."""
        text = self.toks[i].text
        return "\u200c" in text and match_key(text.split("\u200c", 1)[0]) in STOP_WORDS

    def opens_sentence(self, i: int) -> bool:
        """Token ``i`` is the first word of its sentence (after «به گزارش ...،» too)."""
        toks = self.toks
        if i == 0 or toks[i - 1].sent != toks[i].sent:
            return True
        if toks[i - 1].text in ("-", "–", "—", ":") and any(
                t.key == "خبرگزاری" for t in toks[max(0, i - 5):i - 1]):
            return True  # «خبرگزاری فارس- بهرام سبحانی گفت»: the dateline of the agency
        return toks[i - 1].text in ("،", ",", ":") and any(
            t.key in ("گزارش", "بهگزارش") for t in toks[max(0, i - 8):i - 1])

    def reports_later(self, i: int, reach: int = 12) -> bool:
        """A reporting verb follows token ``i`` in its sentence before a colon («... افزود:»)."""
        toks = self.toks
        for k in range(i + 1, min(len(toks), i + reach)):
            if toks[k].sent != toks[i].sent or toks[k].text == ":":
                return False
            if toks[k].key in _REPORTING_VERBS:
                return True
        return False

    def boundary_before(self, i: int) -> bool:
        """Token ``i`` opens a phrase: a sentence start, punctuation, a preposition or conjunction,
        an honorific."""
        toks = self.toks
        if i == 0 or toks[i - 1].sent != toks[i].sent:
            return True
        prev = toks[i - 1]
        return prev.kind == "punct" or prev.key in STOP_WORDS or prev.key in _OPENERS or \
            prev.key in _honorific_index()

    def given_len(self, i: int) -> int:
        toks = self.toks
        if i + 1 < len(toks) and toks[i + 1].sent == toks[i].sent and toks[i].kind == "word" \
                and toks[i + 1].kind == "word" and (toks[i].key + toks[i + 1].key) in self.given \
                and toks[i + 1].key in ("الله", "علی", "رضا", "حسین", "حسن", "محمد", "مهدی", "امیر"):
            return 2
        if i + 1 < len(toks) and toks[i + 1].key == "الدین" and toks[i + 1].sent == toks[i].sent \
                and toks[i].kind == "word" and toks[i].key not in STOP_WORDS and i not in self.block:
            return 2  # «شجاع الدین», «جلال الدین»: an X‌الدین is a given name, however it is written
        if toks[i].kind != "word":
            return 0
        if i in self.block:
            # a given name that is also a town's name (مهران) before a surname-shaped word
            place = self.surname_place(i)
            if place is None or i + 1 >= len(toks) or toks[i + 1].sent != toks[i].sent or i + 1 in self.block \
                    or toks[i].key not in self.given or not self.name_shaped(i + 1):
                return 0
            self.displaced.append(place)
            del self.block[i]
            return 1
        key = toks[i].key
        if key in self.given or (key.endswith("الدین") and len(key) >= 8) or _allah_name(key) \
                or _compound_given(key, self.given):
            return 1
        # a name prefix written joined to the given name: سیدمحمدباقر, میرحسین
        return 1 if any(key.startswith(p) and key[len(p):] in self.given for p in _GLUED_PREFIXES) else 0

    def find(self) -> list[_Mention]:
        toks, out = self.toks, []
        i = 0
        n = len(toks)
        given, honorifics, prefixes = self.given, _honorific_index(), _prefixes()
        # per distinct word (not per token): may it open a name, or a glued prefix (سیدعبدالکریم)?
        keys = self.doc.keys
        opens = {k: k in given or k in honorifics or k in prefixes or k.endswith(("الدین", "الله"))
                 or (k.endswith("اله") and _allah_name(k)) for k in set(keys)}
        glued = {k for k in opens if k.startswith(_GLUED_PREFIXES)}
        while i < n:
            key = keys[i]
            if not opens[key] and not (
                    i + 1 < n and (key + keys[i + 1] in given or keys[i + 1] == "الدین")) and not (
                    key in glued and self.given_len(i)):
                i += 1  # fast path: no name, honorific or name prefix (glued: سیدعبدالکریم) can start here
                continue
            j = _skip_honorifics(self.doc, i)
            start = j
            has_prefix = j < n and toks[j].key in _prefixes()
            if has_prefix:
                j += 1
            g = self.given_len(j) if j < n else 0
            if g:
                g2 = self.given_len(j + g) if j + g < n else 0  # محمد حسین ...
                if g2 and j + g + g2 < n and self.wordlike(j + g + g2, 3_000_000):
                    g += g2
                s = j + g
                common_given = word_freq(toks[j].key) > 1_000_000
                limit = 1_500_000 if common_given and not has_prefix else 3_000_001
                same = s < n and toks[s].sent == toks[j].sent
                place = self.surname_place(s) if same else None
                # a given name as the first part of a surname: مهدی عیسی زاده
                tail_given = same and s + 1 < n and toks[s].key in self.given and toks[s + 1].key in _SURNAME_TAILS
                before_title = same and s + 2 < n and toks[s + 1].text in ("،", ",") and (s + 2) in self.role_at
                # a surname that is also a given name (بشار اسد, ممنون حسین), where the name ends
                # after it and the first name is no everyday word
                given_surname = same and toks[s].key in self.given and toks[j].key not in _word_given() \
                    and g == 1 and not self.continues_name(s + 1, toks[s].sent)
                ok = same and toks[s].key not in _VERBAL_NOUN_TAILS and not _degree(toks[s].key) and (
                    place is not None or tail_given or (
                    self.wordlike(s, limit) and (toks[s].key not in self.given or before_title or given_surname)
                    and not self.glued_stop_word(s)))
                if ok and not tail_given and toks[j].key in _word_given() and not self.name_shaped(s):
                    ok = False  # «کسری بودجه», «امید انجام»: a word after a given name that is a word
                if ok:
                    if place is not None:
                        self.displaced.append(place)
                        del self.block[s]
                    e = s + 2 if tail_given else s + 1
                    if e < n and toks[e].sent == toks[s].sent and toks[e].key in _SURNAME_TAILS:
                        e += 1
                    elif e < n and toks[e].sent == toks[s].sent and (self.rare(e) and self.surname_shaped(e)
                                                                      or _nisba(toks[e].key)) \
                            and toks[e].key not in self.given:
                        e += 1  # a compound surname: منتصر کوهساری, هاشمی رفسنجانی, جوادی آملی (a town's nisba)
                    elif e + 2 < n and toks[e].sent == toks[s].sent and self.wordlike(e, 3_000_001) \
                            and toks[e].key not in self.given and toks[e + 1].text in ("،", ",") \
                            and (e + 2) in self.role_at:
                        e += 1  # the last word before «، <title>» is the name's too: عیسی شاهی زارع، رئیس ...
                    out.append(_Mention(start, e, "people.given_name", 0.85))
                    i = e
                    continue
            i = j + 1 if j > i else i + 1
        taken = {k for m in out for k in range(m.first, m.last)}
        # apposition: NAME ، ROLE
        for a, role in self.role_at.items():
            if a >= 2 and toks[a - 1].text in ("،", ","):
                e = a - 1
                s = e
                while s > 0 and e - s < 3 and self.wordlike(s - 1, 1_000_000) and toks[s - 1].sent == toks[a].sent:
                    s -= 1
                if e - s >= 2 and not any(k in taken for k in range(s, e)):
                    out.append(_Mention(s, e, "people.apposition", 0.75, role=role.text))
                    taken.update(range(s, e))
        # ROLE NAME (two unknown words right after a role)
        for b, role in self.role_end.items():
            if b + 1 < n and self.wordlike(b, 300_000) and self.wordlike(b + 1, 300_000) \
                    and toks[b + 1].sent == toks[b].sent and not any(k in taken for k in (b, b + 1)) \
                    and not toks[b].key.endswith(_PLURAL_SUFFIXES[:3]):  # «وزیر خارجه چین همکاری‌های ...»
                nxt = toks[b + 2] if b + 2 < n else None
                if nxt is None or nxt.kind == "punct" or nxt.key in _REPORTING or nxt.key in STOP_WORDS:
                    out.append(_Mention(b, b + 2, "people.role_name", 0.7, role=role.text))
                    taken.update((b, b + 1))
        # NAME ROLE: one to three name-like words right before a title (لیندال ساکس سفیر استرالیا),
        # or a quoted name before one («مائورو وییرا» وزیر خارجه برزیل)
        for a, role in sorted(self.role_at.items()):
            e = a
            if e > 1 and toks[e - 1].text in ("،", ","):
                e -= 1  # «X Y»، رئیس ... / اسماعیلی، معاون ...
            quoted = e > 0 and toks[e - 1].text in _CLOSE_QUOTES
            if quoted:
                e -= 1
            s_ = e
            # quotes mark a name: a less rare word may be one
            namey = (lambda k: self.wordlike(k, 1_000_000)) if quoted else self.rare
            while s_ > 0 and e - s_ < 3 and toks[s_ - 1].sent == toks[a].sent and namey(s_ - 1) \
                    and (s_ - 1) not in taken:
                s_ -= 1
            if s_ == e and not quoted and e - 2 >= 0 and toks[e - 2].sent == toks[a].sent \
                    and self.name_shaped(e - 1) and self.wordlike(e - 1, 3_000_001) and (e - 1) not in taken:
                s_ = e - 1  # a surname the corpus also knows as a word (فتاحی), tried with a first name below
            if s_ == e:
                continue
            if quoted and not (s_ > 0 and toks[s_ - 1].text in _OPEN_QUOTES):
                continue
            single = e - s_ == 1
            comma = e < a  # «X، رئیس ...»
            foreign = toks[s_].key.endswith(_FOREIGN_SURNAME_ENDINGS)
            if single and not quoted and s_ > 0 and self.boundary_before(s_ - 1) and self.name_shaped(s_) \
                    and not comma and (self.first_name_like(s_ - 1) or (foreign and self.wordlike(s_ - 1, 3_000_001))):
                s_ -= 1  # a first name hazm knows as a word, then a surname: عابد فتاحی نماینده ...
                single = False
            if not quoted and not self.boundary_before(s_):
                continue
            if single and not quoted and not (word_freq(toks[s_].key) < 0 and len(toks[s_].key) >= 4
                                              and self.rare(s_)) \
                    and not (comma and word_freq(toks[s_].key) == 0 and self.rare(s_) and self.opens_sentence(s_)):
                continue  # one word alone before a title: a word no dictionary knows, or «اسماعیلی، معاون»
            out.append(_Mention(s_, e, "people.name_role" if not single else "people.surname_role",
                                0.7 if not single else 0.55, role=role.text))
            taken.update(range(s_, e))
        # ROLE «NAME»: a quoted name right after a title
        for b, role in self.role_end.items():
            if b < n and toks[b].text in _OPEN_QUOTES:
                e = b + 1
                while e < n and e - b <= 4 and self.wordlike(e, 1_000_000) and e not in taken:
                    e += 1
                if e > b + 1 and e < n and toks[e].text in _CLOSE_QUOTES:
                    out.append(_Mention(b + 1, e, "people.role_quoted_name", 0.7, role=role.text))
                    taken.update(range(b + 1, e))
        # HONORIFIC SURNAME: آقای روحانی، خانم ساکس (a given name after one is found above)
        for i in _honorific_positions(self.doc):
            j = _skip_honorifics(self.doc, i)
            if j == i or j >= n or j in taken or toks[j].sent != toks[i].sent or toks[i].key in _WEAK_HONORIFICS:
                continue
            if self.given_len(j) or not self.wordlike(j, 3_000_001) or toks[j].key in self.given:
                continue
            e = j + 1
            if e < n and toks[e].sent == toks[j].sent and (self.rare(e) or _nisba(toks[e].key)
                                                            or toks[e].key in _SURNAME_TAILS) and e not in taken:
                e += 1  # (a town's nisba: آیت‌الله مکارم شیرازی، جوادی آملی; a tail: آقای احمدی نژاد)
            if any(k in taken for k in range(j, e)):
                continue
            out.append(_Mention(j, e, "people.honorific", 0.65))
            taken.update(range(j, e))
        # a name from its place in the sentence: «با لاوروف دیدار کرد», «لاوروف گفت:» (one or two words
        # no dictionary knows, right where a side of a meeting or a speaker stands)
        # candidates: a word no dictionary knows, after «با» or right before a meeting or reporting word
        # (found in one pass over the keys, as this runs on every article)
        cues = _MEETING_WORDS | _REPORTING_VERBS
        near = {i + d for i, k in enumerate(keys) if k in cues for d in (-1, -2)} | \
            {i + 1 for i, k in enumerate(keys) if k == "با"} | \
            {i + d for i, k in enumerate(keys) if k in _OCCASIONS and i and keys[i - 1] == "در" for d in (-2, -3)}
        unknown = sorted(i for i in near if 0 <= i < n and len(keys[i]) >= 4 and word_freq(keys[i]) < 0)
        for i in unknown:
            if i in taken or not self.rare(i):
                continue
            e = i + 1
            if e < n and toks[e].sent == toks[i].sent and e not in taken and self.rare(e):
                e += 1
            after = keys[e] if e < n and toks[e].sent == toks[i].sent else ""
            met = i > 0 and keys[i - 1] == "با" and after in _MEETING_WORDS
            speaks = self.opens_sentence(i) and (after in _REPORTING_VERBS or (
                after == "در" and e + 1 < n and keys[e + 1] in _OCCASIONS and self.reports_later(e + 1)))
            if (met or speaks) and len(toks[i].key) >= 4:
                out.append(_Mention(i, e, "people.context", 0.55))
                taken.update(range(i, e))
        # a list of names: «حسن روحانی، حامد کرزی، امامعلی رحمان و ممنون حسین» — after a name and
        # «،»/«و», two words that end where the list goes on or the clause ends are a name too
        ends = {o.last for o in out}
        for m in sorted(out, key=lambda m: m.first):
            last = m.last
            # a list that already holds names before this one («X، Y، Z و ...»): its last member after
            # «و» is a name when its second word is one («... و ممنون حسین»), whatever its first word
            listed = m.first >= 2 and toks[m.first - 1].text in ("،", ",") and (m.first - 1) in ends
            while last + 2 < n and toks[last].text in ("،", ",", "و") and toks[last].sent == toks[m.first].sent:
                k = last + 1
                pair = (k, k + 1)
                closing = listed and toks[last].key == "و" and (toks[k + 1].key in self.given or self.surname_shaped(k + 1))
                if any(x in taken or x in self.block or x in self.role_at for x in pair) \
                        or toks[k + 1].sent != toks[k].sent \
                        or not all(self.continues_name(x, toks[k].sent) and not is_verb_form(toks[x].key)
                                   and toks[x].key not in STOP_WORDS for x in pair) \
                        or not (self.given_len(k) or self.first_name_like(k) or closing) \
                        or not (toks[k + 1].key in self.given or word_freq(toks[k + 1].key) < 0 or self.rare(k + 1)) \
                        or toks[k + 1].key in _PLACE_TAILS:
                    break  # (a first name, then a surname: not «جانباز شیمیایی», «محمود آباد»)
                nxt = toks[k + 2] if k + 2 < n and toks[k + 2].sent == toks[k].sent else None
                if nxt is not None and nxt.kind == "word" and nxt.key not in STOP_WORDS and nxt.key != "و" \
                        and nxt.key not in _REPORTING_VERBS and not is_verb_form(nxt.key) and (k + 2) not in self.role_at:
                    break  # the words go on: no two-word name ends here
                out.append(_Mention(k, k + 2, "people.list", 0.6))
                taken.update(pair)
                last = k + 2
                listed = True
        # stanza's PERSON entities
        for e in self.doc.entities:
            if e.label == "PERSON" and e.source == "stanza":
                a, b = self.doc.token_at(e.start), self.doc.token_at(e.end - 1)
                if a is not None and b is not None and not any(k in taken for k in range(a, b + 1)):
                    out.append(_Mention(a, b + 1, "stanza.ner", e.confidence))
                    taken.update(range(a, b + 1))
        out.sort(key=lambda m: m.first)
        return out


def _role_org(role: Entity, doc: Document, starts: list[int]) -> str | None:
    """The organisation a role names: an ORG inside it, or its head turned into an office."""
    for i in range(bisect_left(starts, role.start), bisect_left(starts, role.end)):
        e = doc.entities[i]
        if e.label == "ORG" and e.end <= role.end:
            return fold(e.text)
    text = fold(role.text)
    kind = role.rule.rsplit(".", 1)[-1]
    parts = text.split(" ", 1)
    if len(parts) == 2:
        if kind == "governor" and parts[0] == "استاندار":
            return "استانداری " + parts[1]
        if kind == "director" and parts[0] in ("مدیرکل", "مدیر\u200cکل"):
            return "اداره کل " + parts[1]
    return None


def _role_place(role: Entity, doc: Document, starts: list[int]) -> Place | None:
    """The first place named inside a title (``doc.entities`` sorted by start, ``starts`` theirs)."""
    for i in range(bisect_left(starts, role.start), bisect_left(starts, role.end)):
        e = doc.entities[i]
        if e.label in PLACE_LABELS and e.end <= role.end:
            return place_of(e)
    return None


@stage("people", provides=["people"], requires=["entities"])
def make_people(*, min_confidence: float = 0.5):
    """PERSON entities and Person records with merged mentions, roles, organisation and place."""

    def run(doc: Document) -> None:
        finder = _Finder(doc)
        mentions = [m for m in finder.find() if m.confidence >= min_confidence]
        if finder.displaced:
            gone = {id(e) for e in finder.displaced}
            doc.entities[:] = [e for e in doc.entities if id(e) not in gone]
        toks = doc.tokens
        persons: list[_P] = []
        by_surname: dict[str, int] = {}
        by_full: dict[str, int] = {}
        for m in mentions:
            names = [toks[k] for k in range(m.first, m.last)]
            keys = [t.key for t in names]
            full = "".join(keys)
            idx = by_full.get(full)
            if idx is None and len(keys) == 1:
                idx = by_surname.get(keys[0])
            if idx is None:
                # a longer name for someone known by surname only
                idx = by_full.get(keys[-1]) if len(keys) > 1 else None
                if idx is not None:
                    persons[idx].tokens = [t.norm for t in names]
                    persons[idx].keys = keys
            if idx is None:
                idx = len(persons)
                persons.append(_P([t.norm for t in names], keys, rule=m.rule, confidence=m.confidence))
            by_full[full] = idx
            by_surname.setdefault(keys[-1], idx)
            m.person = idx
            persons[idx].mentions.append((toks[m.first].start, toks[m.last - 1].end))
        # roles next to names: NAME، ROLE / NAME ROLE / ROLE NAME / ROLE، NAME, a quoted name too
        n_toks = len(toks)
        for m in mentions:
            p = persons[m.person]
            k = m.last
            if k < n_toks and toks[k].text in _CLOSE_QUOTES:
                k += 1
            if k < n_toks and toks[k].text in ("،", ","):
                k += 1
            if k in finder.role_at:
                p.roles.append((fold(finder.role_at[k].text), finder.role_at[k]))
            k = m.first
            if k > 0 and toks[k - 1].text in _OPEN_QUOTES:
                k -= 1
            if k > 0 and toks[k - 1].text in ("،", ","):
                k -= 1
            if k in finder.role_end:
                p.roles.append((fold(finder.role_end[k].text), finder.role_end[k]))
        # a title that opens a report and a name that follows in the next sentences
        _link_titles(doc, finder, mentions, persons)
        _pair_lead_titles(doc, finder, mentions, persons)
        # bare surnames anywhere are mentions too; a surname written with a separate tail
        # (مؤذن زاده, حسینی پور) is its two words, never the tail alone
        covered = {k for m in mentions for k in range(m.first, m.last)}

        def surname(p: _P) -> tuple[str, ...]:
            return tuple(p.keys[-2:]) if p.keys[-1] in _SURNAME_TAILS and len(p.keys) >= 3 else (p.keys[-1],)

        wanted = {surname(p) for p in persons if len(p.keys) >= 2}
        firsts = {w[0]: len(w) for w in wanted}
        where: dict[tuple[str, ...], list[int]] = {}
        keys = doc.keys
        for i, k in enumerate(keys):
            n_words = firsts.get(k)
            if n_words is not None and tuple(keys[i:i + n_words]) in wanted:
                where.setdefault(tuple(keys[i:i + n_words]), []).append(i)
        # a surname that is also a town's name (علی چگنی): where the full name took it from the
        # place reading, the bare word is the person too, unless a place word or a preposition of
        # place stands before it (شهرستان چگنی, در چگنی)
        displaced_keys = {doc.keys[doc.token_at(e.start)] for e in finder.displaced}
        late_displaced: list[Entity] = []

        def blocked(k: int) -> bool:
            if k not in finder.block:
                return False
            e = finder.block[k]
            if keys[k] in displaced_keys and e.label == "CITY" and e.end - e.start == len(toks[k].text) \
                    and (k == 0 or toks[k - 1].key not in _PLACE_CUES):
                late_displaced.append(e)
                return False
            return True

        for p_idx, p in enumerate(persons):
            if len(p.keys) < 2:
                continue
            sn = surname(p)
            for i in where.get(sn, ()):
                span = range(i, i + len(sn))
                if not any(k in covered for k in span) and not any(blocked(k) for k in span):
                    mentions.append(_Mention(i, i + len(sn), "people.surname", 0.7, person=p_idx))
                    p.mentions.append((toks[i].start, toks[i + len(sn) - 1].end))
                    covered.update(span)
        if late_displaced:
            gone = {id(e) for e in late_displaced}
            doc.entities[:] = [e for e in doc.entities if id(e) not in gone]
        # outputs
        for m in sorted(mentions, key=lambda m: m.first):
            s, e = toks[m.first].start, toks[m.last - 1].end
            p = persons[m.person]
            doc.entities.append(Entity(text=doc.raw[s:e], label="PERSON", start=s, end=e,
                                       name=" ".join(p.tokens), source="pattern" if not m.rule.startswith("stanza") else "stanza",
                                       rule=m.rule, confidence=m.confidence))
        doc.entities.sort(key=lambda e: (e.start, -e.end))
        out = []
        starts = [e.start for e in doc.entities]
        for p in persons:
            roles, seen = [], set()
            for text, _ in p.roles:
                if text not in seen:
                    seen.add(text)
                    roles.append(text)
            org = place = None
            for _, ent in p.roles:
                org = org or _role_org(ent, doc, starts)
                place = place or _role_place(ent, doc, starts)
            out.append(Person(name=" ".join(p.tokens), roles=roles, organization=org, place=place,
                              mentions=[doc.span(s, e) for s, e in sorted(set(p.mentions))],
                              rule=p.rule, confidence=p.confidence))
        doc.people = out
        doc.meta["mentions"] = sorted(((s, e, i) for i, p in enumerate(persons) for s, e in p.mentions))
        doc.meta["person_roles"] = [[ent for _, ent in p.roles] for p in persons]

    return run


def _link_titles(doc: Document, finder: _Finder, mentions: list[_Mention], persons: list[_P]) -> None:
    """``<title> ... گفت`` in one sentence and ``<name> افزود`` in one of the next three:
    the title is the person's role (the usual lead/body pattern of Persian news)."""
    toks = doc.tokens
    by_sent: dict[int, list[_Mention]] = {}
    for m in mentions:
        by_sent.setdefault(toks[m.first].sent, []).append(m)
    roles_by_sent: dict[int, list[Entity]] = {}
    for a, r in finder.role_at.items():
        roles_by_sent.setdefault(toks[a].sent, []).append(r)
    pending: list[tuple[int, Entity]] = []
    for s in doc.sentences:
        roles_here = roles_by_sent.get(s.i, [])
        named = by_sent.get(s.i, [])
        if roles_here and not named:
            rk = roles_here[0].rule.rsplit(".", 1)[-1]
            if rk in _ROLE_PERSON_KINDS:
                pending.append((s.i, min(roles_here, key=lambda r: r.start)))
        # a title named again in the person's own sentence, where it is not the person's (after
        # «با»: «X ضمن دیدار با استاندار ... گفت»; beside another name: «X با ابراهیم بوغالی رئیس
        # مجلس الجزایر ...»), is somebody else's there: X does not hold it
        here = {fold(r.text) for r in roles_here}
        for m in named:
            p = persons[m.person]
            if p.roles:
                continue
            for si, role in reversed(pending):
                if s.i - si <= 3:
                    if fold(role.text) not in here:
                        p.roles.append((fold(role.text), role))
                    break
        pending = [(si, r) for si, r in pending if s.i - si <= 3]


def _pair_lead_titles(doc: Document, finder: _Finder, mentions: list[_Mention], persons: list[_P]) -> None:
    """A title that speaks in a sentence of its own (``معاون ... استانداری اردبیل گفت:``, often
    the lead) and a name that speaks later with no title (``ارژنگ عزیزی ... اظهار کرد``) are one
    person when the article leaves each of them alone: titles that no named person holds are
    paired, in order, with the named speakers who hold no title and come after them."""
    toks = doc.tokens
    keys = doc.keys
    held = {title_key(r) for p in persons for r, _ in p.roles}
    named_sents = {toks[m.first].sent for m in mentions}
    titles: dict[str, tuple[int, Entity]] = {}
    for a, r in sorted(finder.role_at.items()):
        s = doc.sentences[toks[a].sent]
        if r.rule.rsplit(".", 1)[-1] not in _ROLE_PERSON_KINDS or s.i in named_sents:
            continue
        if not finder.opens_sentence(a) and keys[a - 1] not in (",", "،") \
                or not any(k in _REPORTING_VERBS for k in keys[a:s.last]):
            continue  # the title must be the subject of a sentence that reports speech
        k = title_key(r.text)
        if k not in held and k not in titles:
            titles[k] = (a, r)
    if not titles:
        return
    speakers = []
    for m in mentions:
        p = persons[m.person]
        s = doc.sentences[toks[m.first].sent]
        if p.roles or not finder.opens_sentence(m.first) or not any(k in _REPORTING_VERBS for k in keys[m.last:s.last]):
            continue
        if m.person not in [x for x, _ in speakers]:
            speakers.append((m.person, m.first))
    pending = sorted(titles.values(), key=lambda t: t[0])
    for idx, first in speakers:
        before = [t for t in pending if t[0] < first]
        # or the name speaks first and a title speaks in one of the next sentences (a lead
        # «مهدی ضیغمی ... اظهار داشت» and then «سرپرست سازمان توسعه تجارت ... افزود»)
        after = [t for t in pending if t[0] > first and toks[t[0]].sent - toks[first].sent <= _TITLE_AFTER]
        pick = before[0] if before else (after[0] if after else None)
        if pick is None:
            continue
        pending.remove(pick)
        persons[idx].roles.append((fold(pick[1].text), pick[1]))
