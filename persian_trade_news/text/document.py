"""The document model every stage reads and extends.

A :class:`Document` holds the raw text exactly as passed in, the header (``date``, headline),
tokens and sentences, each with character offsets into that raw text, plus a normalised form
of each token (:attr:`Token.norm`) and a matching key (:attr:`Token.key`). Stages add
entities, quantities, dates and records; the :class:`~persian_trade_news.records.Article` is
built from it at the end.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import repeat
from operator import itemgetter

import re
from dataclasses import dataclass, field
from typing import Any, Iterator, NamedTuple, Optional

from .normalize import match_key, normalize_token
from ..records import Entity, Span
from .tokenize import sentence_ends, split_tokens, token_kind

_HEADER_RE = re.compile(r"^[ \t\ufeff]?date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*")


@lru_cache(maxsize=262_144)
def _token_forms(raw: str) -> tuple[str, str, str]:
    """(normalised form, matching key, kind) of a token's raw text, cached: news reuses its words."""
    norm = normalize_token(raw)
    return norm, match_key(norm), token_kind(raw)


_NORM, _KEY, _KIND = itemgetter(0), itemgetter(1), itemgetter(2)


def _array(index: int, doc: str) -> property:
    """A read-only view of one of the document's token arrays."""
    return property(lambda self: self._arrays[index], doc=doc)


class Token(NamedTuple):
    """One token: raw ``text == doc.text[start:end]``; ``norm`` the normalised form (hazm's
    characters, Persian digits, ZWNJ repaired); ``key`` the matching key; ``kind`` is ``word``,
    ``num`` or ``punct``; ``i`` its index and ``sent`` its sentence index. Immutable (a named
    tuple: documents build hundreds of them, and a tuple is built in C)."""

    i: int
    start: int
    end: int
    text: str
    norm: str
    key: str
    kind: str
    sent: int = 0


# A run of text with no sentence end (a scraped table, a list joined by commas) is cut after at most
# this many tokens, at its last comma if there is one in the second half: the rules look around a
# token within its sentence, and a sentence of unbounded length would make them quadratic. The
# longest real sentence in the 1,823 corpus articles has 566 tokens.
MAX_SENTENCE_TOKENS = 600
_SOFT_BREAKS = frozenset(("،", ",", ";", "؛"))


