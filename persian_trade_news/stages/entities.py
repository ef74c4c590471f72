"""The ``entities`` stage: places, products and sectors from the lexicons, organisations and
roles from patterns, each linked to the contract's ids and canonical names.

Policy, in order:

1. Gazetteer matches (countries, provinces, cities/counties, regions/zones, products, sectors)
   over matching keys; leftmost-longest wins, so ``آذربایجان شرقی`` (province) beats
   ``آذربایجان`` (country).
2. Context decides between readings: ``استان X`` → PROVINCE, ``شهر/شهرستان X`` → CITY;
   a name that is both a city and a province (``کرمانشاه``) is a CITY unless ``استان`` precedes;
   an ambiguous city name that is also a common word (``مهر``) needs ``شهر``/``شهرستان`` before it,
   and a province's bare name that is one (``مرکزی``: بانک مرکزی) needs ``استان``/``استاندار``.
3. Organisations: an organisation head (``سازمان``, ``اداره کل``, ``شرکت``...) and the name that
   follows, up to and including a place name, or up to a stop word.
4. Roles: a title head (``استاندار``, ``مدیرکل``, ``سفیر``...) and the organisation/place that
   follows; roles feed the ``people`` stage.
Entities already on the document (agency, quantities, dates) are never overlapped by places.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..text.document import Document
from ..lexicons import Entry, Gazetteer, Match, adjective_keys, rows, select_longest
from ..lexicons.index import PLACE_LABELS, Lexicon, lexicon, phrase_keys
from ..lexicons.words import LIGHT_VERBS, STOP_WORDS
from ..records import Entity, Span
from ..readers.numbers import parse_ordinal
from ..text.normalize import fold, is_light_verb_form, is_past_stem, is_verb_form, match_key
from . import stage


_WEAK_ORG_HEADS = frozenset(match_key(w) for w in ("پتروشیمی", "پالایشگاه", "کارخانه", "نیروگاه", "فولاد"))
_GENERIC_AFTER_HEAD = frozenset(match_key(w) for w in (
    "داخلی", "خارجی", "بزرگ", "کوچک", "دولتی", "خصوصی", "فعال", "معتبر", "ایرانی", "تولیدی", "سبب", "های", "ها",
    "مذکور", "مربوط", "مربوطه", "مزبور", "یادشده", "یاد", "متبوع", "نیز", "هم", "را", "که", "این", "آن", "دیگر",
    "خود", "بوده", "است", "بود", "شد", "کرد", "مختلف", "متعدد", "برتر", "نمونه", "جدید", "فوق", "همکار", "عضو",
    "دانش‌بنیان", "پیمانکار", "سرمایه‌گذار", "اقتصادی", "صنعتی", "تجاری", "بازرگانی", "حمل", "تابعه",
    "ما", "شما", "آنها", "ایشان", "وی", "او", "یک", "دیگری", "دیگرى", "اخیر", "سایر", "همه", "برخی", "تمام",
    "تمامی", "کلیه",
    # a kind of body, not its name («کمیسیون سه‌جانبه»), and «our country's» («نمایندگی کشورمان»)
    "سه‌جانبه", "دوجانبه", "چندجانبه", "کشورمان", "استانمان", "شهرمان", "کشورشان"))
_GENERIC_TAIL = frozenset(match_key(w) for w in ("استان", "کشور", "شهرستان", "منطقه", "شهر"))
# after "و" these start a new phrase, not the rest of a name ("شرکت X و مدیران ...", "و شرکت Y")
_AND_BREAKS = frozenset(match_key(w) for w in (
    "مدیران", "مسئولان", "مسوولان", "اعضای", "کارشناسان", "نمایندگان", "فعالان", "مقامات", "رئیس", "مدیرکل",
    "مدیرعامل", "معاون", "استاندار", "شرکت", "سازمان", "اداره", "وزارت", "وزیر", "سفیر", "همچنین", "نیز",
    "دیگر", "سایر", "بسیاری", "برخی", "تعدادی", "همه", "کلیه", "تمام", "نشستی", "دیداری", "جلسه‌ای", "جلسه",
    "همایشی", "مراسمی", "حزب", "حزب‌الله", "عضو", "اعضا", "پارلمان", "انتشارات"))
_NUMBER_WORDS = frozenset(match_key(w) for w in (
    "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "بیست", "سی", "چهل", "پنجاه", "صد", "یکصد",
    "دویست", "سیصد", "پانصد", "هزار", "یکهزار", "میلیون", "میلیارد"))
_DEMONSTRATIVES = frozenset(match_key(w) for w in ("این", "آن", "همین", "همان", "هر", "چند", "چندین"))
_PROJECT_WORDS = frozenset(match_key(w) for w in ("تولید", "ساخت", "احداث", "فرآوری", "بسته‌بندی"))
_STATE_WORDS = frozenset(match_key(w) for w in ("جمهوری", "اسلامی", "خلق", "دموکراتیک", "فدرال", "فدراتیو",
                                                "پادشاهی", "سلطنت", "کشور"))
_NONE: frozenset[str] = frozenset()
# an agreement or a meeting named after the city it was made in: «توافق وین», «اجلاس ژنو»
_NAMED_BY_A_CITY = frozenset(match_key(w) for w in ("توافق", "توافقنامه", "معاهده", "پیمان", "اجلاس", "کنفرانس",
                                                    "نشست", "قرارداد", "بیانیه", "فرایند", "روند", "مذاکرات"))
# a number after one of these names a document, not a count («قطعنامه ۲۲۳۱ شورای امنیت»)
_NUMBERED = frozenset(match_key(w) for w in ("قطعنامه", "ماده", "بند", "شماره", "اصل", "تبصره", "سال", "مصوبه"))
# a river, a mountain, a lake named like a town (not «دشت ورامین», «رودخانه‌های رشت»: the town's)
_NATURAL_FEATURES = frozenset(match_key(w) for w in ("رود", "رودخانه", "کوه", "کوه‌های", "رشته‌کوه", "رشته‌کوه‌های",
                                                     "تالاب", "دریاچه", "آبشار", "غار"))
_PROVINCE_WORDS = frozenset(match_key(w) for w in ("استان", "ایالت", "ولایت", "استان‌های", "ایالت‌های", "استانهای"))
_DIRECTIONS = frozenset(("شرقی", "غربی", "شمالی", "جنوبی", "رضوی", "مرکزی"))


# ------------------------------------------------------------------ helpers
class _Spans:
    """Character spans, asked whether a new span overlaps one of them in logarithmic time (a scan
    of the list per match made texts dense in names quadratic)."""

    def __init__(self, spans=()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        # a span overlapping [start, end) starts before end, and after start - longest
        lo, hi = bisect_right(self._starts, start - self._longest), bisect_left(self._starts, end)
        return any(self._ends[i] > start for i in range(lo, hi))


# the heads of the names of offices: a provincial office (its place is the province) or a city's
_PROVINCIAL_OFFICES = frozenset(match_key(w) for w in ("مدیرکل", "مدیرکلی", "کل", "اداره", "استاندار", "استانداری", "سازمان",
                                                       "سازمانهای", "اتاق", "دادگستری", "دادستان"))
_CITY_OFFICES = frozenset(match_key(w) for w in ("شهردار", "شهرداری", "فرماندار", "فرمانداری", "شهر", "دانشگاه",
                                                 "بخشدار", "بخشداری", "امام", "فرودگاه", "بندر"))
_OFFICE_REACH = 8
_OFFICE_STOPS = frozenset(match_key(w) for w in ("در", "به", "از", "با", "که", "تا", "برای"))


def _office_level(doc: Document, i: int) -> str | None:
    """``province`` or ``city`` when the place at token ``i`` ends the name of an office whose head
    says which (``مدیرکل گمرک ایلام``, ``اداره کل ... همدان``, ``شهرداری تبریز``); else None. The
    words are read back to a preposition, a conjunction or the sentence's start."""
    keys, sents, kinds = doc.keys, doc.token_sents, doc.token_kinds
    for k in range(i - 1, max(-1, i - 1 - _OFFICE_REACH), -1):
        if sents[k] != sents[i] or keys[k] in _OFFICE_STOPS or (kinds[k] == "punct" and keys[k] not in ("،", ",")) \
                or (k == i - 1 and keys[k] in ("و", "،", ",")):
            return None  # («همدان و کرمانشاه»: a list of places, no office's name)
        if keys[k] in _CITY_OFFICES:
            return "city"
        if keys[k] in _PROVINCIAL_OFFICES:
            return "province"
    return None


