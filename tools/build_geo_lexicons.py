#!/usr/bin/env python3
"""Regenerate the geographic lexicons from the third-party gazetteers.

Writes ``countries.tsv``, ``provinces.tsv`` and ``cities.tsv`` under
``persian_trade_news/lexicons/data/`` from the raw data in ``/work/shared/data/raw`` (see that
directory's README for sources, commits and licences):

* ``countries_umpirsky/{fa,fa_AF}/country.csv`` -- umpirsky/country-list (MIT; names from Unicode
  CLDR), commit 4d8f87526c891a7b110b530eabf910c3f7468ad6;
* ``iran_divisions_masterking32/{provinces,cities_sorted}_2025-01-18.json`` --
  masterking32/iran-states-cities-districts (MIT), commit ef80f5bab604ece1cb5fa35da4d2f169f79f2ead;
* ``iran_provinces_cities_amyrmahdy/province_city.json`` -- amyrmahdy/provinces_cities_iran (MIT),
  commit 5c6e9ee4286d4aca0d243455c067a52854087c2e;

merged with the hand-written tables below (short names news uses, extra aliases, ambiguity marks,
foreign cities). Country codes and Iran's province codes are checked against ``pycountry``; any
mismatch stops the build. Output is sorted and byte-identical on every run.

Usage::

    python tools/build_geo_lexicons.py [--raw DIR] [--out DIR]

Standard library + pycountry only.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RAW = Path("/work/shared/data/raw")
DEFAULT_OUT = ROOT / "persian_trade_news" / "lexicons" / "data"

ZWNJ = "\u200c"
SEP = "|"

# ============================================================== normalisation
_DIACRITICS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]
_CHAR_TABLE = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
    "\u200d": None, "\u200e": None, "\u200f": None, "\ufeff": None, "\xa0": " ",
    "٠": "۰", "١": "۱", "٢": "۲", "٣": "۳", "٤": "۴", "٥": "۵", "٦": "۶", "٧": "۷", "٨": "۸", "٩": "۹",
    **{d: None for d in _DIACRITICS},
})
# letters that never join to the following letter: no ZWNJ is needed after them
_NON_JOINING = set("اآأإدذرزژوؤء")


def clean(text: str) -> str:
    """Persian ی/ک, no diacritics/tatweel, ۀ/ة as ه, single spaces, ZWNJ not next to a space."""
    text = text.translate(_CHAR_TABLE)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ?\u200c+ ?", ZWNJ, text)
    return text.strip(ZWNJ)


def key(text: str) -> str:
    """Comparison key (same idea as persian_trade_news.text.normalize.match_key)."""
    text = clean(text)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("ٱ", "ا"), ("ؤ", "و"), ("ئ", "ی")):
        text = text.replace(a, b)
    return text.replace(ZWNJ, "").replace(" ", "")


def loose_key(text: str) -> str:
    """Looser key for merging two gazetteers' spellings: also آ=ا, ء dropped."""
    return key(text).replace("آ", "ا").replace("ء", "")


def join(left: str, right: str) -> str:
    """Write two parts as one word: directly after a non-joining letter, else with a ZWNJ."""
    return left + right if left[-1] in _NON_JOINING else left + ZWNJ + right


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# ============================================================== countries
# Short name news uses, where it differs from CLDR's (iso2 -> name).
COUNTRY_NAMES = {
    "AE": "امارات", "AZ": "آذربایجان", "BA": "بوسنی و هرزگوین", "CD": "جمهوری دموکراتیک کنگو",
    "CF": "آفریقای مرکزی", "CG": "جمهوری کنگو", "GB": "انگلیس", "HK": "هنگ کنگ",
    "KP": "کره شمالی", "KR": "کره جنوبی", "MK": "مقدونیه شمالی", "MM": "میانمار", "MO": "ماکائو",
    "PS": "فلسطین", "SA": "عربستان", "TL": "تیمور شرقی", "US": "آمریکا", "ZA": "آفریقای جنوبی",
    "UM": "جزایر کوچک دورافتاده ایالات متحده", "VA": "واتیکان",
}
# Extra spellings news uses (iso2 -> aliases), on top of the CLDR fa and fa_AF names.
COUNTRY_ALIASES = {
    "AE": ["امارات متحده عربی", "امارات عربی متحده", "امارات متحده"],
    "AF": ["جمهوری اسلامی افغانستان", "امارت اسلامی افغانستان"],
    "AM": ["جمهوری ارمنستان"],
    "AR": ["جمهوری آرژانتین"],
    "AT": ["جمهوری اتریش"],
    "AZ": ["جمهوری آذربایجان", "آذربایجان شوروی"],
    "BA": ["بوسنی", "بوسنی هرزگوین"],
    "BH": ["پادشاهی بحرین"],
    "BO": ["جمهوری بولیوی"],
    "BR": ["جمهوری برزیل"],
    "BY": ["جمهوری بلاروس", "روسیه سفید"],
    "CD": ["کنگو کینشاسا", "زئیر"],
    "CF": ["جمهوری آفریقای مرکزی", "افریقای مرکزی"],
    "CG": ["کنگو برازویل", "کنگو برازاویل"],
    "CH": ["سوییس"],
    "CI": ["کوت دیووار"],
    "CN": ["جمهوری خلق چین"],
    "CZ": ["جمهوری چک", "چکسلواکی"],
    "DE": ["جمهوری فدرال آلمان"],
    "EG": ["جمهوری عربی مصر"],
    "GB": ["انگلستان", "بریتانیای کبیر", "پادشاهی متحده", "بریتانیا"],
    "GE": ["جمهوری گرجستان"],
    "HK": ["هنگ‌کنگ", "هنگکنگ"],
    "ID": ["اندونزیا"],
    "IL": ["رژیم صهیونیستی", "رژیم اسرائیل"],
    "IN": ["هندوستان", "جمهوری هند"],
    "IQ": ["جمهوری عراق"],
    "IR": ["جمهوری اسلامی ایران"],
    "JO": ["پادشاهی اردن"],
    "KG": ["جمهوری قرقیزستان", "قرقیزیا"],
    "KP": ["جمهوری دموکراتیک خلق کره", "کره‌شمالی"],
    "KR": ["جمهوری کره", "کره‌جنوبی"],
    "KZ": ["جمهوری قزاقستان"],
    "LB": ["جمهوری لبنان"],
    "LK": ["سری لانکا"],
    "MK": ["مقدونیه"],
    "MY": ["مالزیا"],
    "NL": ["پادشاهی هلند"],
    "OM": ["سلطنت عمان", "سلطان‌نشین عمان"],
    "PK": ["جمهوری اسلامی پاکستان"],
    "PS": ["دولت فلسطین", "سرزمین‌های فلسطینی"],
    "QA": ["دولت قطر"],
    "RU": ["فدراسیون روسیه", "روسیه فدرال"],
    "SA": ["عربستان سعودی", "سعودی", "پادشاهی عربستان سعودی"],
    "SY": ["جمهوری عربی سوریه"],
    "SZ": ["سوازیلند"],
    "TJ": ["جمهوری تاجیکستان"],
    "TM": ["جمهوری ترکمنستان"],
    "TR": ["جمهوری ترکیه"],
    "TW": ["چین تایپه"],
    "UA": ["جمهوری اوکراین"],
    "US": ["ایالات متحده آمریکا", "ایالات متحده امریکا", "امریکا", "ایالات متحده"],
    "AS": ["ساموآی آمریکا"],
    "UZ": ["جمهوری ازبکستان"],
    "VE": ["جمهوری بولیواری ونزوئلا"],
    "VN": ["جمهوری سوسیالیستی ویتنام"],
    "YE": ["جمهوری یمن"],
    "ZA": ["افریقای جنوبی", "جمهوری آفریقای جنوبی"],
}
# CLDR (mostly fa_AF) spellings that are common Persian words in another sense: not aliases.
COUNTRY_ALIAS_STOP = {"پیرو"}  # fa_AF spelling of Peru = "follower/following" in Persian
PSEUDO_CODES = {"XA", "XB"}


