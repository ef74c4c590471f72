"""Meetings (CAMEO 036/040): a meeting, session, conference or exhibition with at least two
named sides (``دیدار با``, ``نشست ... با``, ``جلسه``, ``همایش``, ``با حضور ... به امضا رسید``)."""
from __future__ import annotations

from ...text.normalize import match_key
from ...records import Meeting, Party
from ..registry import action, finalizer, rule
from ...lexicons.agencies import agency_at
from .common import (PRESS_HEADS, entities_from, is_agency, last_person_before, norm, person_index_at, person_party, places_in, role_person,
                     tok_index)
from .arguments import visitor_in

_SIDE_STOP = {match_key(w) for w in ("و", "،", ",", "در", "برای", "به", "را", "که", "دیدار", "گفت", "افزود", "برگزار",
                                      "پس", "سپس", "نیز", "هم", "بازدید", "با")}
_GROUP_HEADS = {match_key(w) for w in ("مدیران", "مقامات", "مسئولان", "مسوولان", "فعالان", "نمایندگان",
                                        "اعضای", "کارشناسان", "سرمایه‌گذاران", "تجار", "بازرگانان", "هیئتی",
                                        "هیاتی", "هیات", "هیئت", "استاندار", "وزیر", "سفیر", "رئیس", "مدیرعامل")}


def _party_at(doc, i: int, end: int) -> tuple[Party | None, int]:
    """A side starting at token i: a person, a title, a group noun phrase, an org or a place."""
    toks = doc.tokens
    if i >= end:
        return None, i
    t = toks[i]
    for e in entities_from(doc, t.start, t.start + 1, ("PERSON", "ROLE", "ORG", "COUNTRY", "PROVINCE", "CITY",
                                                       "LOCATION")):
        j = tok_index(doc, e.end - 1) + 1
        if e.label == "PERSON":
            idx = person_index_at(doc, e.start, e.end)
            if idx is not None:
                return person_party(doc, idx), j
        if e.label == "ROLE":
            idx = role_person(doc, e)
            if idx is not None:
                return person_party(doc, idx), j
            pl = [p for _, p in places_in(doc, i, j)]
            return Party(name=norm(e.text), kind="person", place=pl[0] if pl else None), j
        if e.label == "ORG":
            pl = [p for _, p in places_in(doc, i, j)]
            return Party(name=norm(e.text), kind="organization", place=pl[0] if pl else None), j
        pl = [p for _, p in places_in(doc, i, j)]
        if pl:
            return Party(name=pl[0].name, kind="place", place=pl[0]), j
    if t.key in _GROUP_HEADS:
        j = i + 1
        while j < end and toks[j].kind == "word" and j - i < 12 and toks[j].key not in _GROUP_STOP:
            if toks[j].key == "و" and not (j + 1 < end and toks[j + 1].kind == "word"
                                           and toks[j + 1].key not in _GROUP_ENDS):
                break  # «مدیران و مسئولان» are two sides; «اعضای اپوزیسیون است و افزود» ends at the verb
            j += 1
        pl = [p for _, p in places_in(doc, i, j)]
        kind = "delegation" if t.key in _DELEGATION_HEADS else "organization"
        return Party(name=norm(doc.raw[t.start:toks[j - 1].end]), kind=kind, place=pl[0] if pl else None), j
    return None, i + 1


# a group noun phrase (مقامات عالیرتبه سوریه) ends at a preposition, a verb or a conjunction
_GROUP_STOP = {match_key(w) for w in (
    "در", "برای", "به", "را", "که", "دیدار", "گفت", "بازدید", "پس", "سپس", "برگزار", "تشکیل", "از", "تا", "طی",
    "ضمن", "جهت", "پیرامون", "درباره", "دربارهٔ", "راجع", "است", "بود", "هست", "شد", "شدند", "شده", "می", "خواهد",
    "کرد", "کردند", "کند", "کنند", "راهی", "عازم", "افزود", "اظهار", "خواستار", "نیز", "هم", "امروز", "دیروز", "فردا",
    "پیش", "صبح", "عصر", "ظهر", "شب")}
_GROUP_ENDS = _GROUP_HEADS | _GROUP_STOP  # «و» before one of these ends a group side
_DELEGATION_HEADS = {match_key(w) for w in ("هیئتی", "هیاتی", "هیات", "هیئت")}
_CONVERSATION = {match_key(w) for w in ("گفتگو", "گفت‌وگو", "گفت‌و‌گو", "مصاحبه")}
# «دیدار» is also a match: «به دیدار نهایی راه یافت», «دیدار رفت»
_MATCH_WORDS = {match_key(w) for w in ("نهایی", "پایانی", "فینال", "رفت", "برگشت", "دوستانه", "تدارکاتی",
                                        "نیمه‌نهایی", "مقدماتی", "حساس")}

_PRESS = PRESS_HEADS | {match_key(w) for w in ("خبرنگار", "خبرنگاران", "رسانه", "رسانه‌ها", "اصحاب")}


def _is_press(doc, i: int, cue: int | None = None) -> bool:
    """``گفتگو با خبرنگار ...`` / ``در گفت‌وگو با ایرنا`` is an interview, not a meeting."""
    if doc.tokens[i].key in _PRESS:
        return True
    if cue is not None and doc.tokens[cue].key in _CONVERSATION and agency_at(doc, i) is not None:
        return True  # «در گفت‌وگو با فارس»: the agency, not the province
    t = doc.tokens[i]
    return any(is_agency(e) for e in entities_from(doc, t.start, t.start + 1))


