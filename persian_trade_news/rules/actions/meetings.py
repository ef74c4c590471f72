"""Meetings (CAMEO 036/040): a meeting, session, conference or exhibition with at least two
named sides (``دیدار با``, ``نشست ... با``, ``جلسه``, ``همایش``, ``با حضور ... به امضا رسید``)."""
from __future__ import annotations

from ...text.normalize import match_key
from ...records import Meeting, Party
from ..registry import action, finalizer, rule
from .common import (entities_from, irrealis, last_person_before, norm, person_index_at, person_party, places_in, in_sports_report)
from .arguments import is_press, sides_after, visitor_in

# «دیدار» is also a match: «به دیدار نهایی راه یافت», «دیدار رفت»
_MATCH_WORDS = {match_key(w) for w in ("نهایی", "پایانی", "فینال", "رفت", "برگشت", "دوستانه", "تدارکاتی",
                                        "نیمه‌نهایی", "مقدماتی", "حساس")}


@action("meeting_with")
def meeting_with(m):
    """``(ضمن) دیدار با X`` / ``نشست ... با X``: X and the subject of the sentence."""
    doc, sent = m.doc, m.sentence
    a, b = m.captures["with"]
    cue = m.captures["cue"][0]
    if is_press(doc, a, cue) or irrealis(doc, sent, cue, advice=True):
        return []  # a press conference; a condition («اگر با او دیدار کنیم»)
    if cue + 1 < len(doc.tokens) and doc.tokens[cue + 1].key in _MATCH_WORDS:
        return []
    others = sides_after(doc, a, min(sent.last, a + 16), phrase=True)
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
    if irrealis(doc, sent, cue_a, advice=True):
        return []
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
    records = [r for r in records if not in_sports_report(doc, r.evidence)]  # games, transfers
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
    # one record per meeting: a telling whose sides are all among another's is that meeting again
    sides = [frozenset(match_key(p.name) for p in r.participants) for r in out]
    keep = [r for i, r in enumerate(out)
            if not any(j != i and sides[i] <= sides[j] and (sides[i] < sides[j] or j < i) for j in range(len(out)))]
    return keep


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