def read_cldr(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["id"]: row["value"] for row in csv.DictReader(fh)}


def cldr_forms(value: str) -> list[str]:
    """Spellings derivable from one CLDR name: the name, its part before a comma (official
    long forms like «هنگ‌کنگ، منطقهٔ ویژهٔ اداری چین»), the name without and inside brackets,
    hyphenated names with and without the hyphen."""
    value = clean(value)
    forms: list[str] = []
    head = value.split("،")[0].strip()
    if head != value:
        forms.append(head)
    else:
        forms.append(value)
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", head)
    if m:
        forms = [m.group(1).strip(), m.group(2).strip()]
    out: list[str] = []
    for f in forms:
        if "-" in f:
            out.append(re.sub(r"\s*-\s*", "-", f))
            out.append(re.sub(r"\s*-\s*", " ", f))
        else:
            out.append(f)
    return out


def build_countries(raw: Path) -> list[list[str]]:
    fa = read_cldr(raw / "countries_umpirsky" / "fa" / "country.csv")
    fa_af = read_cldr(raw / "countries_umpirsky" / "fa_AF" / "country.csv")
    known = {c.alpha_2 for c in pycountry.countries}
    codes = (set(fa) | set(fa_af)) - PSEUDO_CODES
    unknown = sorted(codes - known - {"XK"})
    if unknown:
        raise SystemExit(f"CLDR codes unknown to pycountry: {unknown}")
    missing = sorted(known - codes)
    if missing:
        raise SystemExit(f"pycountry codes without a CLDR name: {missing}")
    for code in set(COUNTRY_NAMES) | set(COUNTRY_ALIASES):
        if code not in codes:
            raise SystemExit(f"override for unknown country code {code}")
    rows = []
    names_seen: dict[str, str] = {}
    for code in sorted(codes):
        forms: list[str] = []
        for table in (fa, fa_af):
            if code in table:
                forms.extend(cldr_forms(table[code]))
        name = clean(COUNTRY_NAMES.get(code, forms[0]))
        aliases: list[str] = []
        for a in forms + [clean(x) for x in COUNTRY_ALIASES.get(code, [])]:
            if a != name and a not in aliases and a not in COUNTRY_ALIAS_STOP:
                aliases.append(a)
        for form in [name] + aliases:
            k = key(form)
            if k in names_seen and names_seen[k] != code:
                raise SystemExit(f"country spelling {form!r} used for {names_seen[k]} and {code}")
            names_seen[k] = code
        rows.append([code, name, SEP.join(sorted(aliases)), "1" if name in AMBIGUOUS_COUNTRIES else "0"])
    return rows


