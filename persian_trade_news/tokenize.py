"""Tokens and sentences with exact offsets into the raw text.

hazm's ``WordTokenizer`` joins verb parts (``شده_است``) and returns strings without offsets, so
tokens are found here with one linear regular expression over the raw text; sentences end where
hazm's ``SentenceTokenizer`` ends them (``[!.?⸮؟]+`` then a space or newline) and at line breaks
(one paragraph per line in news files). Every token's ``text[start:end]`` is its raw text.
"""
from __future__ import annotations

import re
from typing import Iterator

# A word: letters (any script) with inner diacritics/tatweel, parts joined by ZWNJ.
# Digits: a run of digits with inner separators , ٬ . ٫ / (kept whole: 42,000  ۷.۴  ۱۴۰۴/۰۶/۱۵).
# Anything else that is not a space is a one-character token.
_LETTER = r"[^\W\d_]|[\u064b-\u065f\u0670\u0640]"
_TOKEN_RE = re.compile(
    rf"(?P<num>\d+(?:[.,٫٬/]\d+)*)"
    rf"|(?P<word>(?:{_LETTER})+(?:\u200c+(?:{_LETTER})+)*)"
    rf"|(?P<punct>[^\s\u200c\u200d\u200e\u200f\ufeff])"
)
_SENT_END = set("!.?⸮؟")


def iter_token_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, kind)`` for every token of ``text[start:end]``; kind is
    ``word``, ``num`` or ``punct``."""
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end(), m.lastgroup  # type: ignore[misc]


def sentence_breaks(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Group token indices into sentences: returns ``[(first_token, last_token_exclusive)]``.

    A sentence ends after a run of ``! . ? ⸮ ؟`` tokens followed by whitespace (hazm's rule),
    and before a line break."""
    out: list[tuple[int, int]] = []
    first = 0
    n = len(tokens)
    for i in range(n - 1):
        s, e, kind = tokens[i]
        nxt = tokens[i + 1][0]
        if nxt == e:
            continue  # no gap: no break
        gap = text[e:nxt]
        if "\n" in gap or "\r" in gap or (
                kind == "punct" and text[s] in _SENT_END and gap.strip(" \t\u200c\xa0") == ""):
            # a line break; or hazm's rule: a punctuation run followed by a space ends the sentence
            out.append((first, i + 1))
            first = i + 1
    if n:
        out.append((first, n))
    return out
