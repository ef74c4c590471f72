"""Event frames (``rules/data/frames/*.yaml``) turned into Python rules: for each sentence holding
one of a frame's triggers, the shared resolver fills the frame's slots (the sentence's subject,
the sides after «با», «با حضور», «میان/بین», and the sides named right after the trigger) and a
record is made when they name enough distinct sides. One place for every event type's phrasings:
a new trigger is a word in the data file, not a new pattern."""
from __future__ import annotations

from ...records import Meeting, Party
from ...text.normalize import match_key
from ..frames import Frame, builtin_frames
from ..registry import rule
from .arguments import is_press, party_at, sides_after, visitor_in
from .common import QUOTE_COLONS, irrealis, last_person_before, person_party, places_in

K = match_key
_PRESENCE = ((K("با"), K("حضور")), (K("با"), K("مشارکت")))
_BETWEEN = {K("میان"), K("بین")}
_PLACE_PREP = {K("در")}
_WITH = K("با")
_SAID = K("گفته")
_OPENING_PREPS = frozenset((K("در"), K("طی"), K("ضمن")))
_BUILDERS = {"meetings": lambda parties, place, trigger, topic: Meeting(
    participants=parties, place=place, topic=topic, cameo=trigger.cameo or "040")}


def _same(a: Party, b: Party) -> bool:
    return K(a.name) == K(b.name)


def _add(out: list[Party], parties) -> None:
    for p in parties:
        if p is not None and p.name and not any(_same(p, q) for q in out):
            out.append(p)


def _trigger_at(doc, frame: Frame, index, i: int, last: int):
    """The trigger starting at token ``i`` (its last token index + 1, the Trigger), or None."""
    keys = doc.keys
    for t in index.get(keys[i], ()):
        n = len(t.keys)
        if i + n <= last and tuple(keys[i:i + n]) == t.keys:
            return i + n, t
    return None


def _subject(doc, sent, cue: int) -> list[Party]:
    """The sentence's subject before the trigger (after a quote's colon, the quoted clause's)."""
    first = sent.first
    for i in range(cue - 1, sent.first - 1, -1):
        if doc.tokens[i].text in QUOTE_COLONS:
            first = i + 1
            break
    # «به گفته X، نشست ... برگزار می‌شود»: who tells of the meeting is no side of it
    for k in range(first + 1, cue):
        if doc.keys[k] == _SAID and doc.keys[k - 1] == K("به"):
            p, j = party_at(doc, k + 1, cue)
            if p is not None:
                first = j + 1 if j < cue and doc.tokens[j].text in ("،", ",") else j
            break
    # «X ... با Y (که در رأس هیأتی ...) دیدار کرد»: the subject stands before «با»
    cue = next((i for i in range(first, cue) if doc.keys[i] == _WITH), cue)
    # «X و Y در نشستی مشترک ... گفت‌وگو کردند»: coordinated subjects are sides each
    subjects = sides_after(doc, first, cue) if cue > first else []
    if subjects:
        return subjects
    subject = visitor_in(doc, first, cue)
    if subject is None and first == sent.first and cue > sent.first:
        # «وی در این دیدار گفت» resolves inside visitor_in; a sentence opening on the trigger
        # («در دیدار ... گفت») speaks of the last person named
        head = doc.tokens[sent.first].key
        if head in _OPENING_PREPS:
            idx = last_person_before(doc, doc.tokens[sent.first].start)
            subject = person_party(doc, idx) if idx is not None else None
    return [subject] if subject is not None else []


def _slot_sides(doc, frame: Frame, sent, cue: int, cue_end: int) -> list[Party]:
    keys = doc.keys
    sides: list[Party] = []
    if "subject" in frame.slots:  # a place before the trigger is where, not who («در تبریز»),
        # unless it is one of coordinated subjects («سران ایران، پاکستان و ترکیه ... دیدار کردند»)
        subjects = _subject(doc, sent, cue)
        # (not the places of a person's title: «نماینده مردم تهران، ری و شمیرانات»)
        _add(sides, subjects if len(subjects) >= 2 and subjects[0].kind in ("organization", "delegation")
             else [p for p in subjects if p.kind != "place"])
    if "genitive" in frame.slots and cue_end < sent.last:
        _add(sides, sides_after(doc, cue_end, min(sent.last, cue_end + 16), adjacent=True))
    for i in range(sent.first, sent.last - 1):
        pair = (keys[i], keys[i + 1])
        if "presence" in frame.slots and pair in _PRESENCE:
            _add(sides, sides_after(doc, i + 2, min(sent.last, i + 18)))
        elif "with" in frame.slots and keys[i] == _WITH and not is_press(doc, i + 1, cue):
            _add(sides, [p for p in sides_after(doc, i + 1, min(sent.last, i + 16), phrase=True) if p.kind != "place"])
        elif "between" in frame.slots and keys[i] in _BETWEEN:
            _add(sides, sides_after(doc, i + 1, min(sent.last, i + 16)))
    return sides


def _enough(sides: list[Party], n: int) -> bool:
    """``n`` named sides, places counted only beside somebody and in pairs: a conference «در
    تبریز» with one speaker is one side, an exhibition of a minister and two provinces is three."""
    people = sum(p.kind != "place" for p in sides)
    places = len(sides) - people
    return people >= n or (people >= 1 and places >= 2 and len(sides) >= n)


def _place(doc, sent) -> object | None:
    """The place a meeting is held in: the first place after «در» in the sentence."""
    toks = doc.tokens
    for i in range(sent.first, sent.last - 1):
        if toks[i].key in _PLACE_PREP:
            hits = places_in(doc, i + 1, min(sent.last, i + 4))
            if hits:
                return hits[0][1]
    return None


def _run(frame: Frame):
    index = frame.by_first_key()
    first_keys = set(index)
    build = _BUILDERS[frame.record]

    def run(doc, ctx):
        keys = doc.keys
        read = {r.evidence.start for r in doc.records.get(frame.record, []) if r.evidence is not None}
        for sent in doc.sentences:
            if sent.start in read or first_keys.isdisjoint(keys[sent.first:sent.last]):
                continue
            for i in range(sent.first, sent.last):
                if keys[i] not in first_keys:
                    continue
                hit = _trigger_at(doc, frame, index, i, sent.last)
                if hit is None:
                    continue
                end, trigger = hit
                if end < sent.last and keys[end] in frame.unless_next:
                    continue
                if irrealis(doc, sent, i, advice=True):
                    continue  # «اگر با او دیدار کنیم»: a condition, no meeting
                sides = _slot_sides(doc, frame, sent, i, end)
                if _enough(sides, frame.min_sides):
                    rec = build(sides, _place(doc, sent), trigger, None)
                    rec.evidence = doc.span(sent.start, sent.end)
                    yield rec
                break  # one record per sentence and frame
    return run


def _register() -> None:
    for frame in builtin_frames():
        if frame.record not in _BUILDERS:
            continue
        rule(name=frame.name, record=frame.record, priority=frame.priority, confidence=frame.confidence,
             examples=frame.examples, description=frame.description, triggers=frame.trigger_words)(_run(frame))


_register()
