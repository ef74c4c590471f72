"""Projects, agreements and cooperations.

* Projects: a plant/unit/greenhouse/warehouse/pipeline... named with a product, a place or a proper
  name and a status cue in its clause (``در حال اجرا``, ``در دست احداث``, ``افتتاح شد``...), or a
  ``پروژه`` named with what is built and where (status null); a list of places (``واحد پلی‌اتیلن
  کردستان، مهاباد و لرستان``) gives one project per place, a route (``خواف-هرات``) one.
* Agreements: ``تفاهم‌نامه`` (mou), ``قرارداد`` (contract), ``موافقت‌نامه``/``توافق‌نامه``
  (agreement); status from the verb (signed, planned, expected); parties from ``بین/میان X و Y``,
  ``X با Y``, else the places in focus. A back-reference (``این قرارداد``) is not a new agreement.
* Cooperations: a cooperation cue (``همکاری``, ``روابط``, ``مراودات``...) with two parties; areas
  from the sector words around it; a signed agreement makes an ``agreed`` cooperation.
"""
from __future__ import annotations

from ...lexicons.index import place_of
from ...text.normalize import is_verb_form, match_key, verb_stem
from ...records import Agreement, Cooperation, Money, Party, Place, Project
from ..registry import finalizer, rule
from ..frames import builtin_frame
from .common import (CLAUSE_BREAKS, QUOTE_COLONS, entities_covering, entities_from, focus_places, is_agency, focus_province, irrealis, norm, objected,
                     places_in, tok_index, in_sports_report)
from functools import lru_cache

from .arguments import DEICTIC_ORG, last_org_before, org_party
from .lexical import in_idiom

K = match_key

# --------------------------------------------------------------------------- projects
PROJECT_HEADS = {K(w): kind for w, kind in (
    ("کارخانه", "factory"), ("کارخانه‌های", "factory"), ("واحد", "plant"), ("واحدهای", "plant"),
    ("طرح", "project"), ("پروژه", "project"), ("گلخانه", "greenhouse"), ("گلخانه‌های", "greenhouse"),
    ("انبار", "warehouse"), ("انبارهای", "warehouse"), ("سردخانه", "cold storage"), ("نیروگاه", "power plant"),
    ("پالایشگاه", "refinery"), ("مجتمع", "complex"), ("خط", "pipeline"), ("سد", "dam"), ("کشتارگاه", "slaughterhouse"),
    ("شهرک", "industrial park"), ("بندر", "port"), ("کارگاه", "workshop"), ("پتروشیمی", "petrochemical plant"),
    ("بیمارستان", "hospital"), ("راه‌آهن", "railway"), ("آزادراه", "road"), ("بزرگراه", "road"), ("پل", "bridge"),
    ("تونل", "tunnel"), ("فرودگاه", "airport"), ("اسکله", "port"), ("پایانه", "terminal"), ("سیلو", "silo"),
    ("تصفیه‌خانه", "treatment plant"), ("ایستگاه", "station"), ("مزرعه", "farm"), ("سالن", "hall"),
    ("خط تولید", "production line"), ("پارک", "park"), ("جاده", "road"), ("کوره", "furnace"))}
# heads that name a project by themselves (a «پروژه» is carried out by definition): one named with
# what is built (a build noun, a built thing or a product) and then where is a project even where
# the sentence gives no status (status null): «پروژه راه آهن خواف-هرات», «پروژه ساخت ورزشگاه سلماس»;
# not «پروژه ایران», «پروژه ارتش مصر». Singular only («پروژه‌های ...» is a kind), and not «طرح»
# (also a plan, a bill or a design)
_SELF_PROJECT_HEADS = {K("پروژه")}
_BUILD_NOUNS = {K(w) for w in ("ساخت", "احداث", "انتقال", "توسعه", "تکمیل", "ایجاد", "اجرای", "بهسازی", "نوسازی",
                               "مرمت", "بازسازی", "راه", "راه‌آهن", "خط", "آبرسانی", "گازرسانی", "برق‌رسانی",
                               "تعریض", "آزادسازی", "تولید")}
_STRONG_BREAKS = frozenset(("؛", ";", ":"))  # (not the comma, inside a list of projects)
# the words before a head that make it the venue of the sentence («با حضور در کارخانه X»)
_VENUE_BEFORE = frozenset(((K("حضور"), K("در")), (K("در"), K("محل")), (K("بازدید"), K("از"))))
_LIGHT_VERBS = frozenset(K(w) for w in ("کرد", "کردند", "کرده", "داشت", "داشته", "گرفت", "یافت", "نمود"))
_NAME_PUNCT = frozenset(("،", ",", "-", "–", "ـ", "«", "»", "(", ")", "/"))
STATUS_CUES = [  # (status, key sequence)
    ("in_progress", ("در", "حال", "اجرا")), ("in_progress", ("در", "حال", "انجام")),
    ("under_construction", ("در", "دست", "احداث")), ("under_construction", ("در", "دست", "ساخت")),
    ("under_construction", ("در", "حال", "ساخت")), ("under_construction", ("در", "حال", "احداث")),
    ("under_construction", ("در", "دست", "تکمیل")), ("under_construction", ("در", "حال", "تکمیل")),
    ("under_construction", ("آغاز", "ساخت")), ("under_construction", ("کلنگ",)),
    ("under_construction", ("به", "بهرهبرداری", "میرسد")), ("under_construction", ("به", "بهرهبرداری", "خواهد")),
    ("inaugurated", ("افتتاح", "شد")), ("inaugurated", ("افتتاح", "گردید")), ("inaugurated", ("افتتاح", "کرد")),
    ("inaugurated", ("بهرهبرداری", "قرار", "گرفت")), ("inaugurated", ("به", "بهرهبرداری", "رسید")),
    ("inaugurated", ("افتتاح", "و", "بهرهبرداری")), ("inaugurated", ("افتتاح",)),
    ("inaugurated", ("بهرهبرداری", "رسید")), ("inaugurated", ("بهرهبرداری", "شد")),
    ("under_construction", ("عملیات", "اجرایی")), ("under_construction", ("عملیات", "احداث")),
    ("under_construction", ("آغاز", "شد")), ("under_construction", ("آغاز", "گردید")),
    ("planned", ("تکمیل", "میشود")), ("planned", ("تکمیل", "خواهد")), ("planned", ("آغاز", "میشود")),
    ("planned", ("آغاز", "خواهد")), ("planned", ("احداث", "میشود")), ("planned", ("احداث", "خواهد")),
    ("planned", ("راهاندازی", "میشود")),
    ("planned", ("راهاندازی", "خواهد")), ("planned", ("ایجاد", "میشود")), ("planned", ("ایجاد", "خواهد")),
    ("planned", ("در", "دستور", "کار")), ("planned", ("آماده", "افتتاح")), ("planned", ("آماده", "بهرهبرداری")),
    ("planned", ("مصوب", "شد")), ("planned", ("مصوب", "شده")), ("planned", ("تصویب", "شد")),
    ("planned", ("برنامهریزی", "شده")), ("planned", ("برنامهریزی", "کرده")),
    ("inaugurated", ("راهاندازی", "شد")), ("inaugurated", ("راهاندازی", "شده")),
    ("under_construction", ("شروع", "عملیات")), ("under_construction", ("عملیات", "نصب")),
]
# the compounds written with a space as well («بهره برداری», «راه اندازی», «برنامه ریزی»)
_SPACED = {K("بهره‌برداری"): (K("بهره"), K("برداری")), K("راه‌اندازی"): (K("راه"), K("اندازی")),
           K("برنامه‌ریزی"): (K("برنامه"), K("ریزی"))}