# ============================================================== provinces
# code, English name (as in the task brief), pycountry's name ASCII-folded, masterking32 en_name,
# amyrmahdy slug, canonical Persian name, aliases, centre.
PROVINCES = [
    ("IR-00", "Markazi", "Markazi", "Markazi", "markazi", "مرکزی",
     ["استان مرکزی"], "اراک"),
    ("IR-01", "Gilan", "Gilan", "Gilan", "gilan", "گیلان", [], "رشت"),
    ("IR-02", "Mazandaran", "Mazandaran", "Mazandaran", "mazandaran", "مازندران", [], "ساری"),
    ("IR-03", "East Azerbaijan", "Azarbayjan-e Sharqi", "East Azerbaijan", "east-azerbaijan",
     "آذربایجان شرقی", ["آذربایجان‌شرقی", "آذربایجانشرقی"], "تبریز"),
    ("IR-04", "West Azerbaijan", "Azarbayjan-e Gharbi", "West Azerbaijan", "west-azerbaijan",
     "آذربایجان غربی", ["آذربایجان‌غربی", "آذربایجانغربی"], "ارومیه"),
    ("IR-05", "Kermanshah", "Kermanshah", "Kermanshah", "kermanshah", "کرمانشاه", [], "کرمانشاه"),
    ("IR-06", "Khuzestan", "Khuzestan", "Khuzestan", "khuzestan", "خوزستان", [], "اهواز"),
    ("IR-07", "Fars", "Fars", "Fars", "fars", "فارس", [], "شیراز"),
    ("IR-08", "Kerman", "Kerman", "Kerman", "kerman", "کرمان", [], "کرمان"),
    ("IR-09", "Razavi Khorasan", "Khorasan-e Razavi", "Razavi Khorasan", "razavi-khorasan",
     "خراسان رضوی", ["خراسان‌رضوی", "خراسانرضوی"], "مشهد"),
    ("IR-10", "Isfahan", "Esfahan", "Isfahan", "isfahan", "اصفهان", [], "اصفهان"),
    ("IR-11", "Sistan and Baluchestan", "Sistan va Baluchestan", "Sistan and Baluchestan",
     "sistan-and-baluchestan", "سیستان و بلوچستان",
     ["سیستان وبلوچستان", "سیستان‌وبلوچستان"], "زاهدان"),
    ("IR-12", "Kurdistan", "Kordestan", "Kurdistan", "kurdistan", "کردستان", [], "سنندج"),
    ("IR-13", "Hamadan", "Hamadan", "Hamadan", "hamadan", "همدان", [], "همدان"),
    ("IR-14", "Chaharmahal and Bakhtiari", "Chahar Mahal va Bakhtiari",
     "Chaharmahal and Bakhtiyari", "chaharmahal-and-bakhtiari", "چهارمحال و بختیاری",
     ["چهارمحال وبختیاری", "چهار محال و بختیاری", "چهارمحال‌وبختیاری", "چهار محال وبختیاری",
      "چهارمحال بختیاری"], "شهرکرد"),
    ("IR-15", "Lorestan", "Lorestan", "Lorestan", "lorestan", "لرستان", [], "خرم‌آباد"),
    ("IR-16", "Ilam", "Ilam", "Ilam", "ilam", "ایلام", [], "ایلام"),
    ("IR-17", "Kohgiluyeh and Boyer-Ahmad", "Kohgiluyeh va Bowyer Ahmad",
     "Kohgiluye and Buyer Ahmad", "kohgiluyeh-and-boyer-ahmad", "کهگیلویه و بویراحمد",
     ["کهگیلویه وبویراحمد", "کهگیلویه و بویر احمد", "کهکیلویه و بویراحمد", "کهگیلویه‌وبویراحمد",
      "کهگیلویه و بویر‌احمد", "کهگیلویه بویراحمد"], "یاسوج"),
    ("IR-18", "Bushehr", "Bushehr", "Bushehr", "bushehr", "بوشهر", [], "بوشهر"),
    ("IR-19", "Zanjan", "Zanjan", "Zanjan", "zanjan", "زنجان", [], "زنجان"),
    ("IR-20", "Semnan", "Semnan", "Semnan", "semnan", "سمنان", [], "سمنان"),
    ("IR-21", "Yazd", "Yazd", "Yazd", "yazd", "یزد", [], "یزد"),
    ("IR-22", "Hormozgan", "Hormozgan", "Hormozgan", "hormozgan", "هرمزگان", [], "بندرعباس"),
    ("IR-23", "Tehran", "Tehran", "Tehran", "tehran", "تهران", [], "تهران"),
    ("IR-24", "Ardabil", "Ardabil", "Ardabil", "ardabil", "اردبیل", [], "اردبیل"),
    ("IR-25", "Qom", "Qom", "Qom", "qom", "قم", [], "قم"),
    ("IR-26", "Qazvin", "Qazvin", "Qazvin", "qazvin", "قزوین", [], "قزوین"),
    ("IR-27", "Golestan", "Golestan", "Golestan", "golestan", "گلستان", [], "گرگان"),
    ("IR-28", "North Khorasan", "Khorasan-e Shomali", "North Khorasan", "north-khorasan",
     "خراسان شمالی", ["خراسان‌شمالی", "خراسانشمالی"], "بجنورد"),
    ("IR-29", "South Khorasan", "Khorasan-e Jonubi", "South Khorasan", "south-khorasan",
     "خراسان جنوبی", ["خراسان‌جنوبی", "خراسانجنوبی"], "بیرجند"),
    ("IR-30", "Alborz", "Alborz", "Alborz", "alborz", "البرز", [], "کرج"),
]


def check_provinces() -> None:
    """Every code in the table is Iran's province with that name in pycountry, and vice versa."""
    subs = {s.code: s for s in pycountry.subdivisions.get(country_code="IR")}
    table = {p[0]: p for p in PROVINCES}
    if set(subs) != set(table) or len(table) != 31:
        raise SystemExit(f"province codes differ from pycountry: "
                         f"{sorted(set(subs) ^ set(table))}")
    for code, p in table.items():
        got = ascii_fold(subs[code].name)
        if got != p[2]:
            raise SystemExit(f"{code}: pycountry says {subs[code].name!r} ({got!r}), "
                             f"table says {p[1]!r} / {p[2]!r}")
        if subs[code].type != "Province":
            raise SystemExit(f"{code}: pycountry type {subs[code].type!r}, expected Province")


