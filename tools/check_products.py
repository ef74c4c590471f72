#!/usr/bin/env python3
"""Check ``persian_trade_news/lexicons/data/products.tsv``.

    python tools/check_products.py            # errors fail (exit 1); review items are listed
    python tools/check_products.py --strict   # unreviewed review items fail too
    python tools/check_products.py --threshold 500000 --all   # list every frequent word, reviewed or not

Errors: the header comment and header row, the column count of each line, an empty name, HS codes
that are not 2, 4 or 6 digits (or a chapter outside 01-97), sector slugs outside the contract's 24,
``ambiguous`` other than 0/1, Arabic ي/ك/ى, diacritics or tatweel, stray spaces or empty aliases,
and a matching key (``match_key``: ZWNJ and spaces removed, ي/ك and hamza forms folded) that
belongs to two rows (so no alias equals another row's name).

Review (hazm's ``words.dat`` counts; needs hazm installed):
* a one-word name with ``ambiguous=0`` whose hazm count is high: it may be an everyday word
  (check it in real news and set ``ambiguous=1`` if the goods sense is not the usual one);
* a one-word name or alias X with ``ambiguous=0`` where X + a suffix the gazetteer accepts
  (ها/های/هایی/ات), or X + ه (``Xه‌ای`` has the key of ``X``+``های``), is a far more frequent word of
  its own (کلم → کلمات, قلع → قلعه‌ای): the gazetteer would report it as the product.
Reviewed words are listed in ``REVIEWED`` / ``REVIEWED_SUFFIX`` below with the reason.
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from persian_trade_news.text.normalize import match_key  # noqa: E402

PRODUCTS = ROOT / "persian_trade_news" / "lexicons" / "data" / "products.tsv"
COLUMNS = ["name", "hs", "sector", "aliases", "ambiguous"]
try:
    from persian_trade_news.records import SECTORS  # noqa: E402

    SLUGS = set(SECTORS)
except ImportError:  # pragma: no cover
    SLUGS = set("""agriculture forestry fisheries mining oil_gas food_industry textiles petrochemical
    pharmaceutical building_materials metals machinery automotive handicrafts energy water construction
    trade transport_logistics tourism ict finance health industry""".split())
HS = re.compile(r"\d{2}(\d{2}(\d{2})?)?")
BAD_CHARS = re.compile("[\u064a\u0643\u0649\u064b-\u065f\u0670\u0640]")  # ي ك ى, diacritics, tatweel
SUFFIXES = ("ها", "های", "هایی", "ات")  # lexicons/index.py _PRODUCT_SUFFIXES
ZWNJ = "\u200c"

# One-word unambiguous names with a high hazm count, checked against news (the goods sense is the
# usual one in economic news, or the other sense is rare there).
REVIEWED = {
    "برنج": "rice; the metal brass is rare in news",
    "طلا": "gold, the commodity; metaphors are rare in economic news",
    "سوخت": "fuel (the verb «سوخت» is a past stem, other tokens)",
    "میوه": "fruit",
    "برق": "electricity, also the energy sector (SECTOR chosen independently)",
    "رنگ": "already ambiguous=1",
    "ماهی": "fish (ماهی «monthly» is written ماهانه in news)",
    "شکر": "sugar; «شکر» thanks is mostly written شکر خدا, rare in economic news",
    "کاکائو": "cocoa",
    "کلوچه": "cookie",
    "چسب": "glue",
    "لباس": "clothing",
    "نفت": "oil",
    "آهن": "iron",
    "فرش": "carpet",
    "دارو": "medicine",
    "نقره": "silver",
    "لوله": "pipe; «خط لوله» is handled in rules/actions/lexical.py",
    "ورق": "steel sheet; «ورق» playing card is rare in news",
    "مس": "copper",
    "گاز": "natural gas",
    "کاغذ": "paper",
    "چوب": "wood",
    "نان": "bread",
    "فولاد": "steel",
    "گوشت": "meat",
    "گندم": "wheat",
    "دام": "livestock",
    "ماست": "already ambiguous=1",
    "سیمان": "cement",
    "قند": "sugar",
    "پوشاک": "clothing",
    "کفش": "shoes",
    "پارچه": "fabric",
    "چای": "tea",
    "شیشه": "glass; also the drug slang, rare in economic news",
    "مبلمان": "furniture",
    "یخچال": "refrigerator (glaciers are «یخچال طبیعی», rare in economic news)",
    "تلویزیون": "television set; broadcast mentions are mostly «صداوسیما»/«شبکه»",
    "رایانه": "computer",
    "پسته": "pistachio",
    "خودرو": "car; carrier uses are filtered in rules/actions/lexical.py",
    "هواپیما": "aircraft; carrier uses are filtered in rules/actions/lexical.py",
    "کشتی": "ship; carrier uses are filtered in rules/actions/lexical.py",
    "نوشیدنی": "beverage",
    "ویتامین": "vitamin",
    "مالت": "not a name here: the row is «مالت جو» (مالت alone is Malta)",
    "ماسه": "sand",
    "وانت": "pickup truck",
    "لپ‌تاپ": "laptop",
    "جواهرات": "jewellery",
    "قهوه": "coffee",
    "طیور": "poultry (checked in news: livestock and vaccination contexts)",
    "سیر": "already ambiguous=1",
    "گل": "already ambiguous=1",
    "شمش": "an alias of شمش فولاد, not a name",
    "کاهو": "lettuce", "سبزیجات": "vegetables", "هندوانه": "watermelon", "لیمو": "lemon",
    "موز": "banana", "زردآلو": "apricot", "مرغ": "chicken", "چرم": "leather",
    "شیرینی": "confectionery; «sweetness» is rare in economic news", "شکلات": "chocolate",
    "مربا": "jam", "نوشابه": "soft drink", "بنزین": "petrol", "پی‌وی‌سی": "PVC",
    "خاتم": "khatam inlay; «خاتم الانبیا» (the construction headquarters) is an ambiguous row that wins the longest match",
    "زیورآلات": "jewellery", "کامیون": "truck; carrier uses filtered in rules/actions/lexical.py",
    "اتوبوس": "bus", "ماشین‌آلات": "machinery", "نرم‌افزار": "software", "اسباب‌بازی": "toys",
    "کاه": "straw", "ادویه": "spices", "هشت‌پا": "octopus", "سنجد": "oleaster", "زردچوبه": "turmeric",
    "ژله": "jelly", "ماءالشعیر": "malt drink", "لوازم‌التحریر": "stationery", "یراق‌آلات": "fittings",
    "آبگرمکن": "water heater", "شیرآلات": "taps and valves", "مودم": "modem",
    "عسل": "honey; also a given name, but «عسل» in economic news is the product",
}
# X + suffix / X + ه is a word of its own, checked: rare in news or the same goods sense.
REVIEWED_SUFFIX = {
    "قند": "قندها: sugar plural", "برنج": "برنجها: rice plural",
    "ماهی": "ماهیها: fish plural", "میوه": "میوه‌ها: fruit plural",
    "کلم": "KNOWN FALSE POSITIVE of an older row: کلمات and کلمه‌ای match کلم+ات/+های; needs a "
           "matcher-side exclusion (the TSV cannot block a suffixed form of the same span)",
    "ماهیان": "ماهیانه‌ای (monthly) is rare: news writes ماهانه",
}


def hazm_counts() -> dict[str, int] | None:
    try:
        import hazm
    except ImportError:
        return None
    path = Path(hazm.__file__).resolve().parent / "data" / "words.dat"
    if not path.exists():
        return None
    out: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].isdigit():
            k = match_key(parts[0])
            out[k] = max(out.get(k, 0), int(parts[1]))
    return out


def solid(s: str) -> bool:
    return " " not in s and ZWNJ not in s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", default=str(PRODUCTS))
    ap.add_argument("--threshold", type=int, default=1_000_000, help="hazm count that asks for review")
    ap.add_argument("--strict", action="store_true", help="unreviewed review items fail")
    ap.add_argument("--all", action="store_true", help="list reviewed items too")
    args = ap.parse_args(argv)

    errors: list[str] = []
    warnings: list[str] = []
    text = Path(args.path).read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#"):
        errors.append("the file must start with a # comment naming its source")
    if "source" not in text[:2000].lower():
        errors.append("the header comment must name the source")
    rows: list[tuple[int, dict[str, str]]] = []
    header = None
    for no, line in enumerate(lines, 1):
        if BAD_CHARS.search(line):
            errors.append(f"line {no}: Arabic ي/ك/ى, a diacritic or tatweel: {BAD_CHARS.findall(line)}")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if cells != COLUMNS:
                errors.append(f"line {no}: header row is {cells}, expected {COLUMNS}")
            continue
        if len(cells) != len(COLUMNS):
            errors.append(f"line {no}: {len(cells)} columns, expected {len(COLUMNS)}")
            cells += [""] * (len(COLUMNS) - len(cells))
        rows.append((no, dict(zip(COLUMNS, cells))))

    owner: dict[str, tuple[str, int]] = {}
    for no, r in rows:
        name, hs, sector, amb = r["name"], r["hs"], r["sector"], r["ambiguous"]
        for col, val in r.items():
            if val != val.strip():
                errors.append(f"line {no}: stray space in {col} {val!r}")
        if not name:
            errors.append(f"line {no}: empty name")
        if hs and not HS.fullmatch(hs):
            errors.append(f"line {no}: HS {hs!r} is not 2, 4 or 6 digits")
        elif hs and (not 1 <= int(hs[:2]) <= 97 or hs[:2] == "77"):
            errors.append(f"line {no}: HS {hs!r}: no such chapter")
        if sector not in SLUGS:
            errors.append(f"line {no}: sector {sector!r} is not a contract slug")
        if amb not in ("0", "1"):
            errors.append(f"line {no}: ambiguous {amb!r} is not 0/1")
        aliases = r["aliases"].split("|") if r["aliases"] else []
        if any(not a or a != a.strip() or "  " in a for a in aliases):
            errors.append(f"line {no}: empty alias or stray spaces in {r['aliases']!r}")
        seen: set[tuple[str, bool]] = set()
        for a in [name] + aliases:
            k = match_key(a)
            if len(k) < 2:
                errors.append(f"line {no}: {a!r} is too short to match")
            if (k, solid(a)) in seen and args.all:  # redundant (one spaced/ZWNJ form covers both)
                warnings.append(f"line {no}: {a!r} repeats another form of {name!r}")
            seen.add((k, solid(a)))
            if k in owner and owner[k][0] != name:
                errors.append(f"line {no}: {a!r} ({name!r}) has the key of {owner[k][0]!r} (line {owner[k][1]})")
            owner.setdefault(k, (name, no))

    review: list[str] = []
    counts = hazm_counts()
    if counts is None:
        warnings.append("hazm not installed: frequency review skipped")
    else:
        for no, r in rows:
            if r["ambiguous"] != "0":
                continue
            name = r["name"]
            if " " not in name:
                c = counts.get(match_key(name), 0)
                if c >= args.threshold and (args.all or name not in REVIEWED):
                    note = f"  (reviewed: {REVIEWED[name]})" if name in REVIEWED else ""
                    review.append(f"line {no}: one-word name {name!r}, hazm count {c:,}{note}")
            for a in [name] + (r["aliases"].split("|") if r["aliases"] else []):
                if not solid(a):
                    continue
                k = match_key(a)
                base = counts.get(k, 0)
                for s in SUFFIXES + ("ه",):
                    c = counts.get(k + s, 0)
                    if c >= max(args.threshold // 4, 4 * base) and (args.all or a not in REVIEWED_SUFFIX):
                        form = a + s + (ZWNJ + "ای" if s == "ه" else "")
                        note = f"  (reviewed: {REVIEWED_SUFFIX[a]})" if a in REVIEWED_SUFFIX else ""
                        review.append(f"line {no}: {a!r} ({name!r}) would match {form!r}, hazm count "
                                      f"{c:,} vs {base:,}{note}")

    n_alias = sum(len([a for a in r["aliases"].split("|") if a]) for _, r in rows)
    by_chapter = collections.Counter(r["hs"][:2] or "--" for _, r in rows)
    print(f"{args.path}: {len(rows)} rows, {n_alias} aliases, {len(owner)} matching keys, "
          f"{sum(r['ambiguous'] == '1' for _, r in rows)} ambiguous, {sum(not r['hs'] for _, r in rows)} without HS")
    print("rows by HS chapter: " + " ".join(f"{c}:{n}" for c, n in sorted(by_chapter.items())))
    for w in warnings:
        print("warning:", w)
    for w in review:
        print("review:", w)
    for e in errors:
        print("error:", e)
    if errors or (args.strict and review):
        print(f"FAILED: {len(errors)} errors, {len(review)} review items")
        return 1
    print(f"OK: 0 errors, {len(review)} review items, {len(warnings)} warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
