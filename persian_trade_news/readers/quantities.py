"""Quantities, money, percentages and durations, read on the raw text with exact offsets.

Each number mention (:mod:`persian_trade_news.readers.numbers`) is looked at with its neighbours:
a qualifier before it (``بیش از``, ``حدود``...), ``بین``/``از`` and a second number after
``تا``/``و`` for ranges, the unit or currency after it (``هزار تن`` is read as the number 42 000
and the unit ``t``), and a period (``سالانه``, ``در سال``) before or after. Units and currencies
use the contract's vocabulary (``t``, ``kg``, ``ha``, ``km2``... ``USD``, ``IRR``, ``IRT``...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import _WEAK, AND, NumTok, find_numbers, scan, segment, token_columns

__all__ = ["Quantity", "find_quantities", "UNIT_WORDS", "CURRENCY_WORDS", "QUALIFIERS"]


@dataclass(slots=True)
class Quantity:
    """A quantity mention; ``text[start:end]`` covers qualifier, number(s), unit and an adjacent
    period; ``number_start``/``number_end`` cover the (first) number alone."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    currency: str | None = None
    kind: str = "number"  # quantity | money | percent | duration | number
    qualifier: str | None = None
    period: str | None = None
    number_start: int = 0
    number_end: int = 0


# unit phrases (folded, ZWNJ removed, words joined by one space) → (unit, factor, kind)
UNIT_WORDS: dict[str, tuple[str, float, str]] = {
    "تن": ("t", 1, "quantity"),
    "کیلوگرم": ("kg", 1, "quantity"), "کیلو": ("kg", 1, "quantity"), "کیلوگرمی": ("kg", 1, "quantity"),
    "گرم": ("kg", 0.001, "quantity"),
    "هکتار": ("ha", 1, "quantity"),
    "کیلومتر مربع": ("km2", 1, "quantity"), "کیلومترمربع": ("km2", 1, "quantity"),
    "متر مربع": ("m2", 1, "quantity"), "مترمربع": ("m2", 1, "quantity"),
    "متر مکعب": ("m3", 1, "quantity"), "مترمکعب": ("m3", 1, "quantity"),
    "کیلومتر": ("km", 1, "quantity"),
    "مگاوات ساعت": ("MWh", 1, "quantity"), "مگاوات": ("MW", 1, "quantity"),
    "گیگاوات": ("MW", 1000, "quantity"), "کیلووات": ("MW", 0.001, "quantity"),
    "لیتر": ("l", 1, "quantity"),
    "نفر": ("person", 1, "quantity"), "تن از": ("person", 1, "quantity"),
    "نیروی انسانی": ("person", 1, "quantity"), "نیروی کار": ("person", 1, "quantity"),
    "تخت": ("count", 1, "quantity"), "تختخواب": ("count", 1, "quantity"),  # a hospital's beds
    "شغل": ("person", 1, "quantity"), "فرصت شغل": ("person", 1, "quantity"),  # a job is one person's
    "راس": ("head", 1, "quantity"), "رأس": ("head", 1, "quantity"), "قطعه": ("count", 1, "quantity"),
    "واحد": ("unit", 1, "quantity"), "دستگاه": ("unit", 1, "quantity"), "باب": ("unit", 1, "quantity"),
    "کارخانه": ("unit", 1, "quantity"), "شرکت": ("unit", 1, "quantity"), "شهرک": ("unit", 1, "quantity"),
    "عدد": ("count", 1, "quantity"), "فقره": ("count", 1, "quantity"), "مورد": ("count", 1, "quantity"),
    # stems of cut flowers, trees and seedlings, pairs (of shoes)
    "شاخه": ("count", 1, "quantity"), "اصله": ("count", 1, "quantity"), "جفت": ("count", 1, "quantity"),
    "درصد": ("percent", 1, "percent"), "%": ("percent", 1, "percent"), "٪": ("percent", 1, "percent"),
    "روز": ("day", 1, "duration"), "روزه": ("day", 1, "duration"), "هفته": ("day", 7, "duration"),
}
CURRENCY_WORDS = {"دلار": "USD", "یورو": "EUR", "ریال": "IRR", "تومان": "IRT", "درهم": "AED", "یوآن": "CNY"}
_UNIT_SUFFIXES = ("", "ی", "ها", "های")