def build_provinces(raw: Path) -> tuple[list[list[str]], dict[int, str], dict[str, str]]:
    check_provinces()
    with open(raw / "iran_divisions_masterking32" / "provinces_2025-01-18.json", encoding="utf-8") as fh:
        mk = list(json.load(fh).values())
    by_en = {p[3]: p for p in PROVINCES}
    mk_to_code: dict[int, str] = {}
    mk_names: dict[str, list[str]] = defaultdict(list)
    for prov in mk:
        p = by_en.get(prov["en_name"])
        if p is None:
            raise SystemExit(f"masterking32 province {prov['en_name']!r} not in the table")
        mk_to_code[prov["id"]] = p[0]
        mk_names[p[0]].append(clean(prov["name"]))
    if sorted(mk_to_code.values()) != sorted(p[0] for p in PROVINCES):
        raise SystemExit("masterking32 provinces do not cover the 31 codes once each")
    with open(raw / "iran_provinces_cities_amyrmahdy" / "province_city.json", encoding="utf-8") as fh:
        am = json.load(fh)
    by_slug = {p[4]: p[0] for p in PROVINCES}
    slug_to_code: dict[str, str] = {}
    for prov in am:
        code = by_slug.get(prov["province-en"])
        if code is None:
            raise SystemExit(f"amyrmahdy province {prov['province-en']!r} not in the table")
        slug_to_code[prov["province-en"]] = code
        mk_names[code].append(clean(prov["province-fa"]))
    rows = []
    for code, _en, _pc, _mk, _slug, name, aliases, centre in PROVINCES:
        al = []
        for a in [clean(x) for x in aliases] + mk_names[code]:
            if a != name and a not in al:
                al.append(a)
        rows.append([code, name, SEP.join(sorted(al)), clean(centre), "1" if name in AMBIGUOUS_PROVINCES else "0"])
    return rows, mk_to_code, slug_to_code


# a province whose bare name is an everyday word (مرکزی "central": بانک مرکزی، آسیای مرکزی):
# a place only after «استان»/«استاندار», or in a longer alias (استان مرکزی)
AMBIGUOUS_PROVINCES = {"مرکزی"}