def _prev_key(doc: Document, i: int) -> str:
    """The key of the token before token ``i`` in its sentence ("" at a sentence start)."""
    sents = doc.token_sents
    return doc.keys[i - 1] if i > 0 and sents[i - 1] == sents[i] else ""


def _list_label(keys: list[str], first: int, listed: tuple[int, str] | None) -> str | None:
    """The label of the place just before a list separator that precedes token ``first``
    (``استان‌های تهران، زنجان و قزوین``: every item of a list of provinces is a province)."""
    if listed is None:
        return None
    end, label = listed
    gap = keys[end:first]
    if gap in (["،"], [","], ["و"], ["،", "و"], [",", "و"]):
        return label
    return None


def _choose(doc: Document, m: Match, countries: frozenset[str] | set[str] = frozenset(),
            listed: str | None = None, country_after: str | None = None,
            article_countries: frozenset[str] | set[str] = frozenset()) -> Entry | None:
    prev = _prev_key(doc, m.first)
    cands = list(m.candidates)
    labels = {c.label for c in cands}
    if country_after and country_after != "IR":
        # «کردستان عراق», «پنجاب پاکستان»: the place of the country named right after it
        here = [c for c in cands if c.label in ("PROVINCE", "CITY") and c.get("country", "IR") == country_after]
        if here:  # a province and its same-named capital: the city, unless «استان» precedes
            return min(here, key=lambda c: (c.label == "CITY") == (prev in _PROVINCE_WORDS))
    if listed in ("PROVINCE", "COUNTRY") and listed in labels:
        return next(c for c in cands if c.label == listed)
    if prev in _NATURAL_FEATURES:
        return None  # «رودخانه هیرمند», «رود کارون»: a river or a mountain named like a town, no town
    if prev in _PROVINCE_WORDS and "PROVINCE" in labels:
        return next(c for c in cands if c.label == "PROVINCE")
    if prev in ("استاندار", "استانداری") and any(c.label == "PROVINCE" and c.ambiguous for c in cands):
        return next(c for c in cands if c.label == "PROVINCE")  # استاندار مرکزی
    if (prev in ("شهر", "شهرستان", "شهرهای", "شهرستانهای", "بندر") or prev in _NAMED_BY_A_CITY) and "CITY" in labels:
        return next(c for c in cands if c.label == "CITY")
    if prev in ("کشور", "جمهوری", "کشورهای") and "COUNTRY" in labels:
        return next(c for c in cands if c.label == "COUNTRY")
    # unambiguous candidates first
    plain = [c for c in cands if not c.ambiguous]
    if not plain:
        # a foreign place whose country the article names (اسلام‌آباد with پاکستان); one from the
        # foreign gazetteer, whose names are more often everyday words, needs it in its sentence
        abroad = [c for c in cands if c.label in ("CITY", "PROVINCE") and c.get("country", "IR") != "IR" and (
            c.get("country") in countries or (c.get("context") != "sentence" and c.get("country") in article_countries))]
        if abroad:
            return abroad[0]
        return None  # only common-word readings and no context
    if "CITY" in labels and "PROVINCE" in labels:
        # a province and its same-named capital (تهران, کرمانشاه): without «استان» it is the city,
        # unless it ends the name of a provincial office (مدیرکل گمرک ایلام, سازمان جهاد کشاورزی همدان)
        prov = next((c for c in plain if c.label == "PROVINCE"), None)
        city = next((c for c in plain if c.label == "CITY" and prov is not None and c.get("province") == prov.id
                     and c.get("country", "IR") == "IR"), None)
        if city is not None and prov is not None and _office_level(doc, m.first) == "province":
            return prov
        if city is not None and prev not in ("استانهای", "استانها"):
            return city
        if prov is not None:
            return prov
    return max(plain, key=lambda c: c.priority)