def _cap_sentences(lasts: list[int], texts: list[str]) -> list[int]:
    """Sentence ends (index of each sentence's last token) with overlong sentences cut."""
    out, first = [], 0
    for last in lasts:
        while last - first + 1 > MAX_SENTENCE_TOKENS:
            cut = first + MAX_SENTENCE_TOKENS - 1
            k = next((i for i in range(cut, first + MAX_SENTENCE_TOKENS // 2, -1) if texts[i] in _SOFT_BREAKS), cut)
            out.append(k)
            first = k + 1
        out.append(last)
        first = last + 1
    return out


@dataclass(slots=True)
class Sentence:
    """A sentence: character span and token index range ``[first, last)``."""

    i: int
    start: int
    end: int
    first: int
    last: int
    paragraph: int = 0


_KICKER_ENDS = (":", "：")


def _first_line(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of the first non-blank line at or after ``pos``, spaces trimmed; None if none."""
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        hs, he = pos, end
        while hs < he and text[hs].isspace():
            hs += 1
        while he > hs and text[he - 1].isspace():
            he -= 1
        if he > hs:
            return hs, he
        pos = end + 1
    return None


@dataclass
class Document:
    """Raw text plus everything the stages have found in it."""

    text: str  # the text the stages analyse (same length as ``raw``; HTML markup blanked)
    raw: str = ""  # the text exactly as the caller passed it; every Span's text comes from here
    id: Optional[str] = None
    date: Optional[str] = None
    headline: Optional[str] = None
    headline_span: Optional[tuple[int, int]] = None
    body_start: int = 0
    agency: Optional[str] = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)
    records: dict[str, list] = field(default_factory=dict)
    people: list[Any] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False
    # functions a stage registers to shape the Article's entity list (``to_article`` applies them in
    # order; the document's own ``entities`` stay whole for the stages after it)
    output_filters: list[Any] = field(default_factory=list, repr=False, compare=False)
    keys: list[str] = field(default_factory=list, repr=False)  # token keys, parallel to ``tokens``
    # token arrays (texts, starts, ends, sentence indices, kinds, cached forms or None) and the Token
    # tuples made from them on first use (see ``tokens``)
    _arrays: tuple = field(default_factory=lambda: ([], [], [], [], [], None), repr=False, compare=False)
    _tokens: Optional[list[Token]] = field(default=None, repr=False, compare=False)
    _offset_maps: Optional[tuple[dict[int, int], dict[int, int]]] = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, date: str | None = None,
                  raw: str | None = None) -> "Document":
        """Read the header, tokenise and split sentences. ``text`` must already be ``str``;
        ``raw`` (same length) is what the caller passed when ``text`` is a masked copy of it."""
        if raw is not None and len(raw) != len(text):
            raise ValueError("raw and analysed text must have the same length")
        doc = cls(text=text, raw=text if raw is None else raw, id=id)
        body_start = 0
        m = _HEADER_RE.match(text)
        if m:
            doc.date = m.group(1)
            body_start = m.end()
        if date is not None:
            doc.date = date
        # headline: the first non-empty line (after the header prefix); a kicker line that ends in
        # a colon (``معاون ... استانداری لرستان :``) introduces the headline on the next line
        span = _first_line(text, body_start)
        if span is not None and text[span[1] - 1] in _KICKER_ENDS:
            span = _first_line(text, span[1]) or span
        if span is not None:
            doc.headline = doc.raw[span[0]:span[1]]
            doc.headline_span = span
        doc.body_start = body_start
        doc._tokenise()
        return doc

    def _tokenise(self) -> None:
        """Token arrays and sentences, built list-wise (one regex split, cached token forms,
        sentence ends found on the text) rather than token by token: this runs on every article.
        The :class:`Token` tuples are made from the arrays on first use of :attr:`tokens`."""
        text = self.text
        texts, starts, ends = split_tokens(text, self.body_start)
        n = len(texts)
        forms = list(map(_token_forms, texts))
        sentences = []
        sent_of: list[int] = []
        paragraph = 0
        prev_end = self.body_start
        first = 0
        lasts = _cap_sentences([*sentence_ends(text, starts, self.body_start), n - 1], texts) if n else []
        for si, last in enumerate(lasts):
            start, end = starts[first], ends[last]
            if "\n" in text[prev_end:start]:
                paragraph += 1
            sentences.append(Sentence(si, start, end, first, last + 1, paragraph))
            sent_of += [si] * (last + 1 - first)
            prev_end, first = end, last + 1
        self.sentences = sentences
        self._set_arrays(texts, starts, ends, list(map(_KEY, forms)), list(map(_KIND, forms)), sent_of, forms)

    def _set_arrays(self, texts: list[str], starts: list[int], ends: list[int], keys: list[str],
                    kinds: list[str], sents: list[int], forms: list | None = None) -> None:
        self._arrays = (texts, starts, ends, sents, kinds, forms)
        self.keys = keys
        self._tokens = None
        self._offset_maps = None

    @property
    def tokens(self) -> list[Token]:
        """The tokens as :class:`Token` tuples, made from the token arrays on first use (stages
        that only need keys, offsets or sentence numbers read :attr:`keys`,
        :attr:`token_starts`, :attr:`token_ends`, :attr:`token_sents`, :attr:`token_kinds` and
        :attr:`token_texts` and never pay for them)."""
        toks = self._tokens
        if toks is None:
            texts, starts, ends, sents, kinds, forms = self._arrays
            if forms is None:
                forms = list(map(_token_forms, texts))
            n = len(texts)
            toks = self._tokens = list(map(tuple.__new__, repeat(Token, n), zip(
                range(n), starts, ends, texts, map(_NORM, forms), self.keys, kinds, sents)))
        return toks

    @tokens.setter
    def tokens(self, value: list[Token]) -> None:
        value = list(value)
        self._set_arrays([t.text for t in value], [t.start for t in value], [t.end for t in value],
                         [t.key for t in value], [t.kind for t in value], [t.sent for t in value])
        self._tokens = value

    token_texts = _array(0, "Raw text of each token (parallel to :attr:`tokens`).")
    token_starts = _array(1, "Start offset of each token (parallel to :attr:`tokens`).")
    token_ends = _array(2, "End offset of each token (parallel to :attr:`tokens`).")
    token_sents = _array(3, "Sentence index of each token (parallel to :attr:`tokens`).")
    token_kinds = _array(4, "``word``, ``num`` or ``punct`` for each token (parallel to :attr:`tokens`).")

    # ------------------------------------------------------------------ helpers for stages
    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` over the raw text (offsets exact by construction)."""
        return Span(start=start, end=end, text=self.raw[start:end])

    def token_span(self, first: int, last: int) -> Span:
        """The span covering tokens ``[first, last)``."""
        return self.span(self.token_starts[first], self.token_ends[last - 1])

    def sentence_tokens(self, sent: Sentence | int) -> list[Token]:
        s = self.sentences[sent] if isinstance(sent, int) else sent
        return self.tokens[s.first:s.last]

    def sentence_of(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def token_at(self, offset: int) -> int | None:
        """Index of the token that contains or starts at ``offset``; else the next token's index
        (``None`` past the last token). A C-level bisection over the token starts."""
        starts, ends = self.token_starts, self.token_ends
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < ends[i]:
            return i
        return i + 1 if i + 1 < len(starts) else None

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Token indices ``(first, last)`` (inclusive) of the tokens that hold characters ``start``
        and ``end - 1``: ``(token_at(start), token_at(end - 1))``, by dict lookup when the span
        starts and ends on token boundaries (entities, quantities, dates do). ``None`` if either
        side is past the last token."""
        maps = self._offset_maps
        if maps is None:
            starts, ends = self.token_starts, self.token_ends
            maps = self._offset_maps = (dict(zip(starts, range(len(starts)))),
                                        dict(zip(ends, range(len(ends)))))
        a = maps[0].get(start)
        if a is None:
            a = self.token_at(start)
        b = maps[1].get(end)
        if b is None:
            b = self.token_at(end - 1)
        if a is None or b is None:
            return None
        return a, b

    def key_list(self) -> list[str]:
        """The tokens' matching keys as a list (kept by the tokeniser), for scans that only need
        keys: ``[i for i, k in enumerate(doc.key_list()) if k in cues]`` runs at C-like speed."""
        return self.keys

    def entities_in(self, start: int, end: int, labels: tuple[str, ...] | None = None) -> Iterator[Entity]:
        for e in self.entities:
            if e.start >= start and e.end <= end and (labels is None or e.label in labels):
                yield e

    def norm_text(self, start: int, end: int) -> str:
        """Normalised text of the tokens inside ``[start, end)``, single-spaced."""
        return " ".join(t.norm for t in self.tokens if t.start >= start and t.end <= end)