# ============================================================== cities
# Raw gazetteer spellings that need more than the generic rules.
CITY_FIXES = {
    "اسلام آبادغرب": "اسلام‌آباد غرب",
    "اسلام آباد غرب": "اسلام‌آباد غرب",
    "بندرامام خمینی": "بندر امام خمینی",
    "خالدآ باد": "خالدآباد",
    "عباس آبادسردار": "عباس‌آباد سردار",
    "علی آباددمق": "علی‌آباد دمق",
    "شهر جدیدعلوی": "شهر جدید علوی",
    "شهرجدید امیرکبیر": "شهر جدید امیرکبیر",
    "چاف وچمخاله": "چاف و چمخاله",
    "کتالم وسادات شهر": "کتالم و سادات‌شهر",
    "علیشاه (علی آباد)": "علیشاه",
    "یکه سعود (جدید)": "یکه سعود جدید",
    "کره ای": "کره‌ای",
    "خضری دشت بیاض": "خضری دشت‌بیاض",
    "زیر آب": "زیرآب",
    "آق قلا": "آق‌قلا",
    "نی ریز": "نی‌ریز",
    "بیله سوار": "بیله‌سوار",
    "بوئین زهرا": "بوئین‌زهرا",
    "صومعه سرا": "صومعه‌سرا",
    "صومعه سارا": "صومعه‌سرا",
    "شاهین دژ": "شاهین‌دژ",
    "عجب شیر": "عجب‌شیر",
    "قره آغاج": "قره‌آغاج",
    "سیه چشمه": "سیه‌چشمه",
    "قره ضیاءالدین": "قره‌ضیاءالدین",
    "گله دار": "گله‌دار",
    "کوزه کنان": "کوزه‌کنان",
    "لاله زار": "لاله‌زار",
    "زاینده رود": "زاینده‌رود",
    "بویین میاندشت": "بوئین میاندشت",
    "بوئین و میاندشت": "بوئین میاندشت",
    "هفت چشمه": "هفت‌چشمه",
    "یان چشمه": "یان‌چشمه",
    "رباط کریم": "رباط‌کریم",
    "سرپل ذهاب": "سرپل ذهاب",
    "اینچه برون": "اینچه‌برون",
    "آستانه سرا": "آستانه‌سرا",
    "خیراباد": "خیرآباد",
    "محمودآبادنمونه": "محمودآباد نمونه",
    "معزابادجابری": "معزآباد جابری",
    "احمدآبادصولت": "احمدآباد صولت",
    "دهنو اسلام اباد": "دهنو اسلام‌آباد",
    "کامووچوگان": "کامو و چوگان",
    "کلیشادوسودرجان": "کلیشاد و سودرجان",
    "قیروکارزین": "قیر و کارزین",
    "رودبارجنوب": "رودبار جنوب",
    "کرندغرب": "کرند غرب",
    "کوخردهرنگ": "کوخرد هرنگ",
    "تاتارعلیا": "تاتار علیا",
    "اشتر جان": "اشترجان",
    "مه ولات": "مه‌ولات",
    "خومه زار": "خومه‌زار",
    "پره سر": "پره‌سر",
    "بره سر": "بره‌سر",
    "سرخنکلاته": "سرخن‌کلاته",
}
# Second words written as one word with the first («خرم آباد» -> «خرم‌آباد», «آذر شهر» -> «آذرشهر»).
COMPOUND_TAILS = {"آباد", "شهر", "رود", "دشت", "تپه"}
# Extra spellings (canonical name -> aliases) news uses.
CITY_ALIASES = {
    "بندر انزلی": ["انزلی", "بندرانزلی"],
    "بندرماهشهر": ["ماهشهر", "بندر ماهشهر"],
    "بندرترکمن": ["بندر ترکمن", "بندر ترکمن‌"],
    "بندرعباس": ["بندر عباس"],
    "بندرلنگه": ["بندر لنگه"],
    "بندرگناوه": ["بندر گناوه"],
    "بندرکنگان": ["بندر کنگان"],
    "بندرجاسک": ["بندر جاسک"],
    "بندردیر": ["بندر دیر"],
    "بندرگز": ["بندر گز"],
    "بندر دیلم": ["بندردیلم"],
    "بندر ریگ": ["بندرریگ"],
    "بندر امام خمینی": ["بندر امام", "بندرامام", "بندرامام خمینی"],
    "مسجدسلیمان": ["مسجد سلیمان"],
    "گنبدکاووس": ["گنبد کاووس", "گنبد قابوس"],
    "علی‌آباد کتول": ["علی‌آبادکتول"],
    "ری": ["شهر ری", "شهرری"],
    "اسلامشهر": ["اسلام‌شهر"],
    "تربت حیدریه": ["تربت‌حیدریه"],
    "تربت جام": ["تربت‌جام"],
    "سرپل ذهاب": ["سرپل‌ذهاب", "سر پل ذهاب"],
    "قصرشیرین": ["قصر شیرین"],
    "شهر جدید اندیشه": ["اندیشه"],
    "کیش": ["جزیره کیش"],
    "قشم": ["جزیره قشم"],
    "آران و بیدگل": ["آران‌وبیدگل"],
    "خمینی‌شهر": ["خمینی شهر"],
    "مشگین‌شهر": ["مشکین‌شهر", "مشکین شهر"],
}
# Iranian place names that are also everyday Persian words or given names: the recogniser should
# ask for context (a preceding «شهر/شهرستان/از/در ...») before taking them as places.
CITY_AMBIGUOUS: set[str] = set()  # filled below (_AMBIGUOUS_TEXT) to keep the list readable
_AMBIGUOUS_TEXT = """
آباد آبسرد آبگرم آزادی آستانه آوا ابریشم ارجمند اسیر اهل الوان الوند انار ایوان بار بازرگان بنک
بافت باغستان بخشایش برخوردار بستان بلده بلوک بن بنت بوستان بهار بهارستان بهمن پارسیان پاسارگاد
پالیز پردیس پل پول پیشوا پیشین تخت تراز ترک ترکمن توحید جناح جنگل چخماق چمران چنار
حر حسامی حسینیه حلب حمزه حنا خاتم خشت خمیر خواجه خور خوی درمیان درود دلبران دلگشا دنا دیباج
دیر راز ربط رستم رضوان رضی رفیع رویان ریز زاویه زهرا زهره زیارت سامان سپیدار سده سراب سرباز
سرداران سرو سطر سلامی سلسله سنگر سوری سوق سیب سیروان سیمرغ سین شادمهر شال شباب شرافت شنبه
شهباز شهریار صاحب صحنه صمصامی صوفیان طبل عنبر غلامان فاروق فال فرخی فردوس فیروزه قاضی قدس قرق
قشلاق قطور قلعه قیر کاج کاریز کرفس کشاورز کلمه کوپن کوثر کوره کوشک کوهپایه کیان گز گشت گلبهار
گلزار گلستان گلشن گلگیر گهواره گوهران لالی لطیفی ماهان محمدی محمدیار مزرعه مشکات مظفری مقاومت
ملکشاهی منتظران مهاجران مهر مهربان مهرگان مهستان میامی میانه ناصرالدین نسر نقاب نگار نور نوشین
نیر نیمروز هارونی هامون هرمز ویس یونسی
علی_اکبر امام_حسن امام_زاده_عبدالله دوست_محمد عرب_حسن فتح_المبین جنت_مکان مس_سرچشمه
جندی_شاپور چهار_باغ
"""# Foreign cities trade news names: (name, iso2, aliases, ambiguous).
FOREIGN_CITIES = [
    ("باکو", "AZ", [], 0), ("گنجه", "AZ", [], 0), ("نخجوان", "AZ", ["نخجوان‌"], 0),
    ("سومگائیت", "AZ", ["سومقاییت", "سومگاییت"], 0), ("لنکران", "AZ", [], 0),
    ("تاشکند", "UZ", [], 0), ("سمرقند", "UZ", [], 0), ("بخارا", "UZ", [], 0),
    ("اندیجان", "UZ", [], 0), ("ترمذ", "UZ", [], 0),
    ("آستانه", "KZ", ["نورسلطان", "نور سلطان"], 1), ("آلماتی", "KZ", ["آلما آتا"], 0),
    ("آکتائو", "KZ", ["اکتائو", "آق‌تاو", "آکتاو"], 0), ("شیمکنت", "KZ", [], 0),
    ("دوشنبه", "TJ", [], 1), ("خجند", "TJ", [], 0),
    ("عشق‌آباد", "TM", ["عشق آباد", "اشک‌آباد"], 1), ("ترکمن‌باشی", "TM", ["ترکمنباشی"], 0),
    ("مرو", "TM", [], 1),
    ("بیشکک", "KG", [], 0),
    ("کابل", "AF", [], 1), ("هرات", "AF", [], 0), ("مزار شریف", "AF", ["مزارشریف"], 0),
    ("قندهار", "AF", [], 0), ("جلال‌آباد", "AF", ["جلال آباد"], 1), ("زرنج", "AF", [], 0),
    ("اسلام‌قلعه", "AF", ["اسلام قلعه"], 0),
    ("بغداد", "IQ", [], 0), ("بصره", "IQ", [], 0), ("اربیل", "IQ", ["اربیل‌", "هولیر"], 0),
    ("سلیمانیه", "IQ", [], 0), ("نجف", "IQ", ["نجف اشرف"], 0), ("کربلا", "IQ", ["کربلای معلی"], 0),
    ("موصل", "IQ", [], 0), ("کرکوک", "IQ", [], 0), ("سامرا", "IQ", [], 0), ("کاظمین", "IQ", [], 0),
    ("دهوک", "IQ", [], 0), ("ام‌القصر", "IQ", ["ام القصر", "ام قصر", "ام‌قصر"], 0),
    ("دبی", "AE", [], 0), ("ابوظبی", "AE", ["ابوظبی‌", "ابو ظبی"], 0), ("شارجه", "AE", [], 0),
    ("فجیره", "AE", [], 0), ("عجمان", "AE", [], 0), ("راس‌الخیمه", "AE", ["راس الخیمه"], 0),
    ("استانبول", "TR", ["استامبول"], 0), ("آنکارا", "TR", [], 0), ("ازمیر", "TR", [], 0),
    ("وان", "TR", [], 1), ("ارزروم", "TR", [], 0), ("طرابوزان", "TR", ["ترابزون"], 0),
    ("آنتالیا", "TR", [], 0), ("مرسین", "TR", [], 0), ("بورسا", "TR", [], 0),
    ("مسکو", "RU", [], 0), ("سن پترزبورگ", "RU", ["سن‌پترزبورگ"], 0),
    ("آستاراخان", "RU", ["آستراخان", "هشترخان"], 0), ("ماخاچ‌قلعه", "RU", ["ماخاچ قلعه"], 0),
    ("کازان", "RU", [], 0), ("سوچی", "RU", [], 0),
    ("پکن", "CN", [], 0), ("شانگهای", "CN", [], 0), ("گوانگژو", "CN", ["گوانجو"], 0),
    ("ارومچی", "CN", [], 0), ("شنژن", "CN", [], 0), ("ییوو", "CN", [], 0),
    ("دهلی نو", "IN", ["دهلی‌نو", "دهلی"], 0), ("بمبئی", "IN", ["ممبئی"], 0),
    ("کلکته", "IN", [], 0), ("بنگلور", "IN", [], 0), ("چنای", "IN", [], 0),
    ("اسلام‌آباد", "PK", ["اسلام آباد"], 1), ("کراچی", "PK", [], 0), ("لاهور", "PK", [], 0),
    ("کویته", "PK", [], 0), ("پیشاور", "PK", [], 0), ("گوادر", "PK", [], 0),
    ("دوحه", "QA", [], 0), ("مسقط", "OM", ["مسکات"], 0), ("صلاله", "OM", [], 0), ("صحار", "OM", [], 0),
    ("منامه", "BH", [], 0), ("ریاض", "SA", [], 1), ("جده", "SA", [], 0), ("مکه", "SA", ["مکه مکرمه"], 0),
    ("مدینه", "SA", ["مدینه منوره"], 1), ("صنعا", "YE", [], 0), ("عدن", "YE", [], 0),
    ("بیروت", "LB", [], 0), ("دمشق", "SY", [], 0), ("لاذقیه", "SY", [], 0),
    ("قاهره", "EG", [], 0), ("ایروان", "AM", [], 0), ("تفلیس", "GE", [], 0), ("باتومی", "GE", [], 0),
    ("پوتی", "GE", [], 0), ("مینسک", "BY", [], 0), ("کی‌یف", "UA", ["کیف", "کیو"], 1),
    ("برازیلیا", "BR", [], 0), ("سائوپائولو", "BR", ["سائو پائولو"], 0),
    ("توکیو", "JP", [], 0), ("اوساکا", "JP", [], 0), ("سئول", "KR", [], 0),
    ("برلین", "DE", [], 0), ("هامبورگ", "DE", [], 0), ("فرانکفورت", "DE", [], 0), ("مونیخ", "DE", [], 0),
    ("پاریس", "FR", [], 0), ("لندن", "GB", [], 0), ("رم", "IT", [], 1), ("میلان", "IT", [], 0),
    ("مادرید", "ES", [], 0), ("آمستردام", "NL", [], 0), ("روتردام", "NL", [], 0),
    ("بروکسل", "BE", [], 0), ("ژنو", "CH", [], 0), ("وین", "AT", [], 1),
    ("واشنگتن", "US", [], 0), ("نیویورک", "US", [], 0),
    ("کوالالامپور", "MY", [], 0), ("جاکارتا", "ID", [], 0), ("بانکوک", "TH", [], 0),
    ("هانوی", "VN", [], 0), ("داکا", "BD", ["داکا‌"], 0), ("کلمبو", "LK", [], 0),
    ("کاراکاس", "VE", [], 0), ("هاوانا", "CU", [], 0), ("بلگراد", "RS", [], 0), ("آتن", "GR", [], 0),
    ("نایروبی", "KE", [], 0), ("آدیس آبابا", "ET", ["آدیس‌آبابا"], 0), ("پرتوریا", "ZA", [], 0),
    ("ژوهانسبورگ", "ZA", [], 0),
]


