"""Sectors and products: one record per distinct value named in the article."""
from __future__ import annotations

from functools import lru_cache

from ...text.normalize import match_key
from ...records import SECTORS, Product, Sector
from ..registry import finalizer, rule
from .common import entities_covering


_SECTOR_CONTEXT = {match_key(w) for w in (
    "بخش", "بخش‌های", "حوزه", "حوزه‌های", "حوزه‌هایی", "زمینه", "زمینه‌های", "زمینه‌هایی", "صنعت", "صنایع",
    "فعالان", "توسعه", "رونق", "فعالیت", "فعالیت‌های", "عرصه", "عرصه‌های", "بازار", "اقتصاد", "سرمایه‌گذاری",
    "حمایت", "حوزه‌ی", "بخش‌", "شرکت‌های", "ظرفیت‌های",
    # the cooperation of two sides in a field (همکاری‌های بانکی; «روابط تجاری» is no sector: test_rules)
    "همکاری", "همکاری‌های", "همکاری‌هایی", "مبادلات", "تعاملات", "مراودات")}
_LIST_REACH = 8  # the items of a list of fields a context word before the list reaches
_ORG_LABELS = ("ORG", "ROLE")


# phrases in which a good's or a sector's word names neither (the phrase's own span may still be a
# mention: راه‌آهن is transport, ذوب آهن metals): «آب و هوا» is the climate, «مدال طلا» a medal
_IDIOMS = ("آب و هوا", "آب و هوای", "آب و هوایی", "حال و هوا", "حال و هوای", "حال و هوایی", "راه آهن",
           "ذوب آهن", "عصر آهن", "مدال طلا", "مدال نقره", "مدال برنز", "غم نان", "نان و نوا", "لباس پاسداری",
           "پایگاه هوایی", "نیروی هوایی", "حمله هوایی", "حملات هوایی", "دفاع هوایی", "پدافند هوایی", "حریم هوایی")


@lru_cache(maxsize=1)
def _idiom_index() -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """token key → the idioms holding it, each with the key's position in it."""
    index: dict[str, list] = {}
    for phrase in _IDIOMS:
        keys = tuple(match_key(w) for w in phrase.split())
        for pos, k in enumerate(keys):
            index.setdefault(k, []).append((keys, pos))
    return {k: tuple(v) for k, v in index.items()}


def in_idiom(doc, e) -> bool:
    """The entity lies inside one of ``_IDIOMS`` (and is shorter than it)."""
    a, b = doc.token_at(e.start), doc.token_at(e.end - 1)
    if a is None or b is None:
        return False
    keys = doc.keys
    for phrase, pos in _idiom_index().get(keys[a], ()):
        lo = a - pos
        if lo >= 0 and b - a + 1 < len(phrase) and b < lo + len(phrase) \
                and tuple(keys[lo:lo + len(phrase)]) == phrase:
            return True
    return False


@lru_cache(maxsize=1)
def _weak_triggers() -> frozenset[str]:
    """Weak sector triggers and their plural/adjective forms (ها, های, ی, هایی), as match keys."""
    from ...lexicons import rows

    table = rows("sectors.tsv")
    weak = {match_key(w) for r in table for w in r.get("weak", "").split("|") if w}
    strong = {match_key(w) for r in table for w in r.get("triggers", "").split("|") if w}
    # a weak word's derived form that is a trigger of its own stays strong (کشاورز → کشاورزی)
    return frozenset(weak | {w + suf for w in weak for suf in ("ها", "های", "ی", "هایی")} - strong)


def _is_weak(text: str) -> bool:
    return match_key(text) in _weak_triggers()


