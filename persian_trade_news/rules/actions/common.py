"""Helpers shared by the actions: places and parties in a span, the place in focus, the
speaker of a sentence, tense, and clause boundaries."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from ...document import Document, Sentence
from ...entities import PLACE_LABELS, place_of
from ...normalize import fold, match_key
from ...records import Entity, Party, Place

IRAN = Place(name="ایران", kind="country", id="IR")
_OUR_COUNTRY = {match_key(w) for w in ("کشورمان", "کشور ما", "ایران")}
CLAUSE_BREAKS = {"،", ",", ";", "؛", ":", "."}


def norm(text: str) -> str:
    return " ".join(fold(text).split())


def tokens_between(doc: Document, a: int, b: int):
    return doc.tokens[max(a, 0):max(min(b, len(doc.tokens)), 0)]


def entities_in_tokens(doc: Document, a: int, b: int, labels: Iterable[str]) -> list[Entity]:
    if a >= b or a >= len(doc.tokens):
        return []
    s, e = doc.tokens[a].start, doc.tokens[min(b, len(doc.tokens)) - 1].end
    labels = tuple(labels)
    return [x for x in doc.entities if x.label in labels and x.start >= s and x.end <= e]


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
    best = None
    for e in doc.entities:
        if e.end > char:
            break
        if e.label in PLACE_LABELS:
            p = place_of(e)
            if p and p.kind in kinds:
                best = p
    return best


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
def person_index_at(doc: Document, start: int, end: int) -> int | None:
    for s, e, idx in doc.meta.get("mentions", ()):
        if s >= start and e <= end:
            return idx
    return None


def last_person_before(doc: Document, char: int) -> int | None:
    best = None
    for s, e, idx in doc.meta.get("mentions", ()):
        if e <= char:
            best = idx
        else:
            break
    return best


def person_party(doc: Document, idx: int) -> Party:
    p = doc.people[idx]
    return Party(name=p.name, kind="person", place=p.place, leader=None)


def role_person(doc: Document, role: Entity) -> int | None:
    """The person a bare title refers to: one whose roles include this title."""
    rk = match_key(role.text)
    for idx, roles in enumerate(doc.meta.get("person_roles", ())):
        for r in roles:
            if match_key(r.text) == rk or match_key(r.text).startswith(rk) or rk.startswith(match_key(r.text)):
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
