"""Records built around a number: capacities, shares, rankings and trade flows.

Each rule starts from the quantities (or ordinals) the ``quantities`` stage found, looks for its
trigger words in the same clause (``تولید``, ``ظرفیت``, ``وسعت``, ``درصد از``, ``رتبه نخست``,
``صادرات``...) and resolves the subject as a reader would: an explicit place or organisation
before the number (not the dateline's place, nor the place a quote was spoken in), ``این
استان``/``این سازمان``/``کشور``, else the place in focus; «X و Y هر یک ...» gives the figure to each."""
from __future__ import annotations

import math

from ...lexicons.index import PLACE_LABELS, place_of
from ...lexicons.words import STOP_WORDS
from ...text.normalize import is_verb_form, match_key, verb_stem
from ...readers.numbers import parse_ordinal
from ...records import Amount, Capacity, Money, Place, Ranking, Share, TradeFlow
from ..registry import finalizer, rule
from .arguments import DEICTIC_ORG, last_org_before, org_party
from .common import (IRAN, clause_bounds, entities_covering, entities_from, focus_place, focus_province,
                     is_agency, norm, tok_index)

K = match_key

# --------------------------------------------------------------------------- triggers
MEASURE_TRIGGERS = [  # (measure, trigger keys) — checked nearest-first
    ("storage", {K(w) for w in ("ذخیره", "ذخیره‌سازی", "انبار", "انبارهای", "انبارها", "سیلو", "سردخانه", "نگهداری")}),
    ("reserve", {K(w) for w in ("ذخایر", "ذخیره‌های")}),
    ("employment", {K(w) for w in ("اشتغال", "شغل", "اشتغال‌زایی", "شغلی", "اشتغالزایی", "کارگر", "نیروی", "شاغل",
                                    "جذب", "استخدام")}),
    ("investment", {K(w) for w in ("اعتبار", "اعتبارات", "سرمایه‌گذاری", "تسهیلات", "وام", "سرمایه", "هزینه",
                                    "اعتباری", "بودجه")}),
    ("capacity", {K(w) for w in ("ظرفیت", "ظرفیت‌های", "ظرفیتی")}),
    ("production", {K(w) for w in ("تولید", "تولیدات", "برداشت", "محصول", "تولیدی", "صید", "پرورش", "کشتار",
                                    "استخراج", "فرآوری")}),
    ("area", {K(w) for w in ("وسعت", "مساحت", "سطح", "زیرکشت", "عرصه", "فضایی")}),
]
TRADE_CUES = {
    "export": {K(w) for w in ("صادرات", "صادر", "صادراتی", "صادرکننده", "صادرشده")},
    "import": {K(w) for w in ("واردات", "وارداتی", "واردکننده")},
    "transit": {K(w) for w in ("ترانزیت", "ترانزیتی")},
}
NOT_CAPACITY = {K(w) for w in ("فروش", "قیمت", "درآمد", "گواهی", "فقره", "مصرف", "مازاد", "بذر", "کاهش",
                                "افزایش", "رشد", "صادرات", "صادر", "واردات", "ترانزیت", "خانوار", "پرواز", "کامیون")}
_CHANGE = {K(w) for w in ("کاهش", "افزایش", "رشد")}
# what a port or a terminal handles (تخلیه و بارگیری ۲ میلیون تن کالا): a capacity of measure «other»
_THROUGHPUT = {K(w) for w in ("تخلیه", "بارگیری", "جابجایی", "جابه‌جایی", "بارگیری‌شده", "تخلیه‌شده")}
# what a length in km measures (۳ هزار کیلومتر مرز آبی, ۹۰۰ کیلومتر خط لوله): «other»; not a distance
_EXTENTS = {K(w) for w in ("مرز", "مرزهای", "مرزی", "خط", "خطوط", "لوله", "راه‌آهن", "جاده", "جاده‌های", "راه",
                           "آزادراه", "بزرگراه", "ساحل", "سواحل", "ساحلی", "نوار", "شبکه", "کانال", "ریل", "خط‌لوله",
                           "طول")}
GROWTH = {K(w) for w in ("افزایش", "رشد", "کاهش", "بیشتر", "کمتر", "نسبت", "تحقق", "ظرفیت", "اسمی", "پیشرفت",
                          "برنامه", "بالاتر", "فراتر", "افت", "میانگین", "معادل", "سود", "نرخ", "تورم")}
_AREA_UNITS = {"km2", "m2", "ha"}
_ATTENDING = {K(w) for w in ("حضور", "مشارکت", "شرکت‌کننده", "شرکت‌کنندگان")}
# what a number next to it counts: it rules a capacity out only when adjacent (the previous item
# of a list, «۸۵۵ خانوار و تثبیت ۸۸۷ شغل», does not)
_COUNTED = {K("خانوار")}
_JOB_WORDS = {K(w) for w in ("شغل", "شغلی")}
_EMPLOYMENT = dict(MEASURE_TRIGGERS)["employment"]
_CAPACITY = dict(MEASURE_TRIGGERS)["capacity"]
_POWER_UNITS = ("MW", "kW", "GW")
# an existential or possessive predicate closing the clause of a count of plants or firms
_EXISTS = {K(w) for w in ("داریم", "داشتیم", "دارد", "دارند", "وجود", "فعال", "فعالند", "مستقر")}
_EXISTS_REACH = 8  # tokens after the count
_FIRMS = {K(w) for w in ("شرکت", "واحد", "کارخانه", "شهرک", "کارگاه")}
_PLANTS = {K(w) for w in ("کارخانه", "شهرک", "کارگاه")}
# what kind of firm a counted «شرکت/واحد» is: a producer, not a housing unit or an offender
_FIRM_KINDS = {K(w) for w in ("صنعتی", "تولیدی", "تولیدکننده", "تولید‌کننده", "تولیدکنندگی", "معدنی", "صنفی",
                              "دامداری", "فرآوری", "بسته‌بندی", "فعال", "دانش‌بنیان", "پتروشیمی")}
# occasions a quote is introduced with («در حاشیه ...», «در گفت‌وگو با خبرنگار ...»)
_OCCASION = {K(w) for w in ("حاشیه", "گفتگو", "گفت‌وگو", "گفتوگو", "مصاحبه", "نشست", "کنفرانس", "جمع")}
_FRAME = 40  # tokens a quote's introduction and its figure are looked for within
_EACH = {K(w) for w in ("هر یک", "هریک", "هر کدام", "هرکدام")}
_LIST_JOIN = {"و", "،", ","}


def _tokens_window(doc, q, back: int = 10, ahead: int = 3):
    a = tok_index(doc, q.start)
    b = tok_index(doc, q.end - 1) + 1
    sent = doc.sentence_of(q.start)
    if sent is None:
        return None
    ca, cb = clause_bounds(doc, sent, a)
    return sent, a, b, max(ca, a - back), min(sent.last, b + ahead), ca, cb