STATUS_CUES += [(status, tuple(x for k in seq for x in _SPACED.get(k, (k,))))
                for status, seq in STATUS_CUES if any(k in _SPACED for k in seq)]
# plural forms are heads too (طرح‌های توسعه ..., نیروگاه‌های ...): one ends the name of the one before
PROJECT_HEADS.update({h + suffix: kind for h, kind in list(PROJECT_HEADS.items()) for suffix in ("های", "ها")
                      if h + suffix not in PROJECT_HEADS})
_NP_STOP = {K(w) for w in ("با", "که", "در", "را", "به", "برای", "است", "هستند", "بوده", "شد", "می‌شود", "از",
                            "توسط", "امسال", "هم", "نیز", "تا",
                            # the reporting verb after a name, and words that open a predicate
                            "افزود", "گفت", "خبر", "تصریح", "اظهار", "بیان", "عنوان", "مبنی", "نیازمند", "مجددا")}


@lru_cache(maxsize=1)
def _status_table() -> tuple[dict[tuple[str, ...], tuple[int, str]], dict[str, tuple[int, ...]]]:
    """The status cues as ``{keys: (list position, status)}`` (the first listed of equal cues
    kept) and ``{first key: cue lengths}``: a cue is then one slice and one dict lookup."""
    table: dict[tuple[str, ...], tuple[int, str]] = {}
    lengths: dict[str, set[int]] = {}
    for n, (status, seq) in enumerate(STATUS_CUES):
        table.setdefault(seq, (n, status))
        lengths.setdefault(seq[0], set()).add(len(seq))
    return table, {k: tuple(sorted(v)) for k, v in lengths.items()}


def _status(doc, sent, starts: list[int] | None = None) -> tuple[str, int] | None:
    """The first status cue of the sentence: (status, token index). ``starts``: the token indices
    of the sentence where a cue may start, when the caller has them."""
    keys = doc.key_list()
    table, lengths = _status_table()
    if starts is None:
        starts = [i for i in range(sent.first, sent.last) if keys[i] in lengths]
    last = sent.last
    for i in starts:
        # the earliest-listed cue that matches here (as the list order expresses preference)
        best = None
        for size in lengths.get(keys[i], ()):
            if i + size <= last and (hit := table.get(tuple(keys[i:i + size]))) is not None \
                    and (best is None or hit[0] < best[0]):
                best = hit
        if best is not None:
            if best[1] == "inaugurated" and any(keys[k] in _DELAYED for k in range(max(sent.first, i - 3), i)):
                return "planned", i  # «تعویق زمان افتتاح»: the opening is put off, still to come
            return best[1], i
    return None


_DELAYED = frozenset(K(w) for w in ("تعویق", "تاخیر", "تأخیر", "لغو", "توقف"))


@rule(name="project.head_with_status", record="projects", priority=50, confidence=0.6,
      examples=[{"text": "کارخانه تولید اسید فسفریک خوراکی با مشارکت سرمایه‌گذار خارجی در حال انجام است.",
                 "expect": {"status": "in_progress", "foreign_investment": True}}])
