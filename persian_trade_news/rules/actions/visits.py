"""Visits: who travels where (``سفر ... به``, ``از ... بازدید``, ``... را مورد بازدید قرار داد``,
``عازم ... شد``, ``وارد ... شد``), with visitor, origin, duration, status, purpose; the same trip
told several times (headline, lead, body, stops of the trip) is merged into one record."""
from __future__ import annotations

from ...text.normalize import match_key
from ...records import Party, Visit
from ..registry import action, finalizer
from .arguments import _HUMAN_HEADS, _TIME_WORDS, named_person_in, visitor_in
from .common import (CLAUSE_BREAKS, QUOTE_COLONS, entities_from, irrealis, norm, place_words as _place_words, places_in, resolve_place_phrase, tense, in_sports_report)

_PLACE_RANK = {"country": 0, "province": 1, "region": 2, "county": 3, "city": 3, "zone": 4, "other": 5}
# words between ``سفر`` and ``به <place>`` that describe the trip, not the traveller
# (سفر دو روزه خود، سفر هفته گذشته، سفر اول، سفر غیرمنتظره، سفر انتخاباتی)
_TRIP_WORDS = _TIME_WORDS | {match_key(w) for w in (
    "خود", "اخیر", "آتی", "آینده", "قبلی", "گذشته", "پیشین", "بعدی", "سال", "ماه", "جاری", "اول", "نخست", "دوم",
    "سوم", "چهارم", "پنجم", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "چند", "رسمی",
    "کاری", "استانی", "غیرمنتظره", "غیر", "منتظره", "انتخاباتی", "زمینی", "هوایی", "دریایی", "تاریخی",
    "یک‌روزه", "دوروزه", "سه‌روزه", "چندروزه", "روزه", "ساعته", "هفته‌ای", "خودش", "اینجانب", "ما", "من")}
#: returned by ``_visitor_after_cue`` when ``سفر X به`` names a traveller it cannot resolve: the
#: sentence's subject is then no visitor either.
_SOMEONE_ELSE = Party(name="", kind="other")


def _purpose(doc, sent) -> str | None:
    toks = doc.tokens
    for s in (sent, doc.sentences[sent.i + 1] if sent.i + 1 < len(doc.sentences) else None):
        if s is None:
            continue
        for i in range(s.first, s.last - 2):
            if (toks[i].key == "با" and toks[i + 1].key == "هدف") or (toks[i].key == "به" and toks[i + 1].key == "منظور"):
                a = i + 2
                b = a
                while b < s.last and toks[b].text not in ("،", ",", ".") and toks[b].key not in ("انجام", "صورت", "را") \
                        and b - a < 14:
                    b += 1
                if b > a:
                    return norm(doc.raw[toks[a].start:toks[b - 1].end])
        if s is not sent and not any(t.key in ("بازدید", "سفر") for t in toks[s.first:s.last]):
            break
    return None


def _duration(doc, sent) -> int | None:
    for q in doc.quantities:
        if q.kind == "duration" and sent.start <= q.start < sent.end:
            return int(q.value)
    return None


def _date(doc, sent) -> str | None:
    for d in doc.dates:
        if sent.start <= d.start < sent.end and d.iso and "/" not in d.iso:
            return d.iso
    return None


_PLANNED = {match_key(w) for w in ("قرار", "برنامه")}  # «قرار است ... سفر کند», «برنامه دارد ... سفر کند»
_PERFECT = {match_key(w) for w in ("کرده", "آمده", "رفته", "نموده")}  # «که به تهران سفر کرده»: here now


_FUTURE_TIME = {match_key(w) for w in ("آینده", "آتی", "قریب‌الوقوع", "پیش‌رو", "پیش‌روی", "زودی")}
_FUTURE_REACH = 12  # tokens after the cue
_SUBJUNCTIVE = {match_key(w) for w in ("کند", "کنند", "کنم", "کنیم", "بیاید", "بیایند", "برود", "بروند", "نماید", "نمایند")}


def _clause_end(doc, sent, cue: int) -> int:
    """The token after the cue's clause: the next comma, semicolon or colon, else the sentence's end."""
    toks = doc.tokens
    return next((i for i in range(cue + 1, sent.last) if toks[i].text in CLAUSE_BREAKS), sent.last)