# qualifier phrases before the number → contract value
QUALIFIERS: dict[str, str] = {
    "بیش از": "more_than", "بیشتر از": "more_than", "افزون بر": "more_than", "بالغ بر": "more_than",
    "فزون بر": "more_than", "متجاوز از": "more_than", "بالای": "more_than",
    "حدود": "about", "حدودا": "about", "حدوداً": "about", "قریب به": "about", "نزدیک به": "about",
    "تقریبا": "about", "تقریباً": "about", "در حدود": "about",
    "کمتر از": "less_than", "کم‌تر از": "less_than", "زیر": "less_than",
    "دست‌کم": "at_least", "دستکم": "at_least", "حداقل": "at_least", "دست کم": "at_least",
    "حداکثر": "at_most", "تا": "at_most",
}
_PERIOD_AFTER = {"سالانه": "year", "سالیانه": "year", "در سال": "year", "در هر سال": "year", "سالانه ی": "year",
                 "ماهانه": "month", "در ماه": "month", "روزانه": "day", "در روز": "day", "هفتگی": "week",
                 "در هفته": "week"}
_PERIOD_BEFORE = {"سالانه": "year", "سالیانه": "year", "ماهانه": "month", "روزانه": "day", "هفتگی": "week",
                  "سالی": "year"}
_RANGE_WORDS = {"تا", "الی", "-", "–"}


def _k(t: NumTok) -> str:
    return t.key if t.kind != "num" else t.text


def _phrase_at(toks: list[NumTok], i: int, table: dict, max_words: int = 4, text: str = ""):
    """Longest phrase of ``table`` starting at token i (words joined by one space, ZWNJ folded)."""
    best = None
    words: list[str] = []
    for j in range(i, min(len(toks), i + max_words)):
        t = toks[j]
        if t.kind == "num":
            break
        if j > i and text and "\n" in text[toks[j - 1].end:t.start]:
            break
        words.append(t.key)
        for variant in (" ".join(words), "".join(words)):
            if variant in table:
                best = (j + 1, table[variant])
    return best


def _phrase_before(toks: list[NumTok], i: int, table: dict, max_words: int = 3):
    """Longest phrase of ``table`` ending right before token i."""
    best = None
    for n in range(1, max_words + 1):
        a = i - n
        if a < 0:
            break
        if any(t.kind == "num" for t in toks[a:i]):
            break
        words = [t.key for t in toks[a:i]]
        for variant in (" ".join(words), "".join(words)):
            if variant in table:
                best = (a, table[variant])
    return best


