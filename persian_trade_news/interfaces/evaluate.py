"""Measure the extractor against hand-annotated gold files (like ``spacy evaluate``).

    >>> from persian_trade_news.interfaces.evaluate import evaluate
    >>> result = evaluate("../shared/gold/dev")                  # runs extract() on each article
    >>> result = evaluate("gold/", "predictions.jsonl")           # scores saved predictions
    >>> result.micro.f1, result.lists["visits"].recall

    persian-trade-news evaluate --gold DIR [--pred FILE.jsonl] [--base-dir DIR] [--details] [--json]

The matching rules are those of "What the scorer counts" in the output contract
(``shared/CONTRACT.md``) and give exactly the figures of ``shared/tools/score.py``:

* text compares after folding Arabic ي/ك to Persian ی/ک and dropping ZWNJ, spaces, diacritics
  and punctuation (:func:`norm`);
* each list has its own matcher (:data:`MATCHERS`); ``entities``, ``sectors``, ``products`` and
  ``statements`` count each distinct value once per article (:func:`dedupe`);
* matching is greedy and one-to-one: gold records in order, each taking the first unused
  prediction that matches it (:func:`score_list`);
* a list absent from a gold file is not scored for that article; an empty list is scored
  (every prediction in it is a false alarm).

Standard library only; nothing of the package is imported until it is needed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

__all__ = [
    "ENTITY_LABELS",
    "LISTS",
    "MATCHERS",
    "ONCE_PER_ARTICLE",
    "Evaluation",
    "FalseAlarm",
    "Finding",
    "ListMatch",
    "ListScore",
    "Miss",
    "add_arguments",
    "compact",
    "dedupe",
    "default_base_dir",
    "evaluate",
    "load_gold",
    "load_predictions",
    "main",
    "norm",
    "prf",
    "run",
    "same_name",
    "same_party",
    "same_place",
    "score_articles",
    "score_list",
    "words",
]

Record = dict[str, Any]

#: The scored lists, in the order the table prints them.
LISTS: tuple[str, ...] = (
    "entities", "people", "visits", "meetings", "capacities", "shares", "rankings",
    "trade_flows", "sectors", "products", "projects", "cooperations", "agreements", "statements",
)
#: Entity labels that are scored; other labels are ignored on both sides.
ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "COUNTRY", "PROVINCE", "CITY"})

EXIT_OK, EXIT_USAGE = 0, 2


# ====================================================================== text
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا",
                       "ٱ": "ا", "ؤ": "و"})
# ZWNJ/ZWJ, direction marks, tatweel, diacritics, whitespace and punctuation
_DROP = re.compile(r"[\u200c\u200d\u200e\u200f\u0640\u064b-\u065f\u0670\s\-_.،,:؛«»\"'()]")
_WORD_SPLIT = re.compile(r"[\s\u200c]+")


def norm(text: Any) -> str:
    """The comparison form of a text: Persian ی/ک, no ZWNJ, spaces, diacritics or punctuation."""
    return _DROP.sub("", str(text or "").translate(_FOLD))


def words(text: Any) -> list[str]:
    """The words of a text (split on spaces and ZWNJ), with letters folded as in :func:`norm`."""
    return [w for w in _WORD_SPLIT.split(str(text or "").translate(_FOLD)) if w]


# ====================================================================== places, parties, names
def _name_of(x: Any) -> Any:
    return x if isinstance(x, str) else x.get("name")


def same_place(pred: Any, gold: Any) -> bool:
    """Places (dicts or names) match on ``id`` when both have one, else on name: equal, or one
    contains the other when the shorter has at least 3 letters."""
    if not pred or not gold:
        return False
    if isinstance(pred, dict) and isinstance(gold, dict) and pred.get("id") and gold.get("id"):
        return pred["id"] == gold["id"]
    a, b = norm(_name_of(pred)), norm(_name_of(gold))
    if not a:
        return False
    if a == b:
        return True
    return len(min(a, b, key=len)) >= 3 and (a in b or b in a)


def same_name(pred: Any, gold: Any) -> bool:
    """Names match when equal after :func:`norm`, or when every word of the gold name is in the
    prediction and the prediction has at most one word more."""
    g, p = words(gold), words(pred)
    if not g or not p:
        return False
    if norm(pred) == norm(gold):
        return True
    gold_words = [norm(w) for w in g]
    pred_words = [norm(w) for w in p]
    return all(w in pred_words for w in gold_words) and len(pred_words) - len(gold_words) <= 1


def same_party(pred: Any, gold: Any) -> bool:
    """Parties match on name (:func:`same_name`), or on place (:func:`same_place`) when either is
    a ``place`` or a ``delegation`` (a delegation's place is its ``place`` field)."""
    if not pred or not gold:
        return False
    if isinstance(pred, str) or isinstance(gold, str):
        return same_name(_name_of(pred), _name_of(gold))
    if same_name(pred.get("name"), gold.get("name")):
        return True
    kinds = (pred.get("kind"), gold.get("kind"))
    if any(k in ("place", "delegation") for k in kinds):
        return same_place(_party_place(pred), _party_place(gold))
    return False


def _party_place(party: Record) -> Any:
    return party if party.get("kind") == "place" else party.get("place")


def _close(a: Any, b: Any, tolerance: float) -> bool:
    """Two numbers within ``tolerance`` (relative to the larger); non-numbers never match."""
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)


