"""Argument resolvers shared by the event and figure rules: who acts (a delegation, a named
person, a pronoun, a title resolved to its holder, a plain noun phrase of people or places) and
which organisation ``این سازمان`` stands for."""
from __future__ import annotations

from ...records import Party
from ...lexicons.words import STOP_WORDS
from ...text.normalize import is_verb_form, match_key
from ...lexicons.agencies import agency_at
from .common import (PRESS_HEADS, entities_from, is_agency, last_person_before, norm, person_index_at, person_party,
                     places_in, role_person, tok_index)

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


# ---------------------------------------------------------------- the sides of a meeting
_SIDE_STOP = {match_key(w) for w in ("و", "،", ",", "در", "برای", "به", "را", "که", "دیدار", "گفت", "افزود", "برگزار",
                                      "پس", "سپس", "نیز", "هم", "بازدید", "با")}
_GROUP_HEADS = {match_key(w) for w in ("مدیران", "مقامات", "مسئولان", "مسوولان", "فعالان", "نمایندگان",
                                        "اعضای", "کارشناسان", "سرمایه‌گذاران", "تجار", "بازرگانان", "هیئتی",
                                        "هیاتی", "هیات", "هیئت", "استاندار", "وزیر", "سفیر", "رئیس", "مدیرعامل",
                                        "سران", "رؤسای", "روسای", "وزرای", "سفرای")}
# a group of officials of several places is a side per place: «مقامات ارشد ترکمنستان و چین»
_OFFICIALS = {match_key(w) for w in ("مقامات", "سران", "رؤسای", "روسای", "وزرای", "سفرای", "نمایندگان", "هیئت‌های",
                                     "هیات‌های")}


def party_at(doc, i: int, end: int) -> tuple[Party | None, int]:
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
                return person_party(doc, idx), _after_title(doc, j, end)
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
        while j < end and toks[j].kind == "word" and j - i < 7 and toks[j].key not in _GROUP_STOP \
                and not is_verb_form(toks[j].key):
            if toks[j].key == "و" and not (j + 1 < end and toks[j + 1].kind == "word"
                                           and toks[j + 1].key not in _GROUP_ENDS):
                break  # «مدیران و مسئولان» are two sides; «اعضای اپوزیسیون است و افزود» ends at the verb
            j += 1
        pl = [p for _, p in places_in(doc, i, j)]
        kind = "delegation" if t.key in _DELEGATION_HEADS else "organization"
        if t.key in _OFFICIALS and len(pl) >= 2 and any(toks[k].key == "و" for k in range(i, j)):
            # (the officials of the first place; the list of places goes on as sides of their own)
            return Party(name=pl[0].name, kind="delegation", place=pl[0]), _first_place_end(doc, i, j)
        return Party(name=norm(doc.raw[t.start:toks[j - 1].end]), kind=kind, place=pl[0] if pl else None), j
    return None, i + 1


def _first_place_end(doc, i: int, j: int) -> int:
    """The token after the first place named in tokens [i, j): the list of places goes on there
    («مقامات ارشد ترکمنستان | و چین»)."""
    e = places_in(doc, i, j)[0][0]
    return tok_index(doc, e.end - 1) + 1


# a group noun phrase (مقامات عالیرتبه سوریه) ends at a preposition, a verb or a conjunction
_GROUP_STOP = {match_key(w) for w in (
    "در", "برای", "به", "را", "که", "دیدار", "گفت", "بازدید", "پس", "سپس", "برگزار", "تشکیل", "از", "تا", "طی", "بر",
    "با", "بیان", "اشاره", "تاکید", "تأکید", "اینکه", "این",
    "ضمن", "جهت", "پیرامون", "درباره", "دربارهٔ", "راجع", "است", "بود", "هست", "شد", "شدند", "شده", "می", "خواهد",
    "کرد", "کردند", "کند", "کنند", "راهی", "عازم", "افزود", "اظهار", "خواستار", "نیز", "هم", "امروز", "دیروز", "فردا",
    "پیش", "صبح", "عصر", "ظهر", "شب")}
_GROUP_ENDS = _GROUP_HEADS | _GROUP_STOP  # «و» before one of these ends a group side
_DELEGATION_HEADS = {match_key(w) for w in ("هیئتی", "هیاتی", "هیات", "هیئت")}
_CONVERSATION = {match_key(w) for w in ("گفتگو", "گفت‌وگو", "گفت‌و‌گو", "مصاحبه")}
_PRESS = PRESS_HEADS | {match_key(w) for w in ("خبرنگار", "خبرنگاران", "رسانه", "رسانه‌ها", "اصحاب")}