def projects(doc, ctx):
    """A project head naming a product or a place, with a status cue in the sentence."""
    toks = doc.tokens
    # only sentences holding the first word of a status cue can hold a project
    cue_starts: dict[int, list[int]] = {}
    firsts = _status_table()[1]  # first key of a cue -> cue lengths
    keys = doc.key_list()
    for i in [i for i, k in enumerate(keys) if k in firsts]:
        cue_starts.setdefault(toks[i].sent, []).append(i)
    self_headed = {toks[i].sent for i, k in enumerate(keys) if k in _SELF_PROJECT_HEADS} \
        if not _SELF_PROJECT_HEADS.isdisjoint(keys) else set()
    for sent in doc.sentences:
        if sent.i not in cue_starts and sent.i not in self_headed:
            continue
        st = _status(doc, sent, cue_starts[sent.i]) if sent.i in cue_starts else None
        if st is None and sent.i not in self_headed:
            continue
        sent_status = st[0] if st else None
        # a name ends where a status cue starts («راه» opens «راه اندازی شد», not «راه آهن»)
        cue_at = {k for k in cue_starts.get(sent.i, ()) if _status(doc, sent, [k]) is not None}
        # the status cue tells of the projects of its own clause: «پتروشیمی X را به الگویی تبدیل کرده
        # است؛ اجرای پروژه‌های ... در دستور کار ... قرار دارد»
        breaks = [k for k in range(sent.first, sent.last) if toks[k].text in _STRONG_BREAKS]
        i = sent.first
        while i < sent.last:
            kind = PROJECT_HEADS.get(toks[i].key)
            if kind is None or (i > sent.first and (toks[i - 1].key in ("این", "آن", "همین")
                                                    or toks[i - 1].kind == "num")):  # «۷۰۴ پروژه»: a count
                i += 1
                continue
            if i >= sent.first + 2 and (toks[i - 2].key, toks[i - 1].key) in _VENUE_BEFORE:
                i += 1  # «با حضور در کارخانه فولاد مبارکه طرح‌ها را افتتاح کرد»: the venue, not what opened
                continue
            status = sent_status
            if breaks and st is not None:
                lo = max((k for k in breaks if k < i), default=sent.first)
                hi = min((k for k in breaks if k > i), default=sent.last)
                here = _status(doc, sent, [k for k in cue_starts[sent.i] if lo <= k < hi])
                status = here[0] if here else None
            if status is None and (toks[i].key not in _SELF_PROJECT_HEADS or i + 1 >= sent.last
                                   or toks[i + 1].key in ("ها", "های")):
                i += 1  # («پروژه های نیروگاهی»: the plural, a kind)
                continue
            j = i + 1
            while j < sent.last and j - i < 14 and toks[j].key not in _NP_STOP and toks[j].key not in PROJECT_HEADS \
                    and j not in cue_at:
                if toks[j].kind == "num":
                    # «نیروگاه خورشیدی ۱۰ مگاواتی کرمان», «گلخانه ۲۰ هکتاری»: a size is part of the name
                    if j + 1 < sent.last and toks[j + 1].key.endswith("ی") and toks[j + 1].kind == "word":
                        j += 2
                        continue
                    break
                if toks[j].text in ("،", ",") and not _next_is_place(doc, j + 1):
                    break
                if (toks[j].kind == "punct" and toks[j].text not in _NAME_PUNCT) or is_verb_form(toks[j].key):
                    break  # «پروژه میدان شهدای مشهد تصریح کرد:»: the name ends before the verb
                if j > i + 1 and j + 1 < sent.last and (toks[j + 1].key in _LIGHT_VERBS or (
                        toks[j].key == "و" and toks[j + 1].key in _BUILD_NOUNS)):
                    break  # «... پیشرفت کرد»: the noun of a compound verb; «... و ساخت پل»: the next work
                j += 1
            prods = [e for e in entities_from(doc, toks[i].start, toks[j - 1].end, ("PRODUCT",))
                     if not in_idiom(doc, e)]  # (not «آهن» in «راه آهن»)
            hits = places_in(doc, i + 1, j)
            if len(hits) >= 2 and all(_hyphen_between(doc, x[0], y[0]) for x, y in zip(hits, hits[1:])):
                hits = hits[:1]  # «راه آهن خواف-هرات»: a line between two places is one project
            if status is None and not (hits and hits[0][0].start > toks[i + 1].start and (
                    toks[i + 1].key in _BUILD_NOUNS or toks[i + 1].key in PROJECT_HEADS or prods)):
                i = j  # a project the sentence gives no status: what is built, then where
                continue
            if not hits and j + 1 < sent.last and toks[j].key == "در":
                hits = places_in(doc, j + 1, j + 2)  # "دو واحد پلی‌استایرن در عسلویه"
            if not prods and not hits and not (status is not None and _proper_name_in(doc, i + 1, j)):
                i = j  # (a status and a proper name do: «نیروگاه CHP فولاد سبا افتتاح شد»)
                continue
            head_words = doc.raw[toks[i].start:toks[i].end]
            prod_names = []
            for e in prods:
                n = e.name or norm(e.text)
                if n not in prod_names:
                    prod_names.append(n)
            if not prod_names and kind in _PRODUCT_KINDS:
                prod_names = _discourse_products(doc)
            partners, foreign = _partners(doc, sent)
            progress = _progress(doc, sent)
            investment = _investment(doc, sent)
            evidence = doc.span(sent.start, sent.end)
            if len(hits) >= 2:
                for e, p in hits:
                    name = norm(" ".join([head_words, *prod_names[:1], p.name]))
                    yield Project(name=name, kind=kind, products=prod_names, place=p, partners=partners,
                                  foreign_investment=foreign, status=status, progress_percent=progress,
                                  investment=None, evidence=evidence)
            else:
                place = hits[0][1] if hits else (_sentence_place(doc, sent) or focus_province(doc))
                while j - 1 > i and toks[j - 1].key in ("و", "،", ","):
                    j -= 1  # «بیمارستان سقز و ...»: the conjunction belongs to the list, not the name
                name = norm(doc.raw[toks[i].start:toks[j - 1].end])
                yield Project(name=name, kind=kind, products=prod_names, place=place, partners=partners,
                              foreign_investment=foreign, status=status, progress_percent=progress,
                              investment=investment, evidence=evidence)
            i = j


_PRODUCT_KINDS = {"warehouse", "cold storage", "factory", "plant", "greenhouse", "complex", "slaughterhouse"}


def _discourse_products(doc) -> list[str]:
    """The product the article is about (named at least twice), for a project that names none."""
    if "_discourse_products" in doc.meta:
        return list(doc.meta["_discourse_products"])
    counts: dict[str, int] = {}
    for e in doc.entities:
        if e.label == "PRODUCT":
            n = e.name or norm(e.text)
            counts[n] = counts.get(n, 0) + 1
    best = max(counts, key=lambda n: counts[n]) if counts else None
    doc.meta["_discourse_products"] = [best] if best is not None and counts[best] >= 2 else []
    return list(doc.meta["_discourse_products"])