def _subject_ok(pred: Record, gold: Record) -> bool:
    """The prediction's subject matches the gold one; true when gold names no subject. A gold
    place subject is compared as a place (a predicted delegation through its place)."""
    gs = gold.get("subject")
    if not gs:
        return True
    ps = pred.get("subject")
    if isinstance(gs, dict) and gs.get("kind") not in (None, "person", "delegation", "organization"):
        if isinstance(ps, dict) and ps.get("kind") == "delegation":
            ps = ps.get("place")
        return same_place(ps, gs)
    return same_party(ps, gs) or same_place(ps, gs)


def _party_or_place(a: Any, b: Any) -> bool:
    return same_party(a, b) or same_place(a, b)


def _same_party_set(pred: Any, gold: Any) -> bool:
    """As many parties on both sides, each gold party matched by its own predicted party."""
    ps, gs = list(pred or []), list(gold or [])
    if len(ps) != len(gs):
        return False
    used: set[int] = set()
    for g in gs:
        hit = next((i for i, p in enumerate(ps) if i not in used and _party_or_place(p, g)), None)
        if hit is None:
            return False
        used.add(hit)
    return True


# ====================================================================== per-list matchers
# Each takes (prediction, gold) and says whether the prediction may count for that gold record.
def _match_entities(p: Record, g: Record) -> bool:
    return p.get("label") == g.get("label") and norm(p.get("text")) == norm(g.get("text"))


def _match_people(p: Record, g: Record) -> bool:
    return same_name(p.get("name"), g.get("name"))


def _match_visits(p: Record, g: Record) -> bool:
    if not same_place(p.get("destination"), g.get("destination")):
        return False
    gv, pv = g.get("visitor") or {}, p.get("visitor") or {}
    if gv and same_party(pv, gv):
        return True
    if g.get("origin"):
        origin = p.get("origin") or (pv.get("place") if isinstance(pv, dict) else None)
        return same_place(origin, g.get("origin"))
    return False


def _match_meetings(p: Record, g: Record) -> bool:
    return any(same_party(a, b) for a in p.get("participants") or [] for b in g.get("participants") or [])


def _match_capacities(p: Record, g: Record) -> bool:
    return _close(p.get("value"), g.get("value"), 0.005) and p.get("unit") == g.get("unit") and _subject_ok(p, g)


def _match_shares(p: Record, g: Record) -> bool:
    return _close(p.get("value"), g.get("value"), 1e-6) and _subject_ok(p, g)


def _match_rankings(p: Record, g: Record) -> bool:
    if g.get("rank") is None:
        rank_ok = p.get("rank") is None and p.get("label") == g.get("label", "top")
    else:
        rank_ok = p.get("rank") == g.get("rank")
    return rank_ok and _subject_ok(p, g)


def _match_trade_flows(p: Record, g: Record) -> bool:
    if p.get("direction") != g.get("direction"):
        return False
    gv, pv = g.get("value") or {}, p.get("value") or {}
    if gv and pv and pv.get("currency") == gv.get("currency") and _close(pv.get("amount"), gv.get("amount"), 0.01):
        return True
    gq, pq = g.get("quantity") or {}, p.get("quantity") or {}
    return bool(gq and pq and pq.get("unit") == gq.get("unit") and _close(pq.get("value"), gq.get("value"), 0.01))