def is_press(doc, i: int, cue: int | None = None) -> bool:
    """``گفتگو با خبرنگار ...`` / ``در گفت‌وگو با ایرنا`` is an interview, not a meeting."""
    if doc.tokens[i].key in _PRESS:
        return True
    if cue is not None and doc.tokens[cue].key in _CONVERSATION and agency_at(doc, i) is not None:
        return True  # «در گفت‌وگو با فارس»: the agency, not the province
    t = doc.tokens[i]
    return any(is_agency(e) for e in entities_from(doc, t.start, t.start + 1))


def _after_title(doc, j: int, end: int) -> int:
    """The token after a title in apposition to the name that ends before token ``j``
    (``کارلوس گومز سفیر اسپانیا و ...``, ``X، مدیرکل ...، و``): the title is the same side."""
    toks = doc.tokens
    k = j + 1 if j < end and toks[j].text in ("،", ",") else j
    if k < end:
        for e in entities_from(doc, toks[k].start, toks[k].start + 1, ("ROLE",)):
            stop = tok_index(doc, e.end - 1) + 1
            if stop <= end:
                return stop + 1 if stop < end and toks[stop].text in ("،", ",") and k > j else stop
    return j


# the words that may stand between a trigger and the sides named right after it («نشست مشترک
# استانداران ...», «دیدار دوجانبه X و Y», «با آقای X»); any other word makes them no side of it
# («نشست بررسی فعالیت شبکه شاد»: the network is the topic; «با همکاری پلیس»: not a meeting's side)
ADJACENT_FILLERS = frozenset(match_key(w) for w in (
    "مشترک", "مشترکی", "ای", "دوجانبه", "دو‌جانبه", "جانبه", "چندجانبه", "سه‌جانبه", "دو", "سه", "رسمی", "خصوصی",
    "صمیمانه", "آقای", "خانم", "جناب", "دکتر", "مهندس", "سردار", "سرکار", "حجت‌الاسلام", "آیت‌الله", "امروز",
    "دیروز", "روز", "ویژه", "فوری", "اضطراری", "صبح", "ظهر", "عصر", "شب", "امشب", "بعدازظهر", "آقایان", "خانم‌ها",
    "نفره", "«", "»", '"', "“", "”"))


# «با» before one of these is an adverbial (with reference to, with the help of), naming no side
WITH_ADVERBIALS = frozenset(match_key(w) for w in (
    "اشاره", "بیان", "تاکید", "تأکید", "توجه", "استفاده", "هدف", "وجود", "انتقاد", "تشریح", "ارائه", "اعلام", "ابلاغ",
    "تقدیر", "اظهار", "تبریک", "همکاری", "همراهی", "مشارکت", "حمایت", "کمک", "پیروزی", "شرکت", "عضویت", "حضور",
    "محوریت", "موضوع", "عنوان", "رویکرد", "نگاه", "اعتراض", "یادآوری", "ابراز", "اهدای", "اعطای", "قدردانی", "تشکر",
    "گرامیداشت", "بررسی", "شعار", "امضای", "امضا"))
# «همزمان با X», «مصادف با X»: a time, not a side; «مبارزه با داعش»: a target
_BEFORE_WITH_ADVERBIAL = frozenset(match_key(w) for w in ("همزمان", "هم‌زمان", "مصادف", "مقارن", "مطابق", "منطبق",
                                                          "متناسب", "برابر", "مواجه", "روبرو", "روبه‌رو", "مبارزه",
                                                          "مقابله", "برخورد", "جنگ", "درگیری", "رویارویی"))
_QUOTE_MARKS = frozenset(("«", "»", '"', "“", "”"))
_COMMAS = frozenset(("،", ","))


def _is_role_at(doc, k: int) -> bool:
    t = doc.tokens[k]
    return bool(entities_from(doc, t.start, t.start + 1, ("ROLE",)))


# the nouns of people that head a side's noun phrase after «با» when no lexicon names it
# («دیدار با خانواده شهدا», «با ائمه جماعات مساجد استان تهران», «با صدر اعظم سابق اتریش»)
PHRASE_HEADS = frozenset(match_key(w) for w in (
    "خانواده", "خانواده‌های", "خانواده‌ها", "مردم", "اهالی", "جمعی", "گروهی", "شماری", "ائمه", "علما", "علمای",
    "مراجع", "رهبر", "رهبران", "صدر", "صدراعظم", "نخست‌وزیر", "دولت", "اپوزیسیون", "مخالفان", "سران", "نخبگان",
    "دانشجویان", "کارگران", "کشاورزان", "زائران", "سفرای", "سفیران", "وزرای", "همتایان", "رؤسای", "روسای",
    "نوادگان", "پیشکسوتان", "جانبازان", "ایثارگران", "معلمان", "پزشکان", "هنرمندان", "ورزشکاران", "طلاب",
    "اعضای", "نمایندگان", "مسئولان", "مسوولان", "مدیران", "مقامات", "فعالان", "تجار", "بازرگانان"))
