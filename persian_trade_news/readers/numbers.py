"""Persian numbers: digits (Persian, Arabic-Indic, Latin, with ``,`` ``٬`` thousands and ``.`` ``٫``
``/`` decimals), number words (``چهل و دو هزار``, ``دو میلیون و پانصد هزار``), digits mixed with
scale words (``۱۸ هزار و ۹۱۴ میلیارد``), ``نیم``/``ربع``, glued spellings (``یکهزار``,
``سیصدوپنجاه``) and ordinals (``نخست``, ``سوم``, ``بیست و یکم``, ``سومین``).

No available parser reads these right, so the library owns it. Everything here runs in time
linear in the input: a regex tokeniser without nested repeats, then one left-to-right scan.

The value of a word sequence is computed by splitting at the first occurrence of its largest
scale word: ``left × scale + right`` (``۱۸ هزار و ۹۱۴ میلیارد`` = (18 000 + 914) × 10⁹;
``دو میلیون و پانصد هزار`` = 2 × 10⁶ + 500 × 10³; ``هزار میلیارد`` = 10¹²).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["parse_number", "parse_ordinal", "find_numbers", "NumberMatch", "scan", "NumTok"]

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
                          "\u200c": "", "\u200d": "", "\u200f": "", "\u200e": "", "ـ": ""})

ONES = {
    "صفر": 0, "یک": 1, "یه": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7,
    "هشت": 8, "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
    "پونزده": 15, "شانزده": 16, "شونزده": 16, "هفده": 17, "هیفده": 17, "هجده": 18, "هیجده": 18,
    "هژده": 18, "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70,
    "هشتاد": 80, "نود": 90, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500,
    "پونصد": 500, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}
SCALES = {"صد": 100, "هزار": 1_000, "میلیون": 1_000_000, "ملیون": 1_000_000, "میلیارد": 1_000_000_000,
          "ملیارد": 1_000_000_000, "بیلیون": 1_000_000_000, "تریلیون": 1_000_000_000_000}
FRACTIONS = {"نیم": 0.5, "ربع": 0.25}
AND = "و"
# lone words that are numbers only when a scale word or another number part goes with them
_WEAK = {"نه", "ده", "سی", "یه", "شیش", "دو"}

_MAX_NUMBER_TOKENS = 64  # a number in words runs to ~40 tokens (۱۲ digits); this bounds recursion
_VOCAB = {**ONES, **SCALES, **FRACTIONS, AND: None}
_MAX_MORPH = max(len(w) for w in _VOCAB)

_TOKEN = re.compile(
    r"(?P<num>[0-9۰-۹٠-٩]+(?:[,٬.٫/][0-9۰-۹٠-٩]+)*)"
    r"|(?P<word>(?:[^\W\d_]|\u200c)+)"
    r"|(?P<sym>[%٪])"
)


@dataclass(slots=True)
class NumTok:
    """A token of the number scanner: ``kind`` is ``num`` (digits), ``word`` or ``sym``."""

    start: int
    end: int
    kind: str
    text: str
    key: str  # letters folded, ZWNJ removed (words); ASCII digits (numbers)


@dataclass(slots=True)
class NumberMatch:
    """A number mention: ``text[start:end]`` and its value; ``first``/``last`` are scanner token
    indices (``last`` exclusive)."""

    start: int
    end: int
    text: str
    value: float
    first: int = -1
    last: int = -1


def fold_word(w: str) -> str:
    return w.translate(_LETTERS)


def scan(text: str) -> list[NumTok]:
    """Tokens for number/quantity reading (words, digit groups and percent signs)."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        s = m.group()
        key = s.translate(_DIGITS) if kind == "num" else fold_word(s) if kind == "word" else s
        out.append(NumTok(m.start(), m.end(), kind, s, key))
    return out


def parse_digits(s: str) -> float | None:
    """``42,000`` → 42000, ``۲/۵`` → 2.5, ``1.5`` → 1.5, ``۱۴۰۴/۰۶`` → None (not a number)."""
    s = s.translate(_DIGITS)
    if not s or len(s) > 40:
        return None  # a digit run this long is an id or noise, not a quantity
    seps = [c for c in s if not c.isdigit()]
    if not seps:
        return float(int(s))
    parts = re.split(r"[,٬.٫/]", s)
    if all(c in ",٬" for c in seps):
        if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
            return float(int("".join(parts)))
        return None
    if len(seps) == 1:
        sep = seps[0]
        a, b = parts
        if sep == "/" and (len(a) > 3 or len(b) > 3):
            return None  # a date or a fraction-like code
        return float(f"{int(a)}.{b}")
    # thousands then one decimal: 1,234.5 / ۱٬۲۳۴٫۵
    if seps[-1] in ".٫/" and all(c in ",٬" for c in seps[:-1]) and all(len(p) == 3 for p in parts[1:-1]):
        return float(f"{int(''.join(parts[:-1]))}.{parts[-1]}")
    return None