def sides_after(doc, a: int, b: int) -> list[Party]:
    out, i = [], a
    while i < b:
        p, j = _party_at(doc, i, b)
        if p is not None:
            out.append(p)
            i = j
            if i < b and doc.tokens[i].key == "و":
                i += 1
                continue
            break
        i = j
        if i < b and doc.tokens[i - 1].key in _SIDE_STOP and doc.tokens[i - 1].key not in ("و",):
            break
    return out


@action("meeting_with")
def meeting_with(m):
    """``(ضمن) دیدار با X`` / ``نشست ... با X``: X and the subject of the sentence."""
    doc, sent = m.doc, m.sentence
    a, b = m.captures["with"]
    cue = m.captures["cue"][0]
    if _is_press(doc, a, cue):
        return []
    if cue + 1 < len(doc.tokens) and doc.tokens[cue + 1].key in _MATCH_WORDS:
        return []
    others = sides_after(doc, a, min(sent.last, a + 16))
    if not others:
        return []
    subject = visitor_in(doc, sent.first, min(cue, a))
    if subject is None:
        idx = last_person_before(doc, doc.tokens[cue].start)
        subject = person_party(doc, idx) if idx is not None else None
    parts = ([subject] if subject else []) + others
    if len(parts) < 2:
        return []
    place = None
    hits = places_in(doc, sent.first, sent.last)
    return [Meeting(participants=parts, place=hits[0][1] if hits else None,
                    topic=None, cameo="036" if "دیدار" in (m.text("cue") or "") else "040")]


@action("meeting_between")
def meeting_between(m):
    """``نشست/جلسه/همایش <topic> X و Y``: the sides named right after the cue."""
    doc, sent = m.doc, m.sentence
    cue_a, cue_b = m.captures["cue"]
    topic_end = cue_b
    while topic_end < sent.last and doc.tokens[topic_end].kind == "word" and topic_end - cue_b < 3 and not \
            entities_from(doc, doc.tokens[topic_end].start, doc.tokens[topic_end].start + 1,
                          ("PROVINCE", "COUNTRY", "ORG", "PERSON", "ROLE")) \
            and doc.tokens[topic_end].key not in ("با", "در", "و", "استان", "کشور"):
        topic_end += 1
    i = topic_end
    if i < sent.last and doc.tokens[i].key in ("استان", "کشور"):
        i += 1
    sides = sides_after(doc, i, min(sent.last, i + 16))
    # "با حضور X" inside the same clause adds a side
    for k in range(i, min(sent.last, i + 20) - 1):
        if doc.tokens[k].key == "با" and doc.tokens[k + 1].key == "حضور":
            sides += sides_after(doc, k + 2, min(sent.last, k + 14))
            break
    if len(sides) < 2:
        return []
    topic = norm(doc.raw[doc.tokens[cue_a].start:doc.tokens[topic_end - 1].end])
    return [Meeting(participants=sides, place=sides[0].place if sides[0].kind == "place" else None,
                    topic=topic, cameo="040")]


@finalizer("meetings")
def _meetings(doc, records):
    out, seen = [], set()
    for r in records:
        unique = {match_key(p.name): p for p in reversed(r.participants)}  # the first telling of each side
        r.participants = [p for p in r.participants if unique.get(match_key(p.name)) is p]
        names = tuple(sorted(unique))
        key = (r.evidence.start if r.evidence else None, names)
        if key in seen or len(names) < 2:  # a side met itself: a subject resolved to the other side
            continue
        seen.add(key)
        out.append(r)
    return out


_SIGNING = {match_key(w) for w in ("امضا", "امضای", "امضاء", "منعقد", "انعقاد")}
_DOCS = {match_key(w) for w in ("تفاهم‌نامه", "تفاهمنامه", "قرارداد", "موافقت‌نامه", "توافق‌نامه", "توافقنامه",
                                 "تفاهم‌نامه‌ای", "قراردادی", "سند")}


@rule(name="meeting.signing_ceremony", record="meetings", priority=58, confidence=0.6,
      examples=[{"text": "این تفاهم‌نامه با حضور مهندس علی عدلی، مدیرعامل شرکت عمران کیش، و عبدالله بابایی، "
                         "مدیر شرکت پرشین خودرو، به امضا رسید.", "expect": {"cameo": "040"}}])
def signing_ceremony(doc, ctx):
    """An agreement signed ``با حضور X و Y``: a ceremony where the signatories and the named
    attendees meet (the parties of the agreement plus the people named after ``با حضور``)."""
    toks = doc.tokens
    for sent in doc.sentences:
        keys = [t.key for t in toks[sent.first:sent.last]]
        if not (_SIGNING & set(keys)) or not (_DOCS & set(keys)):
            continue
        k = next((i for i in range(sent.first, sent.last - 1)
                  if toks[i].key == "با" and toks[i + 1].key == "حضور"), None)
        if k is None:
            continue
        people = []
        for e in entities_from(doc, toks[k + 1].end, sent.end, ("PERSON",)):
            idx = person_index_at(doc, e.start, e.end)
            p = person_party(doc, idx) if idx is not None else Party(name=e.text, kind="person")
            if not any(match_key(p.name) == match_key(q.name) for q in people):
                people.append(p)
        agreement = next((a for a in doc.records.get("agreements", [])
                          if a.evidence and a.evidence.start <= sent.start < a.evidence.end + 1), None)
        parties = [p for p in (agreement.parties if agreement else []) if getattr(p, "kind", "") == "organization"]
        sides = [*parties, *people]
        if len(sides) >= 2:
            yield Meeting(participants=sides, place=None, topic=None, cameo="040",
                          evidence=doc.span(sent.start, sent.end))
