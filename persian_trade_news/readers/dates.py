"""Dates: Jalali (``۱۵ شهریور ۱۴۰۴``, ``۱۴۰۴/۰۶/۱۵``, ``شهریورماه امسال``), Gregorian (``۱۵ مارس
۲۰۲۴``, ``2024-05-01``), Hijri-qamari (``۱۰ محرم ۱۴۴۶``) and relative dates (``امروز``, ``هفته
آینده``, ``سال گذشته``, ``پنج‌ماهه نخست سال جاری``), resolved against the article date.

``DateMention.iso`` is a Gregorian ISO date (``2025-09-06``), month (``2025-09``) or year
(``2025``), or an ISO interval ``start/end`` (a Jalali month or year, a week, the first N months of
a year); None when it cannot be resolved (a relative date with no article date). Conversions use
jdatetime (imported lazily); Hijri-qamari uses the tabular (arithmetic) calendar.
"""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache
import re
from dataclasses import dataclass

from .numbers import NumTok, parse_digits, parse_number, parse_ordinal, scan, token_columns

__all__ = ["DateMention", "find_dates", "JALALI_MONTHS", "GREGORIAN_MONTHS", "HIJRI_MONTHS"]


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    iso: str | None
    calendar: str  # jalali | gregorian | hijri | relative