# ------------------------------------------------------------------ the stage
@stage("entities", provides=["entities", "places"], requires=["tokens"])
def make_entities(*, products: bool = True, sectors: bool = True, organizations: bool = True,
                  roles: bool = True):
    """Places, products and sectors from the lexicons; organisations and roles from patterns."""
    lex = lexicon()

    def run(doc: Document) -> None:
        taken = _Spans((e.start, e.end) for e in doc.entities
                       if e.label in ("ORG", "DATE", "MONEY", "QUANTITY", "PERCENT"))
        new: list[Entity] = []
        keys, sents = doc.key_list(), doc.token_sents
        starts, ends = doc.token_starts, doc.token_ends
        prepared = Gazetteer.prepare(keys)
        place_at = _place_ends(doc)  # places found by earlier stages, then the gazetteer's
        place_matches = select_longest(lex.places.find(keys, sents, prepared))
        # the countries each sentence names: an ambiguous foreign place needs its country in its sentence
        countries: dict[int, set[str]] = {}
        for m in place_matches:
            for c in m.candidates:
                if c.label == "COUNTRY" and not c.ambiguous:
                    countries.setdefault(sents[m.first], set()).add(c.id)
        article_countries = set().union(*countries.values()) if countries else set()
        listed: tuple[int, str] | None = None  # (token after the last place, its label) for lists
        country_at = {m.first: c.id for m in place_matches for c in m.candidates if c.label == "COUNTRY"}
        for m in place_matches:
            entry = _choose(doc, m, countries.get(sents[m.first], _NONE), _list_label(keys, m.first, listed),
                            country_at.get(m.last), article_countries)
            if entry is not None:
                listed = (m.last, entry.label)
            if entry is None:
                if any(c.label == "PROVINCE" for c in m.candidates):
                    place_at[m.first] = m.last  # «بانک مرکزی»: no place, but a name ends on it as on one
                continue
            first = m.first
            if entry.label == "COUNTRY":
                # "جمهوری اسلامی ایران" is the entity "ایران" (contract: the short name)
                while first < m.last - 1 and keys[first] in _STATE_WORDS:
                    first += 1
            start, end = starts[first], ends[m.last - 1]
            if taken.overlaps(start, end):
                continue
            if entry.label == "COUNTRY" and _prev_key(doc, m.first) == "استان":
                continue
            kind = entry.kind or "city"
            if entry.label == "CITY" and _prev_key(doc, m.first) == "شهرستان":
                kind = "county"
            rule = {"COUNTRY": "gazetteer.country", "PROVINCE": "gazetteer.province",
                    "CITY": f"gazetteer.city.{kind}", "LOCATION": f"gazetteer.location.{kind}"}[entry.label]
            new.append(Entity(text=doc.raw[start:end], label=entry.label, start=start, end=end, id=entry.id,
                              name=entry.name, source="gazetteer", rule=rule, confidence=0.9))
            place_at[first] = m.last
            if entry.label == "LOCATION" and keys[first] in _CROSSINGS and m.last - first >= 2:
                new.extend(_town_of_crossing(doc, lex, first + 1, m.last))
        if products or sectors:
            # a name that starts on a quantity's unit is none («۴۲ هزار تن ماهی» holds no «تن ماهی»)
            units = _Spans((e.start, e.end) for e in doc.entities if e.label == "QUANTITY")
            found = [m for m in lex.things.find(keys, sents, prepared)
                     if not units.overlaps(starts[m.first], ends[m.first])]
            # products and sectors are chosen independently: برق is both a product and the energy sector
            by_label = [[_only(m, lab) for m in found if any(c.label == lab for c in m.candidates)]
                        for lab in ("PRODUCT", "SECTOR")]
            for m in select_longest(by_label[0]) + select_longest(by_label[1]):
                entry = m.entry
                if entry.label == "PRODUCT" and (not products or entry.ambiguous):
                    continue
                if entry.label == "SECTOR" and not sectors:
                    continue
                start, end = starts[m.first], ends[m.last - 1]
                new.append(Entity(text=doc.raw[start:end], label=entry.label, start=start, end=end, id=entry.id,
                                  name=entry.name, source="gazetteer", rule=f"gazetteer.{entry.label.lower()}",
                                  confidence=0.8))
        doc.entities.extend(new)
        if organizations:
            known = lex.orgs.find(keys, sents, prepared)  # (once: both steps read it)
            _organizations(doc, lex, place_at, _known_form_ends(known))
            _known_organizations(doc, lex, prepared, known)
        if roles:
            _roles(doc, lex, place_at)
        doc.entities.sort(key=lambda e: (e.start, -e.end))
        if fold_organisation_forms not in doc.output_filters:
            doc.output_filters.append(fold_organisation_forms)

    return run