_PHRASE_REACH = 6  # words
_PHRASE_ADJECTIVES = frozenset(match_key(w) for w in ("معظم", "محترم", "گرانقدر", "عزیز", "گرامی", "بزرگوار"))


def _phrase_side(doc, a: int, b: int) -> tuple[Party | None, int]:
    """A side named by a noun phrase of people (``PHRASE_HEADS``) from token ``a``: the person or
    body it reaches within a few words, a place there qualifying the phrase, else the phrase up
    to a preposition, a verb or a mark."""
    toks = doc.tokens
    k = a + 1
    while k < min(b, a + _PHRASE_REACH) and toks[k].kind == "word" and toks[k].key not in STOP_WORDS \
            and not is_verb_form(toks[k].key) and toks[k].key not in ("و",):
        p, j = party_at(doc, k, b)
        if p is not None:
            if p.kind == "place":
                p = Party(name=norm(doc.raw[toks[a].start:toks[j - 1].end]), kind="organization", place=p.place)
            return p, j
        k += 1
    if k - a < 2:
        return None, a
    # no name reached: the head and the word after it (and an honorific adjective: «خانواده معظم شهدا»)
    k = a + 2 if toks[a + 1].key not in _PHRASE_ADJECTIVES or k - a < 3 else a + 3
    return Party(name=norm(doc.raw[toks[a].start:toks[k - 1].end]), kind="organization"), k


def sides_after(doc, a: int, b: int, adjacent: bool = False, phrase: bool = False) -> list[Party]:
    """The sides named from token ``a`` (before ``b``), joined by «و».

    ``adjacent`` (the sides right after a trigger): only when the first of them follows ``a``
    with nothing but ``ADJACENT_FILLERS`` between, or a name no lexicon holds before its title
    («نشست بررسی فعالیت شبکه شاد» names the topic, no side). ``phrase`` (the sides after «با»):
    the same, an adverbial «با» (``WITH_ADVERBIALS``: «با اشاره به», «با همکاری پلیس»; «همزمان
    با») names none, and a noun phrase of people (``PHRASE_HEADS``) is a side, a place in it
    qualifying it («با صدر اعظم سابق اتریش», «با خانواده قربانیان حادثه پاکدشت»)."""
    toks = doc.tokens
    if phrase and a < b and (toks[a].key in WITH_ADVERBIALS or (a >= 2 and toks[a - 2].key in _BEFORE_WITH_ADVERBIAL)):
        return []
    out: list[Party] = []
    i = a
    if adjacent or phrase:
        while i < b and (toks[i].key in ADJACENT_FILLERS or toks[i].kind == "num"):
            i += 1  # («جلسه ۴ نفره وزیر جهاد، رئیس مجلس ...»)
        if i < b and party_at(doc, i, b)[0] is None:
            # a name no lexicon holds, then its title: «با ظریف همتای ایرانی خود» (the title's side)
            k = i
            reach = 9 if toks[i].text in _QUOTE_MARKS else 4  # a quoted name: «محمد بن زاید آل نهیان» ولیعهد امارات
            while k < min(b, i + reach) and (toks[k].kind == "word" or toks[k].text in _QUOTE_MARKS) \
                    and toks[k].key not in _SIDE_STOP and not _is_role_at(doc, k):
                k += 1
            if k > i and k < b and _is_role_at(doc, k):
                i = k
            elif phrase and toks[i].key in PHRASE_HEADS:
                p, j = _phrase_side(doc, i, b)
                if p is None:
                    return []
                out.append(p)
                if not (j < b and toks[j].key == "و"):
                    return out
                i = j + 1
            else:
                return []
    pending: list[Party] = []  # sides after a comma: kept once the list closes with «و»
    officials = False  # the list names the officials of places («مقامات ارشد ترکمنستان و چین»)
    while i < b:
        p, j = party_at(doc, i, b)
        if p is not None:
            if p.kind == "delegation" and p.place is not None and p.name == p.place.name:
                officials = True
            elif officials and p.kind == "place":
                p = Party(name=p.name, kind="delegation", place=p.place)
            (pending if pending or (out and toks[i - 1].text in _COMMAS) else out).append(p)
            i = j
            if i < b and toks[i].key == "و":
                out.extend(pending)  # «X، Y و Z»: a list of sides joined by commas, closed by «و»
                pending = []
                i += 1
                continue
            if i + 1 < b and toks[i].text in _COMMAS and out and party_at(doc, i + 1, b)[0] is not None:
                i += 1  # («X، Y و Z»: the next side right after the comma)
                continue
            break
        i = j
        if i < b and toks[i - 1].key in _SIDE_STOP and toks[i - 1].key not in ("و",):
            break
    return out
