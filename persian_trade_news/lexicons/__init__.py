"""Lexicons: data files under ``lexicons/data/`` (sources and licences in its README), loaded
once per process and matched with an Aho-Corasick automaton over matching keys.

* :func:`rows` reads one TSV file (``#`` comment lines, then a header row).
* :class:`Gazetteer` finds entries in a document's token stream: keys ignore ZWNJ, spaces,
  Arabic ي/ك and hamza forms, so ``آذربایجان‌شرقی``, ``آذربایجان شرقی`` and ``آذربايجان شرقي``
  are one entry; a match must start and end on token boundaries inside one sentence.
* :mod:`.index` compiles the files into the matchers the stages share (places, products and
  sectors, organisation and title heads); :mod:`.agencies` matches news-agency names;
  :mod:`.words` holds the closed-class words (stop words, light verbs) several stages need.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..text.normalize import fold, match_key

DATA = Path(__file__).resolve().parent / "data"
_lock = threading.Lock()


def data_path(name: str) -> Path:
    return DATA / name


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/<name>`` as dicts keyed by the header (missing columns are "")."""
    path = DATA / name
    out = []
    header: list[str] | None = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            cells += [""] * (len(header) - len(cells))
            out.append({h: c.strip() for h, c in zip(header, cells)})
    return tuple(out)


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """Non-comment lines of a one-column text file."""
    with open(DATA / name, encoding="utf-8") as fh:
        return tuple(fold(l.strip()) for l in fh if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=None)
def one_word_keys(*names: str, skip_ids: tuple[str, ...] = ()) -> frozenset[str]:
    """The match keys of the one-word names and aliases of the rows of the files ``names``
    (``countries.tsv``, ``provinces.tsv``...), leaving out the rows whose id is in ``skip_ids``."""
    return frozenset(match_key(a) for f in names for r in rows(f) if r.get("id") not in skip_ids
                     for a in aliases(r) if " " not in a.strip())


@lru_cache(maxsize=None)
def adjective_keys(*names: str) -> frozenset[str]:
    """«آمریکایی», «شیرازی»: the one-word names of those files with the adjective suffix ی
    (یی after ا/و), the demonym of a country or the nisba of a town."""
    return frozenset(n + ("یی" if n.endswith(("ا", "و")) else "ی") for n in one_word_keys(*names) if len(n) > 2)