# a border crossing named after its town («مرز مهران»): the town is named too, as a place nested in
# an organisation's name is
_CROSSINGS = frozenset(match_key(w) for w in ("مرز", "گذرگاه"))


def _town_of_crossing(doc: Document, lex: Lexicon, a: int, b: int) -> list[Entity]:
    keys, starts, ends = doc.key_list(), doc.token_starts, doc.token_ends
    town = next((c for c in lex.places.entries_for("".join(keys[a:b])) if c.label == "CITY" and not c.ambiguous), None)
    if town is None:
        return []
    return [Entity(text=doc.raw[starts[a]:ends[b - 1]], label="CITY", start=starts[a], end=ends[b - 1], id=town.id,
                   name=town.name, source="gazetteer", rule=f"gazetteer.city.{town.kind or 'city'}", confidence=0.8)]


def _only(m: Match, label: str) -> Match:
    """The match restricted to the candidates with ``label``."""
    cands = tuple(c for c in m.candidates if c.label == label)
    return Match(m.first, m.last, cands[0], cands)


def _place_ends(doc: Document) -> dict[int, int]:
    """token index where a place entity starts → token index after it."""
    out = {}
    for e in doc.entities:
        if e.label in PLACE_LABELS:
            a, b = doc.token_at(e.start), doc.token_at(e.end - 1)
            if a is not None and b is not None:
                out[a] = b + 1
    return out


def _title_heads() -> frozenset[str]:
    """The one-word titles that need no organisation after them (همتای, سفیر, استاندار...): after
    «و» one starts a new title, it does not continue a name."""
    global _TITLE_HEADS
    if _TITLE_HEADS is None:
        heads = (phrase_keys(r["title"]) for r in rows("roles.tsv") if r.get("org_required") != "1")
        _TITLE_HEADS = frozenset(k[0] for k in heads if len(k) == 1)
    return _TITLE_HEADS


_TITLE_HEADS: frozenset[str] | None = None