JALALI_MONTHS = {"فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5, "شهریور": 6,
                 "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12}
GREGORIAN_MONTHS = {"ژانویه": 1, "ژانویهٔ": 1, "فوریه": 2, "مارس": 3, "مارچ": 3, "آوریل": 4, "آپریل": 4,
                    "مه": 5, "می": 5, "ژوئن": 6, "جون": 6, "ژوئیه": 7, "جولای": 7, "اوت": 8, "آگوست": 8,
                    "اگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12}
HIJRI_MONTHS = {"محرم": 1, "صفر": 2, "ربیعالاول": 3, "ربیعالثانی": 4, "ربیعالآخر": 4, "جمادیالاول": 5,
                "جمادیالاولی": 5, "جمادیالثانی": 6, "جمادیالآخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9,
                "شوال": 10, "ذیقعده": 11, "ذیالقعده": 11, "ذیحجه": 12, "ذیالحجه": 12}
# month names that are also ordinary words need a day or year next to them
_WEAK_MONTHS = {"تیر", "مهر", "دی", "آذر", "مه", "می", "صفر", "رجب"}
_NUM_DATE = re.compile(r"(?<![0-9۰-۹٠-٩/\-])([0-9۰-۹٠-٩]{4})([/\-.])([0-9۰-۹٠-٩]{1,2})\2([0-9۰-۹٠-٩]{1,2})(?![0-9۰-۹٠-٩/\-])"
                       r"|(?<![0-9۰-۹٠-٩/\-])([0-9۰-۹٠-٩]{1,2})/([0-9۰-۹٠-٩]{1,2})/([0-9۰-۹٠-٩]{4})(?![0-9۰-۹٠-٩/\-])")
_DIG = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

_REL_DAY = {"امروز": 0, "دیروز": -1, "فردا": 1, "پریروز": -2, "پسفردا": 2, "امشب": 0, "دیشب": -1}
_NEXT = {"آینده": 1, "بعد": 1, "آتی": 1, "گذشته": -1, "قبل": -1, "پیش": -1, "جاری": 0, "اخیر": -1}


_TRIGGERS = frozenset([*JALALI_MONTHS, *GREGORIAN_MONTHS, *HIJRI_MONTHS, *_REL_DAY, "هفته", "ماه", "امسال",
                       "پارسال", "نیمه", "نیمسال", "ربیع", "جمادی", "ذی"])
_MONTH_WORDS = ("ماهه", "ماه")


@lru_cache(maxsize=65_536)
def _may_start(key: str) -> bool:
    """Whether a word with this key can start a date (a month, a relative word, N‌ماهه, نیمه, سال...)."""
    return key in _TRIGGERS or key.endswith(_MONTH_WORDS) or key.startswith("سال")


def _starts(keys: list[str], kinds: list[str]) -> list[int]:
    """Indices of the tokens a date may start at: numbers, and words that :func:`_may_start`
    (each distinct word tried once) or that ``ماه``/``ماهه`` follows. Most tokens are not listed."""
    may = {k for k in set(keys) if _may_start(k)}
    may_next = [k in _MONTH_WORDS for k in keys[1:]] + [False]
    return [i for i, (kind, key, nxt) in enumerate(zip(kinds, keys, may_next))
            if kind == "num" or (kind == "word" and (key in may or nxt))]


def _jalali():
    import jdatetime

    return jdatetime


def _j2g(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _jalali().date(y, m, d).togregorian()
    except (ValueError, OverflowError):
        return None


def _g2j(d: _dt.date):
    return _jalali().date.fromgregorian(date=d)


def _jmonth_days(y: int, m: int) -> int:
    if m <= 6:
        return 31
    if m <= 11:
        return 30
    return 30 if _jalali().date(y, 1, 1).isleap() else 29


def _jmonth_interval(y: int, m: int) -> str | None:
    a = _j2g(y, m, 1)
    b = _j2g(y, m, _jmonth_days(y, m))
    return f"{a.isoformat()}/{b.isoformat()}" if a and b else None


def _jyear_interval(y: int, months: int = 12) -> str | None:
    a = _j2g(y, 1, 1)
    b = _j2g(y, months, _jmonth_days(y, months))
    return f"{a.isoformat()}/{b.isoformat()}" if a and b else None


def _hijri_to_gregorian(y: int, m: int, d: int) -> _dt.date | None:
    """Tabular Islamic calendar (civil epoch 16 July 622 Julian) to Gregorian."""
    if not (1 <= m <= 12 and 1 <= d <= 30 and 1 <= y <= 2000):
        return None
    jd = d + int(29.5 * (m - 1) + 0.99) + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439 - 1
    # Julian day number to Gregorian date
    return _dt.date.fromordinal(jd - 1721425 + 1) if jd > 1721425 else None


def _year_kind(y: int) -> str | None:
    if 1300 <= y <= 1499:
        return "jalali"
    if 1900 <= y <= 2100:
        return "gregorian"
    return None


def _word(t: NumTok) -> str:
    return t.key.replace(" ", "")


def _num(t: NumTok) -> int | None:
    if t.kind != "num":
        return None
    v = parse_digits(t.text)
    return int(v) if v is not None and v == int(v) else None


def _rel_year(toks: list[NumTok], i: int, today_j) -> tuple[int, int] | None:
    """``امسال``/``سال جاری``/``سال گذشته``/``سال ۱۴۰۳``/``۱۴۰۳`` at token i → (end, jalali year)."""
    if i >= len(toks):
        return None
    w = _word(toks[i])
    if w == "امسال":
        return (i + 1, today_j.year) if today_j else (i + 1, -1)
    if w == "پارسال":
        return (i + 1, today_j.year - 1) if today_j else (i + 1, -1)
    if w.startswith("سال") and w[3:] in _NEXT:  # سال‌جاری written as one word
        return (i + 1, today_j.year + _NEXT[w[3:]]) if today_j else (i + 1, -1)
    if w == "سال" and i + 1 < len(toks):
        n = _word(toks[i + 1])
        if n in _NEXT:
            return (i + 2, today_j.year + _NEXT[n]) if today_j else (i + 2, -1)
        y = _num(toks[i + 1])
        if y and _year_kind(y) == "jalali":
            return i + 2, y
    y = _num(toks[i])
    if y and _year_kind(y) == "jalali":
        return i + 1, y
    return None


def find_dates(text: str, article_date: _dt.date | None = None, toks: list[NumTok] | None = None, *,
               keys: list[str] | None = None, kinds: list[str] | None = None) -> list[DateMention]:
    """Every date mention in ``text`` with exact offsets and its resolved ISO value (``toks``: an
    existing :func:`persian_trade_news.readers.numbers.scan` of ``text``; ``keys``/``kinds``: their keys
    and kinds as lists)."""
    if not text:
        return []
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, iso: str | None, cal: str) -> None:
        if any(a < e and s < b for a, b in taken):
            return
        taken.append((s, e))
        out.append(DateMention(s, e, text[s:e], iso, cal))

    for m in _NUM_DATE.finditer(text):
        if m.group(1):
            y, mo, d = int(m.group(1).translate(_DIG)), int(m.group(3).translate(_DIG)), int(m.group(4).translate(_DIG))
        else:
            d, mo, y = int(m.group(5).translate(_DIG)), int(m.group(6).translate(_DIG)), int(m.group(7).translate(_DIG))
        kind = _year_kind(y)
        if kind == "jalali":
            g = _j2g(y, mo, d)
            if g:
                add(m.start(), m.end(), g.isoformat(), "jalali")
        elif kind == "gregorian":
            try:
                add(m.start(), m.end(), _dt.date(y, mo, d).isoformat(), "gregorian")
            except ValueError:
                pass

    if toks is None:
        toks = scan(text)
    today_j = None
    if article_date is not None:
        try:
            today_j = _g2j(article_date)
        except Exception:  # noqa: BLE001 - a date jdatetime cannot convert
            today_j = None
    n = len(toks)
    i = 0
    for c in _starts(*token_columns(toks, keys, kinds)):
        if c < i:
            continue  # inside the date read before
        i = c
        t = toks[i]
        w = _word(t) if t.kind == "word" else ""
        # ---- [day] MONTH(ماه)? [year | امسال | سال جاری ...]
        month_name = w[:-3] if w.endswith("ماه") and w[:-3] in JALALI_MONTHS else w
        cal = ("jalali" if month_name in JALALI_MONTHS else "gregorian" if month_name in GREGORIAN_MONTHS
               else "hijri" if month_name in HIJRI_MONTHS else None)
        if cal is None and t.kind == "word" and i + 1 < n and toks[i + 1].kind == "word":
            joined = w + _word(toks[i + 1])  # ربیع الاول, ذی الحجه
            if joined in HIJRI_MONTHS:
                cal, month_name = "hijri", joined
        if cal:
            months = {"jalali": JALALI_MONTHS, "gregorian": GREGORIAN_MONTHS, "hijri": HIJRI_MONTHS}[cal]
            mo = months[month_name]
            j = i + (2 if month_name not in (w, w[:-3]) else 1)
            if j < n and _word(toks[j]) == "ماه" and cal == "jalali":
                j += 1
            day = None
            s_tok = i
            if i > 0:
                dv = _num(toks[i - 1])
                if dv is None and toks[i - 1].kind == "word":
                    o = parse_ordinal(toks[i - 1].key)
                    dv = o if o else None
                if dv is not None and 1 <= dv <= 31:
                    day, s_tok = dv, i - 1
            year = None
            e_tok = j
            if cal == "jalali":
                ry = _rel_year(toks, j, today_j)
                if ry:
                    e_tok, year = ry
                elif today_j is not None and (day or w.endswith("ماه")):
                    year = today_j.year if mo <= today_j.month + 1 else today_j.year - 1
            else:
                y = _num(toks[j]) if j < n else None
                if y and ((cal == "gregorian" and _year_kind(y) == "gregorian") or (cal == "hijri" and 1300 <= y <= 1500)):
                    year, e_tok = y, j + 1
            weak = month_name in _WEAK_MONTHS and day is None and (year is None or e_tok == j) and not w.endswith("ماه")
            if not weak and (day is not None or year is not None or w.endswith("ماه")):
                iso = None
                if year is not None and year > 0:
                    if cal == "jalali":
                        if day:
                            g = _j2g(year, mo, day)
                            iso = g.isoformat() if g else None
                        else:
                            iso = _jmonth_interval(year, mo)
                    elif cal == "gregorian":
                        try:
                            iso = _dt.date(year, mo, day).isoformat() if day else f"{year:04d}-{mo:02d}"
                        except ValueError:
                            iso = None
                    else:
                        g = _hijri_to_gregorian(year, mo, day or 1)
                        iso = g.isoformat() if g and day else (g.strftime("%Y-%m") if g else None)
                s, e = toks[s_tok].start, toks[e_tok - 1].end
                add(s, e, iso, cal)
                i = e_tok
                continue
        # ---- N ماهه نخست سال ... / نیمه نخست سال ...
        if t.kind in ("num", "word") and i + 2 < n:
            nm = None
            k = i
            if t.kind == "num" and _word(toks[i + 1]) in ("ماهه", "ماه"):
                nm, k = _num(t), i + 2
            elif t.kind == "word" and w.endswith("ماهه") and len(w) > 4:
                v = parse_number(w[:-4])
                nm, k = (int(v) if v else None), i + 1
            elif t.kind == "word" and _word(toks[i + 1]) == "ماهه":
                v = parse_number(w)
                nm, k = (int(v) if v else None), i + 2
            elif w == "نیمه" or w == "نیمسال":
                nm, k = 6, i + 1
            if nm and 1 <= nm <= 12 and k < n and _word(toks[k]) in ("نخست", "اول"):
                ry = _rel_year(toks, k + 1, today_j)
                if ry:
                    e_tok, year = ry
                    iso = _jyear_interval(year, nm) if year > 0 else None
                    add(toks[i].start, toks[e_tok - 1].end, iso, "relative" if not _num(toks[e_tok - 1]) else "jalali")
                    i = e_tok
                    continue
        # ---- relative days / weeks / months / years
        if w in _REL_DAY:
            iso = (article_date + _dt.timedelta(days=_REL_DAY[w])).isoformat() if article_date else None
            add(t.start, t.end, iso, "relative")
        elif w in ("هفته", "ماه") and i + 1 < n and _word(toks[i + 1]) in _NEXT:
            off = _NEXT[_word(toks[i + 1])]
            iso = None
            if article_date:
                if w == "هفته":
                    a = article_date + _dt.timedelta(days=7 * off)
                    # Persian weeks start on Saturday
                    start = a - _dt.timedelta(days=(a.weekday() - 5) % 7)
                    iso = f"{start.isoformat()}/{(start + _dt.timedelta(days=6)).isoformat()}"
                elif today_j is not None:
                    y, mo = today_j.year, today_j.month + off
                    if mo < 1:
                        y, mo = y - 1, 12
                    elif mo > 12:
                        y, mo = y + 1, 1
                    iso = _jmonth_interval(y, mo)
            add(t.start, toks[i + 1].end, iso, "relative")
            i += 2
            continue
        elif w in ("امسال", "پارسال") or (w.startswith("سال") and w[3:] in _NEXT) or (
                w == "سال" and i + 1 < n and _word(toks[i + 1]) in _NEXT):
            ry = _rel_year(toks, i, today_j)
            if ry:
                e_tok, year = ry
                add(t.start, toks[e_tok - 1].end, _jyear_interval(year) if year > 0 else None, "relative")
                i = e_tok
                continue
        elif w == "سال" and i + 1 < n and toks[i + 1].kind == "num":
            y = _num(toks[i + 1])
            kind = _year_kind(y) if y else None
            if kind == "jalali":
                add(t.start, toks[i + 1].end, _jyear_interval(y), "jalali")
                i += 2
                continue
            if kind == "gregorian":
                add(t.start, toks[i + 1].end, f"{y:04d}", "gregorian")
                i += 2
                continue
        i += 1
    out.sort(key=lambda d: d.start)
    return out