def _proper_name_in(doc, a: int, b: int) -> bool:
    """Tokens [a, b) hold a proper name: an organisation's, or a word in Latin letters (CHP)."""
    if b <= a:
        return False
    toks = doc.tokens
    return bool(entities_from(doc, toks[a].start, toks[b - 1].end, ("ORG",))) or any(
        t.kind == "word" and t.text.isascii() and t.text[:1].isalpha() for t in toks[a:b])


def _hyphen_between(doc, a, b) -> bool:
    """Two place entities with only a dash between them (a route: «خواف-هرات», «سنندج ـ مریوان»)."""
    return doc.raw[a.end:b.start].strip() in ("-", "–", "—", "ـ")


def _next_is_place(doc, j: int) -> bool:
    return bool(j < len(doc.tokens) and places_in(doc, j, j + 1))


def _sentence_place(doc, sent) -> Place | None:
    for e, p in places_in(doc, sent.first, sent.last):
        return p
    return None


def _partners(doc, sent) -> tuple[list[Party], bool | None]:
    toks = doc.tokens
    for i in range(sent.first, sent.last - 1):
        if toks[i].key == "با" and toks[i + 1].key in ("مشارکت", "همکاری", "سرمایهگذاری"):
            a = i + 2
            b = a
            while b < sent.last and toks[b].kind == "word" and toks[b].key not in _NP_STOP and b - a < 8:
                b += 1
            if b > a:
                text = norm(doc.raw[toks[a].start:toks[b - 1].end])
                foreign = any(t.key in ("خارجی", "خارجی‌") for t in toks[a:b]) or any(
                    p.kind == "country" and p.id != "IR" for _, p in places_in(doc, a, b))
                return [Party(name=text, kind="organization")], (True if foreign else None)
    return [], None


def _progress(doc, sent) -> float | None:
    for q in doc.quantities:
        if q.kind == "percent" and sent.start <= q.start < sent.end:
            b = tok_index(doc, q.end - 1) + 1
            if b < len(doc.tokens) and doc.tokens[b].key == "پیشرفت":
                return q.value
    return None


def _investment(doc, sent) -> Money | None:
    money = [q for q in doc.quantities if q.kind == "money" and sent.start <= q.start < sent.end]
    if len(money) == 1 and money[0].currency:
        return Money(amount=money[0].value, currency=money[0].currency)
    return None


@finalizer("projects")
def _projects(doc, records):
    out = []
    for r in records:
        words = set(match_key(w) for w in r.name.split())
        dup = None
        for o in out:
            ow = set(match_key(w) for w in o.name.split())
            same_place = o.place and r.place and (o.place.id or o.place.name) == (r.place.id or r.place.name)
            # (or one name inside the other at the same place: «بیمارستان مسجدسلیمان» and «بیمارستان ۱۶۲
            # تختخوابی مسجدسلیمان», the headline's and the body's)
            if words and ow and (len(words & ow) / len(words | ow) >= 0.6 or (same_place and len(words & ow) >= 2 and (
                    words <= ow or ow <= words))) and (same_place or not r.place):
                dup = o
                break
        if dup is None:
            out.append(r)
        else:
            dup.products = dup.products or r.products
            dup.investment = dup.investment or r.investment
    return out


# --------------------------------------------------------------------------- agreements
AGREEMENT_KINDS = {K("تفاهم‌نامه"): "mou", K("تفاهمنامه"): "mou", K("تفاهم‌نامه‌ای"): "mou",
                   K("تفاهم‌نامه‌های"): "mou", K("یادداشت"): None,
                   K("قرارداد"): "contract", K("قراردادی"): "contract",
                   K("موافقت‌نامه"): "agreement", K("موافقتنامه"): "agreement", K("توافقنامه"): "agreement",
                   K("توافق‌نامه"): "agreement", K("توافقنامه‌ای"): "agreement", K("موافقت‌نامه‌ای"): "agreement"}
_SIGNED = {K(w) for w in ("امضا", "امضای", "منعقد", "انعقاد", "امضاء", "رسید", "رساندند", "رسانده", "رساند")}
_BACKREF_BEFORE = {K(w) for w in ("این", "همین", "آن")}
_BACKREF_AFTER = {K(w) for w in ("مذکور", "فوق", "منعقده")}
# an agreement barred, cancelled or ended right before its name is none made: «از قرارداد با
# شرکت‌های آمریکایی محروم شدند», «لغو قرارداد», «ممنوعیت انعقاد قرارداد»
_UNMADE_BEFORE = {K(w) for w in ("محروم", "ممنوع", "ممنوعیت", "منع", "لغو", "فسخ", "ابطال", "تعلیق", "پایان", "خاتمه")}
_UNMADE_REACH = 2  # tokens: «ممنوعیت انعقاد قرارداد»
_BARRED_AFTER = {K(w) for w in ("محروم", "ممنوع", "ممنوعیت")}
_BARRED_REACH = 8  # tokens
# «کارگران قراردادی»: workers on contract, no agreement
_CONTRACT_WORKERS = {K(w) for w in ("کارگران", "کارگر", "نیروهای", "نیرو", "نیروی", "کارکنان", "کارمندان", "کارمند",
                                    "پرسنل", "معلمان", "معلم", "پزشکان", "پرستاران", "مستخدمین", "کار", "استخدام")}


_TWO_WORD_KINDS = {(K("تفاهم"), K("نامه")): "mou", (K("یادداشت"), K("تفاهم")): "mou", (K("سند"), K("همکاری")): "mou",
                   (K("موافقت"), K("نامه")): "agreement", (K("توافق"), K("نامه")): "agreement"}


_BARE_AGREEMENT = frozenset((K("توافق"), K("توافقی")))
_AGREEMENT_FIRSTS = frozenset(AGREEMENT_KINDS) | {a for a, _ in _TWO_WORD_KINDS} | _BARE_AGREEMENT
_REACHED = K("حصول")