def _name_tail(doc: Document, j: int, place_at: dict[int, int], max_len: int = 10,
               allow_list_comma: bool = True) -> tuple[int, bool]:
    """Extend a name from token ``j``: returns (end token index, ended_on_place)."""
    keys, kinds, texts, sents = doc.key_list(), doc.token_kinds, doc.token_texts, doc.token_sents
    n_toks = len(keys)
    sent = sents[j - 1] if j > 0 else 0
    end = j
    n = 0
    while end < n_toks and n < max_len and sents[end] == sent:
        key, kind = keys[end], kinds[end]
        if end in place_at:
            stop = place_at[end]
            # a direction word may follow a place name written as two tokens (آذربایجان‌ شرقی)
            return stop, True
        if kind == "punct":
            if texts[end] in ("،", ",") and allow_list_comma and end + 2 < n_toks:
                # "صنعت، معدن و تجارت": a comma inside a list that closes with و
                window = keys[end + 1:end + 4]
                # one word, then "و" or another list comma: "صنعت، معدن و تجارت", "عمران، آب و خدمات"
                if len(window) >= 2 and (window[1] == "و" or texts[end + 2] in ("،", ",")) \
                        and window[0] not in STOP_WORDS and not (len(window) == 3 and window[2] in _NAME_ENDERS):
                    end += 1
                    n += 1
                    continue
            break
        if kind == "num" or key in _NUMBER_WORDS or _is_ordinal_word(key) or key in _NAME_ENDERS:
            break  # "مرکز تولید مرغ بومی و یک هزار و ۵۰۰ ...", «وزارت بهداشت دومین محور», «و غیره»
        if key.endswith("ترین") and len(key) > 5:
            break  # «پتروشیمی بیشترین سود»: a superlative qualifies what follows
        if end > j and key in _NEW_PHRASE:
            break  # «براساس آمار وزارت صمت میزان مصرف پارچه»: a measure noun opens the next phrase
        if _is_preverb_verb(key) and (end + 1 >= n_toks or kinds[end + 1] == "punct" or sents[end + 1] != sent):
            break  # «وزارت بهداشت برشمرد.»
        if key in STOP_WORDS or is_verb_form(key) or key in _COPULA_PARTICIPLES or key in _LIGHT_PARTICIPLES or (
                end > j and _is_participle(key)) or (
                is_past_stem(key) and (end + 1 >= n_toks or kinds[end + 1] == "punct" or sents[end + 1] != sent)):
            # (a bare past stem closing a sentence is its verb: «شورای شهر پرداخت.»)
            if (key in LIGHT_VERBS or key in _LIGHT_PARTICIPLES or is_light_verb_form(key)
                    or (_is_participle(key) and key[:-1] in _LIGHT_PAST)) and end > j \
                    and kinds[end - 1] == "word":
                end -= 1  # "سازمان ملل متحد افزایش یابد", "مجوز گرفتیم": the noun belongs to the verb
            break
        if key == "و":
            nxt = end + 1
            if nxt >= n_toks or keys[nxt] in STOP_WORDS or kinds[nxt] != "word" or keys[nxt] in _AND_BREAKS \
                    or keys[nxt] in _title_heads():  # «وزیر نیرو و همتای عراقی»: a second title
                break
            if end > j and keys[end - 1] in _GENERIC_TAIL:
                break  # «مجمع نمایندگان استان و اختلاف ...»: the name closed on «استان»
        end += 1
        n += 1
    while end > j and keys[end - 1] == "و":
        end -= 1
    return end, False


# words that end an organisation's name: «و غیره», and the nouns of measure that open the next
# noun phrase of a sentence after a name («آمار وزارت صمت میزان مصرف پارچه»); never the first word
# after a head (مرکز آمار ایران)
# heads whose name is a place («پارلمان عراق», «نیروی هوایی ایران»), heads with a closed set of
# names («قوه مقننه»), and heads whose adjectives describe one («حزب سیاسی», «حزب متبوعش»)
_PLACE_NAMED_HEADS = frozenset(tuple(match_key(x) for x in w.split()) for w in (
    "پارلمان", "نیروی دریایی", "نیروی هوایی", "نیروی زمینی"))
_BROADCAST_HEADS = frozenset(tuple(match_key(x) for x in w.split()) for w in ("تلویزیون", "رادیو"))
_HEAD_NEXT = {(match_key("قوه"),): frozenset(match_key(w) for w in ("مقننه", "قضاییه", "قضائیه", "مجریه"))}
_HEAD_NOT_NEXT = {(match_key("حزب"),): frozenset(match_key(w) for w in (
    "سیاسی", "حاکم", "مخالف", "رقیب", "متبوع", "جدید", "بزرگ", "کوچک", "اصلی", "خود", "مورد", "دیگر")),
    # a network of pipes, wires or roads is no broadcaster: «شبکه آب روستا», «شبکه تلفن همراه»
    (match_key("شبکه"),): frozenset(match_key(w) for w in (
        "آب", "برق", "گاز", "فاضلاب", "تلفن", "توزیع", "انتقال", "آبرسانی", "گازرسانی", "برق‌رسانی", "راه",
        "راه‌های", "ریلی", "جاده‌ای", "بانکی", "اجتماعی", "مجازی", "اینترنت", "اینترنتی", "ارتباطی", "حمل", "بهداشت",
        "بهداشتی", "درمان", "درمانی", "آبیاری", "زهکشی", "فیبر", "مخابرات", "مخابراتی", "لوله", "ملی", "پخش",
        "فروش", "تامین", "تأمین", "شهری", "روستایی"))}
_NAME_ENDERS = frozenset(match_key(w) for w in (
    "غیره", "غیر", "...",
    # nouns that open a verb phrase after a name: «صندوق X اقدام به قرارداد ... نموده», «شرکت X و
    # عدم دریافت ضمانت‌نامه»
    "عدم", "اقدام", "اقدامات",
    # «اداره‌کل راهداری استان پیش از این ...»: a time adverb after a name
    "پیش", "قبل"))
# participles that close a name like a verb: «شرکت X نبوده»; the light ones take the noun before
# them with them («سازمان بیمه منعقد شده»)
_COPULA_PARTICIPLES = frozenset(match_key(w) for w in ("بوده", "نبوده"))
_LIGHT_PARTICIPLES = frozenset(match_key(w) for w in (
    "شده", "نشده", "کرده", "نکرده", "نموده", "ننموده", "داشته", "نداشته", "گردیده", "نگردیده"))