def _status(doc, sent, cue: int) -> str | None:
    toks = doc.tokens
    end = _clause_end(doc, sent, cue)
    # the verb of the cue's own clause («... که قرار است به ایران سفر کند، ... خبر داد»)
    if any(toks[i].key in _FUTURE_TIME for i in range(cue + 1, min(end, cue + _FUTURE_REACH))):
        return "planned"  # «سفر وزیر کار به ایران در ماه‌های آینده (خبر داد)»
    st = tense(doc, cue, end)
    nxt = toks[cue + 1].key if cue + 1 < sent.last else ""
    if st is None and nxt in _SUBJUNCTIVE:
        return "planned"  # «(که قرار است) به ایران سفر کند»
    if st is None:
        st = tense(doc, cue, sent.last)
    verb = toks[cue].key if toks[cue].key in _PERFECT else nxt
    before = {t.key for t in toks[sent.first:cue]}
    if _PLANNED & before and st != "completed":
        return "planned"
    if verb in _PERFECT and (cue + 2 >= sent.last or toks[cue + 2].key not in ("بود", "بودند")):
        return "ongoing"
    keys = [t.key for t in toks[max(sent.first, cue - 3):cue]]
    during = "طی" in keys or ("در" in keys and "سفر" in [t.key for t in doc.tokens[cue:cue + 1]])
    if during and st in ("planned", None, "ongoing"):
        return "ongoing"
    return st


def _visitor_after_cue(doc, cue_i: int, dest_i: int) -> Party | None:
    """``سفر پزشکیان رئیس جمهور به آذربایجان``: the traveller named right after ``سفر``.

    ``None`` when the words between ``سفر`` and ``به`` only describe the trip (``سفر دو روزه خود``);
    the title (``سفر رئیس جمهور``) or the group (``سفر هیئت دولت``, ``سفر مقامات ونزوئلایی``) they
    name otherwise; :data:`_SOMEONE_ELSE` when they name somebody else this module cannot resolve
    (``سفر بوش``, ``سفر البرادعی``)."""
    toks = doc.tokens
    if toks[cue_i].key not in ("سفر", "سفرهای") or dest_i <= cue_i + 1:
        return None
    to = dest_i - 1
    while to > cue_i and toks[to].key != "به":
        to -= 1
    gap = range(cue_i + 1, to)
    if not gap:
        return None
    named = named_person_in(doc, toks[gap[0]].start, toks[gap[-1]].end, ("PERSON", "ROLE"))
    if named is not None:
        return named
    if all(toks[i].key in _TRIP_WORDS or toks[i].kind != "word" or toks[i].key.endswith("روزه") for i in gap):
        return None
    places = [p for _, p in places_in(doc, gap[0], to)]
    for e in entities_from(doc, toks[gap[0]].start, toks[gap[-1]].end, ("ROLE",)):
        return Party(name=norm(e.text), kind="person", place=places[0] if places else None)
    for i in gap:
        if toks[i].key in _HUMAN_HEADS:
            return Party(name=norm(doc.raw[toks[i].start:toks[gap[-1]].end]), kind="delegation",
                         place=places[0] if places else None)
    return _SOMEONE_ELSE


def _invited(doc, sent, cue_i: int) -> Party | None:
    """``(دعوت) از X برای سفر به Y (دعوت کرد)``: X is invited, X is the traveller."""
    toks = doc.tokens
    if cue_i - 2 < sent.first or toks[cue_i - 1].key != "برای":
        return None
    if not any(t.key.startswith("دعوت") for t in toks[sent.first:sent.last]):
        return None
    for j in range(cue_i - 2, max(sent.first, cue_i - 9) - 1, -1):
        if toks[j].key == "از":
            if j + 1 >= cue_i - 1:
                return None
            a, b = toks[j + 1].start, toks[cue_i - 2].end
            named = named_person_in(doc, a, b, ("PERSON", "ROLE"))
            if named is not None:
                return named
            for e in entities_from(doc, a, b, ("ROLE",)):
                return Party(name=norm(e.text), kind="person")
            return _SOMEONE_ELSE  # somebody this module cannot resolve is invited
    return None


def _relative_antecedent(doc, sent, first: int) -> Party | None:
    """``... سفر وزیر صنعت برزیل که قرار است به ایران سفر کند``: in a relative clause the
    traveller is the person or title named right before «که», not the sentence's subject (وی)."""
    toks = doc.tokens
    k = next((i for i in range(first - 1, max(sent.first, first - 12) - 1, -1) if toks[i].key == "که"), None)
    if k is None or k - 1 < sent.first or any(toks[i].text in QUOTE_COLONS for i in range(k, first)):
        return None
    end_char = toks[k - 1].end
    for e in entities_from(doc, toks[max(sent.first, k - 10)].start, end_char, ("PERSON", "ROLE")):
        if e.end == end_char:
            return named_person_in(doc, e.start, e.end, ("PERSON", "ROLE")) or Party(name=norm(e.text), kind="person")
    return None