@lru_cache(maxsize=131_072)  # every word of a document is tried: keep the vocabulary
def segment(word: str) -> tuple | None:
    """Split a glued word (``یکهزار``, ``سیصدوپنجاه``) into number morphemes, or None."""
    w = fold_word(word)
    if not w:
        return None
    if w in _VOCAB:
        return (w,)
    n = len(w)
    best: list = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + _MAX_MORPH) + 1):
            piece = w[i:j]
            if piece in _VOCAB and (best[j] is None or len(best[i]) + 1 < len(best[j])):
                best[j] = best[i] + (piece,)
    seg = best[n]
    if seg is None or all(p == AND for p in seg):
        return None
    # a glued word must read as a number: "و" only between number parts, no two values in a row
    if seg[0] == AND or seg[-1] == AND:
        return None
    return seg


def _item(morph: str):
    if morph == AND:
        return ("and", None)
    if morph in SCALES:
        return ("scale", SCALES[morph])
    if morph in FRACTIONS:
        return ("frac", FRACTIONS[morph])
    return ("val", ONES[morph])


def _value(items: list[tuple[str, float]]) -> float | None:
    """Value of a sequence of ("val"|"frac"|"scale", v) items (``و`` already removed)."""
    if not items:
        return None
    scales = [i for i, (k, _) in enumerate(items) if k == "scale"]
    if not scales:
        return float(sum(v for _, v in items))
    top = max(items[i][1] for i in scales)
    at = next(i for i in scales if items[i][1] == top)
    left = items[:at]
    right = items[at + 1:]
    lv = _value(left) if left else 1.0
    rv = _value(right) if right else 0.0
    if lv is None or rv is None:
        return None
    return lv * top + rv


def _place(u: float) -> float:
    """The largest power of ten dividing ``u`` (20 → 10, 100 → 100, 120 → 10, 7 → 1)."""
    if u <= 0 or u != int(u):
        return 1
    p, u = 1, int(u)
    while u % (p * 10) == 0:
        p *= 10
    return p


def _joins(items: list[tuple[str, float]], k: str, v: float) -> bool:
    """May item (k, v) follow ``items`` after a "و"?  ``بیست و پنج`` yes, ``۱۰ و ۱۵`` no."""
    if not items or k != "val":
        return True
    pk, pv = items[-1]
    if pk == "scale":
        return v < pv
    if pk == "val":
        return v < _place(pv)
    return False


def _read(toks: list[NumTok], i: int, weak: bool = False) -> tuple[int, float] | None:
    """Read the longest number starting at token ``i``: (end token index exclusive, value)."""
    items: list[tuple[str, float]] = []
    j = i
    last_kind = None  # "val", "scale", "and"
    end = i
    n_words = 0
    n = len(toks)
    while j < n and j - i < _MAX_NUMBER_TOKENS:
        t = toks[j]
        if t.kind == "num":
            if last_kind == "val":
                break
            if j > i and toks[j - 1].end == t.start and toks[j - 1].kind == "num":
                break
            v = parse_digits(t.text)
            if v is None:
                break
            if last_kind == "and" and not _joins(items, "val", v):
                break
            if last_kind == "scale" and v >= items[-1][1]:
                break
            items.append(("val", v))
            last_kind = "val"
            j += 1
            end = j
            continue
        if t.kind != "word":
            break
        seg = (AND,) if t.key == AND else segment(t.key)
        if seg is None:
            break
        parts = [_item(m) for m in seg]
        if parts[0][0] == "and" and seg != (AND,):
            break
        # "و" as its own token: keep only if a number part follows
        if seg == (AND,):
            if last_kind is None or j + 1 >= n:
                break
            nxt = toks[j + 1]
            nseg = segment(nxt.key) if nxt.kind == "word" else None
            if not (nxt.kind == "num" and parse_digits(nxt.text) is not None) and not (
                    nseg and _item(nseg[0])[0] in ("val", "frac", "scale") and nseg != (AND,)):
                break
            last_kind = "and"
            j += 1
            continue
        ok = True
        local: list[tuple[str, float]] = []
        lk = last_kind
        for k, v in parts:
            if k == "and":
                lk = "and"
                continue
            if k in ("val",) and lk == "val":
                ok = False
                break
            if lk == "and" and not _joins(items + local, k, v):
                ok = False
                break
            if k == "frac" and lk == "val":
                ok = False
                break
            local.append((k, v))
            lk = "scale" if k == "scale" else "val"
        if not ok:
            break
        if last_kind == "scale" and parts[0][0] == "val":
            # "دو میلیون پانصد هزار" without و: only a smaller group may follow a scale
            prev_scale = items[-1][1]
            if parts[0][1] >= prev_scale:
                break
        items.extend(local)
        last_kind = lk
        n_words += 1
        j += 1
        end = j
    if end == i:
        return None
    # drop a dangling "و"
    v = _value(items)
    if v is None:
        return None
    if not weak and end - i == 1 and toks[i].kind == "word" and toks[i].key in _WEAK:
        return None
    return end, v