_NEW_PHRASE = frozenset(match_key(w) for w in ("میزان", "مقدار", "حجم", "تعداد", "ارزش", "سهم", "مصرف", "آمار",
                                               "قاچاق", "درصد", "رقم", "نرخ", "قرارداد", "قراردادی",
                                               "تفاهم‌نامه", "تفاهمنامه", "تفاهم‌نامه‌ای"))
_PREVERBS = ("بر", "در", "فرا", "باز", "وا")


# participles that name things (نورد پیوسته، شرکت‌های وابسته، سازمان‌یافته): they may stand in a name
_NAMING_PARTICIPLES = frozenset(match_key(w) for w in ("پیوسته", "وابسته", "یافته", "بسته", "گسترده", "برگزیده",
                                                       "شده", "نشده", "پذیرفته", "ساخته", "آمیخته", "فشرده", "گداخته",
                                                       "ریخته", "نهفته", "پخته", "برجسته", "وارسته", "شایسته",
                                                       "گذشته"))
# past stems of light verbs: their participle takes the noun before it (شکست خورده، روی آورده)
_LIGHT_PAST = frozenset(match_key(w) for w in ("کرد", "خورد", "آورد", "داد", "زد", "گرفت", "کشید", "برد", "یافت", "نمود"))


def _is_participle(key: str) -> bool:
    """A past participle (خواسته، گفته، رسانده): the verb after a name, not a word of it."""
    return len(key) > 4 and key.endswith("ه") and key not in _NAMING_PARTICIPLES and is_past_stem(key[:-1])


def _describes(key: str) -> bool:
    """An ordinal or a superlative before a head: a description of one, not its name."""
    return key in _FIRST_WORDS or (key.endswith("ترین") and len(key) > 5) or _is_ordinal_word(key)


_FIRST_WORDS = frozenset(match_key(w) for w in ("نخستین", "اولین", "آخرین", "واپسین"))


def _demonyms() -> frozenset[str]:
    """«آمریکایی», «چینی», «ایرانی»: a country's name with the adjective suffix."""
    return adjective_keys("countries.tsv")


def _is_ordinal_word(key: str) -> bool:
    """دومین, نوزدهمین, ۲۰مین: an ordinal that qualifies the next noun, not a word of a name."""
    return key.endswith("مین") and len(key) > 4 and parse_ordinal(key) is not None


def _is_preverb_verb(key: str) -> bool:
    """«برشمرد», «درگذشت», «بازگشت»: a preverb and a past stem, the verb closing the sentence."""
    if not key.startswith(("بر", "در", "فرا", "باز", "وا")):  # (the cheap test first: a hot path)
        return False
    return any(key.startswith(p) and len(key) - len(p) >= 3 and is_past_stem(key[len(p):]) for p in _PREVERBS)


# after one of these heads, a plural or a pronoun-suffixed word is the common noun's complement
# (بیمه محموله‌ها, دفتر عمرشان, رایزنی وزرا), and رایزنی is an office only as رایزنی فرهنگی/بازرگانی...
_COMMON_NOUN_HEADS = frozenset(match_key(w) for w in ("بیمه", "دفتر", "مرکز", "رایزنی", "ستاد", "مجمع"))
_COUNSELLOR_KINDS = frozenset(match_key(w) for w in ("فرهنگی", "بازرگانی", "اقتصادی", "علمی", "نظامی", "مطبوعاتی"))
# an adjective after a weak head makes it the good (فولاد خام, فولاد آلیاژی), not a plant's name
_GOOD_ADJECTIVES = frozenset(match_key(w) for w in ("خام", "گرم", "سرد", "آلیاژی", "ضدزنگ", "ساختمانی", "میلگرد",
                                                    "مصرفی", "تولیدی", "صنعتی", "کشور"))


def _complement_not_name(keys: list[str], i: int, j: int, weak: bool) -> bool:
    head, first = keys[i], keys[j]
    if weak and first in _GOOD_ADJECTIVES:
        return True
    if head not in _COMMON_NOUN_HEADS or j != i + 1:
        return False
    if head == "رایزنی" and first not in _COUNSELLOR_KINDS:
        return True
    return first.endswith(("ها", "های", "شان", "مان", "تان")) and not first.startswith(("همکاری", "کشور"))


def _known_form_ends(matches) -> dict[int, int]:
    """token where an organisation of ``organizations.tsv`` starts → the token after its longest form."""
    out: dict[int, int] = {}
    for m in matches:
        if m.entry.ambiguous:
            continue  # (a short form that is also a word, مجلس: «مجلس ختم» is no parliament)
        if m.last > out.get(m.first, -1):
            out[m.first] = m.last
    return out