_COUNTRY_REACH = 6  # tokens after a figure to a «کشور» that closes its noun phrase
_COUNT_WORDS = {K(w) for w in ("دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "چند", "یک")}
_TRIGGER_REACH = 24  # tokens back in the clause for a measure noun beyond the near window
# a clause of consequence continues the clause before it: «تولید نخ رشد داشت، به طوری که از ۲ هزار
# تن به ۷۰ هزار تن رسید» (the figures are the production's)
_CONSEQUENCE = ((K("به"), K("طوری"), K("که")), (K("بطوریکه"),), (K("به‌طوری‌که"),), (K("چنانکه"),),
                (K("به"), K("طوریکه")))


def _far_trigger(doc, sent, a: int, lo: int, ca: int) -> str | None:
    """The measure of a trigger further back in the clause than the near window (nearest first),
    or in the clause before a clause of consequence; a figure between them ends the search."""
    toks = doc.tokens
    start = ca
    if any(tuple(toks[ca + k].key for k in range(len(c))) == c for c in _CONSEQUENCE if ca + len(c) <= a) \
            and ca - 1 > sent.first:
        start = clause_bounds(doc, sent, ca - 2)[0]
    for k in range(lo - 1, max(start, a - _TRIGGER_REACH) - 1, -1):
        if toks[k].kind == "num" or is_verb_form(toks[k].key):
            return None  # an earlier figure has its own trigger; a verb closed the phrase
        for name, trig in _FAR_TRIGGERS:
            if toks[k].key in trig:
                return "capacity" if name == "production" and k and toks[k - 1].key in _CAPACITY else name
    return None


# the measures whose noun reaches far (ظرفیت تولید ... در این شرکت از ... به ۱.۶ میلیون تن): not
# money or head counts, whose nouns (هزینه، نفر) are everywhere
_FAR_TRIGGERS = [(name, trig) for name, trig in MEASURE_TRIGGERS if name in ("production", "capacity")]


def subject_for(doc, sent, a: int, b: int, prefer_after: bool = True):
    """Subject of a number at tokens [a, b) in ``sent``."""
    toks = doc.tokens
    # 1. "این سازمان / این شرکت / این مجموعه" → the organisation in focus
    for i in range(sent.first, min(sent.last, b + 4) - 1):
        if toks[i].key == "این" and toks[i + 1].key in DEICTIC_ORG:
            org = last_org_before(doc, toks[i].start, toks[i + 1].key)
            if org is not None:
                return org_party(doc, org)
        if toks[i].key in DEICTIC_ORG and toks[i + 1].key == "ما":
            org = last_org_before(doc, toks[i].start, toks[i].key)  # «شرکت ما»: the speaker's company
            if org is not None:
                return org_party(doc, org)
    # 2. an explicit place or organisation before the number in the sentence (nearest)
    cands = [e for e in entities_from(doc, sent.start, toks[a].start, (*PLACE_LABELS, "ORG"))
             if not is_agency(e)]
    cands = [e for e in cands if not _inside_org(doc, e) and not _partner_or_route(doc, e)]
    setting = _setting_places(doc, sent, a)
    national = False  # the speaker holds a national office: a figure with no place is the country's
    for e in reversed(cands):
        if e.start in setting or _is_dateline(doc, e):
            continue
        if e.label == "ORG" and _in_title(doc, e):
            # «مدیر امور باغبانی سازمان جهاد کشاورزی استان سمنان ... گفت»: the speaker's office;
            # the figure is the place's it names
            inner = [place_of(x) for x in entities_from(doc, e.start, e.end, PLACE_LABELS) if x.end <= e.end]
            if inner and inner[-1] is not None:
                return inner[-1]
            # «مدیرعامل شرکت ملی پتروشیمی ... ظرفیت تولید پلیمر ۷.۴ میلیون تن»: a national body
            national = national or _national_body(doc, e)
            continue
        if e.label == "ORG":
            return org_party(doc, e)
        p = place_of(e)
        if p is not None and not _is_destination(doc, e):
            return p
    # 3. "این استان" / "استان" / "کشور" before the number
    for i in range(a - 1, sent.first - 1, -1):
        k = toks[i].key
        if k == "استان":
            return focus_province(doc) or focus_place(doc)
        if k in ("کشور", "کشورمان") and (i + 1 >= len(toks) or toks[i + 1].key not in ("های", "ها")):
            return IRAN
    # 4. a place after the number in the sentence, «در کشور» included
    if prefer_after:
        country = next((toks[i].start for i in range(b + 1, sent.last)
                        if toks[i].key in ("کشور", "کشورمان") and toks[i - 1].key == "در"
                        and (i + 1 >= len(toks) or toks[i + 1].key not in ("های", "ها"))), None)
        for e in entities_from(doc, toks[b - 1].end, sent.end if country is None else country + 1):
            if e.label in PLACE_LABELS and not _is_destination(doc, e):
                p = place_of(e)
                if p is not None:
                    return p
        if country is not None:
            return IRAN
        # «... ۲۳۰ هزار تن به تولید کشور اضافه شود»: the measure noun of the country
        if any(toks[i].key in ("کشور", "کشورمان") and toks[i - 1].key in _MEASURE_NOUNS
               and (i + 1 >= len(toks) or toks[i + 1].key not in ("های", "ها")) for i in range(b + 1, sent.last)):
            return IRAN
        # «۱۵۰۰ میلیارد تومان اعتبار به عمران روستایی کشور»: the noun phrase after the figure ends on «کشور»
        for i in range(b, min(sent.last, b + _COUNTRY_REACH)):
            k = toks[i].key
            if toks[i].kind != "word" or is_verb_form(k) or k in ("که", "و", "را", "در", "از"):
                break
            if k in ("کشور", "کشورمان") and toks[i - 1].kind == "word" and toks[i - 1].key not in _COUNT_WORDS \
                    and (i + 1 >= len(toks) or toks[i + 1].key not in ("های", "ها")):
                return IRAN
    if national:
        return IRAN
    return focus_province(doc) or focus_place(doc)


# words that make a body with no place in its name a national one (شرکت ملی نفت, وزارت نیرو,
# سازمان توسعه تجارت ایران, بانک مرکزی)
_NATIONAL_WORDS = {K(w) for w in ("ملی", "وزارت", "وزارتخانه", "کشور", "ایران", "مرکزی", "جمهوری")}


def _national_body(doc, e) -> bool:
    first, last = tok_index(doc, e.start), tok_index(doc, e.end - 1)
    return any(doc.keys[k] in _NATIONAL_WORDS for k in range(first, last + 1))


_PLACE_KIND_WORDS = {K(w) for w in ("شهرستان", "استان", "شهر")}
_MEASURE_NOUNS = {K(w) for w in ("تولید", "ظرفیت", "ذخایر", "مصرف", "نیاز", "سطح", "ذخیره", "اشتغال")}


def _is_dateline(doc, e) -> bool:
    """«به گزارش خبرگزاری فارس از تبریز»: the place the report was filed from."""
    i = tok_index(doc, e.start)
    if i >= 3 and doc.tokens[i - 1].key in _PLACE_KIND_WORDS:
        i -= 1  # «... از شهرستان ساری»
    if i < 2 or doc.tokens[i - 1].key != "از":
        return False
    end = doc.tokens[i - 2].end
    return any(o.end == end and o.label == "ORG" and is_agency(o) for o in entities_covering(doc, end - 1, end))


def _setting_places(doc, sent, a: int) -> set[int]:
    """Start offsets of the places that only say where a quote was spoken: «... در حاشیه افتتاح
    ... در شهرستان مراغه / در گفت‌وگو با خبرنگار فارس در سنندج گفت: <the number>». A place after
    «در» that follows an occasion cue in the words before the quote's colon is the setting of the
    talk, not what the quoted figure describes."""
    toks = doc.tokens
    colon = next((i for i in range(a - 1, max(sent.first, a - _FRAME), -1) if toks[i].text == ":"), None)
    if colon is None:
        return set()
    cue = next((i for i in range(max(sent.first, colon - _FRAME), colon) if toks[i].key in _OCCASION), None)
    if cue is None:
        return set()
    out = set()
    for e in entities_from(doc, toks[cue].end, toks[colon].start, PLACE_LABELS):
        i = tok_index(doc, e.start)
        prev = [t.key for t in toks[max(cue, i - 2):i]]
        if "در" in prev:
            out.add(e.start)
    return out


def _each_of(doc, sent, a: int) -> list[Place]:
    """«دهگلان و بیجار هر یک با ظرفیت ۵۰۰ تن»: the places listed right before «هر یک» (or
    «هرکدام») shortly before the number at token ``a``, each of which the number describes; [] if
    there is no such list."""
    toks = doc.tokens
    h = None
    for i in range(max(sent.first + 1, a - 5), a):
        pair = toks[i].key if i + 1 >= len(toks) else toks[i].key + toks[i + 1].key
        if toks[i].key in _EACH or pair in _EACH:
            h = i
            break
    if h is None:
        return []
    ends = {}
    for e in entities_from(doc, sent.start, toks[h].start, PLACE_LABELS):
        if not _inside_org(doc, e):
            ends[tok_index(doc, e.end - 1) + 1] = e
    out, end = [], h
    while end in ends:
        e = ends[end]
        p = place_of(e)
        if p is None:
            break
        out.append(p)
        first = tok_index(doc, e.start)
        if first - 1 < sent.first or toks[first - 1].key not in _LIST_JOIN:
            break
        end = first - 1
    return out[::-1] if len(out) > 1 else []


def _in_title(doc, e) -> bool:
    """The entity is part of a person's title (a ROLE entity covers it)."""
    return any(o.label == "ROLE" for o in entities_covering(doc, e.start, e.end))


# «با همکاری معاونت علمی و وزارت ارتباطات», «با دو کشور ایتالیا و آلمان», «توسط شرکت X»: a
# partner or an agent, not what a figure describes; «جاده سنندج ـ مریوان»: a place naming a route,
# the item measured
_PARTNER_BEFORE = {K(w) for w in ("با", "توسط", "همراه")}
_JOINT = {K(w) for w in ("همکاری", "مشارکت")}  # after «با»
_ROUTE_HEADS = {K(w) for w in ("جاده", "راه", "راه‌آهن", "آزادراه", "بزرگراه", "محور", "خط", "کریدور", "مسیر")}
_PARTNER_REACH = 12  # tokens back to «با» over the partners' names, «و» included
_DASHES = ("-", "–", "ـ", "—")


def _partner_or_route(doc, e) -> bool:
    """The place or body ``e`` is a partner or an agent («با همکاری X و Y», «توسط X») or names a
    route (after جاده، راه‌آهن، خط... over places and dashes): no subject of a figure."""
    toks = doc.tokens
    i = tok_index(doc, e.start)
    # the words before, tatweel-only tokens («ـ» is a dash here) read as dashes
    prev = [(k, toks[k].key or "ـ") for k in range(max(0, i - _PARTNER_REACH), i)]
    if not prev:
        return False
    if prev[-1][1] in _ROUTE_HEADS:
        return True
    # a later place of a route: «جاده سنندج ـ مریوان», «راه‌آهن سنندج همدان» (places and dashes back
    # to the route's head)
    for n in range(len(prev) - 1, max(-1, len(prev) - 5), -1):
        k, key = prev[n]
        if key in _ROUTE_HEADS:
            return True
        if key not in _DASHES and (toks[k].kind != "word" or key in STOP_WORDS or key == "و"):
            break
    for n in range(len(prev) - 1, -1, -1):
        k, key = prev[n]
        if key in _PARTNER_BEFORE:
            return True
        if key in _JOINT and n and prev[n - 1][1] == "با":
            return True  # («همکاری وزارت دفاع با ...»: the ministry cooperates, it is the subject)
        if toks[k].kind != "word" or key in ("که", "را", "از", "در", "به", "برای") or is_verb_form(key):
            return False
    return False


def _inside_org(doc, e) -> bool:
    return e.label != "ORG" and any(o.label == "ORG" and o is not e for o in entities_covering(doc, e.start, e.end))


def _is_destination(doc, e) -> bool:
    i = tok_index(doc, e.start)
    toks = doc.tokens
    # back over a list of places to its head: «به مقصد مکه مکرمه و کربلای معلی»
    k = i
    while k >= 2 and toks[k - 1].key in ("و", "،", ","):
        before = [x for x in entities_covering(doc, toks[k - 2].start, toks[k - 2].end) if x.label in PLACE_LABELS]
        if not before:
            break
        k = tok_index(doc, before[0].start)
    prev = [t.key for t in toks[max(0, k - 3):k]]
    return "مقصد" in prev or ("به" in prev[-1:] and "کشورهای" not in prev)


def _item_near(doc, a: int, b: int, lo: int, hi: int) -> str | None:
    """The product named right after the number, else the nearest one in [lo, hi)."""
    toks = doc.tokens
    after_start = toks[b].start if b < len(toks) else None
    prods = entities_from(doc, toks[lo].start, toks[hi - 1].end, ("PRODUCT",))
    if a - 1 > lo and toks[a - 1].key == "با":
        # «<item> با N» (فلفل با 450 هکتار، زیره سبز با 411): the product right before «با»
        before = [e for e in prods if e.end <= toks[a - 1].start and e.start >= toks[max(lo, a - 6)].start]
        if before:
            return before[-1].name or norm(before[-1].text)
    for e in prods:
        if after_start is not None and e.start == after_start:
            return e.name or norm(e.text)
    if prods:
        best = min(prods, key=lambda e: abs(e.start - toks[a].start))
        return best.name or norm(best.text)
    return None


# the production words that, closing the clause as a compound verb, measure the quantity the clause
# opened with (Persian puts the verb last: «سالانه ۵۰۰ هزار شاخه گل در این گلخانه تولید می‌شود»)
_VERB_FINAL = {K(w) for w in ("تولید", "برداشت", "صید", "پرورش", "ذخیره", "نگهداری")}
_VERB_FINAL_REACH = 9
# the noun of a compound verb whose verb «و» elides («۲۰ هزار تن گندم خریداری و ...»): a clause's end
_ELIDED_VERB_NOUNS = {K(w) for w in ("خریداری", "تولید", "صادر", "وارد", "ذخیره", "توزیع", "عرضه", "کشت", "برداشت",
                                     "حمل", "ارسال", "تحویل", "جمع‌آوری", "نصب", "احداث", "ایجاد", "اضافه", "خرید",
                                     "فروش", "فروخته", "صید", "پرورش", "تامین", "تأمین", "مصرف")}
_LIGHT_PAST = {K(w) for w in ("شد", "شده", "کرد", "کرده", "گردید", "گردیده", "نمود", "نموده", "می‌شود", "می‌شد",
                              "می‌کند", "می‌کنند", "شدند", "کردند", "دارد", "دارند")}


def _verb_final_measure(doc, b: int, cb: int) -> str | None:
    keys, kinds = doc.keys, doc.token_kinds
    figures = doc.meta.get("_figure_tokens")
    if figures is None:  # the tokens of quantities and of products: a list of figures' items
        figures = set()
        for x in (*doc.quantities, *(e for e in doc.entities if e.label == "PRODUCT")):
            a, z = doc.token_at(x.start), doc.token_at(x.end - 1)
            if a is not None and z is not None:
                figures.update(range(a, z + 1))
        doc.meta["_figure_tokens"] = figures
    i, stop = b, min(cb, b + 2 * _VERB_FINAL_REACH) - 1
    reach = b + _VERB_FINAL_REACH
    while i < min(stop, reach):
        if keys[i] in _VERB_FINAL and (keys[i + 1] in _LIGHT_PAST or is_verb_form(keys[i + 1])):
            return next(name for name, trig in MEASURE_TRIGGERS if keys[i] in trig)
        if keys[i] in ("و", "،", ","):
            # «۲ هزار تن باقلای سبز و ۲۰۰ تن باقلای خشک ... تولید شد»: the next figure of a list
            # shares the verb; after any other word «و» begins another clause
            item_end = i - 1 in figures or (i - 2 in figures and keys[i - 1] not in _ELIDED_VERB_NOUNS)
            if not (item_end and kinds[i + 1] == "num"):
                return None
            reach = i + 1 + _VERB_FINAL_REACH
        elif is_verb_form(keys[i]) or keys[i] in _LIGHT_PAST:
            return None  # the clause's own verb is another
        i += 1
    return None


# --------------------------------------------------------------------------- capacities
@rule(name="capacity.quantity_trigger", record="capacities", priority=40, confidence=0.7,
      examples=[{"text": "لرستان در خصوص ماهیان سردآبی با تولید سالانه ۴۲ هزار تن رتبه نخست کشور را دارد.",
                 "expect": {"value": 42000, "unit": "t", "measure": "production", "period": "year",
                            "subject": {"name": "لرستان"}}}])
def capacities(doc, ctx):
    """A quantity with a production/capacity/area/storage/employment/investment trigger."""
    toks = doc.tokens
    invested_to = -1  # the token after the last sum found to be an investment
    for q in doc.quantities:
        if q.kind not in ("quantity", "money"):
            continue
        w = _tokens_window(doc, q)
        if w is None:
            continue
        sent, a, b, lo, hi, ca, cb = w
        listed = a - 3 <= invested_to <= a and any(t.key in _LIST_JOIN for t in toks[invested_to:a])
        keys_before = [t.key for t in toks[lo:a]]
        keys_after = [t.key for t in toks[b:hi]]
        clause_keys = {t.key for t in toks[ca:cb]}
        # «افزایش تولید به ۷۰۰ هزار تن»: the level reached is a capacity, the change is not
        to_level = a > sent.first and toks[a - 1].key == "به"
        if any(k in NOT_CAPACITY and not (to_level and k in _CHANGE) for k in keys_before[-4:] + keys_after[:2]
               if k not in _COUNTED or k in keys_before[-2:] + keys_after[:2]) or \
                any(k in c for c in TRADE_CUES.values() for k in clause_keys):
            continue
        measure = None
        if q.unit == "person" and set(keys_after[:2]) & _EMPLOYMENT:
            measure = "employment"  # «با اعتبار ۳۰۰ میلیون ریال برای ۸ نفر اشتغال»: the nearer trigger
        for n in range(len(keys_before) - 1 if measure is None else -1, -1, -1):
            k = keys_before[n]
            for name, trig in MEASURE_TRIGGERS:
                if k in trig:
                    # «ظرفیت تولید ... ۸۵۰۰ تن»: the capacity to produce, not an output
                    measure = "capacity" if name == "production" and n and keys_before[n - 1] in _CAPACITY else name
                    break
            if measure:
                break
        if measure is None:
            for k in keys_after[:2]:
                for name, trig in MEASURE_TRIGGERS:
                    if k in trig:
                        measure = name
                        break
                if measure:
                    break
        if measure is None and q.kind == "quantity" and q.unit not in ("person", "unit"):
            measure = _far_trigger(doc, sent, a, lo, ca)  # (not head counts: «ظرفیت رشته‌ها ... ۱۰ هزار نفر»)
        if measure is None and q.kind == "quantity":
            measure = _verb_final_measure(doc, b, cb)
        if measure is None and q.unit == "unit" and q.value >= 2 and toks[b - 1].key in _FIRMS \
                and (toks[b - 1].key in _PLANTS or (b < cb and toks[b].key in _FIRM_KINDS)):
            after = {t.key for t in toks[b:min(cb, b + _EXISTS_REACH)]}
            if after & _EXISTS and not after & _ATTENDING:
                measure = "capacity"  # «۵ هزار شرکت تولیدکننده ... داریم», «هزار واحد صنعتی ... فعال است»: a count
        unit = q.currency or q.unit
        if unit == "km":
            # the length of a border, a pipeline or a railway; a distance (۵۰ کیلومتری، فاصله) is none
            if measure is None and (set(keys_after[:5]) | set(keys_before[-2:])) & _EXTENTS \
                    and not any(k.endswith("کیلومتری") or k == K("فاصله") for k in keys_before[-3:] + keys_after[:1]):
                measure = "other"
            else:
                continue
        if unit is None:
            continue
        if measure is None and unit == "t" and set(keys_before[-4:]) & _THROUGHPUT:
            measure = "other"  # «تخلیه و بارگیری ۲ میلیون و ۲۵۹ هزار تن کالا»
        if measure is None and unit in _POWER_UNITS and not q.text.endswith("ی"):
            # «۲۵ مگاوات برق»: a plant's power is its capacity (not «الکتروپمپ ۱۱ کیلوواتی», a rating)
            measure = "capacity"
        if unit == "unit" and a > sent.first and toks[a - 1].key == "در":
            continue  # «در چهار شرکت بزرگ»: where something else is measured, not a count of plants
        if unit in _AREA_UNITS and measure in ("production", "capacity", None):
            measure = "area"  # "۵ هکتار ... تولید": the quantity is an area whatever the verb
        jobs = unit == "person" and any(t.key in _JOB_WORDS for t in toks[a:b])
        if jobs and q.value == 1:
            continue  # «پیدا کردن یک شغل ثابت»: a job, not a count of jobs
        if unit == "person" and measure == "capacity" and not jobs and not set(keys_after) & _EMPLOYMENT:
            continue  # «ظرفیت رشته‌ها ... ۲۷ هزار نفر»: places for people, no jobs
        if unit == "person" and (measure in ("production", "capacity") or jobs):
            measure = "employment"
        if measure is None and unit in _AREA_UNITS:
            measure = "area"
        if measure is None and unit == "person" and any(k in ("شغل", "اشتغال", "شغلی") for k in keys_after):
            measure = "employment"
        if measure is None and q.kind == "money" and listed:
            measure = "investment"  # «۱۴ میلیارد ریال استانی، ۶۸ میلیارد ریال ملی و ...»: the list goes on
        if measure is None:
            continue
        if q.kind == "money" and measure not in ("investment",):
            if measure in ("capacity", "production"):
                continue
            measure = "investment"
        if measure == "investment" and q.kind != "money":
            continue
        if unit == "unit":
            measure = "count"  # «۱۲۰ واحد تولیدی»: a number of plants or firms, not an output
            if any(t.key in _ATTENDING for t in toks[max(sent.first, a - 4):a]):
                continue  # «با حضور بیش از ۹۰ شرکت»: the exhibitors of an event, no capacity
        if measure == "employment" and unit != "person":
            continue
        if measure == "area" and unit not in _AREA_UNITS:
            if unit != "t":
                continue
            measure = "production"
        if measure == "investment":
            invested_to = b
        period = q.period if q.period in ("year", "month", "day") else None
        item = _item_near(doc, a, b, lo, hi)
        for subject in _each_of(doc, sent, a) or [subject_for(doc, sent, a, b)]:
            yield Capacity(subject=subject, measure=measure, item=item, value=q.value, value_max=q.value_max,
                           unit=unit, qualifier=q.qualifier or "exact", period=period,
                           evidence=doc.span(sent.start, sent.end))


@finalizer("capacities")
def _capacities(doc, records):
    # the same figure told twice (headline and body) is one, whatever subject each telling
    # resolved to; one sentence giving it to several subjects («هر یک») keeps them all; a rounded
    # telling (a headline's ۲۶۰۰ for the body's ۲ هزار و ۵۹۱) gives way to the exact one
    # a small count (۶ نفر، ۹ نفر) recurs in one article as different facts: it is a retelling only
    # when told first in the headline or of the same item
    out, told_in, kept = [], {}, {}
    headline = doc.sentences[0].end if doc.sentences else 0
    figures: dict[int, set] = {}  # sentence start -> the (value, unit) of every figure in it
    for q in doc.quantities:
        figures.setdefault(_sentence_start(doc, q.start), set()).add((round(q.value, 3), q.currency or q.unit))
    buckets: dict[tuple, list[int]] = {}  # (measure, unit, subject, value bucket) -> indices in out
    for r in records:
        key = (r.measure, round(r.value, 3), r.unit)
        at = r.evidence.start if r.evidence else None
        subject = _subject_key(r.subject)
        first = told_in.setdefault(key, r)
        if _at(first) != at and _retold(first, r, headline, figures):
            continue
        same = kept.setdefault((*key, subject), r)
        if same is not r and (_at(same) == at or _retold(same, r, headline, figures)):
            continue
        bucket = _bucket(r.value)
        near = None
        if bucket is not None:
            near = next((i for d in (-1, 0, 1) for i in buckets.get((r.measure, r.unit, subject, bucket + d), ())
                         if _rounded_telling(out[i], r)), None)
        if near is not None:
            if _roundness(out[near].value) > _roundness(r.value):
                out[near] = r
            continue
        if bucket is not None:  # a few per bucket are enough to find a figure told twice
            near_ones = buckets.setdefault((r.measure, r.unit, subject, bucket), [])
            if len(near_ones) < 16:
                near_ones.append(len(out))
        out.append(r)
    return out


_SMALL_COUNT = 100  # below this a figure told again in another sentence may be another fact


def _at(r) -> int | None:
    return r.evidence.start if r.evidence else None


def _retold(first, later, headline: int, figures: dict[int, set]) -> bool:
    """Is ``later`` (same measure, value and unit as ``first``, another sentence) the same figure
    told again? A large figure or one from the headline is; a small one is when it keeps its item
    or its company: two sentences whose other figures all differ tell two facts («۳ پروژه با ۴۰۰
    میلیون ریال و اشتغال ۶ نفر» / «۳ پروژه با ۲ میلیارد ریال و اشتغال ۶ نفر»)."""
    if first.value >= _SMALL_COUNT or (_at(first) or 0) < headline:
        return True
    if first.item is not None and first.item == later.item:
        return True
    own = (round(first.value, 3), first.unit)
    a, b = figures.get(_at(first), set()) - {own}, figures.get(_at(later), set()) - {own}
    return not (a and b) or bool(a & b)


def _sentence_start(doc, at: int) -> int | None:
    s = doc.sentence_of(at)
    return s.start if s is not None else None


def _bucket(v: float) -> int | None:
    """Values within 1.5 % of each other fall in the same or neighbouring buckets."""
    return int(math.log(v) / math.log(1.015)) if v > 0 else None


def _roundness(v: float) -> int:
    n, v = 0, round(abs(v))
    while v and v % 10 == 0:
        n, v = n + 1, v // 10
    return n


def _rounded_telling(a, b) -> bool:
    """Two tellings of one figure (same measure, unit and subject: the caller's bucket), one of them
    rounded: values within 1.5 %, from different sentences, one rounder than the other."""
    return (a.value != b.value and abs(a.value - b.value) <= 0.015 * max(abs(a.value), abs(b.value))
            and (a.evidence.start if a.evidence else None) != (b.evidence.start if b.evidence else None)
            and _roundness(a.value) != _roundness(b.value))


def _subject_key(s) -> str | None:
    return None if s is None else (getattr(s, "id", None) or s.name)


# --------------------------------------------------------------------------- shares
@rule(name="share.percent_of", record="shares", priority=40, confidence=0.7,
      examples=[{"text": "استان حدود ۱۲ درصد از منابع آب کشور را در اختیار دارد.",
                 "expect": {"value": 12, "of": "منابع آب کشور"}}])
def shares(doc, ctx):
    """``X درصد (از) <resource> کشور/جهان``: the subject's share of a whole."""
    toks = doc.tokens
    for q in doc.quantities:
        if q.kind != "percent":
            continue
        w = _tokens_window(doc, q)
        if w is None:
            continue
        sent, a, b, lo, hi, ca, cb = w
        i = b
        if i < sent.last and toks[i].key == "از":
            i += 1
        j = i
        while j < sent.last and j - i < 8 and toks[j].kind == "word" and toks[j].key not in (
                "را", "در", "به", "است", "و", "که", "با", "دارد", "است", "بوده", "می‌باشد"):
            j += 1
            if toks[j - 1].key in ("کشور", "جهان", "دنیا", "کشوری", "استان"):
                break
        if j <= i:
            continue
        whole = [t.key for t in toks[i:j]]
        if not any(k in ("کشور", "جهان", "دنیا", "کشوری", "استان", "منطقه") for k in whole):
            continue
        if any(k in GROWTH for k in whole) or any(t.key in GROWTH for t in toks[max(sent.first, a - 2):a]):
            continue
        subject = subject_for(doc, sent, a, b, prefer_after=False)
        yield Share(subject=subject, value=q.value, of=norm(doc.raw[toks[i].start:toks[j - 1].end]),
                    evidence=doc.span(sent.start, sent.end))


# --------------------------------------------------------------------------- rankings
_RANK_WORDS = {K(w) for w in ("رتبه", "رتبه‌های", "مقام", "جایگاه", "رده")}
_SCOPES = [("national", {K(w) for w in ("کشور", "کشوری", "ملی", "کشورمان", "ایران")}),
           ("world", {K(w) for w in ("جهان", "دنیا", "جهانی", "بین‌المللی")}),
           ("regional", {K(w) for w in ("منطقه", "منطقه‌ای", "آسیا", "خاورمیانه")}),
           ("provincial", {K(w) for w in ("استان", "استانی", "استانها", "استان‌ها")})]
_TOP = {K(w) for w in ("برتر", "نخست", "اول")}
_PRODUCER = {K(w) for w in ("تولیدکننده", "صادرکننده", "تولیدکنندگان", "قطب", "پیشتاز", "صادرکنندگان",
                             "تامین‌کننده", "تأمین‌کننده", "تامین‌کنندگان", "واردکننده", "خریدار", "دارنده")}
# the peers a place or a body is counted among (not «ایده‌های برتر», «لیگ‌های برتر»)
_RANKED_PEERS = {K(w) for w in ("استان‌های", "استانهای", "استان‌ها", "شهرستان‌های", "شهرهای", "کشورهای", "شرکت‌های",
                                "ادارات", "دستگاه‌های", "بنادر", "گمرکات", "دانشگاه‌های", "واحدهای", "تولیدکنندگان",
                                "صادرکنندگان")}
# «بزرگ‌ترین تامین‌کننده نفت چین»: a superlative before a producer word is the first rank
# the peers a place or a body is counted among (not «ایده‌های برتر», «لیگ‌های برتر»)
_RANKED_PEERS = {K(w) for w in ("استان‌های", "استانهای", "استان‌ها", "شهرستان‌های", "شهرهای", "کشورهای", "شرکت‌های",
                                "ادارات", "دستگاه‌های", "بنادر", "گمرکات", "دانشگاه‌های", "واحدهای", "تولیدکنندگان",
                                "صادرکنندگان")}
_SUPERLATIVES = {K(w) for w in ("بزرگ‌ترین", "بزرگترین", "بیشترین", "بیش‌ترین", "عمده‌ترین", "مهم‌ترین")}


def _scope(keys) -> str | None:
    for name, words in _SCOPES:
        if any(k in words for k in keys):
            return name
    return None


@rule(name="ranking.rank_ordinal", record="rankings", priority=40, confidence=0.7,
      examples=[{"text": "لرستان در خصوص ماهیان سردآبی با تولید سالانه ۴۲ هزار تن رتبه نخست کشور را دارد.",
                 "expect": {"rank": 1, "scope": "national", "subject": {"name": "لرستان"}}}])
def rankings(doc, ctx):
    """``رتبه نخست/اول/دوم کشور``, ``رتبه‌های برتر کشوری``, ``سومین تولیدکننده ... در دنیا``."""
    toks = doc.tokens
    # only sentences with a rank word, an ordinal in -مین or پیشتاز can hold a ranking
    keys = doc.key_list()
    # (an ordinal: not همین، زمین، تامین)
    hits = {k for k in set(keys) if k in _RANK_WORDS or k in ("پیشتاز", "برتر") or k in _SUPERLATIVES
            or (k.endswith("مین") and parse_ordinal(k) is not None)}
    if not hits:
        return
    cand = {toks[i].sent for i, k in enumerate(keys) if k in hits}
    for sent in doc.sentences:
        if sent.i not in cand:
            continue
        i = sent.first
        while i < sent.last:
            t = toks[i]
            rank, label, end, start = None, None, None, i
            if t.key in _RANK_WORDS and i + 1 < sent.last:
                nxt = toks[i + 1]
                if nxt.key == "برتر" or (nxt.key in ("های",) and i + 2 < sent.last and toks[i + 2].key == "برتر"):
                    rank, label, end = None, "top", i + 2
                else:
                    o = parse_ordinal(nxt.norm)
                    if o is not None:
                        rank, label, end = o, {1: "first", 2: "second", 3: "third"}.get(o, f"rank_{o}"), i + 2
            elif t.key.endswith("مین") and i + 1 < sent.last and toks[i + 1].key in _PRODUCER:
                o = parse_ordinal(t.norm)
                if o is not None:
                    rank, label, end = o, {1: "first", 2: "second", 3: "third"}.get(o, f"rank_{o}"), i + 2
            elif t.key in ("پیشتاز", "برتر") and i > sent.first and toks[i - 1].key in _RANKED_PEERS:
                rank, label, end = None, "top", i + 1  # «یکی از استان‌های پیشتاز / جزو استان‌های برتر کشور»
            elif t.key == "پیشتاز":
                rank, label, end = 1, "first", i + 1
            elif t.key in _SUPERLATIVES and i + 1 < sent.last and toks[i + 1].key in _PRODUCER \
                    and not (i > sent.first and toks[i - 1].key == "از"):  # «از بزرگ‌ترین ...»: one of them
                rank, label, end = 1, "first", i + 2
            if label is None:
                i += 1
                continue
            # the scope after the rank first («ایران سومین تولیدکننده گردو در دنیا»: the world, not
            # the country named as the subject), else before it
            scope = _scope([x.key for x in toks[end:min(sent.last, end + 6)]]) or \
                _scope([x.key for x in toks[max(sent.first, i - 8):i]])
            if scope is None and _foreign_market(doc, sent, i, end):
                scope = "world"  # «روسیه بزرگ‌ترین تامین‌کننده نفت چین»: a place among a market's suppliers
            if scope is None:
                i = end
                continue
            # items: products of the clause before the rank (one ranking per product)
            ca, _ = clause_bounds(doc, sent, i)
            items = entities_from(doc, toks[max(ca, sent.first)].start, t.start, ("PRODUCT",))
            items = _extend_list_back(doc, items, sent.first)
            if not items and toks[end - 1].key in _PRODUCER and end < sent.last:
                # «بزرگ‌ترین تامین‌کننده نفت چین»: the good named right after the producer word
                items = entities_from(doc, toks[end].start, toks[min(sent.last, end + 2) - 1].end, ("PRODUCT",))
            subject = _rank_subject(doc, sent, i, end)
            evidence = doc.span(sent.start, sent.end)
            if items:
                seen = set()
                for e in items:
                    name = e.name or norm(e.text)
                    if name in seen:
                        continue
                    seen.add(name)
                    yield Ranking(subject=subject, item=name, rank=rank, label=label, scope=scope, evidence=evidence)
            else:
                yield Ranking(subject=subject, item=_rank_item(doc, sent, i, end), rank=rank, label=label,
                              scope=scope, evidence=evidence)
            i = end


def _foreign_market(doc, sent, i: int, end: int) -> bool:
    """A ranking among the suppliers of a country: a producer word ranked, then a country named
    within a few words after it (نفت چین، گاز مایع به چین)."""
    toks = doc.tokens
    if toks[end - 1].key in _PRODUCER:
        pass
    elif end < sent.last and toks[end].key in _PRODUCER:
        end += 1  # «در رتبه دوم تامین‌کنندگان نفت چین»
    else:
        return False
    stop = min(sent.last, end + 5)
    return any(e.label == "COUNTRY" for e in entities_from(doc, toks[end].start if end < sent.last else sent.end,
                                                           toks[stop - 1].end if stop > end else sent.end))


def _rank_subject(doc, sent, i: int, end: int):
    toks = doc.tokens
    # "رتبه نخست گمرک خسروی": the entity right after the ordinal
    if end < sent.last:
        for e in entities_from(doc, toks[end].start, toks[end].start + 1):
            if e.label in ("ORG", *PLACE_LABELS):
                return org_party(doc, e) if e.label == "ORG" else place_of(e)
    return subject_for(doc, sent, i, end, prefer_after=False)


def _rank_item(doc, sent, i: int, end: int) -> str | None:
    toks = doc.tokens
    for k in range(end, min(sent.last, end + 6)):
        if toks[k].key == "در":
            a = k + 1
            b = a
            while b < sent.last and toks[b].kind == "word" and b - a < 6 and toks[b].key not in (
                    "را", "کسب", "دارد", "است", "به", "از", "با", "و"):
                b += 1
            if b > a:
                return norm(doc.raw[toks[a].start:toks[b - 1].end])
    for k in range(i - 1, max(sent.first, i - 8), -1):
        if toks[k].key == "در":
            a = k + 1
            if a < i:
                return norm(doc.raw[toks[a].start:toks[i - 1].end])
    return None


def _extend_list_back(doc, items, first: int):
    """A clause cut at a list comma loses the list's first items (``انجیر، گردو و حبوبات``):
    walk back over ``،``/``و`` to the products before."""
    if not items:
        return items
    head = min(items, key=lambda e: e.start)
    out = list(items)
    while True:
        i = doc.token_at(head.start)
        if i is None or i - 2 < first or doc.tokens[i - 1].text not in ("،", ",", "و"):
            break
        end = doc.tokens[i - 2].end
        prev = next((e for e in reversed(entities_covering(doc, end - 1, end)) if e.label == "PRODUCT" and e.end == end),
                    None)
        if prev is None or prev in out:
            break
        out.insert(0, prev)
        head = prev
    return out


@finalizer("rankings")
def _rankings(doc, records):
    out = []
    for r in records:
        dup = next((o for o in out if o.rank == r.rank and o.label == r.label and _same_subject(o.subject, r.subject)
                    and (o.item == r.item or not _is_product(doc, o.item) and not _is_product(doc, r.item))), None)
        if dup is None:
            out.append(r)
    return out


def _is_product(doc, item) -> bool:
    names = doc.meta.get("_product_names")
    if names is None:
        names = doc.meta["_product_names"] = {e.name or "" for e in doc.entities if e.label == "PRODUCT"}
    return item is not None and item in names


def _same_subject(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return _subject_key(a) == _subject_key(b)


# --------------------------------------------------------------------------- trade flows
def _direction(doc, sent, a: int) -> str | None:
    """The trade cue nearest to token ``a`` in its sentence."""
    best, dist = None, 10 ** 9
    for t in doc.tokens[sent.first:sent.last]:
        for name, cues in TRADE_CUES.items():
            if t.key in cues and abs(t.i - a) < dist:
                best, dist = name, abs(t.i - a)
    if best is None:
        # "وارد شد" with goods: import
        return None
    return best


_PRICE_WORDS = {K(w) for w in ("قیمت", "متوسط", "میانگین", "نرخ", "بهای")}
# sums that are not the value of goods traded: revenue, a deposit, a budget, a loan, a fine
_OTHER_MONEY = {K(w) for w in ("درآمد", "درآمدهای", "مبلغ", "حساب", "سپرده", "ودیعه", "بودجه", "اعتبار", "اعتبارات",
                               "تسهیلات", "وام", "یارانه", "جریمه", "مالیات", "عوارض", "حقوق", "دستمزد", "سود",
                               "زیان", "بدهی", "بدهی‌های", "هزینه", "هزینه‌های")}
_OTHER_MONEY_REACH = 6  # tokens before the amount


def _other_money(toks, first: int, a: int) -> bool:
    """A non-trade money noun shortly before the amount with no trade cue between them."""
    for k in range(a - 1, max(first, a - _OTHER_MONEY_REACH) - 1, -1):
        key = toks[k].key
        if any(key in cues for cues in TRADE_CUES.values()):
            return False
        if key in _OTHER_MONEY:
            return True
    return False
_PER_UNIT = {K(w) for w in ("تن", "کیلو", "کیلوگرم", "واحد", "بشکه", "لیتر", "متر")}


def _is_unit_price(toks, first: int, a: int) -> bool:
    """A price word, or ``هر تن``/``هر کیلو``, in the clause before the money amount."""
    window = toks[max(first, a - 12):a]
    keys = [t.key for t in window]
    if any(k in _PRICE_WORDS for k in keys):
        return True
    return any(keys[i] == "هر" and keys[i + 1] in _PER_UNIT for i in range(len(keys) - 1))


@rule(name="trade.quantity_with_cue", record="trade_flows", priority=45, confidence=0.7,
      examples=[{"text": "بیش از 911 تن پودر گوشت و 69 تن عسل به مقصد کشورهای ترکیه و عراق صادر شده است.",
                 "expect": {"direction": "export", "quantity": {"value": 911, "unit": "t"}, "item": "پودر گوشت"}}])
def trade_flows(doc, ctx):
    """A weight or a value in a sentence with an export/import/transit cue; a weight and a value
    of the same sentence and direction make one flow."""
    toks = doc.tokens
    by_sent: dict[int, list] = {}
    for q in doc.quantities:
        if q.kind == "money" or (q.kind == "quantity" and q.unit in ("t", "kg")):
            s = doc.sentence_of(q.start)
            if s is not None:
                by_sent.setdefault(s.i, []).append(q)
    for si, qs in by_sent.items():
        sent = doc.sentences[si]
        flows: list[TradeFlow] = []
        for q in qs:
            a = tok_index(doc, q.start)
            b = tok_index(doc, q.end - 1) + 1
            direction = _direction(doc, sent, a)
            if direction is None:
                continue
            before = [t.key for t in toks[max(sent.first, a - 3):a]]
            if any(k in ("قیمت", "ارزش") for k in before) and q.kind != "money":
                continue
            if any(k in ("فروش", "درآمد", "قیمت") for k in before[-2:]):
                continue
            if q.kind == "money" and _is_unit_price(toks, sent.first, a):
                continue  # "متوسط قیمت هر تن ... ۷۶۵ دلار": a price, not a flow
            if q.kind == "money" and _other_money(toks, sent.first, a):
                continue  # «درآمد بنادر امسال به رقم ۲۶۰۰ میلیارد تومان»: revenue, not a flow
            if _comparison(toks, sent.first, a):
                continue  # «نسبت به ۵۳ هزار تن مدت مشابه پارسال»: last year's figure, the yardstick
            if _negated(toks, b, clause_bounds(doc, sent, a)[1]):
                continue  # «حتی یک کیلو مرغ هم نتوانستیم صادر کنیم»: nothing was traded
            item = _item_near(doc, a, b, sent.first, sent.last)
            dests = _destinations(doc, sent, direction)
            origin = _origin(doc, sent, direction)
            money = Money(amount=q.value, currency=q.currency) if q.kind == "money" else None
            qty = Amount(value=q.value * (1 if q.unit == "t" else 1), unit=q.unit) if q.kind != "money" else None
            merged = False
            if money and any(f.direction == direction and f.value is not None and f.value.currency != money.currency
                             and f.item in (None, item) for f in flows):
                continue  # «ارزش ارزی ... ۴۷ میلیون دلار ... ارزش ریالی ... ۴۴۰ میلیارد ریال»: one value told twice
            for f in flows:
                if f.direction == direction and ((money and f.value is None and f.quantity is not None and f.item in (None, item))
                                                 or (qty and f.quantity is None and f.value is not None and f.item in (None, item))):
                    f.value = f.value or money
                    f.quantity = f.quantity or qty
                    f.item = f.item or item
                    merged = True
                    break
            if merged:
                continue
            flows.append(TradeFlow(direction=direction, origin=origin, destinations=dests, item=item, value=money,
                                   quantity=qty, period=_period(doc, sent), change_percent=_change(doc, sent),
                                   evidence=doc.span(sent.start, sent.end)))
        yield from flows


_NEGATED_FORMS = {K(w) for w in ("نتوانستیم", "نتوانست", "نتوانستند", "نتوانسته", "نتوانستم", "نمی‌توان", "نشد", "نشده",
                                  "نکرد", "نکرده", "نکردند", "نمی‌شود", "نمی‌شد", "نگرفت", "نرسید")}


def _negated(toks, b: int, end: int) -> bool:
    """The clause after the figure holds a verb in the negative (its trade did not happen)."""
    for t in toks[b:end]:
        k = t.key
        if k in _NEGATED_FORMS or (k.startswith("ن") and len(k) > 3 and verb_stem(k[1:]) is not None):
            return True
    return False


_COMPARED = ((K("نسبت"), K("به")), (K("مقایسه"), K("با")), (K("در"), K("مقابل")), (K("در"), K("برابر")))


def _comparison(toks, first: int, a: int) -> bool:
    """The figure at token ``a`` is what another is compared with: «نسبت به X», «در مقایسه با X»,
    «در مقابل X» right before it (not «در برابر صادرات X», where X is the other side of a deal)."""
    return a - 2 >= first and (toks[a - 2].key, toks[a - 1].key) in _COMPARED


def _destinations(doc, sent, direction: str) -> list[Place]:
    out = []
    for e in entities_from(doc, sent.start, sent.end, ("COUNTRY",)):
        p = place_of(e)
        if p and p.id != "IR" and all(x.id != p.id for x in out):
            out.append(p)
    if direction == "import":
        return [IRAN] if not out else []
    return out


def _origin(doc, sent, direction: str) -> Place | None:
    toks = doc.tokens
    for e in entities_from(doc, sent.start, sent.end, ("PROVINCE", "CITY", "LOCATION", "COUNTRY")):
        i = tok_index(doc, e.start)
        if i > 0 and toks[i - 1].key == "از" or (i > 1 and toks[i - 2].key == "از" and toks[i - 1].key in ("استان", "گمرک", "بندر", "مرز")):
            return place_of(e)
    if direction == "export":
        return focus_province(doc) or focus_place(doc)
    return None


def _period(doc, sent) -> str | None:
    for d in doc.dates:
        if sent.start <= d.start < sent.end:
            return norm(doc.raw[d.start:d.end])
    return None


def _change(doc, sent) -> float | None:
    toks = doc.tokens
    for q in doc.quantities:
        if q.kind == "percent" and sent.start <= q.start < sent.end:
            b = tok_index(doc, q.end - 1) + 1
            after = [t.key for t in toks[b:b + 3]]
            if "افزایش" in after or "رشد" in after:
                return q.value
            if "کاهش" in after or "افت" in after:
                return -q.value
    return None


@finalizer("trade_flows")
def _trade_flows(doc, records):
    out = []
    for r in records:
        dup = False
        for o in out:
            if o.direction != r.direction:
                continue
            if (r.value and o.value and abs(r.value.amount - o.value.amount) <= 0.01 * max(r.value.amount, 1)) or \
                    (r.quantity and o.quantity and abs(r.quantity.value - o.quantity.value) <= 0.01 * max(r.quantity.value, 1)
                     and (r.item == o.item or r.item is None or o.item is None)):
                o.value = o.value or r.value
                o.quantity = o.quantity or r.quantity
                o.item = o.item or r.item
                o.destinations = o.destinations or r.destinations
                dup = True
                break
        if not dup:
            out.append(r)
    return out