def _match_sectors(p: Record, g: Record) -> bool:
    return p.get("sector") == g.get("sector")


def _match_products(p: Record, g: Record) -> bool:
    name = norm(p.get("name"))
    if name and name == norm(g.get("name")):
        return True
    return bool(g.get("hs")) and p.get("hs") == g.get("hs")


def _match_projects(p: Record, g: Record) -> bool:
    a = {norm(w) for w in words(p.get("name"))}
    b = {norm(w) for w in words(g.get("name"))}
    if a and b and len(a & b) / len(a | b) >= 0.3:
        return True
    shared = {norm(x) for x in p.get("products") or []} & {norm(x) for x in g.get("products") or []}
    return bool(shared) and same_place(p.get("place"), g.get("place"))


def _match_cooperations(p: Record, g: Record) -> bool:
    return _same_party_set(p.get("parties"), g.get("parties"))


def _match_agreements(p: Record, g: Record) -> bool:
    return p.get("kind") == g.get("kind") and any(
        _party_or_place(a, b) for a in p.get("parties") or [] for b in g.get("parties") or [])


def _match_statements(p: Record, g: Record) -> bool:
    return same_name(p.get("speaker"), g.get("speaker"))


Matcher = Callable[[Record, Record], bool]

#: list name -> ``matcher(prediction, gold) -> bool``
MATCHERS: dict[str, Matcher] = {
    "entities": _match_entities,
    "people": _match_people,
    "visits": _match_visits,
    "meetings": _match_meetings,
    "capacities": _match_capacities,
    "shares": _match_shares,
    "rankings": _match_rankings,
    "trade_flows": _match_trade_flows,
    "sectors": _match_sectors,
    "products": _match_products,
    "projects": _match_projects,
    "cooperations": _match_cooperations,
    "agreements": _match_agreements,
    "statements": _match_statements,
}

#: Lists scored as distinct values per article: list name -> the value's key.
ONCE_PER_ARTICLE: dict[str, Callable[[Record], Any]] = {
    "entities": lambda r: (r.get("label"), norm(r.get("text"))),
    "sectors": lambda r: r.get("sector"),
    "products": lambda r: norm(r.get("name")) or r.get("hs"),
    "statements": lambda r: norm(r.get("speaker")),
}


# ====================================================================== scoring one list
def dedupe(name: str, records: Iterable[Any] | None) -> list[Record]:
    """The records of list ``name`` that are scored: dicts only, entities of the scored labels
    only, and for the once-per-article lists the first record of each distinct value."""
    out = [r for r in records or [] if isinstance(r, dict)]
    if name == "entities":
        out = [r for r in out if r.get("label") in ENTITY_LABELS]
    key = ONCE_PER_ARTICLE.get(name)
    if key is None:
        return out
    seen: set[Any] = set()
    distinct = []
    for r in out:
        k = key(r)
        if k not in seen:
            seen.add(k)
            distinct.append(r)
    return distinct


@dataclass(frozen=True)
class ListMatch:
    """The outcome of matching one list of one article."""

    tp: int
    misses: list[Record]
    false_alarms: list[Record]

    @property
    def fp(self) -> int:
        return len(self.false_alarms)

    @property
    def fn(self) -> int:
        return len(self.misses)