def _in_sector_context(doc, e, listable) -> bool:
    """``بخش/حوزه/صنعت X`` before it, or a list of sectors around it (``کشاورزی، صنعت و معدن``)."""
    i = doc.token_at(e.start)
    j = doc.token_at(e.end - 1)
    if i is None or j is None:
        return False
    toks = doc.tokens
    if i > 0 and toks[i - 1].key in _SECTOR_CONTEXT and toks[i - 1].sent == toks[i].sent:
        return True
    # an item of a list of fields that opens with a context word: «همکاری در بخش اقتصاد، تجارت،
    # سرمایه‌گذاری، انرژی» (one word per item, «،» or «و» between)
    k = i - 1
    comma = False  # an enumeration («بخش اقتصاد، تجارت و ...»), not «بازار داخلی و صادراتی»
    for _ in range(_LIST_REACH):
        if k < 1 or toks[k].sent != toks[i].sent or not (toks[k].key == "و" or toks[k].text in ("،", ",")):
            break
        comma = comma or toks[k].text in ("،", ",")
        k -= 1  # the item before the separator
        if toks[k].kind != "word":
            break
        if comma and k > 0 and toks[k - 1].key in _SECTOR_CONTEXT and toks[k - 1].sent == toks[i].sent:
            return True
        k -= 1
    for k, step in ((i - 1, -1), (j + 1, 1)):
        if 0 <= k < len(toks) and (toks[k].key == "و" or toks[k].text in ("،", ",")):
            n = k + step
            if 0 <= n < len(toks) and any(o.label == "SECTOR" and listable(o) and (o.start, o.end) != (e.start, e.end)
                                          for o in entities_covering(doc, toks[n].start, toks[n].start + 1)):
                return True
    return False


_ZONE_HEADS = frozenset(match_key(w) for w in ("آزاد", "ویژه"))
_ZONE_NAME_WORDS = frozenset(match_key(w) for w in ("و", "اقتصادی", "-", "–", "—", "،", ",", "/"))


def _in_zone_name(doc, e, sector_starts: set[int]) -> bool:
    """``منطقه آزاد تجاری، صنعتی و گردشگری کیش``: the sector words after ``آزاد``/``ویژه`` name a
    zone. Walks back over the zone's name (sector words, ``و``, dashes and commas) in the sentence."""
    i = doc.token_at(e.start)
    if i is None:
        return False
    toks = doc.tokens
    k = i - 1
    while k >= 0 and i - k <= 8 and toks[k].sent == toks[i].sent:
        key = toks[k].key
        if key in _ZONE_HEADS:
            return True
        if key not in _ZONE_NAME_WORDS and k not in sector_starts:
            return False
        k -= 1
    return False


def _describes_product(doc, e) -> bool:
    """``خودروهای برقی``, ``لوازم برقی``: a sector noun made an adjective (``برق`` + ``ی``) inside or
    right after a product's name describes the product; it names no sector."""
    key = match_key(e.text)
    if not key.endswith("ی") or key in _sector_words():
        return False
    i = doc.token_at(e.start)
    before = doc.token_ends[i - 1] if i is not None and i > 0 else -1
    return any(o.label == "PRODUCT" and o.start < e.start for o in entities_covering(doc, e.start, e.end)) or \
        any(o.label == "PRODUCT" and o.end == before for o in entities_covering(doc, before - 1, before))


@lru_cache(maxsize=1)
def _sector_words() -> frozenset[str]:
    """Every trigger of lexicons/data/sectors.tsv as written there (no added suffixes), as match keys."""
    from ...lexicons import rows

    return frozenset(match_key(w) for r in rows("sectors.tsv") for w in r.get("triggers", "").split("|") if w)


@rule(name="sector.lexicon", record="sectors", priority=10, confidence=0.8,
      examples=[{"text": "استان فارس در حوزه‌های صنایع غذایی و پتروشیمی ظرفیت دارد.",
                 "expect": {"sector": "food_industry"}}])