def _organizations(doc: Document, lex: Lexicon, place_at: dict[int, int] | None = None,
                   known_ends: dict[int, int] | None = None) -> None:
    keys, sents, starts, ends = doc.key_list(), doc.token_sents, doc.token_starts, doc.token_ends
    kinds = doc.token_kinds
    place_at = _place_ends(doc) if place_at is None else place_at
    existing = _Spans((e.start, e.end) for e in doc.entities if e.label == "ORG")
    found: list[Entity] = []
    i = 0
    for c in lex.org_heads.positions(keys):
        if c < i:
            continue  # inside the name found before
        i = c
        hit = lex.org_heads.match(keys, i, sents)
        if hit is None:
            continue
        j, (head, kind) = hit
        weak = head in ((k,) for k in _WEAK_ORG_HEADS)
        end, on_place = _name_tail(doc, j, place_at, max_len=14, allow_list_comma=not weak)
        if end == j or (weak and not on_place and end - j < 1) or _complement_not_name(keys, i, j, weak):
            continue
        # a name the organisation lexicon knows, which the words after it only continue into the
        # sentence (بانک مرکزی ارز حاصل): the known name (a place at the end keeps the longer one)
        known = known_ends.get(i) if known_ends else None
        if known is not None and j <= known < end and not on_place and parse_ordinal(keys[known]) is None:
            end = known  # (not before an ordinal: «مجلس یازدهم»)
        if weak and i > 0 and keys[i - 1] in ("صنعت", "صنایع", "محصولات", "حوزه", "بخش"):
            continue
        if head in _PLACE_NAMED_HEADS and not (on_place and end - j <= 2):
            continue  # «پارلمان عراق», «نیروی دریایی آمریکا»; not «پارلمان منتخب مردم»
        if head in _BROADCAST_HEADS and not on_place:
            continue  # «رادیو تاجیکستان», «تلویزیون شبکه اول تاجیکستان»; not «تلویزیون نمایش داده»
        if head in _HEAD_NEXT and keys[j] not in _HEAD_NEXT[head]:
            continue  # «قوه مقننه»; «حزب» before an adjective («حزب سیاسی», «حزب حاکم») names none
        if head in _HEAD_NOT_NEXT and (keys[j] in _HEAD_NOT_NEXT[head] or keys[j].endswith(("ش", "شان"))
                                        and keys[j][:-1] in _HEAD_NOT_NEXT[head]):
            continue
        if (keys[j] in _GENERIC_AFTER_HEAD or keys[j] == "و" or (i > 0 and keys[i - 1] in _DEMONSTRATIVES)
                or (i > 0 and _describes(keys[i - 1]))  # «دومین کارخانه شیر ...», «بزرگ‌ترین کارخانه ...»
                or (end == j + 1 and keys[j] in _demonyms())  # «یک روزنامه آمریکایی»
                or (weak and keys[j] in _PROJECT_WORDS)
                or (i > 0 and (kinds[i - 1] == "num" or keys[i - 1] in _NUMBER_WORDS)
                    and not (i > 1 and keys[i - 2] in _NUMBERED))):
            # «۱۸۰ شرکت تولید دارو», «۶۵ مرکز تولید مواد اولیه»: counted units, no organisation's name
            continue  # "شرکت داخلی", "شرکت‌های بزرگ", "شرکت و ...": no name follows
        if keys[end - 1] in _GENERIC_TAIL and not (keys[end - 1] == "کشور" and end - j >= 2):
            i = end  # "سازمان جهاد کشاورزی استان": no specific name («سازمان نوسازی کشور» is one)
            continue
        start_c, end_c = starts[i], ends[end - 1]
        if not existing.overlaps(start_c, end_c):
            found.append(Entity(text=doc.raw[start_c:end_c], label="ORG", start=start_c, end=end_c,
                                name=fold(doc.raw[start_c:end_c]), source="pattern",
                                rule=f"pattern.org.{kind}", confidence=0.75))
            existing.add(start_c, end_c)
        i = end
    doc.entities.extend(found)


# the words before an ambiguous short form (مجلس, جهاد کشاورزی) that make it the organisation
_ORG_CONTEXT = frozenset(match_key(w) for w in (
    "توسط", "سوی", "همکاری", "نماینده", "نمایندگان", "رئیس", "رییس", "نایب‌رئیس",
    "کمیسیون", "مصوبه", "مصوبات", "تصویب", "لایحه", "طرح", "مدیریت", "اعضای", "عضو"))


def _known_organizations(doc: Document, lex: Lexicon, prepared, matches=None) -> None:
    """Organisations the news names without a head word (اوپک, ایران‌خودرو, فولاد مبارکه, صدا و
    سیما, مجلس...), from ``organizations.tsv``: the text as written, the organisation's full name
    as ``name``. A form inside a longer organisation name found by the head patterns is that
    name's; an ambiguous short form needs a preposition, a title or a body's word before it."""
    keys, sents, starts, ends = doc.key_list(), doc.token_sents, doc.token_starts, doc.token_ends
    existing = _Spans((e.start, e.end) for e in doc.entities if e.label in ("ORG", "ROLE", "PERSON"))
    found = []
    for m in select_longest(lex.orgs.find(keys, sents, prepared) if matches is None else matches):
        entry = m.entry
        if entry.ambiguous and _prev_key(doc, m.first) not in _ORG_CONTEXT:
            continue
        start, end = starts[m.first], ends[m.last - 1]
        if existing.overlaps(start, end):
            continue
        found.append(Entity(text=doc.raw[start:end], label="ORG", start=start, end=end, name=entry.name,
                            source="gazetteer", rule=f"gazetteer.org.{entry.kind}", confidence=0.8))
        existing.add(start, end)
    doc.entities.extend(found)