def aliases(row: dict[str, str], *cols: str) -> list[str]:
    """The row's name plus its ``|``-separated aliases."""
    names = [row.get("name", "")]
    for c in cols or ("aliases",):
        names += [a for a in row.get(c, "").split("|")]
    return [fold(n).strip() for n in names if n and n.strip()]


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry: ``label`` (entity label), canonical ``name``, ``id`` and extra data."""

    label: str
    name: str
    id: str | None = None
    kind: str | None = None
    data: tuple[tuple[str, Any], ...] = ()
    solid: bool = False  # written as one word: may not match across a space
    ambiguous: bool = False
    suffixes: tuple[str, ...] = ()
    priority: int = 0

    def get(self, key: str, default: Any = None) -> Any:
        for k, v in self.data:
            if k == key:
                return v
        return default


class PhraseIndex:
    """Token-key phrases indexed by their first key: ``match(tokens, i)`` finds the longest phrase
    starting at token ``i`` in O(phrases sharing that first key), not O(all phrases)."""

    def __init__(self, items: Iterable[tuple[tuple[str, ...], Any]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for keys, payload in items:
            if keys:
                self._by_first.setdefault(keys[0], []).append((keys, payload))
        for bucket in self._by_first.values():
            bucket.sort(key=lambda kp: -len(kp[0]))

    def __contains__(self, key: str) -> bool:
        return key in self._by_first

    def positions(self, keys: list[str]) -> list[int]:
        """Indices in ``keys`` (a document's token keys) where a phrase may start: one pass in a
        comprehension with a dict lookup, instead of a method call per token."""
        first = self._by_first
        return [i for i, k in enumerate(keys) if k in first]

    def starting_with(self, key: str) -> list[tuple[tuple[str, ...], Any]]:
        """The (keys, payload) phrases whose first key is ``key``, longest first."""
        return self._by_first.get(key, [])

    def match(self, keys: list[str], i: int, sents: list[int] | None = None) -> tuple[int, Any] | None:
        """The longest phrase starting at token ``i`` of a document's token ``keys``: returns
        ``(index after it, payload)`` or ``None``. With ``sents`` (each token's sentence index)
        the phrase must lie in one sentence."""
        bucket = self._by_first.get(keys[i])
        if not bucket:
            return None
        n = len(keys)
        for phrase, payload in bucket:
            m = len(phrase)
            if i + m > n:
                continue
            j = 1
            while j < m and keys[i + j] == phrase[j]:
                j += 1
            if j == m and (sents is None or sents[i + m - 1] == sents[i]):
                return i + m, payload
        return None


@dataclass
class Match:
    first: int  # token index
    last: int  # token index, exclusive
    entry: Entry
    candidates: tuple[Entry, ...] = field(default_factory=tuple)


class Gazetteer:
    """An Aho-Corasick automaton (pyahocorasick) over matching keys of entries."""

    def __init__(self) -> None:
        self._entries: dict[str, list[Entry]] = {}
        self._automaton = None

    def add(self, surface: str, entry: Entry) -> None:
        key = match_key(surface)
        if len(key) < 2:
            return
        solid = " " not in fold(surface).strip() and "\u200c" not in fold(surface)
        if solid != entry.solid:
            entry = Entry(**{**entry.__dict__, "solid": solid})
        bucket = self._entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self._automaton = None

    def entries_for(self, key: str) -> list[Entry]:
        """Entries whose matching key is exactly ``key``."""
        return list(self._entries.get(key, ()))

    def __len__(self) -> int:
        return len(self._entries)

    def _build(self):
        import ahocorasick

        a = ahocorasick.Automaton()
        for key, entries in self._entries.items():
            a.add_word(key, (len(key) - 1, key, tuple(entries)))
        a.make_automaton()
        self._automaton = a
        return a

    @staticmethod
    def prepare(keys: list[str]) -> tuple:
        """The concatenated key stream of a document's token ``keys`` with its offset maps
        (share it between gazetteers run over the same document)."""
        bounds = list(accumulate(map(len, keys), initial=0))
        idx = range(len(keys))
        # a token with an empty key shares its position with the next one: the later token wins,
        # as it did when these maps were filled token by token
        return "".join(keys), dict(zip(bounds, idx)), dict(zip(bounds[1:], idx)), bounds

    def find(self, keys: list[str], sents: list[int], prepared: tuple | None = None) -> list[Match]:
        """All candidate matches (overlapping) on token boundaries, within one sentence, over a
        document's token ``keys`` and their sentence indices ``sents`` (``Document.keys`` and
        ``Document.token_sents``)."""
        if not keys or not self._entries:
            return []
        a = self._automaton or self._build()
        stream, starts, ends, bounds = prepared or self.prepare(keys)
        out: list[Match] = []
        suffixed: list[tuple[int, str]] = []  # (index in out, key) of the matches ending inside a token
        if not stream:
            return out
        # most hits start inside a token: drop them in one comprehension before the Python loop
        hits = [(end_idx, first, val) for end_idx, val in a.iter(stream)
                if (first := starts.get(end_idx - val[0])) is not None]
        for end_idx, first, (_, key, entries) in hits:
            kend = end_idx + 1
            last_tok = ends.get(kend)
            suffix = ""
            if last_tok is None:
                # inside a token: allowed only for an entry suffix (پروژه‌ها, محصولات...)
                # the token whose key holds position kend: bounds[ti] < kend < bounds[ti + 1]
                ti = bisect_left(bounds, kend) - 1
                if ti < 0 or ti >= len(keys):
                    continue
                suffix = keys[ti][kend - bounds[ti]:]
                last_tok = ti
            if sents[first] != sents[last_tok]:
                continue
            multi = last_tok > first
            ok = []
            for e in entries:
                if e.solid and multi:
                    continue
                if suffix and suffix not in e.suffixes:
                    continue
                ok.append(e)
            if ok:
                out.append(Match(first, last_tok + 1, ok[0], tuple(ok)))
                if suffix:
                    suffixed.append((len(out) - 1, key))
        if suffixed:
            # a word that is another entry of its own is not this entry with a suffix: کشتی (a ship)
            # is no کشت + ی; خودروها stays the plural of خودرو (the whole word's entry is خودرو)
            marked = {i for i, _ in suffixed}
            whole: dict[tuple[int, int], set[str]] = {}
            for i, m in enumerate(out):
                if i not in marked:
                    whole.setdefault((m.first, m.last), set()).update(match_key(e.name) for e in m.candidates)
            drop = {i for i, stem in suffixed
                    if (names := whole.get((out[i].first, out[i].last))) is not None and stem not in names}
            out = [m for i, m in enumerate(out) if i not in drop]
        return out


def select_longest(matches: Iterable[Match]) -> list[Match]:
    """Leftmost-longest, non-overlapping (ties: higher entry priority)."""
    ordered = sorted(matches, key=lambda m: (m.first, -(m.last - m.first), -m.entry.priority))
    out, taken_until = [], -1
    for m in ordered:
        if m.first >= taken_until:
            out.append(m)
            taken_until = m.last
        elif m.last - m.first > out[-1].last - out[-1].first and m.first == out[-1].first:
            out[-1] = m
            taken_until = m.last
    return out