# country names that are also everyday words (مالی "financial", غنا "richness", چک "cheque"): need «کشور» context
AMBIGUOUS_COUNTRIES = {"مالی", "غنا", "چاد", "توگو", "نیجر", "چک"}


def _ambiguous() -> set[str]:
    return {clean(w.replace("_", " ")) for w in _AMBIGUOUS_TEXT.split()} | CITY_AMBIGUOUS


def canonical_city(raw_name: str) -> str:
    """Canonical spelling of a gazetteer city name (ZWNJ/space conventions, typo fixes)."""
    name = clean(raw_name)
    name = re.sub(r"^شهرجدید ?", "شهر جدید ", name).rstrip(".").strip()
    if name in CITY_FIXES:
        return clean(CITY_FIXES[name])
    name = name.replace("(", " ").replace(")", " ")
    name = re.sub(r"\s+", " ", name).strip()
    parts = name.split(" ")
    out: list[str] = []
    for part in parts:
        if out and part in COMPOUND_TAILS and out[-1] not in ("و", "جدید", "شهر"):
            out[-1] = join(out[-1], part)
        else:
            out.append(part)
    name = " ".join(out)
    return CITY_FIXES.get(name, name)


def usable_alias(text: str) -> bool:
    return text not in BAD_SPELLINGS and not re.search(r"[().]", text)


def spelling_variants(name: str) -> list[str]:
    """ZWNJ written as a space, and «بندرX» / «بندر X»."""
    out = []
    if ZWNJ in name:
        out.append(name.replace(ZWNJ, " "))
    return out