def sectors_from_lexicon(doc, ctx):
    """A SECTOR entity (a phrase of lexicons/data/sectors.tsv) names a sector, unless it is part of
    an organisation or a title (``سازمان جهاد کشاورزی``); a weak trigger (``تجاری``, ``آب``,
    ``صنعتی``) counts only in a sector context (``بخش/حوزه X``, ``همکاری‌های X``, a list of sectors,
    or a list of fields after a context word: ``همکاری در بخش اقتصاد، تجارت و انرژی``); the words of
    a free zone's name (``منطقه آزاد تجاری، صنعتی و گردشگری کیش``) name none."""
    # a sector word inside a public body's name or a title is no sector mention (سازمان جهاد
    # کشاورزی); inside a company, plant or trade association it is (شرکت ملی پتروشیمی)
    def owned(e) -> bool:
        return any(o.label in _ORG_LABELS and not (o.rule or "").startswith(
            ("pattern.org.company", "pattern.org.plant", "pattern.org.association"))
            # nor inside a zone's name (منطقه آزاد تجاری، صنعتی ماکو)
            or o.rule == "gazetteer.location.zone" for o in entities_covering(doc, e.start, e.end))

    def listable(e) -> bool:  # a list of sectors is made of sector words, not of organisations' names
        return not any(o.label == "ORG" for o in entities_covering(doc, e.start, e.end))

    sector_starts = {doc.token_at(e.start) for e in doc.entities if e.label == "SECTOR"}
    for e in doc.entities:
        if e.label != "SECTOR" or e.name not in SECTORS:
            continue
        if owned(e) or in_idiom(doc, e):
            continue
        if _describes_product(doc, e):
            continue
        weak = _is_weak(e.text)
        if _in_zone_name(doc, e, sector_starts) or (weak and not _in_sector_context(doc, e, listable)):
            continue
        yield Sector(sector=e.name, isic=SECTORS[e.name], text=e.text, evidence=doc.span(e.start, e.end),
                     confidence=0.6 if weak else 0.8)


@rule(name="product.lexicon", record="products", priority=10, confidence=0.8,
      examples=[{"text": "لرستان در تولید انجیر و گردو رتبه برتر دارد.", "expect": {"name": "انجیر", "hs": "0804"}}])
def products_from_lexicon(doc, ctx):
    """A PRODUCT entity (lexicons/data/products.tsv) is a product, with its HS code; a vehicle or
    a vessel only where the text speaks of it as a good (a trade, production or market word, a
    quantity or another product near it), not where it carries the goods (تردد کامیون‌ها,
    پهلوگیری کشتی, با کشتی). A good named inside an organisation's name or a title (شرکت ملی گاز,
    ذوب آهن اصفهان, وزیر نفت) or in a pipeline (خطوط لوله) is none. An elided
    head is restored in a coordination (``خودروهای برقی و هیبریدی`` → also ``خودروی هیبریدی``)."""
    products = [e for e in doc.entities if e.label == "PRODUCT"]
    starts = {doc.token_at(e.start) for e in products}
    ends = {doc.token_at(e.end - 1) for e in products}
    for e in products:
        if not _spoken_of_as_a_good(doc, e, starts, ends) or in_idiom(doc, e):
            continue
        yield Product(name=e.name or e.text, text=e.text, hs=e.id, evidence=doc.span(e.start, e.end))
        yield from _elided(doc, e)


_GOODS_WINDOW = 8
_GOODS_CUES = frozenset(match_key(w) for w in (
    "صادرات", "صادراتی", "صادر", "واردات", "وارداتی", "وارد", "ترانزیت", "تجارت", "مبادله", "مبادلات",
    "تولید", "تولیدی", "تولیدات", "تولیدکننده", "تولیدکنندگان", "کشت", "برداشت", "پرورش", "فرآوری", "بسته‌بندی",
    "استخراج", "پالایش", "عرضه", "فروش", "خرید", "قیمت", "قیمت‌ها", "نرخ", "بازار", "بازارهای", "ظرفیت",
    "ذخیره", "ذخایر", "انبار", "محصول", "محصولات", "کالا", "کالاهای", "کالای", "مصرف", "تامین", "تأمین",
    "نیاز", "سرانه", "تعرفه", "خوراک", "مواد", "فرآورده", "فرآورده‌های", "تن", "کیلوگرم", "هکتار", "بشکه",
    "لیتر", "مترمکعب", "مگاوات", "تولیدشده", "تولید‌شده", "ارسال", "محموله", "محموله‌های", "کارخانه", "واحد",
    "زیرکشت", "باغ", "باغات", "مزارع", "دام", "صنایع", "رتبه", "قطب"))