def _named_or_signed(doc, sent, i: int) -> bool:
    """A bare «توافق» is an agreement when a place names it (توافق وین) or it is signed or reached."""
    toks = doc.tokens
    if i + 1 < sent.last and places_in(doc, i + 1, i + 2):
        return True
    window = {t.key for t in toks[i + 1:min(sent.last, i + 12)]}
    return bool(window & _SIGNED) or _REACHED in {t.key for t in toks[max(sent.first, i - 2):i]}


def _agreement_status(doc, sent, i: int) -> str:
    keys = [t.key for t in doc.tokens[sent.first:sent.last]]
    window = [t.key for t in doc.tokens[max(sent.first, i - 4):min(sent.last, i + 14)]]
    signed_word = any(k in _SIGNED for k in window)
    if "خواهد" in keys or "خواهند" in keys:
        if any(k in ("قالب",) for k in keys) or not signed_word:
            return "expected"
        return "planned"
    if "قرار" in keys and "است" in keys:
        return "planned"
    if signed_word:
        return "signed"
    return "expected"


def _unmade(doc, sent, i: int) -> bool:
    """An agreement barred, cancelled or ended (``_UNMADE_BEFORE`` within two tokens before it:
    «لغو قرارداد», «ممنوعیت انعقاد قرارداد»), or barred after it («از ... قرارداد با شرکت‌های
    آمریکایی محروم شدند»)."""
    keys = doc.keys
    return any(keys[j] in _UNMADE_BEFORE for j in range(max(sent.first, i - _UNMADE_REACH), i)) or \
        any(keys[j] in _BARRED_AFTER for j in range(i + 1, min(sent.last, i + _BARRED_REACH))) or \
        _not_signed(doc, sent, i)


# «ژاپنی‌ها قرارداد را امضا نکنند»: a signing verb in the negative
_SIGNING = {K(w) for w in ("امضا", "امضاء", "منعقد", "نهایی")}
_BARE_PARTICIPLES = {K(w) for w in ("شد", "شده", "رسید", "رسیده", "کرد", "کرده", "گردید", "بست", "بسته")}
_SIGN_REACH = 8  # tokens after the agreement's noun


def _not_signed(doc, sent, i: int) -> bool:
    keys, toks = doc.keys, doc.tokens
    for j in range(i + 1, min(sent.last - 1, i + _SIGN_REACH)):
        if toks[j].text in CLAUSE_BREAKS:
            return False
        if keys[j] in _SIGNING:
            neg = keys[j + 1]
            return neg.startswith("ن") and (neg[1:] in _BARE_PARTICIPLES or verb_stem(neg[1:]) is not None)
    return False


def _parties_between(doc, sent, i: int) -> list:
    """The parties named in the agreement's sentence: organisations, provinces, countries, a
    national capital standing for its country (``اسلام‌آباد ... با تهران``) and ``این شرکت``/``این
    سازمان`` for the organisation named before."""
    toks = doc.tokens
    cands = []
    for e in entities_from(doc, sent.start, sent.end, ("ORG", "PROVINCE", "COUNTRY", "CITY")):
        if not is_agency(e) and not (e.label != "ORG" and objected(doc, e)):  # «به علت فشارهای آمریکا»
            if any(o is not e and o.label == "ORG" for o in entities_covering(doc, e.start, e.end)):
                continue
            cands.append(e)
    for k in range(sent.first, sent.last - 1):
        if toks[k].key in ("این", "همین") and toks[k + 1].key in DEICTIC_ORG:
            org = last_org_before(doc, toks[k].start, toks[k + 1].key)
            if org is not None:
                cands.append(org)
    cands.sort(key=lambda e: e.start)
    out = []
    for e in cands:
        if e.label == "ORG":
            p = org_party(doc, e)
        elif e.label == "CITY":
            p = capital_country(e.text)
        else:
            p = place_of(e)
        if p is not None and not any(_same(p, q) for q in out):
            out.append(p)
    return out


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    from ...lexicons import aliases, rows

    return {match_key(a): r["country"] for r in rows("capitals.tsv") for a in aliases(r)}


def capital_country(name: str) -> Place | None:
    """The country a national capital stands for (``اسلام‌آباد`` → Pakistan), else None."""
    code = _capitals().get(match_key(name))
    if code is None:
        return None
    from ...lexicons import rows

    cname = next((r["name"] for r in rows("countries.tsv") if r["id"] == code), None)
    return Place(name=cname or name, kind="country", id=code) if cname else None


def _same(a, b) -> bool:
    ka = getattr(a, "id", None) or match_key(a.name)
    kb = getattr(b, "id", None) or match_key(b.name)
    return ka == kb


def _subset(a, b) -> bool:
    """Every party of ``a`` is one of ``b``."""
    return all(any(_same(p, q) for q in b) for p in a)


def _focus_pair(doc) -> list:
    f = focus_places(doc)
    prov = next((p for p in f if p.kind == "province"), None)
    foreign = next((p for p in f if p.kind == "country" and p.id != "IR"), None)
    if prov and foreign:
        return [prov, foreign]
    countries = [p for p in f if p.kind == "country"]
    if len(countries) >= 2:
        return countries[:2]
    return []


@rule(name="agreement.document", record="agreements", priority=55, confidence=0.65,
      examples=[{"text": "تفاهم‌نامه همکاری بین سازمان منطقه آزاد اروند و کمیسیون گردشگری اتاق بازرگانی ایران منعقد شد.",
                 "expect": {"kind": "mou", "status": "signed"}}])
