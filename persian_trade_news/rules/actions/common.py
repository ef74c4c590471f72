"""Helpers shared by the actions: places and parties in a span, the place in focus, the
speaker of a sentence, tense, and clause boundaries."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Iterable

from ...text.document import Document, Sentence
from ...lexicons.index import PLACE_LABELS, place_of
from ...lexicons.words import title_key
from ...text.normalize import fold, match_key
from ...records import Entity, Party, Place

IRAN = Place(name="ایران", kind="country", id="IR")
_OUR_COUNTRY = {match_key(w) for w in ("کشورمان", "کشور ما", "ایران")}
#: the marks that end a clause inside a sentence
CLAUSE_BREAKS = frozenset(("،", ",", ":", "؛", ";"))
#: a colon token opens a quote (``X گفت: ...``)
QUOTE_COLONS = (":", "：")


def norm(text: str) -> str:
    return " ".join(fold(text).split())


def tokens_between(doc: Document, a: int, b: int):
    return doc.tokens[max(a, 0):max(min(b, len(doc.tokens)), 0)]


# ---------------------------------------------------------------- entities by offset
# Actions look up the entities near a token many times per document; scanning ``doc.entities``
# each time made dense text quadratic. One index per document (rebuilt if the list changes)
# answers each lookup with a bisection.
def _entity_index(doc: Document):
    ents = doc.entities
    idx = doc.meta.get("_entity_index")
    if idx is None or idx[0] is not ents or idx[1] != len(ents):
        order = sorted(ents, key=lambda e: e.start)  # stable: list order among equal starts
        idx = (ents, len(ents), [e.start for e in order], order, max((e.end - e.start for e in ents), default=0))
        doc.meta["_entity_index"] = idx
    return idx


def entities_from(doc: Document, start: int, end: int, labels: Iterable[str] | None = None) -> list[Entity]:
    """Entities that start in ``[start, end)``, in order of start."""
    _, _, starts, order, _ = _entity_index(doc)
    out = order[bisect_left(starts, start):bisect_left(starts, end)]
    return out if labels is None else [e for e in out if e.label in labels]


def entities_covering(doc: Document, start: int, end: int) -> list[Entity]:
    """Entities whose span covers ``[start, end)``."""
    _, _, starts, order, longest = _entity_index(doc)
    return [e for e in order[bisect_left(starts, end - longest):bisect_right(starts, start)] if e.end >= end]


def is_agency(e: Entity) -> bool:
    """The news agency of the attribution or a later mention of it (``agency`` stage), or any
    other news agency (``خبرگزاری رویترز``, ``روزنامه ...``): a source, never a party."""
    if (e.rule or "").startswith("agency"):
        return True
    words = e.text.split(None, 1) if e.label == "ORG" else ()
    return bool(words) and match_key(words[0]) in PRESS_HEADS


#: heads of the names of news media (``خبرگزاری ...``, ``روزنامه ...``)
PRESS_HEADS = {match_key(w) for w in ("خبرگزاری", "روزنامه", "هفته‌نامه", "ماهنامه", "شبکه", "پایگاه", "سایت")}


def entities_in_tokens(doc: Document, a: int, b: int, labels: Iterable[str]) -> list[Entity]:
    if a >= b or a >= len(doc.tokens):
        return []
    s, e = doc.tokens[a].start, doc.tokens[min(b, len(doc.tokens)) - 1].end
    labels = tuple(labels)
    return [x for x in entities_from(doc, s, e) if x.label in labels and x.end <= e]


def places_in(doc: Document, a: int, b: int) -> list[tuple[Entity, Place]]:
    out = []
    for e in entities_in_tokens(doc, a, b, PLACE_LABELS):
        p = place_of(e)
        if p is not None:
            out.append((e, p))
    return out


def tok_index(doc: Document, char: int) -> int:
    i = doc.token_at(char)
    return len(doc.tokens) if i is None else i


def entity_tokens(doc: Document, e: Entity) -> tuple[int, int]:
    return tok_index(doc, e.start), tok_index(doc, e.end - 1) + 1


def clause_bounds(doc: Document, sent: Sentence, i: int) -> tuple[int, int]:
    """Tokens of the clause around token ``i`` (between commas/colons inside the sentence)."""
    a = i
    while a > sent.first and doc.tokens[a - 1].text not in CLAUSE_BREAKS:
        a -= 1
    b = i
    while b < sent.last and doc.tokens[b].text not in CLAUSE_BREAKS:
        b += 1
    return a, b


def has_key(doc: Document, a: int, b: int, keys: Iterable[str]) -> bool:
    keys = {match_key(k) for k in keys}
    return any(t.key in keys for t in tokens_between(doc, a, b))


def find_key(doc: Document, a: int, b: int, keys: Iterable[str]) -> int | None:
    keys = {match_key(k) for k in keys}
    for t in tokens_between(doc, a, b):
        if t.key in keys:
            return t.i
    return None


# ---------------------------------------------------------------- focus
def focus_places(doc: Document) -> list[Place]:
    """Provinces and countries of the article, most prominent first (headline and lead count
    double; Iran last, since Iranian news names it in passing)."""
    if "_focus" in doc.meta:
        return doc.meta["_focus"]
    score: Counter = Counter()
    first_seen: dict[tuple, int] = {}
    places: dict[tuple, Place] = {}
    lead_end = doc.sentences[min(2, len(doc.sentences) - 1)].end if doc.sentences else 0
    for e in doc.entities:
        if e.label not in ("PROVINCE", "COUNTRY", "CITY"):
            continue
        p = place_of(e)
        if p is None:
            continue
        k = (p.id or p.name)
        places.setdefault(k, p)
        w = 2 if e.start < lead_end else 1
        if e.label == "CITY":
            w *= 0.5
        if p.id == "IR":
            w *= 0.3
        score[k] += w
        first_seen.setdefault(k, e.start)
    ordered = sorted(score, key=lambda k: (-score[k], first_seen[k]))
    out = [places[k] for k in ordered]
    doc.meta["_focus"] = out
    return out


def focus_province(doc: Document) -> Place | None:
    for p in focus_places(doc):
        if p.kind == "province":
            return p
    for p in focus_places(doc):
        if p.kind in ("city", "county") and p.id is None:
            return p
    return None


def focus_place(doc: Document) -> Place | None:
    f = focus_places(doc)
    return f[0] if f else None


def last_place_before(doc: Document, char: int, kinds=("province", "country")) -> Place | None:
    """The last place of one of ``kinds`` named before ``char``, not counting the names that
    cover ``char`` itself or come after such a name."""
    _, _, starts, order, longest = _entity_index(doc)
    stop = bisect_left(starts, char)
    stop = next((i for i in range(bisect_right(starts, char - longest), stop) if order[i].end > char), stop)
    cache = doc.meta.setdefault("_places_by_kinds", {})
    hit = cache.get(kinds)
    if hit is None or hit[0] is not order:
        where = [i for i, e in enumerate(order) if e.label in PLACE_LABELS
                 and (p := place_of(e)) is not None and p.kind in kinds]
        hit = cache[kinds] = (order, where)
    k = bisect_left(hit[1], stop)
    return place_of(order[hit[1][k - 1]]) if k else None


def resolve_place_phrase(doc: Document, i: int, sent: Sentence) -> Place | None:
    """``این استان`` / ``استان`` / ``این کشور`` / ``کشورمان`` at token ``i``."""
    t = doc.tokens[i]
    nxt = doc.tokens[i + 1].key if i + 1 < len(doc.tokens) else ""
    if t.key in _OUR_COUNTRY:
        return IRAN
    if t.key == "این" and nxt == "استان" or t.key == "استان":
        return last_place_before(doc, t.start, ("province",)) or focus_province(doc)
    if t.key == "این" and nxt == "کشور":
        return last_place_before(doc, t.start, ("country",))
    if t.key == "کشور":
        return IRAN
    return None


# ---------------------------------------------------------------- people
def _mentions(doc: Document):
    ms = doc.meta.get("mentions", ())
    idx = doc.meta.get("_mention_index")
    if idx is None or idx[0] is not ms or idx[1] != len(ms):
        reach, top = [], -1  # the furthest end so far: the first mention ending after char is found by bisection
        for m in ms:
            top = max(top, m[1])
            reach.append(top)
        idx = doc.meta["_mention_index"] = (ms, len(ms), [m[0] for m in ms], reach)
    return idx


def person_index_at(doc: Document, start: int, end: int) -> int | None:
    """The person of the first mention inside ``[start, end)``."""
    ms, _, starts, _ = _mentions(doc)
    for i in range(bisect_left(starts, start), len(ms)):
        s, e, idx = ms[i]
        if s >= end:
            break
        if e <= end:
            return idx
    return None


def last_person_before(doc: Document, char: int) -> int | None:
    """The person of the last mention before the first one (in text order) that ends after ``char``."""
    ms, _, _, reach = _mentions(doc)
    k = bisect_right(reach, char)
    return ms[k - 1][2] if k else None


def person_party(doc: Document, idx: int) -> Party:
    p = doc.people[idx]
    return Party(name=p.name, kind="person", place=p.place, leader=None)


def place_words() -> frozenset[str]:
    """The match keys of one-word country and province names and their aliases."""
    from ...lexicons import one_word_keys

    return one_word_keys("countries.tsv", "provinces.tsv")


# titles held abroad: the bare title already means somebody foreign, and a country added to it
# only says which one (سفیر → سفیر انگلیس)
_POSTED_TITLES = tuple(match_key(w) for w in ("سفیر", "سفرای", "کاردار", "رایزن", "سرکنسول", "کنسول", "همتای",
                                              "نماینده"))


def _qualified_elsewhere(longer: str, shorter: str) -> bool:
    """Whether title key ``longer`` adds a foreign country to ``shorter`` (رئیس مجلس الجزایر is
    not رئیس مجلس; سفیر انگلیس is سفیر, a title held abroad; a posting «در ...» adds none)."""
    from ...lexicons import one_word_keys

    rest, words = longer[len(shorter):], one_word_keys("countries.tsv", skip_ids=("IR",))
    if rest.startswith("در") or shorter.startswith(_POSTED_TITLES):
        return False
    return any(rest[i:] in words for i in range(len(rest)))  # (title keys have no spaces)


def role_person(doc: Document, role: Entity) -> int | None:
    """The person a bare title refers to: one whose roles include this title (a title that adds
    a place to a holder's title is somebody else's: «رئیس مجلس الجزایر» is not «رئیس مجلس»)."""
    rk = title_key(role.text)
    roles = doc.meta.get("person_roles", ())
    keyed = doc.meta.get("_person_role_keys")
    if keyed is None or keyed[0] is not roles:  # each title's key computed once per document
        keyed = doc.meta["_person_role_keys"] = (roles, [list(dict.fromkeys(title_key(r.text) for r in rs))
                                                         for rs in roles])
    for idx, keys in enumerate(keyed[1]):
        for k in keys:
            if k.startswith(rk) or (rk.startswith(k) and not _qualified_elsewhere(rk, k)):
                return idx
    return None


# ---------------------------------------------------------------- verbs
_FUTURE = {"خواهد", "خواهند", "خواهیم"}
_PRESENT_PREFIX = ("می", "نمی")


def tense(doc: Document, a: int, b: int) -> str | None:
    """``planned`` (future), ``ongoing`` (present progressive), ``completed`` (past) from the
    verbs of tokens [a, b)."""
    toks = tokens_between(doc, a, b)
    keys = [t.key for t in toks]
    if any(k in _FUTURE for k in keys):
        return "planned"
    for t in toks:
        if t.norm.startswith(("می\u200c", "نمی\u200c")) and not t.key.startswith(("میلیون", "میلیارد")):
            return "ongoing"
    if any(k in _PAST for k in keys):
        return "completed"
    return None


# simple past and present perfect of the light verbs news uses with visits, meetings and deals
_PAST = frozenset(("کرد", "کردند", "شد", "شدند", "داشت", "داشتند", "رسید", "رسیدند", "گرفت", "گرفتند", "کرده",
                   "کردهاند", "کردهاست", "شده", "شدهاند", "شدهاست", "انجامشد", "بود", "بودند", "داد", "دادند",
                   "داده", "دادهاند", "رفت", "رفتند", "آمد", "آمدند", "نمود", "نمودند", "گردید", "گردیدند",
                   "رساند", "رساندند", "رسانده", "پرداختند"))


# ---------------------------------------------------------------- sports reports
# Sports news uses the words of events for games and transfers (دیدار دو تیم, قرارداد بازیکن,
# سفر تیم): a meeting, visit, agreement or cooperation whose sentence speaks of sport is none.
_SPORTS_WORDS = frozenset(match_key(w) for w in (
    "باشگاه", "باشگاه‌های", "بازیکن", "بازیکنان", "سرمربی", "مربی", "لیگ", "لیگ‌برتر", "فوتبال", "فوتبالی",
    "والیبال", "بسکتبال", "فوتسال", "هندبال", "المپیک", "المپیکی", "قهرمانی", "مسابقه", "مسابقات", "داور",
    "لژیونر", "هافبک", "دروازه‌بان", "ورزشی", "ورزشکار", "ورزشکاران", "کشتی‌گیر", "کشتی‌گیران", "پرسپولیس",
    "استقلال‌تهران", "سپاهان", "تراکتورسازی", "فیفا", "AFC", "گلزنی", "پرسپولیسی", "پرسپولیسی‌ها",
    "قرمزپوشان", "آبی‌پوشان", "مصدومیت", "مصدوم", "سرخپوشان", "سرخ‌پوشان"))


def in_sports_report(doc: Document, span) -> bool:
    """Whether the sentence(s) a record's evidence covers speak of sport (the words above)."""
    if span is None:
        return False
    a, b = doc.token_at(span.start), doc.token_at(max(span.start, span.end - 1))
    if a is None or b is None:
        return False
    keys = doc.keys
    sents = doc.sentences
    lo, hi = sents[doc.token_sents[a]].first, sents[doc.token_sents[b]].last
    return any(keys[i] in _SPORTS_WORDS for i in range(lo, hi))