# vehicles and vessels: goods only when made, sold or traded, not when they carry the goods
_CARRIERS = frozenset(match_key(w) for w in ("کامیون", "کشتی", "خودرو", "قطار", "هواپیما", "اتوبوس", "تریلر",
                                             "لنج", "شناور", "واگن",
                                             # and everyday things that are goods only when traded or made:
                                             # «در گفت‌وگو با تلویزیون», «لباس رئال‌مادرید», «غم نان»
                                             "تلویزیون", "رادیو", "لباس", "نان", "طلا"))
_PIPELINE_WORDS = frozenset(match_key(w) for w in ("خط", "خطوط", "شبکه", "شبکه‌های", "شبکه‌"))
_CARRYING = frozenset(match_key(w) for w in ("تردد", "پهلوگیری", "پهلو", "حمل", "جابجایی", "جابه‌جایی", "ناوگان",
                                             "راننده", "رانندگان", "توقف", "صف", "بارگیری", "تخلیه", "عبور",
                                             "مسافر", "سفر", "معطلی", "معطل", "حامل", "ناوگان‌های"))


def _spoken_of_as_a_good(doc, e, starts, ends) -> bool:
    a, b = doc.token_at(e.start), doc.token_at(e.end - 1)
    if a is None or b is None:
        return False
    if any(o.label in ("ROLE", "ORG") for o in entities_covering(doc, e.start, e.end)):
        return False  # «وزیر نفت», «وزارت جهاد کشاورزی», «شرکت ملی گاز», «ذوب آهن»: a name, no good
    if a > 0 and doc.keys[a - 1] in _PIPELINE_WORDS and match_key(e.text).startswith("لوله"):
        return False  # «خط لوله», «شبکه لوله‌های گاز»: a pipeline, built or run, no good traded
    carrier = match_key(e.name or e.text) in _CARRIERS or match_key(e.text) in _CARRIERS
    if a > 0 and doc.keys[a - 1] in ("با", "توسط") and carrier:
        return False  # «ارسال محموله‌ها با کشتی»: the vessel carries the goods; «با لباس تیم»
    sent = doc.sentences[doc.token_sents[a]]
    keys = doc.keys
    lo, hi = max(sent.first, a - _GOODS_WINDOW), min(sent.last, b + 1 + _GOODS_WINDOW)
    near = set(keys[lo:a]) | set(keys[b + 1:hi])
    if not carrier:
        return True  # any other good named is reported (the gold lists every commodity an article names)
    if near & _CARRYING:
        return False
    if doc.headline_span and doc.headline_span[0] <= e.start < doc.headline_span[1]:
        return True
    if near & _GOODS_CUES:
        return True
    # a list of goods: another product right before or after, across «و» or a comma
    for k, other in ((a - 2, ends), (b + 2, starts)):
        if 0 <= k < len(keys) and k in other and keys[(a - 1) if other is ends else (b + 1)] in ("و", "،", ","):
            return True
    # a quantity in the clause
    return any(q.start >= doc.tokens[lo].start and q.end <= doc.tokens[hi - 1].end for q in doc.quantities)


def _elided(doc, e):
    from ...lexicons.index import lexicon

    a, b = doc.token_at(e.start), doc.token_at(e.end - 1)
    toks = doc.tokens
    if a is None or b is None or b == a or b + 2 >= len(toks) or toks[b + 1].key != "و":
        return
    other = toks[b + 2]
    head = "".join(t.key for t in toks[a:b])  # the tokens before the modifier
    for variant in (head, head[:-3] + "ی" if head.endswith("های") else head, head[:-2] if head.endswith("ها") else head):
        entries = lexicon().things.entries_for(variant + other.key)
        prod = next((x for x in entries if x.label == "PRODUCT" and not x.ambiguous), None)
        if prod is not None:
            yield Product(name=prod.name, text=other.text, hs=prod.id, evidence=doc.span(other.start, other.end))
            return


def _once(records, key):
    seen, out = set(), []
    for r in records:
        k = key(r)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


@finalizer("sectors")
def _sectors_once(doc, records):
    return _once(records, lambda r: r.sector)


@finalizer("products")
def _products_once(doc, records):
    return _once(records, lambda r: r.name)