def _roles(doc: Document, lex: Lexicon, place_at: dict[int, int] | None = None) -> None:
    keys, sents, starts, ends = doc.key_list(), doc.token_sents, doc.token_starts, doc.token_ends
    place_at = _place_ends(doc) if place_at is None else place_at
    i = 0
    found = []
    for c in lex.role_heads.positions(keys):
        if c < i:
            continue
        i = c
        hit = lex.role_heads.match(keys, i, sents)
        if hit is None:
            continue
        j, (_, kind, org_required) = hit
        end, _ = _name_tail(doc, j, place_at, max_len=12)
        # "سفیر X در ایران": the host country after در belongs to an ambassador's title
        if kind == "ambassador" and end + 1 < len(keys) and keys[end] == "در" and (end + 1) in place_at:
            end = place_at[end + 1]
        if org_required and end == j:
            continue
        s, e = starts[i], ends[end - 1]
        found.append(Entity(text=doc.raw[s:e], label="ROLE", start=s, end=e, name=fold(doc.raw[s:e]),
                            source="pattern", rule=f"pattern.role.{kind}", confidence=0.7))
        i = max(end, i + 1)
    doc.entities.extend(found)


# ---------------------------------------------------------------- one entity per organisation
_NAME_NOISE = frozenset(match_key(w) for w in ("استان", "،", ",", "-", "(", ")", "«", "»"))


def _org_words(e: Entity) -> tuple[str, ...]:
    return tuple(k for k in (match_key(w) for w in fold(e.name or e.text).split()) if k and k not in _NAME_NOISE)


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` names the same organisation as ``long``: same head and first word, and its words
    come in order in ``long`` (``کمیسیون گردشگری اتاق بازرگانی`` in ``کمیسیون گردشگری اتاق
    بازرگانی صنایع و معادن کشاورزی ایران``)."""
    if len(short) < 2 or short[:2] != long[:2]:
        return False
    it = iter(long)
    return all(w in it for w in short)


_MAX_FORMS = 200


def fold_organisation_forms(entities: list[Entity]) -> list[Entity]:
    """One ORG entity per organisation, under its longest written name: a shorter form in the same
    article (the name without ``استان``, an agency's short name, or the first words of a name
    that ends on a place: ``وزارت امنیت غذایی`` of ``وزارت امنیت غذایی پاکستان``) is moved to the
    ``mentions`` of the longest one instead of being listed apart. Repeats of the same text stay
    listed. Other labels are untouched. Written forms are compared within groups that share their
    first two words, and a group of more than ``_MAX_FORMS`` forms is left as it is, so the work
    stays linear in the number of entities."""
    place_ends = {e.end for e in entities if e.label in PLACE_LABELS}
    groups: dict[tuple[str, ...], list[tuple[Entity, tuple[str, ...]]]] = {}
    for e in entities:
        if e.label == "ORG":
            words = _org_words(e)
            if len(words) >= 2:
                groups.setdefault(words[:2], []).append((e, words))
    into: dict[int, Entity] = {}  # id of a folded entity -> the entity it was folded into
    for members in groups.values():
        forms: dict[str, list[tuple[Entity, tuple[str, ...]]]] = {}  # written form -> its mentions
        for m in members:
            forms.setdefault(fold(m[0].text), []).append(m)
        if not 2 <= len(forms) <= _MAX_FORMS:  # (a bound that keeps the pairwise test linear)
            continue
        longest_first = sorted(forms, key=len, reverse=True)
        for text in longest_first:
            words = forms[text][0][1]
            for htext in longest_first:
                if len(htext) <= len(text):
                    break
                host, hwords = forms[htext][0]  # the first mention of a repeated longest name
                # the same words (``استان`` aside), or a shorter form of a name that closes on a
                # place (a name read too far, into the sentence, takes nothing)
                if words == hwords or (host.end in place_ends and _within(words, hwords)):
                    for e, _ in forms[text]:
                        into[id(e)] = host
                    break
    if not into:
        return entities
    # each host gets a copy with its mentions, so the document's own entities stay as they were
    # (and folding twice gives the same result); a form folded into one that was folded in turn
    # ends up with the last
    taken: dict[int, list[Span]] = {}
    for e in entities:
        if id(e) in into:
            host = into[id(e)]
            while id(host) in into:
                host = into[id(host)]
            taken.setdefault(id(host), []).append(Span(start=e.start, end=e.end, text=e.text))
    return [replace(e, mentions=sorted([*e.mentions, *taken[id(e)]], key=lambda m: m.start))
            if id(e) in taken else e for e in entities if id(e) not in into]