# ---------------------------------------------------------------- places that object
_OBJECTION_REACH = 3  # tokens: «تحریم‌های ظالمانه آمریکا», «فشارهای شدید آمریکا»
# words between the objection and the place that do not count towards the reach: «تحت فشارهای
# شدید سیاسی و اقتصادی واشنگتن»
_OBJECTION_FILLERS = frozenset(match_key(w) for w in (
    "و", "شدید", "سیاسی", "اقتصادی", "نظامی", "ظالمانه", "یکجانبه", "یک‌جانبه", "غیرقانونی", "گسترده", "مستمر",
    "بی‌سابقه", "دولت", "رژیم", "کشور", "های", "ای"))


def objected(doc: Document, e: Entity, _depth: int = 0) -> bool:
    """Whether a place entity follows a word of objection or attack (``not_sides_after`` in the
    frame files: «فشارهای آمریکا», «تحریم‌های اروپا»), so that it is no side of an event; in a
    list («تحریم‌های آمریکا و اروپا») every place after the word is."""
    from ..frames import not_sides_after

    i = doc.token_at(e.start)
    if i is None:
        return False
    words, keys = not_sides_after(), doc.keys
    first = doc.sentences[doc.token_sents[i]].first
    counted, j = 0, i - 1
    while j >= first and counted < _OBJECTION_REACH and i - j <= 3 * _OBJECTION_REACH:
        if keys[j] in words:
            return True
        if keys[j] not in _OBJECTION_FILLERS:
            counted += 1
        j -= 1
    j = i - 1
    if _depth < 6 and j > first and keys[j] in ("و", "،", ","):
        before = [x for x in entities_in_tokens(doc, max(first, j - 4), j, PLACE_LABELS)
                  if doc.token_at(x.end - 1) == j - 1]
        return bool(before) and objected(doc, before[0], _depth + 1)
    return False



def irrealis(doc: Document, sent, i: int, advice: bool = False) -> bool:
    """Whether token ``i`` stands in a clause that tells of no real event: a condition opened by
    one of the frame files' ``not_events_after`` words («اگر با شرکت دیگری قرارداد می‌بستیم»),
    and with ``advice`` (meetings and trips) a ``modals`` word («باید با روسیه گفت‌وگو کند»),
    read back to the clause's start (a comma, a colon or the sentence's start)."""
    from ..frames import modals, not_events_after

    words, advice_words, toks = not_events_after(), modals() if advice else frozenset(), doc.tokens
    for j in range(i - 1, sent.first - 1, -1):
        if toks[j].text in CLAUSE_BREAKS:
            return False
        if toks[j].key in words or toks[j].key in advice_words:
            return True
    return False
