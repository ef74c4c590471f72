"""Tokens and sentences with exact offsets into the raw text.

hazm's ``WordTokenizer`` joins verb parts (``شده_است``) and returns strings without offsets, so
tokens are found here with one linear regular expression over the raw text; sentences end where
hazm's ``SentenceTokenizer`` ends them (``[!.?⸮؟]+`` then a space or newline) and at line breaks
(one paragraph per line in news files). Every token's ``text[start:end]`` is its raw text.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterator

# A word: letters (any script) with inner diacritics/tatweel, parts joined by ZWNJ (or by a soft
# hyphen, which some scraped news writes beside or for one: حوزه\u00ad‌های; or by a left-to-right
# or right-to-left mark, which some write for one: ادویه\u200eای).
# Digits: a run of digits with inner separators , ٬ . ٫ / (kept whole: 42,000  ۷.۴  ۱۴۰۴/۰۶/۱۵).
# Anything else that is not a space is a one-character token.
_LETTER = r"[^\W\d_]|[\u064b-\u065f\u0670\u0640]"
_TOKEN_RE = re.compile(
    rf"(?P<num>\d+(?:[.,٫٬/]\d+)*)"
    rf"|(?P<word>(?:{_LETTER})+(?:[\u200c\u00ad\u200e\u200f]+(?:{_LETTER})+)*)"
    rf"|(?P<punct>[^\s\u200c\u200d\u200e\u200f\ufeff])"
)

# The same tokens for ``re.split`` (one capturing group: [gap, token, gap, token, ..., gap]).
# Most letters are Arabic-script or ASCII: a plain character class consumes runs of them in one
# step of the regex engine; other letters go through the general (slower) alternation. Same
# language as the word alternative of _TOKEN_RE (tested on the corpus and on random text).
_FAST = "A-Za-z\u0620-\u065f\u066e-\u06d3\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u06fc\u06ff\u0640"
_WORD_TAIL = rf"(?:[{_FAST}]+|{_LETTER}|[\u200c\u00ad\u200e\u200f]+(?:[{_FAST}]|{_LETTER}))*"
_SPLIT_RE = re.compile(
    rf"([{_FAST}]+{_WORD_TAIL}"
    rf"|(?:{_LETTER}){_WORD_TAIL}"
    rf"|\d+(?:[.,٫٬/]\d+)*"
    rf"|[^\s\u200c\u200d\u200e\u200f\ufeff])"
)


def token_kind(token: str) -> str:
    """``word``, ``num`` or ``punct`` for the text of one token."""
    return _TOKEN_RE.match(token).lastgroup or "punct"  # type: ignore[union-attr]


def split_tokens(text: str, start: int = 0) -> tuple[list[str], list[int], list[int]]:
    """Tokens of ``text[start:]`` as parallel lists ``(texts, starts, ends)``. One regex split
    plus running sums: no Python work per character and little per token."""
    parts = _SPLIT_RE.split(text[start:] if start else text)
    offsets = list(accumulate(map(len, parts), initial=start))
    return parts[1::2], offsets[1:-1:2], offsets[2::2]


# Where sentences end (hazm's rule, plus line breaks), found on the text rather than token by
# token: a line break in the gap after a token; or a ``! . ? ⸮ ؟`` token followed by a gap made
# only of spaces, tabs, no-break spaces and ZWNJs (a gap is what lies between two tokens).
_GAP = r"\s\u200c\u200d\u200e\u200f\ufeff"
_LINE_BREAK_RE = re.compile(r"[\n\r]+")
_PUNCT_END_RE = re.compile(rf"[!.?⸮؟](?=[ \t\u200c\xa0]+(?:[^{_GAP}]|$))")


def sentence_ends(text: str, starts: list[int], start: int = 0) -> list[int]:
    """Indices of the tokens that end a sentence (ascending; the last token is not listed), for
    the tokens of ``text[start:]`` whose start offsets are ``starts``: a line break follows the
    token, or the token is one of ``! . ? ⸮ ؟`` and only spaces follow it (hazm's rule)."""
    last = len(starts) - 1
    found = {bisect_right(starts, m.start()) - 1 for m in _LINE_BREAK_RE.finditer(text, start)}
    found.update(bisect_left(starts, m.start()) for m in _PUNCT_END_RE.finditer(text, start))
    return sorted(i for i in found if 0 <= i < last)


def iter_token_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, kind)`` for every token of ``text[start:end]``; kind is
    ``word``, ``num`` or ``punct``."""
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end(), m.lastgroup  # type: ignore[misc]