def score_list(name: str, predicted: Iterable[Any] | None, gold: Iterable[Any] | None) -> ListMatch:
    """Greedy one-to-one matching of list ``name``: each gold record, in order, takes the first
    prediction not yet taken that matches it."""
    if name not in MATCHERS:
        raise KeyError(f"unknown list {name!r}; one of {', '.join(LISTS)}")
    pred, gold_records = dedupe(name, predicted), dedupe(name, gold)
    match = MATCHERS[name]
    used: set[int] = set()
    misses = []
    for g in gold_records:
        hit = next((i for i, p in enumerate(pred) if i not in used and match(p, g)), None)
        if hit is None:
            misses.append(g)
        else:
            used.add(hit)
    false_alarms = [p for i, p in enumerate(pred) if i not in used]
    return ListMatch(len(used), misses, false_alarms)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1. With nothing predicted precision is 1 if nothing was missed,
    with nothing to find recall is 1."""
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ====================================================================== results
def _rounded(x: float, digits: int | None) -> float:
    return x if digits is None else round(x, digits)


@dataclass(frozen=True)
class ListScore:
    """Counts and scores of one list (or of all lists together: the micro average)."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> ListScore:
        return cls(tp, fp, fn, *prf(tp, fp, fn))

    def to_dict(self, digits: int | None = 3) -> dict[str, Any]:
        """``{"tp", "fp", "fn", "precision", "recall", "f1"}``, scores rounded as score.py does
        (``digits=None`` keeps them exact)."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": _rounded(self.precision, digits), "recall": _rounded(self.recall, digits),
                "f1": _rounded(self.f1, digits)}


_UNSCORED_KEYS = ("evidence", "rule", "confidence", "start", "end", "mentions", "content")


def compact(record: Mapping[str, Any], width: int = 220) -> str:
    """One-line JSON of a record without its provenance and offsets, cut to ``width`` characters."""
    keep = {k: v for k, v in record.items() if k not in _UNSCORED_KEYS}
    return json.dumps(keep, ensure_ascii=False)[:width]


@dataclass(frozen=True)
class Finding:
    """A record of one list of one article that did not match: its article id, list name and
    the record itself (as a dict)."""

    article_id: str
    list_name: str
    record: Record

    tag: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "list_name": self.list_name, "record": self.record}

    def line(self) -> str:
        """``<id> <list> MISS|FALSE <compact JSON>``, as ``score.py --details`` prints it."""
        return f"{self.article_id} {self.list_name} {self.tag:<5} {compact(self.record)}"


@dataclass(frozen=True)
class Miss(Finding):
    """A gold record that no prediction matched (a false negative)."""

    tag: ClassVar[str] = "MISS"


@dataclass(frozen=True)
class FalseAlarm(Finding):
    """A prediction that matched no gold record (a false positive)."""

    tag: ClassVar[str] = "FALSE"


@dataclass(frozen=True)
class Evaluation:
    """The result of :func:`evaluate`.

    ``lists`` holds, in :data:`LISTS` order, every list with at least one true positive, false
    positive or false negative (as score.py's table); ``micro`` pools all of them; ``articles``
    is the number of gold articles; ``article_ids`` their ids in order.
    """

    lists: dict[str, ListScore]
    micro: ListScore
    articles: int
    misses: list[Miss] = field(default_factory=list)
    false_alarms: list[FalseAlarm] = field(default_factory=list)
    article_ids: tuple[str, ...] = ()

    def to_dict(self, *, details: bool = False, digits: int | None = 3) -> dict[str, Any]:
        """``{"lists", "micro", "articles"}``, the same shape as ``score.py --json``; with
        ``details=True`` also ``"misses"`` and ``"false_alarms"``."""
        out: dict[str, Any] = {
            "lists": {name: s.to_dict(digits) for name, s in self.lists.items()},
            "micro": self.micro.to_dict(digits),
            "articles": self.articles,
        }
        if details:
            out["misses"] = [m.to_dict() for m in self.misses]
            out["false_alarms"] = [a.to_dict() for a in self.false_alarms]
        return out

    def details(self) -> Iterator[Finding]:
        """Misses and false alarms in score.py's order: by article, then list, misses first."""
        rank = {aid: i for i, aid in reversed(list(enumerate(self.article_ids)))}
        order = {name: i for i, name in enumerate(LISTS)}
        found: list[Finding] = [*self.misses, *self.false_alarms]
        # sorted() is stable, so records of one (article, list, kind) keep their order
        yield from sorted(found, key=lambda f: (rank.get(f.article_id, len(rank)),
                                                order.get(f.list_name, len(order)),
                                                isinstance(f, FalseAlarm)))

    def table(self) -> str:
        """The score table as score.py prints it."""
        lines = [f"{'list':<14}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}"]
        for name, s in [*self.lists.items(), ("micro", self.micro)]:
            lines.append(f"{name:<14}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
                         f"{round(s.precision, 3):>7.3f}{round(s.recall, 3):>7.3f}{round(s.f1, 3):>7.3f}")
        lines.append(f"articles: {self.articles}")
        return "\n".join(lines)


# ====================================================================== loading gold and predictions
def _input_error(message: str) -> Exception:
    from ..errors import InputError

    return InputError(message)


def default_base_dir(gold_folder: str | os.PathLike[str]) -> Path:
    """Where a gold folder's ``article`` paths are resolved by default: the folder's parent's
    parent (``shared/gold/dev`` -> ``shared``), the layout of the project's own gold files."""
    return Path(gold_folder).resolve().parent.parent


def load_gold(folder: str | os.PathLike[str]) -> list[Record]:
    """The gold files ``*.json`` of ``folder``, sorted by file name, each with ``id`` defaulting
    to the file's stem. Raises ``InputError`` for a missing folder, no gold file or bad JSON."""
    path = Path(folder)
    if not path.is_dir():
        raise _input_error(f"gold folder not found: {str(path)!r}")
    gold = []
    for file in sorted(path.glob("*.json")):
        try:
            record = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _input_error(f"cannot read gold file {str(file)!r}: {exc}") from exc
        if not isinstance(record, dict):
            raise _input_error(f"gold file {str(file)!r} is not a JSON object")
        record.setdefault("id", file.stem)
        gold.append(record)
    if not gold:
        raise _input_error(f"no gold files (*.json) in {str(path)!r}")
    return gold


def _as_dict(article: Any) -> Record:
    """An Article (or anything with ``to_dict()``) as its dict; a mapping as a dict."""
    if hasattr(article, "to_dict"):
        article = article.to_dict()
    if not isinstance(article, Mapping):
        raise _input_error(f"a prediction must be an Article or a dict, not {type(article).__name__}")
    return dict(article)


def load_predictions(source: str | os.PathLike[str] | Mapping[Any, Any] | Iterable[Any]) -> dict[str, Record]:
    """Predictions keyed by article id (as ``str``) from a JSONL file of Article dicts with
    ``id``, a mapping ``id -> Article or dict``, or an iterable of Articles/dicts with ``id``."""
    if isinstance(source, (str, os.PathLike)):
        return _read_jsonl(Path(source))
    if isinstance(source, Mapping):
        return {str(k): _as_dict(v) for k, v in source.items()}
    out: dict[str, Record] = {}
    for article in source:
        d = _as_dict(article)
        out[str(d.get("id"))] = d
    return out


def _read_jsonl(path: Path) -> dict[str, Record]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _input_error(f"cannot read predictions {str(path)!r}: {exc}") from exc
    out: dict[str, Record] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _input_error(f"{path}:{n}: not JSON: {exc}") from exc
        if not isinstance(d, dict):
            raise _input_error(f"{path}:{n}: not a JSON object")
        out[str(d.get("id"))] = d
    return out


def _article_text(gold: Record, base_dir: Path | None) -> str | bytes:
    """The text a gold record annotates: its ``text`` field, else the file ``base_dir / article``
    (UTF-8 as text, like score.py; other encodings go to the extractor as bytes)."""
    if isinstance(gold.get("text"), str):
        return gold["text"]
    article = gold.get("article")
    if not article:
        raise _input_error(f"gold {gold.get('id')!r} has neither 'text' nor 'article'")
    path = Path(base_dir) / article if base_dir is not None else Path(article)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.read_bytes()
    except OSError as exc:
        where = f" (resolved against base_dir {str(base_dir)!r}; pass base_dir= / --base-dir)" if base_dir else ""
        raise _input_error(f"article of gold {gold.get('id')!r} not found: {str(path)!r}{where}") from exc


def _predict(gold: Sequence[Record], pipeline: Callable[..., Any] | None, base_dir: Path | None) -> dict[str, Record]:
    if pipeline is None:
        from ..api import extract as pipeline
    return {str(g["id"]): _as_dict(pipeline(_article_text(g, base_dir), id=str(g["id"]))) for g in gold}


# ====================================================================== evaluate
def evaluate(gold: str | os.PathLike[str] | Iterable[Mapping[str, Any]],
             predictions: str | os.PathLike[str] | Mapping[Any, Any] | Iterable[Any] | None = None, *,
             pipeline: Callable[..., Any] | None = None,
             base_dir: str | os.PathLike[str] | None = None) -> Evaluation:
    """Score predictions against gold annotations, by the rules of score.py.

    Args:
        gold: a folder of ``*.json`` gold files (``{"id", "article", lists...}``, ``id``
            defaulting to the file stem), or an iterable of gold dicts (``id`` defaulting to the
            record's position, ``"0"``, ``"1"``...).
        predictions: ``None`` to run ``pipeline`` on each gold's article; a path to a JSONL file
            of Article dicts with ``id``; a mapping ``id -> Article or Article dict``; or an
            iterable of Articles/dicts with ``id``. An article without a prediction counts as
            predicting nothing.
        pipeline: what runs when ``predictions`` is ``None``: a :class:`~persian_trade_news.Pipeline`
            or any callable ``(text, id=...) -> Article or dict``; default
            :func:`persian_trade_news.extract`.
        base_dir: the folder ``article`` paths are relative to. Default: for a gold folder, its
            parent's parent (:func:`default_base_dir`: ``shared/gold/dev`` -> ``shared``); for an
            iterable, the current directory. A gold's ``text`` field, if any, is used instead
            of its file.

    Raises:
        InputError: a missing gold folder, no gold files, unreadable gold or predictions, or a
            gold whose article cannot be found.
    """
    if isinstance(gold, (str, os.PathLike)):
        golds = load_gold(gold)
        root = Path(base_dir) if base_dir is not None else default_base_dir(gold)
    else:
        golds = []
        for i, g in enumerate(gold):
            if not isinstance(g, Mapping):
                raise _input_error(f"gold #{i} is not a dict but {type(g).__name__}")
            golds.append({"id": str(i), **g})
        root = Path(base_dir) if base_dir is not None else None

    preds = _predict(golds, pipeline, root) if predictions is None else load_predictions(predictions)
    return score_articles(golds, preds)


def score_articles(gold: Sequence[Mapping[str, Any]], predictions: Mapping[str, Mapping[str, Any]]) -> Evaluation:
    """Score already loaded gold dicts (each with ``id``) against predictions keyed by ``str(id)``."""
    counts = {name: [0, 0, 0] for name in LISTS}
    misses: list[Miss] = []
    false_alarms: list[FalseAlarm] = []
    for g in gold:
        gid = str(g["id"])
        pred = predictions.get(gid) or {}
        for name in LISTS:
            if name not in g:  # absent list: not annotated, not scored
                continue
            m = score_list(name, pred.get(name), g.get(name))
            c = counts[name]
            c[0] += m.tp
            c[1] += m.fp
            c[2] += m.fn
            misses.extend(Miss(gid, name, r) for r in m.misses)
            false_alarms.extend(FalseAlarm(gid, name, r) for r in m.false_alarms)
    lists = {name: ListScore.from_counts(*c) for name, c in counts.items() if sum(c)}
    micro = ListScore.from_counts(*(sum(s.tp for s in lists.values()), sum(s.fp for s in lists.values()),
                                    sum(s.fn for s in lists.values())))
    return Evaluation(lists, micro, len(gold), misses, false_alarms, tuple(str(g["id"]) for g in gold))


# ====================================================================== command line
def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the ``evaluate`` options to ``parser`` (a subcommand's parser of the main CLI)."""
    parser.add_argument("--gold", required=True, type=Path, metavar="DIR",
                        help="folder of gold JSON files")
    parser.add_argument("--pred", type=Path, metavar="FILE.jsonl",
                        help="JSONL of Article dicts with ids (default: run extract() on each article)")
    parser.add_argument("--base-dir", type=Path, metavar="DIR", default=None,
                        help="folder the gold files' 'article' paths are relative to "
                             "(default: the gold folder's parent's parent)")
    parser.add_argument("--details", action="store_true", help="print each miss and false alarm")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``evaluate`` for parsed arguments; prints the table (or JSON) and returns the exit code."""
    from ..errors import InputError

    try:
        result = evaluate(args.gold, args.pred, base_dir=args.base_dir)
    except InputError as exc:
        print(f"persian-trade-news evaluate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.details:
        for found in result.details():
            print(found.line())
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(result.table())
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """``persian-trade-news evaluate ...`` as a stand-alone command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="persian-trade-news evaluate",
                                     description="Score the extractor against gold annotations.")
    add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse printed the usage error (or --help)
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