def _unit_at(toks: list[NumTok], i: int, text: str):
    """A unit or currency starting at token i: (end token, unit, factor, kind, currency)."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.kind in ("sym", "punct"):
        u = UNIT_WORDS.get(t.text) if t.text in ("%", "٪") else None
        return (i + 1, *u, None) if u else None
    if t.kind != "word":
        return None
    gap = text[toks[i - 1].end:t.start] if i > 0 else ""
    if len(gap) > 3 or "\n" in gap:
        return None
    for suffix in _UNIT_SUFFIXES:
        key = t.key[:len(t.key) - len(suffix)] if suffix and t.key.endswith(suffix) else (t.key if not suffix else None)
        if not key:
            continue
        if key in CURRENCY_WORDS:
            return (i + 1, CURRENCY_WORDS[key], 1, "money", CURRENCY_WORDS[key])
    # two-word units first (کیلومتر مربع, متر مکعب, مگاوات ساعت)
    if i + 1 < len(toks) and toks[i + 1].kind == "word":
        two = f"{t.key} {toks[i + 1].key}"
        for suffix in _UNIT_SUFFIXES:
            base = two[:len(two) - len(suffix)] if suffix and two.endswith(suffix) else (two if not suffix else None)
            if base and base in UNIT_WORDS and base != "تن از":
                return (i + 2, *UNIT_WORDS[base], None)
    for suffix in _UNIT_SUFFIXES:
        base = t.key[:len(t.key) - len(suffix)] if suffix and t.key.endswith(suffix) else (t.key if not suffix else None)
        if base == "تن" and suffix in ("ها", "های"):
            continue  # تنها = "only"
        if base and base in UNIT_WORDS and base != "تن از":
            return (i + 1, *UNIT_WORDS[base], None)
    return None


def _glued_duration(t: NumTok):
    """``سه‌روزه``/``سهروزه``/``دوهفته``: a number word glued to a duration unit."""
    for unit, days in (("روزه", 1), ("روز", 1), ("هفته‌ای", 7), ("هفته", 7)):
        if t.key.endswith(unit) and len(t.key) > len(unit):
            seg = segment(t.key[:-len(unit)])
            if seg and AND not in seg[-1:]:
                from .numbers import parse_number

                v = parse_number(t.key[:-len(unit)])
                if v is not None and 0 < v < 400:
                    return v * days
    return None


def find_quantities(text: str, toks: list[NumTok] | None = None, *, keys: list[str] | None = None,
                    kinds: list[str] | None = None) -> list[Quantity]:
    """Every number with its unit, currency, qualifier, range and period (see module doc).
    ``toks`` may pass in :func:`persian_trade_news.readers.numbers.scan` of ``text`` when already made
    (and ``keys``/``kinds``, their keys and kinds as lists)."""
    if not text:
        return []
    if toks is None:
        toks = scan(text)
    keys, kinds = token_columns(toks, keys, kinds)
    nums = find_numbers(text, toks, weak=True, keys=keys, kinds=kinds)
    out: list[Quantity] = []
    used_until = -1
    k = 0
    while k < len(nums):
        m = nums[k]
        if m.first < used_until:
            k += 1
            continue
        value, value_max = m.value, None
        end_tok = m.last
        # a glued duration right after digits: ۲روزه
        if end_tok < len(toks) and toks[end_tok].kind == "word" and toks[end_tok].start == m.end:
            key = toks[end_tok].key
            if key in ("روزه", "روز", "هفته", "هفته‌ای") or key.startswith("روزه"):
                days = 7 if key.startswith("هفته") else 1
                s = m.start
                e = toks[end_tok].end
                out.append(Quantity(s, e, text[s:e], value * days, None, "day", None, "duration", None, None,
                                    m.start, m.end))
                used_until = end_tok + 1
                k += 1
                continue
        # a range: X تا Y / X و Y (after بین) / X-Y
        nxt = nums[k + 1] if k + 1 < len(nums) else None
        between = m.first > 0 and toks[m.first - 1].key in ("بین", "میان")
        if nxt is not None and nxt.first == m.last + 1 and (
                toks[m.last].key in _RANGE_WORDS or (between and toks[m.last].key == AND)):
            if nxt.value > value or _scale_shared(m, nxt, toks):
                v2 = nxt.value
                if v2 > value and _scale_shared(m, nxt, toks):
                    # "۳ تا ۴ میلیون": the first number takes the second one's scale
                    value = value * (v2 / _head(nxt, toks))
                value_max = v2
                end_tok = nxt.last
                k += 1
        unit = _unit_at(toks, end_tok, text)
        qualifier = None
        start_tok = m.first
        q = _phrase_before(toks, m.first, QUALIFIERS)
        if between:
            start_tok = m.first - 1
        elif q is not None:
            a, qual = q
            if qual == "at_most" and toks[m.first - 1].key == "تا" and value_max is None:
                # "تا" right before a number is "up to" only when nothing before it starts a range
                qualifier = "at_most"
                start_tok = a
            elif qual != "at_most" or toks[m.first - 1].key != "تا":
                qualifier = qual
                start_tok = a
        if unit is None and m.last - m.first == 1 and toks[m.first].kind == "word" and toks[m.first].key in _WEAK:
            k += 1
            continue
        kind = "number"
        unit_code = currency = None
        period = None
        if unit is not None:
            end_tok, unit_code, factor, kind, currency = unit
            value *= factor
            if value_max is not None:
                value_max *= factor
        else:
            # "سه‌روزه" etc. are handled below; a bare number stays kind "number"
            pass
        if kind != "number":
            p = _phrase_at(toks, end_tok, _PERIOD_AFTER, 3, text)
            if p is not None:
                end_tok, period = p
            elif (p := _period_soon(toks, end_tok, text)) is not None:
                period = p
            else:
                b = _phrase_before(toks, start_tok, _PERIOD_BEFORE, 1)
                if b is not None:
                    period = b[1]
        s, e = toks[start_tok].start, toks[end_tok - 1].end
        out.append(Quantity(s, e, text[s:e], value, value_max, unit_code, currency, kind, qualifier, period,
                            m.start, m.end))
        used_until = end_tok
        k += 1
    _share_list_units(text, out)
    _share_parallel_units(text, out)
    # glued number-word durations (سه‌روزه, دوروزه) that are not number mentions themselves
    covered = [(q.start, q.end) for q in out]
    glued = [toks[i] for i, (kind, key) in enumerate(zip(kinds, keys))
             if kind == "word" and len(key) > 4 and key.endswith(("روزه", "هفته"))]
    for t in glued:
            days = _glued_duration(t)
            if days is not None and not any(a <= t.start < b for a, b in covered):
                out.append(Quantity(t.start, t.end, t.text, days, None, "day", None, "duration", None, None,
                                    t.start, t.end))
    out.sort(key=lambda q: q.start)
    return out


_DIGIT_RUN = re.compile(r"[0-9۰-۹٠-٩]+(?:[.,٫٬/][0-9۰-۹٠-٩]+)*")
_LIST_GAP = re.compile(r"\s*(?:[،,]|و)\s*")
_NOT_A_LIST = frozenset(w.replace("\u200c", "") for w in (  # numbers after these are ids, not amounts
    "ماده", "بند", "تبصره", "شماره", "سال", "سال‌های", "اصل", "فصل", "صفحه", "کد", "ردیف", "قطعنامه", "پلاک",
    "مرحله", "دوره"))


def _share_list_units(text: str, out: list[Quantity]) -> None:
    """``ظرفیت‌های ۹۴ و ۶۷ تن``, ``۵، ۱۰ و ۲۰ درصد``: bare digit numbers listed (``و``, ``،``) before
    a number with a unit take that unit, read right to left. Only plain digits on both sides (a
    scale word, ``۳ و ۴ میلیون``, is another reading), and not after ``ماده``, ``بند``, ``سال``..."""
    for k in range(len(out) - 2, -1, -1):
        q, nxt = out[k], out[k + 1]
        if q.kind != "number" or q.unit is not None or nxt.kind not in ("quantity", "money", "percent") \
                or q.value_max is not None or q.qualifier is not None:
            continue
        if not _DIGIT_RUN.fullmatch(q.text) or not _DIGIT_RUN.fullmatch(text[nxt.number_start:nxt.number_end]):
            continue
        if not _LIST_GAP.fullmatch(text, q.end, nxt.number_start) or nxt.start != nxt.number_start:
            continue
        before = text[max(0, q.start - 16):q.start].split()
        if before and before[-1].replace("\u200c", "") in _NOT_A_LIST:
            continue
        q.unit, q.currency, q.kind, q.period = nxt.unit, nxt.currency, nxt.kind, nxt.period


# «فلفل با 450 هکتار، زیره سبز با 411، زعفران با 68 و نعناع با 18 هکتار»: between two members of
# a list of «<item> با N», a separator, a few words of the next item (no digit, no mark) and «با»
_PARALLEL_GAP = re.compile(r"\s*(?:[،,]|و)\s*(?:[^\d۰-۹٠-٩،,.:؛;!?\n]{1,40}?\s)?(?:با|:)\s*")
_WITH_BEFORE = re.compile(r"(?:^|\s)(?:با|:)\s*$")


def _share_parallel_units(text: str, out: list[Quantity]) -> None:
    """A list of «<item> با N» whose last member names the unit gives it to every member that names
    none (read right to left): «زیره سبز با 411، کرچک با 20 و نعناع با 18 هکتار»."""
    for k in range(len(out) - 2, -1, -1):
        q, nxt = out[k], out[k + 1]
        if q.kind != "number" or q.unit is not None or nxt.kind not in ("quantity", "money") or q.value_max is not None:
            continue
        if not _DIGIT_RUN.fullmatch(text[q.number_start:q.number_end]):
            continue
        if not _PARALLEL_GAP.fullmatch(text, q.end, nxt.start) or not _WITH_BEFORE.search(text, max(0, q.start - 6), q.start):
            continue
        q.unit, q.currency, q.kind, q.period = nxt.unit, nxt.currency, nxt.kind, nxt.period


def _period_soon(toks: list[NumTok], i: int, text: str) -> str | None:
    """``۸۰۰ هزار تن گندم در سال``: a period one or two words after the unit (not in the span)."""
    for skip in (1, 2):
        j = i + skip
        if j >= len(toks) or any(t.kind != "word" for t in toks[i:j]) or any(
                c in text[toks[i - 1].end:toks[j].start] for c in "،,.:؛\n"):
            return None
        p = _phrase_at(toks, j, _PERIOD_AFTER, 3, text)
        if p is not None:
            return p[1]
    return None


def _head(m, toks) -> float:
    """The value of a number's head before its trailing scale words (``۴ میلیون`` → 4)."""
    from .numbers import SCALES

    scale = 1.0
    j = m.last - 1
    while j >= m.first and toks[j].kind == "word" and toks[j].key in SCALES:
        scale *= SCALES[toks[j].key]
        j -= 1
    return m.value / scale if scale else m.value


def _scale_shared(m, nxt, toks) -> bool:
    """``۳ تا ۴ میلیون``: the first number is bare and the second ends in a scale word."""
    from .numbers import SCALES

    first_has_scale = any(toks[j].kind == "word" and toks[j].key in SCALES for j in range(m.first, m.last))
    last = toks[nxt.last - 1]
    return not first_has_scale and last.kind == "word" and last.key in SCALES