@action("visit")
def visit(m):
    doc, sent = m.doc, m.sentence
    cue_i = m.captures["cue"][0]
    if irrealis(doc, sent, cue_i, advice=True):
        return []  # «اگر به تهران سفر کند»: a condition, no trip
    dest = None
    if m.has("destination"):
        a, b = m.captures["destination"]
        hits = places_in(doc, a, b)
        if hits:
            dest = hits[0][1]
        else:
            for i in range(a, b):
                dest = resolve_place_phrase(doc, i, sent)
                if dest:
                    break
    if dest is None:
        return []
    status = _status(doc, sent, cue_i)
    dest_i = m.captures["destination"][0] if m.has("destination") else cue_i
    visitor = _visitor_after_cue(doc, cue_i, dest_i)
    if visitor is _SOMEONE_ELSE:
        return []
    if visitor is None:
        visitor = _invited(doc, sent, cue_i)
        if visitor is _SOMEONE_ELSE:
            return []
        if visitor is not None:
            status = "planned"
    if visitor is None:
        visitor = _relative_antecedent(doc, sent, m.first)
    if visitor is None:
        # inside a quote (``X گفت: ... وارد ایلام شد``) the traveller is the quoted clause's subject,
        # not the speaker; the speaker only when the quote says «سفر خود»
        end = min(cue_i, m.first) if m.has("az") else cue_i
        first = sent.first
        for i in range(end - 1, sent.first - 1, -1):
            if doc.tokens[i].text in QUOTE_COLONS:
                first = i + 1
                break
        visitor = visitor_in(doc, first, end)
        if visitor is None and first > sent.first and any(t.key == "خود" for t in doc.tokens[cue_i + 1:dest_i]):
            visitor = visitor_in(doc, sent.first, first - 1)
    if visitor is None:
        prior = doc.records.get("visits") or []
        if prior:
            visitor = prior[-1].visitor
    if visitor is None:
        return []
    origin = visitor.place if visitor.place and visitor.place != dest else None
    return [Visit(visitor=visitor, destination=dest, origin=origin, duration_days=_duration(doc, sent),
                  date=_date(doc, sent), status=status, purpose=_purpose(doc, sent))]


def _same_visitor(a: Party, b: Party) -> bool:
    if a.kind == b.kind == "delegation" and a.place and b.place:
        return (a.place.id or a.place.name) == (b.place.id or b.place.name)
    ka, kb = match_key(a.name), match_key(b.name)
    if ka == kb:
        return True
    wa, wb = a.name.split(), b.name.split()
    if a.kind == b.kind == "person" and min(len(wa), len(wb)) >= 2 and (wa[:len(wb)] == wb or wb[:len(wa)] == wa):
        return True  # a title and the same title with its country (رئیس جمهور / رئیس جمهور چین)
    # one surname (لاریجانی / علی لاریجانی); never two titles that end on one place (وزیر خارجه
    # برزیل / وزیر صنعت برزیل are two travellers)
    return bool(wa and wb) and wa[-1] == wb[-1] and match_key(wa[-1]) not in _place_words()


@finalizer("visits")
def _merge_trips(doc, records):
    records = [r for r in records if not in_sports_report(doc, r.evidence)]  # games, transfers
    trips: list[list[Visit]] = []
    for v in records:
        for trip in trips:
            # one visitor's tour of two countries is two trips (عازم دمشق شد ... عازم الجزایر می‌شود)
            if _same_visitor(trip[0].visitor, v.visitor) and _country_of(trip[0].destination) == _country_of(v.destination):
                trip.append(v)
                break
        else:
            trips.append([v])
    out = []
    for trip in trips:
        best = min(trip, key=lambda v: (_PLACE_RANK.get(v.destination.kind, 9), trip.index(v)))
        merged = Visit(visitor=max((v.visitor for v in trip), key=lambda p: (p.leader is not None, p.place is not None, len(p.name))),
                       destination=best.destination, origin=next((v.origin for v in trip if v.origin), None),
                       duration_days=next((v.duration_days for v in trip if v.duration_days), None),
                       date=next((v.date for v in trip if v.date), None),
                       status=_trip_status([v.status for v in trip]),
                       purpose=next((v.purpose for v in trip if v.purpose), None),
                       evidence=best.evidence, rule=best.rule, confidence=max(v.confidence for v in trip))
        if merged.origin and merged.destination and merged.origin == merged.destination:
            merged.origin = None
        out.append(merged)
    return out


def _country_of(place) -> str | None:
    """The country a destination lies in: its own code for a country, the gazetteer's country
    for a province or a city (Iran's when the gazetteer names none), None when unknown."""
    if place is None:
        return None
    if place.kind == "country":
        return place.id
    if place.id and "-" in place.id:
        return place.id.split("-", 1)[0]  # IR-23, SY-DI
    from ...lexicons.index import lexicon

    for e in lexicon().places.entries_for(match_key(place.name)):
        if e.label in ("CITY", "PROVINCE", "LOCATION"):
            return e.get("country") or "IR"
    return None


def _trip_status(statuses: list) -> str | None:
    s = [x for x in statuses if x]
    if "ongoing" in s or ("planned" in s and "completed" in s):
        return "ongoing"
    return s[0] if s else None
