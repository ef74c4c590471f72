"""Argument resolvers shared by the event and figure rules: who acts (a delegation, a named
person, a pronoun, a title resolved to its holder, a plain noun phrase of people or places) and
which organisation ``این سازمان`` stands for."""
from __future__ import annotations

from ...records import Party
from ...text.normalize import match_key
from .common import (entities_from, is_agency, last_person_before, norm, person_index_at, person_party, places_in,
                     role_person, tok_index)

K = match_key

_DELEGATION = {match_key(w) for w in ("هیات", "هیئت", "هیاتی", "هیئتی", "هیأت", "هیأتی", "گروهی", "کاروان")}
_LEAD = {match_key(w) for w in ("ریاست", "سرپرستی", "رهبری")}
_PRONOUNS = {"وی", "ایشان", "او"}
# a plain noun phrase is a visitor only if it names people (ناظران، کارشناسان...) or a place
_HUMAN_HEADS = {match_key(w) for w in (
    "ناظران", "کارشناسان", "مسئولان", "مسوولان", "فعالان", "تجار", "بازرگانان", "مدیران", "اعضای", "نمایندگان",
    "دانشجویان", "گردشگران", "سرمایه‌گذاران", "سرمایه‌گذار", "مقامات", "وزرای", "سفرای", "استانداران", "هیات",
    "هیئت", "هیأت", "کاروان", "گروهی", "جمعی", "تعدادی", "صادرکنندگان", "تولیدکنندگان", "خبرنگاران")}
_TIME_WORDS = {match_key(w) for w in ("امروز", "دیروز", "فردا", "صبح", "ظهر", "عصر", "شب", "امشب", "بامداد",
                                       "پیش", "روز", "هفته", "امسال", "اکنون", "هم‌اکنون", "هفته‌گذشته")}
_STOP_NP = {match_key(w) for w in ("از", "به", "در", "با", "که", "را", "طی", "ضمن", "برای", "،", ",")}
DEICTIC_ORG = {K(w) for w in ("سازمان", "شرکت", "مجموعه", "اداره", "واحد", "کارخانه", "پتروشیمی")}


def _leader(doc, a: int, b: int) -> str | None:
    toks = doc.tokens
    for i in range(a, b - 1):
        if toks[i].key == "به" and toks[i + 1].key in _LEAD:
            s = toks[i + 1].end
            for e in entities_from(doc, s, s + 4, ("PERSON",)):
                idx = person_index_at(doc, e.start, e.end)
                return doc.people[idx].name if idx is not None else norm(e.text)
    return None


def visitor_in(doc, first: int, cue: int) -> Party | None:
    """The visitor: a delegation, a person, a pronoun, a title or a plain noun phrase before the cue."""
    toks = doc.tokens
    # a delegation: هیات(ی) ... از <place>
    for i in range(first, cue):
        if toks[i].key in _DELEGATION:
            end = i + 1
            place = None
            while end < cue and end - i < 10:
                hit = [p for e, p in places_in(doc, end, end + 1)]
                if hit:
                    place = hit[0]
                    end = tok_index(doc, [e for e, _ in places_in(doc, end, end + 1)][0].end - 1) + 1
                    break
                if toks[end].text in ("،", ",") or toks[end].key in ("به", "با", "را", "که"):
                    break
                end += 1
            if place is None:
                for e, p in places_in(doc, i, cue):
                    place = p
                    break
            name = norm(doc.raw[toks[i].start:toks[end - 1].end])
            return Party(name=name, kind="delegation", place=place, leader=_leader(doc, i, cue))
    s_char, e_char = toks[first].start, toks[max(cue - 1, first)].end
    named = named_person_in(doc, s_char, e_char, ("PERSON",))
    if named is not None:
        return named
    for i in range(first, cue):
        t = toks[i]
        if t.key in _PRONOUNS and not (i > first and toks[i - 1].key == "گفته"):  # not «به گفته وی»
            idx = last_person_before(doc, t.start)
            if idx is not None:
                return person_party(doc, idx)
    for e in entities_from(doc, s_char, e_char, ("ROLE",)):
        if e.end <= e_char:
            idx = role_person(doc, e)
            if idx is not None:
                return person_party(doc, idx)
            places = [p for x, p in places_in(doc, tok_index(doc, e.start), tok_index(doc, e.end - 1) + 1)]
            return Party(name=norm(e.text), kind="person", place=places[0] if places else None)
    # a plain noun phrase opening the clause (ناظران مواد غذایی ایران از پاکستان بازدید کردند)
    while first < cue and toks[first].key in _TIME_WORDS:
        first += 1
    end = first
    while end < cue and toks[end].key not in _STOP_NP and toks[end].key not in _TIME_WORDS and toks[end].kind == "word":
        end += 1
    # the phrase must lead straight into the cue ("ناظران ... ایران از پاکستان بازدید کردند"),
    # not be an earlier clause ("سوریه راه‌حل نظامی ندارد/ دعوت از ظریف برای سفر به ...")
    if end - first >= 2 and cue - end <= 1 and (toks[first].key in _HUMAN_HEADS or places_in(doc, first, end)):
        places = [p for _, p in places_in(doc, first, end)]
        return Party(name=norm(doc.raw[toks[first].start:toks[end - 1].end]), kind="delegation",
                     place=places[0] if places else None)
    return None


def named_person_in(doc, s_char: int, e_char: int, labels: tuple[str, ...]) -> Party | None:
    """The first named person in [s_char, e_char): a PERSON mention, or a title held by a person."""
    for e in entities_from(doc, s_char, e_char, labels):
        if e.end > e_char:
            continue
        idx = person_index_at(doc, e.start, e.end) if e.label == "PERSON" else role_person(doc, e)
        if idx is not None:
            return person_party(doc, idx)
    return None


def org_party(doc, e) -> Party:
    a, b = tok_index(doc, e.start), tok_index(doc, e.end - 1) + 1
    pl = [p for _, p in places_in(doc, a, b)]
    return Party(name=norm(e.text), kind="organization", place=pl[0] if pl else None)


def last_org_before(doc, char: int, head: str | None = None):
    """The last organisation named before ``char`` (news agencies, which report rather than act,
    are skipped); with ``head`` (``سازمان`` of ``این سازمان``), the last one whose name starts with
    that word, if any."""
    best = None
    for e in reversed(entities_from(doc, 0, char)):
        if e.label == "ORG" and not is_agency(e):
            best = best or e
            if head is None or match_key(e.text.split(maxsplit=1)[0]) == head:
                return e
    return best