def parse_number(text: str) -> float | None:
    """The value of a number written in digits, words or both; None when ``text`` is not one number.

    >>> parse_number("چهل و دو هزار"), parse_number("۲/۵ میلیون"), parse_number("42,000")
    (42000.0, 2500000.0, 42000.0)
    """
    if not isinstance(text, str):
        return None
    toks = scan(text.strip())
    if not toks:
        return None
    got = _read(toks, 0)
    if got is None:
        if len(toks) == 1 and toks[0].kind == "word" and toks[0].key in ONES:
            return float(ONES[toks[0].key])
        return None
    end, v = got
    if end != len(toks):
        return None
    return v


_ORDINAL_SPECIAL = {"نخست": 1, "اول": 1, "یکم": 1, "سوم": 3, "سیام": 30, "سیم": 30}


def parse_ordinal(text: str) -> int | None:
    """``نخست``/``اول``/``یکم`` → 1, ``دوم`` → 2, ``سومین`` → 3, ``بیست و یکم`` → 21, ``۲۰مین`` → 20."""
    if not isinstance(text, str):
        return None
    words = [fold_word(w) for w in text.strip().split()]
    if not words:
        return None
    last = words[-1]
    m = re.fullmatch(r"([0-9۰-۹٠-٩]+)(?:مین|م|ام|امین)", last)
    if m and len(words) == 1:
        return int(m.group(1).translate(_DIGITS))
    if last.endswith("مین"):
        last = last[:-3] + "م"
    elif last in ("نخستین", "اولین"):
        last = last[:-2]
    if last in _ORDINAL_SPECIAL and len(words) == 1:
        return _ORDINAL_SPECIAL[last]
    if last.endswith("سوم"):
        base = last[:-3] + "سه"
    elif last.endswith("یکم"):
        base = last[:-3] + "یک"
    elif last.endswith("ام") and len(last) > 2:
        base = last[:-2]
    elif last.endswith("م") and len(last) > 1:
        base = last[:-1]
    else:
        return None
    v = parse_number(" ".join(words[:-1] + [base]))
    if v is None or v != int(v) or v <= 0:
        return None
    return int(v)


def token_columns(toks: list[NumTok], keys: list[str] | None = None,
                  kinds: list[str] | None = None) -> tuple[list[str], list[str]]:
    """The tokens' keys and kinds as two lists: the ones given (a Document keeps them), else made."""
    if keys is None or kinds is None:
        return [t.key for t in toks], [t.kind for t in toks]
    return keys, kinds


def find_numbers(text: str, toks: list[NumTok] | None = None, *, weak: bool = False,
                 keys: list[str] | None = None, kinds: list[str] | None = None) -> list[NumberMatch]:
    """Every maximal number mention in ``text`` with exact offsets (``text[m.start:m.end] == m.text``).

    ``weak=True`` also returns lone words that are numbers only in context (``دو``, ``ده``, ``نه``);
    the quantity finder keeps those only when a unit follows. ``keys``/``kinds``: the tokens'
    keys and kinds as lists, when the caller has them (a Document does)."""
    if toks is None:
        toks = scan(text)
    keys, kinds = token_columns(toks, keys, kinds)
    out: list[NumberMatch] = []
    # where a number may start: digits, and words made of number morphemes (each distinct word
    # of the text is tried once)
    numeric = {k for k in set(keys) if k != AND and segment(k) is not None}
    starts = [i for i, (kind, key) in enumerate(zip(kinds, keys))
              if kind == "num" or (kind == "word" and key in numeric)]
    i = 0
    for c in starts:
        if c < i:
            continue  # inside the number read before
        got = _read(toks, c, weak)
        if got is not None:
            end, v = got
            s, e = toks[c].start, toks[end - 1].end
            out.append(NumberMatch(s, e, text[s:e], v, c, end))
            i = end
    return out