def agreements(doc, ctx):
    """An MoU, contract or agreement named in a sentence, with its status and parties."""
    toks = doc.tokens
    keys = doc.keys
    # the tokens an agreement's name may start on, found in one pass (this runs on every article)
    starts: dict[int, list[int]] = {}
    for i in [i for i, k in enumerate(keys) if k in _AGREEMENT_FIRSTS]:
        starts.setdefault(doc.token_sents[i], []).append(i)
    for si, positions in starts.items():
        sent = doc.sentences[si]
        for i in positions:
            kind = AGREEMENT_KINDS.get(toks[i].key)
            if kind is None and i + 1 < sent.last:
                # written in two words: «تفاهم نامه», «یادداشت تفاهم», «سند همکاری»
                kind = _TWO_WORD_KINDS.get((toks[i].key, toks[i + 1].key))
            if kind is None and toks[i].key in _BARE_AGREEMENT and _named_or_signed(doc, sent, i):
                kind = "agreement"  # «توافق وین», «توافقی برای ساخت خط لوله به امضا رسید»
            if kind is None:
                continue
            if i > sent.first and toks[i - 1].key in _BACKREF_BEFORE:
                continue
            if toks[i].key == K("قراردادی") and i > sent.first and toks[i - 1].key in _CONTRACT_WORKERS:
                continue
            if _unmade(doc, sent, i) or irrealis(doc, sent, i):
                continue
            if i + 1 < sent.last and toks[i + 1].key in _BACKREF_AFTER:
                continue
            if toks[i].key.endswith(("ههای", "هها", "دهای", "دها")) and not any(t.key == "قالب" for t in toks[sent.first:sent.last]):
                continue
            parties = _parties_between(doc, sent, i)
            status = _agreement_status(doc, sent, i)
            if len(parties) < 2:
                # one side named: the article's province or foreign country is the other; none
                # named: the article's pair only for an agreement signed or planned («تفاهم‌نامه
                # همکاری امضا شد», not «قرارداد جدید این بازیگر») in a sentence naming no other place
                extra = [p for p in _focus_pair(doc) if not any(_same(p, q) for q in parties)]
                if parties:
                    parties = (parties + extra)[:2]
                elif status != "expected" and not places_in(doc, sent.first, sent.last):
                    parties = extra
            if not parties:
                continue  # (one party is enough: «توافق وین به ایران تبریک گفت», an MoU an office signed)
            topic = _topic(doc, sent, i)
            yield Agreement(parties=parties, kind=kind, status=status, topic=topic,
                            evidence=doc.span(sent.start, sent.end))
            break


def _topic(doc, sent, i: int) -> str | None:
    toks = doc.tokens
    a = i + 1
    while a < sent.last and toks[a].key in ("همکاری", "همکاریهای", "مشترک", "ای"):
        a += 1
    if a < sent.last and toks[a].key in ("برای", "در", "جهت"):
        b = a + 1
        while b < sent.last and toks[b].kind == "word" and b - a < 10 and toks[b].key not in ("بین", "میان", "با", "به", "امضا"):
            b += 1
        if b > a + 1:
            return norm(doc.raw[toks[a + 1].start:toks[b - 1].end])
    return None


@finalizer("agreements")
def _agreements(doc, records):
    records = [r for r in records if not in_sports_report(doc, r.evidence)]  # games, transfers
    out = []
    for r in records:
        # the same agreement told again names the same parties or some of them; a second agreement
        # of one side with another (ایران و پاکستان ... ایران و هند) is a record of its own
        dup = next((o for o in out if o.kind == r.kind and _subset(r.parties, o.parties)), None)
        if dup is None:
            dup = next((o for o in out if o.kind == r.kind and _subset(o.parties, r.parties)), None)
            if dup is not None:
                dup.parties = r.parties
        if dup is None:
            out.append(r)
        elif dup.status != "signed" and r.status == "signed":
            dup.status = "signed"
    return out


# --------------------------------------------------------------------------- cooperations
# The cues are the triggers of «cooperation.frame» (rules/data/frames/events.yaml)
_COOP = builtin_frame("cooperation.frame")
_COOP_INDEX = _COOP.by_first_key()
COOP_CUES = frozenset(_COOP_INDEX)
AREA_WORDS = [("trade", {K(w) for w in ("تجاری", "تجارت", "بازرگانی", "بازرگانان", "مبادلات")}),
              ("export", {K(w) for w in ("صادرات", "صادراتی", "صادر")}),
              ("import", {K(w) for w in ("واردات", "وارداتی")}),
              ("investment", {K(w) for w in ("سرمایه‌گذاری", "سرمایه‌گذاریهای", "سرمایه‌گذاری‌های", "سرمایه‌گذار", "سرمایه‌گذاران")}),
              ("technology", {K(w) for w in ("فناوری", "فنی", "تکنولوژی", "دانش")}),
              ("tourism", {K(w) for w in ("گردشگری", "توریسم", "گردشگران")}),
              ("transit", {K(w) for w in ("ترانزیت", "ترانزیتی")}),
              ("energy", {K(w) for w in ("انرژی", "برق", "نفت", "گاز")}),
              ("agriculture", {K(w) for w in ("کشاورزی",)}),
              ("industry", {K(w) for w in ("صنعتی", "صنعت", "صنایع")}),
              ("mining", {K(w) for w in ("معدنی", "معدن", "معادن")})]
_ECONOMIC = frozenset(K(w) for w in ("اقتصادی", "اقتصاد", "سرمایه", "بانکی", "گمرکی")).union(
    *(words for _, words in AREA_WORDS))
# words between a cue and the places it names: «همکاری‌های اقتصادی و تجاری دو کشور ایران و آلمان»
_COOP_FILLERS = _ECONOMIC | {K(w) for w in (
    "و", "دو", "سه", "کشور", "کشورهای", "استان", "استان‌های", "جانبه", "دوجانبه", "دو‌جانبه", "چندجانبه", "مشترک",
    "فیمابین", "فی‌مابین", "متقابل", "میان", "بین", "جمهوری", "اسلامی", "کشورمان", "منطقه", "ای", "های")}
_WITH, _BETWEEN_KEYS = K("با"), frozenset((K("بین"), K("میان")))


def areas_in(doc, a: int, b: int) -> list[str]:
    keys = {t.key for t in doc.tokens[a:b]}
    return [name for name, words in AREA_WORDS if keys & words] or []