def build_cities(raw: Path, mk_to_code: dict[int, str], slug_to_code: dict[str, str],
                 country_codes: set[str]) -> list[list[str]]:
    with open(raw / "iran_divisions_masterking32" / "cities_sorted_2025-01-18.json", encoding="utf-8") as fh:
        mk = list(json.load(fh).values())
    # (province, key) -> entry
    entries: dict[tuple[str, str], dict] = {}
    by_loose: dict[tuple[str, str], tuple[str, str]] = {}
    by_en: dict[tuple[str, str], tuple[str, str]] = {}
    by_skel: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for c in sorted(mk, key=lambda c: c["id"]):
        prov = mk_to_code[c["province_id"]]
        name = canonical_city(c["name"])
        k = (prov, key(name))
        e = entries.setdefault(k, {"name": name, "province": prov, "county": False, "aliases": []})
        e["county"] = e["county"] or bool(c["is_county"])
        for a in [clean(c["name"])]:
            if a != e["name"] and a not in e["aliases"] and usable_alias(a):
                e["aliases"].append(a)
        by_loose.setdefault((prov, loose_key(name)), k)
        by_skel[(prov, skeleton(name))].add(k)
        if c.get("en_name"):
            by_en.setdefault((prov, re.sub(r"[^a-z]", "", c["en_name"].lower())), k)
    # amyrmahdy: spellings of the same places become aliases; places the other gazetteer lacks
    # become rows of their own.
    with open(raw / "iran_provinces_cities_amyrmahdy" / "province_city.json", encoding="utf-8") as fh:
        am = json.load(fh)
    added = 0
    for prov_entry in am:
        prov = slug_to_code[prov_entry["province-en"]]
        for c in prov_entry["cities"]:
            raw_fa = clean(c["city-fa"])
            name = canonical_city(raw_fa)
            en = re.sub(r"[^a-z]", "", c["city-en"].lower())
            k = (prov, key(name))
            if (prov, name) in AMYRMAHDY_MAP:
                target = AMYRMAHDY_MAP[(prov, name)]
                if target is None:
                    continue
                k = (prov, key(target))
                if k not in entries:
                    raise SystemExit(f"AMYRMAHDY_MAP target {target!r} not in {prov}")
            if k not in entries:
                k = by_loose.get((prov, loose_key(name))) or by_en.get((prov, en)) or k
            if k not in entries and len(by_skel.get((prov, skeleton(name)), ())) == 1:
                k = next(iter(by_skel[(prov, skeleton(name))]))
            if k not in entries:
                entries[k] = {"name": name, "province": prov, "county": False, "aliases": []}
                added += 1
            e = entries[k]
            for a in (raw_fa, name):
                if a != e["name"] and a not in e["aliases"] and usable_alias(a):
                    e["aliases"].append(a)
    ambiguous = _ambiguous()
    foreign_keys = {key(n) for n, *_ in FOREIGN_CITIES} | {key(a) for _, _, al, _ in FOREIGN_CITIES for a in al}
    rows = []
    for e in entries.values():
        name = e["name"]
        aliases = list(e["aliases"])
        for a in spelling_variants(name) + [clean(x) for x in CITY_ALIASES.get(name, [])]:
            if a != name and a not in aliases:
                aliases.append(a)
        amb = name in ambiguous or key(name) in foreign_keys
        rows.append([name, "county" if e["county"] else "city", e["province"],
                     SEP.join(sorted(aliases)), "1" if amb else "0", "IR"])
    missing = sorted((set(CITY_ALIASES) | ambiguous) - {e["name"] for e in entries.values()})
    if missing:
        raise SystemExit(f"CITY_ALIASES/ambiguity marks for names not in the gazetteer: {missing}")
    iran_keys = {key(r[0]) for r in rows}
    for name, iso2, aliases, amb in FOREIGN_CITIES:
        if iso2 not in country_codes or iso2 == "IR":
            raise SystemExit(f"foreign city {name}: bad country code {iso2}")
        name = clean(name)
        al = sorted({clean(a) for a in aliases} - {name})
        if key(name) in iran_keys:
            amb = 1
        rows.append([name, "city", "", SEP.join(al), str(amb), iso2])
    # counties first: for a name shared by a county and a small city elsewhere (خرم‌آباد: the
    # Lorestan county and a town in Mazandaran) the gazetteer takes the first row of equal
    # priority, so the county must come first
    rows.sort(key=lambda r: (r[5] != "IR", r[5], r[1] != "county", r[2], r[0], r[1]))
    seen = set()
    for r in rows:
        k = (r[0], r[2], r[5])
        if k in seen:
            raise SystemExit(f"duplicate city row {k}")
        seen.add(k)
    print(f"cities: {added} places only in amyrmahdy added as rows", file=sys.stderr)
    return rows


# amyrmahdy spellings the automatic merge cannot attach: (province code, spelling after
# canonical_city()) -> canonical masterking32 name it is an alias of, or None to leave it out
# (place unknown under that province, or a machine-translation artefact).
# Spellings in the gazetteers that are errors (machine-translation artefacts, wrong names): they
# still lead the merge to the right row but are not kept as aliases.
BAD_SPELLINGS = {"حالا ده خاندوز", "احمدآباد نظام"}
AMYRMAHDY_MAP: dict[tuple[str, str], str | None] = {
    ("IR-24", "کیوی"): "گیوی",
    ("IR-02", "کیاکولا"): "کیاکلا",
    ("IR-18", "بندر سیراف"): "سیراف",
    ("IR-14", "سردشت"): "سردشت لردگان",
    ("IR-14", "منج نسا"): "منج",
    ("IR-03", "سهند"): "شهر جدید سهند",
    ("IR-03", "شهریار"): None,
    ("IR-10", "درچه پیاز"): "درچه",
    ("IR-10", "مجلسی"): "شهر جدید مجلسی",
    ("IR-10", "علویچه"): "علویجه",
    ("IR-10", "شادپورآباد"): "شاپورآباد",
    ("IR-10", "جوشقان و کامو"): "جوشقان قالی",
    ("IR-10", "طرق"): "طرق‌رود",
    ("IR-07", "صدرا"): "شهر جدید صدرا",
    ("IR-07", "کورهی"): "کره‌ای",
    ("IR-27", "جلین علیا"): "جلین",
    ("IR-27", "انبار علوم"): "انبار آلوم",
    ("IR-27", "حالا ده خاندوز"): "نوده خاندوز",
    ("IR-13", "قروه درجزین"): "قروه درگزین",
    ("IR-22", "بندر خمیر"): "خمیر",
    ("IR-22", "بیکا"): "بیکاه",
    ("IR-22", "بندر چارک"): "چارک",
    ("IR-22", "کوخرد"): "کوخرد هرنگ",
    ("IR-22", "دزقان"): None,
    ("IR-16", "سراباغ"): "سراب باغ",
    ("IR-08", "محمدآباد گنبکی"): "محمدآباد",
    ("IR-08", "ریحان‌شهر"): "ریحان",
    ("IR-05", "شهرک ریجاب"): "ریجاب",
    ("IR-06", "هفتکل"): "هفتگل",
    ("IR-15", "کونانی"): "کوهنانی",
    ("IR-15", "مامولان"): "معمولان",
    ("IR-15", "شوله‌آباد علیا"): "شول‌آباد",
    ("IR-00", "مهاجران"): "شهر جدید مهاجران",
    ("IR-00", "رازقی"): None,
    ("IR-00", "بازنه"): None,
    ("IR-02", "زرگرمحله"): "زرگر",
    ("IR-28", "چناران"): "چناران‌شهر",
    ("IR-26", "اردک"): "ارداق",
    ("IR-09", "شهر جدید گلبهار"): "گلبهار",
    ("IR-09", "احمدآباد نظام"): "احمدآباد صولت",
    ("IR-09", "بایگ"): "بایک",
    ("IR-11", "هیدوج"): "هیدوچ",
    ("IR-23", "اندیشه"): "شهر جدید اندیشه",
    ("IR-23", "پرند"): "شهر جدید پرند",
    ("IR-21", "رضوانشهر"): None,
    ("IR-19", "نورآباد"): None,
}


