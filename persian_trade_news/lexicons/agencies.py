"""The news-agency lexicon (``data/agencies.tsv``) matched on a document's token keys: which
agency name or alias (``فارس``, ``صدا و سیما``, ``خبرگزاری جمهوری اسلامی``) starts at a token."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..text.normalize import match_key
from ..text.tokenize import iter_token_spans
from . import aliases, rows

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document

__all__ = ["agency_at", "candidates", "match_at"]


@lru_cache(maxsize=1)
def _agencies() -> list[tuple[tuple[str, ...], str]]:
    """(alias as a tuple of token keys, canonical name), longest alias first."""
    out = []
    for row in rows("agencies.tsv"):
        canonical = row["name"]
        for alias in aliases(row):
            keys = tuple(match_key(alias[s:e]) for s, e, _ in iter_token_spans(alias))
            if keys:
                out.append((keys, canonical))
    out.sort(key=lambda x: -len(x[0]))
    return out


@lru_cache(maxsize=1)
def _agency_index() -> dict[str, list[tuple[int, tuple[str, ...], str]]]:
    """The aliases by the key a token must have to start them: (rank in :func:`_agencies`, keys,
    name). A one-word alias also under its ی form (صدا و سیمای)."""
    index: dict[str, list] = {}
    for n, (keys, canonical) in enumerate(_agencies()):
        firsts = {keys[0], keys[0] + "ی"} if len(keys) == 1 else {keys[0]}
        for k in firsts:
            index.setdefault(k, []).append((n, keys, canonical))
    return index


def candidates(doc: Document, j: int) -> list[tuple[int, tuple[str, ...], str]]:
    return _agency_index().get(doc.tokens[j].key, []) if j < len(doc.tokens) else []


def agency_at(doc: Document, i: int) -> int | None:
    """The token after an agency's name or alias (``فارس``, ``صدا و سیما``) starting at token ``i``,
    else ``None``."""
    for _, keys, _ in candidates(doc, i):
        end = match_at(doc, i, keys)
        if end is not None:
            return end
    return None


def match_at(doc: Document, i: int, keys: tuple[str, ...]) -> int | None:
    toks = doc.tokens
    for j, k in enumerate(keys):
        if i + j >= len(toks):
            return None
        tk = toks[i + j].key
        last = j == len(keys) - 1
        if tk != k and not (last and tk == k + "ی"):  # صدا و سیمای
            return None
    return i + len(keys)