def _place_list(doc, a: int, b: int) -> list[tuple]:
    """The places listed from token ``a`` on (after a few fillers such as «دو کشور»), joined by
    «و» or commas: «ایران و آلمان», «کشورهای ایران، ترکیه و پاکستان»."""
    toks, out, i, skipped, especially = doc.tokens, [], a, 0, False
    while i < b and toks[i].key in _COOP_FILLERS and skipped < 6:
        i, skipped = i + 1, skipped + 1
    while i < b:
        hit = [(e, p) for e, p in places_in(doc, i, min(b, i + 4)) if e.start == toks[i].start]
        if not hit:
            break
        e, p = hit[0]
        if out and out[-1][1].kind == "region" and especially:
            out[-1] = (e, p)  # «کشورهای آسیای مرکزی، به‌ویژه ازبکستان»: the country named
        else:
            out.append((e, p))
        i = tok_index(doc, e.end - 1) + 1
        especially = False
        if i + 1 < b and toks[i].key in ("و", "،", ","):
            i += 1
        while i + 1 < b and toks[i].key in _ESPECIALLY:
            i, especially = i + 1, True
        if i < b and (especially or toks[i - 1].key in ("و", "،", ",")):
            continue
        break
    return out


_ESPECIALLY = frozenset(K(w) for w in ("به‌ویژه", "بویژه", "به", "ویژه", "خصوصا", "خصوصاً", "به‌خصوص", "بخصوص",
                                       "مخصوصا", "مخصوصاً", "ازجمله", "جمله", "از"))


def _coop_sides(doc, sent, cue: int, cue_end: int) -> list[tuple]:
    """The sides the cue's own arguments name: «بین/میان X و Y», «همکاری X و Y», «X با Y»."""
    toks = doc.tokens
    lo, hi = max(sent.first, cue - 8), min(sent.last, cue_end + 12)
    for k in range(lo, hi):
        if toks[k].key in _BETWEEN_KEYS:
            listed = _place_list(doc, k + 1, sent.last)
            if len(listed) >= 2:
                return listed
    sides = _place_list(doc, cue_end, sent.last)
    if len(sides) >= 2:
        return sides
    for k in range(max(sent.first, cue - 10), min(sent.last, cue_end + 8)):
        if toks[k].key != _WITH:
            continue
        other = _place_list(doc, k + 1, sent.last)
        if not other:
            continue  # «با دارا بودن ظرفیت‌ها»: not the partner
        # the subject: the last place named just before «با», else the first of its clause
        # («استان فارس با دارا بودن ... در گسترش مبادلات با ازبکستان»)
        first = sent.first
        for j in range(k - 1, sent.first - 1, -1):
            if toks[j].text in QUOTE_COLONS:
                first = j + 1
                break
        before = [(e, p) for e, p in places_in(doc, first, k) if not objected(doc, e)]
        near = [(e, p) for e, p in before if tok_index(doc, e.start) >= k - 12]
        subject = near[-1:] or before[:1] or sides[:1]
        return subject + other
    return sides


@rule(name="cooperation.between_parties", record="cooperations", priority=56, confidence=0.6,
      examples=_COOP.examples, description=_COOP.description)
def cooperations(doc, ctx):
    """A cooperation cue with two parties named near it, taken from the cue's own arguments
    (``بین/میان X و Y``, ``همکاری X و Y``, ``X با Y``), else every place listed near it; a place
    after a word of objection (``فشارهای آمریکا``) is no side, a cue inside an organisation's name
    (``سازمان همکاری شانگهای``), military or bare political relations (``روابط نزدیک``), relations
    broken off (``لغو``) and sports reports make none, and the article's city is never a side;
    agreements signed make ``agreed`` cooperations with the same parties."""
    toks = doc.tokens
    keys = doc.keys
    for a in doc.records.get("agreements", []):
        s = doc.sentence_of(a.evidence.start) if a.evidence else None
        areas = areas_in(doc, s.first, s.last) if s else []
        parties = list(a.parties)
        places = [p for p in parties if isinstance(p, Place)]
        if len(places) >= 2:
            parties = places  # two places cooperate; a body named beside them is no party (شورای امنیت)
        if len(parties) < 2:
            continue
        yield Cooperation(parties=parties, areas=areas or ["other"],
                          status="agreed" if a.status == "signed" else "intent", cameo="061" if a.status == "signed" else "031",
                          evidence=a.evidence)
    for sent in doc.sentences:
        if COOP_CUES.isdisjoint(keys[sent.first:sent.last]):
            continue
        if any(k in _BROKEN_OFF for k in keys[sent.first:sent.last]):
            continue  # («برای لغو قرارداد تحت فشار»: relations broken off, not cooperation)
        economic = not _ECONOMIC.isdisjoint(keys[sent.first:sent.last])
        if not economic:
            continue  # a cooperation is economic: its sentence names the economy or a field of it
            # (not «همکاری در حوزه میراث فرهنگی», «همکاری‌های قضایی»)
        cue = cue_end = None
        for i in range(sent.first, sent.last):
            for trig in _COOP_INDEX.get(keys[i], ()):
                n = len(trig.keys)
                if tuple(keys[i:i + n]) != trig.keys:
                    continue
                # a cue inside an organisation's name (سازمان همکاری شانگهای) is no cooperation
                if any(o.label == "ORG" for o in entities_covering(doc, toks[i].start, toks[i].end)):
                    continue
                after = i + n + 1 if i + n + 1 < sent.last and keys[i + n] in ("ها", "های", "ی") else i + n
                if after < sent.last and keys[after] in _COOP.unless_next and not economic:
                    continue  # «همکاری‌های نظامی», «روابط نزدیک»: not economic cooperation
                if trig.needs and trig.needs.isdisjoint(keys[sent.first:sent.last]):
                    continue  # «روابط تیره دو کشور»: relations, no cooperation
                if irrealis(doc, sent, i):
                    continue  # «چنانچه دو کشور همکاری کنند»
                cue, cue_end = i, i + n
                break
            if cue is not None:
                break
        if cue is None:
            continue
        parties = []
        for e, p in _coop_sides(doc, sent, cue, cue_end):
            if not objected(doc, e) and not any(_same(p, q) for q in parties):
                parties.append(p)
        if len(parties) < 2:
            # the sides named near the cue (a long sentence names other places for other things)
            lo, hi = max(sent.first, cue - _COOP_REACH), min(sent.last, cue + _COOP_REACH + 1)
            for e, p in places_in(doc, lo, hi):
                if e.label in ("PROVINCE", "COUNTRY") and not any(_same(p, q) for q in parties):
                    if any(o.label == "ORG" for o in entities_covering(doc, e.start, e.end)) or objected(doc, e) \
                            or _setting(doc, e):
                        continue
                    parties.append(p)
        if len(parties) < 2 and _two_sides(keys, sent):
            # «همکاری دو کشور», «روابط دو طرف»: the two countries the article is about
            for p in _article_pair(doc, sent):
                if not any(_same(p, q) for q in parties):
                    parties.append(p)
        # "این کشور" → the last foreign country named before
        if any(t.key == "این" and i + 1 < sent.last and toks[i + 1].key == "کشور"
               for i, t in enumerate(toks[sent.first:sent.last], start=sent.first)):
            for p in reversed([p for p in focus_places(doc) if p.kind == "country" and p.id != "IR"]):
                if not any(_same(p, q) for q in parties):
                    parties.append(p)
                break
        if len(parties) == 1:
            # the article's province is the other side of a foreign country's cooperation; never a
            # city the article happens to name most (هاوانا in «رئیس دانشگاه هاوانا»)
            prov = focus_province(doc)
            if prov and prov.kind == "province" and not _same(prov, parties[0]) and parties[0].kind == "country":
                parties.insert(0, prov)
        if len([p for p in parties if not (p.kind == "country" and p.id == "IR")]) >= 2:
            parties = [p for p in parties if not (p.kind == "country" and p.id == "IR")] if any(
                p.kind == "province" for p in parties) else parties
        if len(parties) < 2:
            continue
        yield Cooperation(parties=parties[:_MAX_PARTIES], areas=areas_in(doc, sent.first, sent.last) or ["other"],
                          status="intent", evidence=doc.span(sent.start, sent.end))