def skeleton(text: str) -> str:
    """Consonant skeleton for spellings that differ in long-vowel letters or homophones
    («بولداجی»/«بلداجی», «هومیل»/«حمیل»): first letter kept, ا/و/ی dropped after it."""
    k = loose_key(text)
    for a, b in (("ط", "ت"), ("ث", "س"), ("ص", "س"), ("ذ", "ز"), ("ض", "ز"), ("ظ", "ز"),
                 ("ح", "ه"), ("غ", "ق"), ("گ", "ک")):
        k = k.replace(a, b)
    return k[:1] + re.sub("[اوی]", "", k[1:])


# ============================================================== output
HEADER_COMMENTS = {
    "countries.tsv": [
        "Countries: ISO 3166-1 alpha-2 code, the short Persian name Iranian news uses, other spellings.",
        "Sources: umpirsky/country-list data/{fa,fa_AF}/country.csv at commit",
        "4d8f87526c891a7b110b530eabf910c3f7468ad6 (MIT, Copyright (c) Saša Stamenković; names from",
        "Unicode CLDR, Unicode licence), codes checked against pycountry (ISO 3166-1), plus the",
        "persian_trade_news team's short names and aliases (MIT). See README.md and licenses/.",
        "Generated by tools/build_geo_lexicons.py -- do not edit by hand.",
    ],
    "provinces.tsv": [
        "Iran's 31 provinces: ISO 3166-2 code (checked against pycountry), canonical Persian name,",
        "other spellings, capital city; ambiguous = 1: the bare name is also an everyday word, a place",
        "only after «استان»/«استاندار».",
        "Sources: masterking32/iran-states-cities-districts 2025-01-18/provinces.json at commit",
        "ef80f5bab604ece1cb5fa35da4d2f169f79f2ead (MIT); amyrmahdy/provinces_cities_iran",
        "province_city.json at commit 5c6e9ee4286d4aca0d243455c067a52854087c2e (MIT); names,",
        "aliases and capitals by the persian_trade_news team (MIT). See README.md and licenses/.",
        "Generated by tools/build_geo_lexicons.py -- do not edit by hand.",
    ],
    "cities.tsv": [
        "Iranian counties (kind county: county seats) and cities (kind city) with province ISO 3166-2",
        "code, plus foreign cities trade news names (province_id empty, country = ISO 3166-1 alpha-2).",
        "ambiguous = 1: the name is also an everyday word or a given name, or names places in two",
        "countries; ask for context before taking it as a place.",
        "Sources: masterking32/iran-states-cities-districts 2025-01-18/cities_sorted.json at commit",
        "ef80f5bab604ece1cb5fa35da4d2f169f79f2ead (MIT; data from the Iran Post GNAF site);",
        "amyrmahdy/provinces_cities_iran province_city.json at commit",
        "5c6e9ee4286d4aca0d243455c067a52854087c2e (MIT); spelling fixes, aliases, ambiguity marks and",
        "foreign cities by the persian_trade_news team (MIT). See README.md and licenses/.",
        "Generated by tools/build_geo_lexicons.py -- do not edit by hand.",
    ],
}
HEADERS = {
    "countries.tsv": ["id", "name", "aliases", "ambiguous"],
    "provinces.tsv": ["id", "name", "aliases", "center", "ambiguous"],
    "cities.tsv": ["name", "kind", "province_id", "aliases", "ambiguous", "country"],
}


def write_tsv(path: Path, rows: list[list[str]]) -> None:
    name = path.name
    lines = [f"# {c}" for c in HEADER_COMMENTS[name]]
    lines.append("\t".join(HEADERS[name]))
    for r in rows:
        for cell in r:
            if "\t" in cell or "\n" in cell:
                raise SystemExit(f"{name}: tab/newline in cell {cell!r}")
        lines.append("\t".join(r))
    data = "\n".join(lines) + "\n"
    for bad in ("ي", "ك"):
        if bad in data:
            raise SystemExit(f"{name}: Arabic letter {bad} left in output")
    path.write_text(data, encoding="utf-8", newline="\n")
    print(f"wrote {path} ({len(rows)} rows)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw data directory")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    countries = build_countries(args.raw)
    provinces, mk_to_code, slug_to_code = build_provinces(args.raw)
    cities = build_cities(args.raw, mk_to_code, slug_to_code, {r[0] for r in countries})
    write_tsv(args.out / "countries.tsv", countries)
    write_tsv(args.out / "provinces.tsv", provinces)
    write_tsv(args.out / "cities.tsv", cities)
    return 0


if __name__ == "__main__":
    sys.exit(main())