_TWO = frozenset(K(w) for w in ("دو", "طرفین"))
_SIDE_NOUNS = frozenset(K(w) for w in ("کشور", "طرف", "ملت", "دولت"))


def _two_sides(keys, sent) -> bool:
    """«دو کشور», «دو طرف», «طرفین» in the sentence."""
    return any(keys[k] == K("طرفین") or (keys[k] == K("دو") and k + 1 < sent.last and keys[k + 1] in _SIDE_NOUNS)
               for k in range(sent.first, sent.last))


def _article_pair(doc, sent) -> list:
    """The two countries «دو کشور» stands for in national news: Iran and the one foreign country
    the article names (in provincial news the province is the side, read elsewhere; with several
    foreign countries which two is not clear)."""
    if focus_province(doc) is not None:
        return []
    foreign = [p for p in focus_places(doc) if p.kind == "country" and p.id != "IR"]
    if len(foreign) == 1:
        from .common import IRAN
        return [IRAN, foreign[0]]
    return []


def _setting(doc, e) -> bool:
    """«در (استان) کرمان», «در عراق و سوریه»: where something is said, held or fought, no side of
    the cooperation (back over a list of places to «در»)."""
    i = tok_index(doc, e.start)
    keys = doc.keys
    in_place = {k for x, _ in places_in(doc, max(0, i - _SETTING_REACH), i)
                for k in range(tok_index(doc, x.start), tok_index(doc, x.end - 1) + 1)}
    for k in range(i - 1, max(-1, i - _SETTING_REACH - 1), -1):
        if keys[k] == "در":
            return True
        if not (keys[k] in _PLACE_KINDS or keys[k] in ("و", "،", ",") or k in in_place):
            return False
    return False


_SETTING_REACH = 6  # tokens back over a list of places


_PLACE_KINDS = frozenset(K(w) for w in ("استان", "شهر", "شهرستان", "کشور"))
_STATUS_ORDER = {"intent": 0, "ongoing": 1, "agreed": 2}
_MAX_PARTIES = 6
_COOP_REACH = 20  # tokens  # «چهار کشور ایران، تاجیکستان، افغانستان و پاکستان»: every side listed
_BROKEN_OFF = frozenset(match_key(w) for w in ("لغو", "قطع", "تعلیق"))


@finalizer("cooperations")
def _cooperations(doc, records):
    records = [r for r in records if not in_sports_report(doc, r.evidence)]  # games, transfers
    out: list[Cooperation] = []
    for r in records:
        # a national capital stands for its country (روابط تهران و باکو), and a side named twice is one
        parties = []
        for p in r.parties:
            if getattr(p, "kind", None) in ("city", "county"):
                p = capital_country(p.name) or p
            if not any(_same(p, q) for q in parties):
                parties.append(p)
        r.parties = parties
        # an Iranian province and Iran itself are one side, not two
        if any(getattr(p, "kind", None) == "province" for p in r.parties):
            r.parties = [p for p in r.parties if not (getattr(p, "kind", None) == "country" and p.id == "IR")]
        if len(r.parties) < 2:
            continue
        dup = next((o for o in out if len(o.parties) == len(r.parties) and all(any(_same(p, q) for q in r.parties) for p in o.parties)), None)
        if dup is None:
            out.append(r)
            continue
        for a in r.areas:
            if a not in dup.areas:
                dup.areas.append(a)
        if "other" in dup.areas and len(dup.areas) > 1:
            dup.areas.remove("other")
        if _STATUS_ORDER.get(r.status, 0) > _STATUS_ORDER.get(dup.status, 0):
            dup.status, dup.cameo = r.status, r.cameo
    return out
