"""Record lists as pandas DataFrames (``[notebook]`` extra).

    df = persian_trade_news.to_dataframe(articles, "visits")

One row per record, ``article_id`` first, then one column per field of the record, in the order of
the dataclass (``docs/records.md``), provenance (``evidence_*``, ``rule``, ``confidence``) last. Columns come from the record's type, not from the values, so
two frames of the same list always have the same columns, even when empty. Nested values are
spread over several columns:

========================================  =========================================================
field type                                columns
========================================  =========================================================
``Span`` (``evidence``, ``content``)      ``<f>_text``, ``<f>_start``, ``<f>_end``
``Place``                                 ``<f>_name``, ``<f>_id``, ``<f>_kind``
``Party``, ``Place | Party``              ``<f>_name``, ``<f>_id``, ``<f>_kind``, ``<f>_place_name``,
                                          ``<f>_place_id``, ``<f>_leader`` (a party's ``_id`` is its
                                          place's id)
``Money``                                 ``<f>_amount``, ``<f>_currency``
``Amount``                                ``<f>_value``, ``<f>_unit``
``list[Place | Party]``                   ``<f>_names``, ``<f>_ids``, ``<f>_kinds`` (``;``-joined)
``list[Span]`` (``Person.mentions``)      ``<f>_texts``, ``<f>_starts``, ``<f>_ends`` (``;``-joined),
                                          ``<f>_count``
``list[str]`` (``roles``, ``areas``...)   ``<f>`` (``;``-joined, ``None`` when empty)
anything else                             ``<f>`` as is
========================================  =========================================================

``record="events"`` flattens :meth:`Article.events` (CAMEO rows: ``event, code, actor, actor_id,
target, target_id, place, place_id, date, rule, confidence, start, end, text``).
"""
from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from ..errors import MissingDependencyError
from ..records.events import party_id

__all__ = ["EVENT_COLUMNS", "columns", "flatten", "to_dataframe"]

EVENT_COLUMNS = ("event", "code", "actor", "actor_id", "target", "target_id", "place", "place_id", "date",
                 "rule", "confidence", "start", "end", "text")


def _pd():
    try:
        import pandas as pd
    except ImportError as exc:
        raise MissingDependencyError("pandas", "notebook") from exc
    return pd


# ------------------------------------------------------------------ type-driven flattening
def _classes(tp: Any) -> set[type]:
    """The record classes inside ``Optional[...]`` / ``Union[...]``."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        out: set[type] = set()
        for a in args:
            out |= _classes(a)
        return out
    return {tp} if isinstance(tp, type) else set()


def _joined(values: Iterable[Any]) -> str | None:
    values = ["" if v is None else str(v) for v in values]
    return ";".join(values) if values else None


def _field_flattener(name: str, tp: Any) -> tuple[list[str], Callable[[Any], list[Any]]]:
    """(column names, value -> column values) for one dataclass field."""
    from .. import records as R

    origin = typing.get_origin(tp)
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        kinds = _classes(item)
        if kinds & {R.Place, R.Party}:
            return ([f"{name}_names", f"{name}_ids", f"{name}_kinds"],
                    lambda v: [_joined(x.name for x in v), _joined(party_id(x) for x in v),
                               _joined(x.kind for x in v)])
        if R.Span in kinds:
            return ([f"{name}_texts", f"{name}_starts", f"{name}_ends", f"{name}_count"],
                    lambda v: [_joined(s.text for s in v), _joined(s.start for s in v),
                               _joined(s.end for s in v), len(v)])
        return [name], lambda v: [_joined(v)]
    kinds = _classes(tp)
    if R.Span in kinds:
        return ([f"{name}_text", f"{name}_start", f"{name}_end"],
                lambda v: [None, None, None] if v is None else [v.text, v.start, v.end])
    if R.Party in kinds:  # Party, or Place | Party
        def party(v):
            if v is None:
                return [None] * 6
            place = v if isinstance(v, R.Place) else v.place
            return [v.name, party_id(v), v.kind, getattr(place, "name", None) if place is not v else None,
                    getattr(place, "id", None) if place is not v else None, getattr(v, "leader", None)]
        return ([f"{name}_name", f"{name}_id", f"{name}_kind", f"{name}_place_name", f"{name}_place_id",
                 f"{name}_leader"], party)
    if R.Place in kinds:
        return ([f"{name}_name", f"{name}_id", f"{name}_kind"],
                lambda v: [None] * 3 if v is None else [v.name, v.id, v.kind])
    if R.Money in kinds:
        return [f"{name}_amount", f"{name}_currency"], lambda v: [None] * 2 if v is None else [v.amount, v.currency]
    if R.Amount in kinds:
        return [f"{name}_value", f"{name}_unit"], lambda v: [None] * 2 if v is None else [v.value, v.unit]
    return [name], lambda v: [v]


_PROVENANCE = ("evidence", "rule", "confidence")


@cache
def _plan(cls: type) -> tuple[tuple[str, ...], tuple[tuple[str, Callable], ...]]:
    hints = typing.get_type_hints(cls)
    cols: list[str] = []
    steps = []
    fields = dataclasses.fields(cls)
    # the record's own fields first, provenance (evidence, rule, confidence) last
    fields = [f for f in fields if f.name not in _PROVENANCE] + [f for f in fields if f.name in _PROVENANCE]
    for f in fields:
        names, fn = _field_flattener(f.name, hints[f.name])
        cols += names
        steps.append((f.name, fn))
    return tuple(cols), tuple(steps)


def columns(record: str = "visits") -> list[str]:
    """The columns of ``to_dataframe(..., record)``, ``article_id`` first."""
    from ..records import RECORD_TYPES, Entity, Person

    if record == "events":
        return ["article_id", *EVENT_COLUMNS]
    cls = {"entities": Entity, "people": Person, **RECORD_TYPES}.get(record)
    if cls is None:
        raise KeyError(f"unknown record list {record!r}; one of {', '.join(_LISTS())}")
    return ["article_id", *_plan(cls)[0]]


def _record_class(d: Mapping, kind: Any = None) -> type:
    """The record class of a record dict: from ``kind`` (a list name or a class), else the class
    whose fields best match the dict's keys."""
    from .. import records as R

    by_list = {"entities": R.Entity, "people": R.Person, **R.RECORD_TYPES}
    if isinstance(kind, type):
        return kind
    if kind is not None:
        if kind not in by_list:
            raise KeyError(f"unknown record list {kind!r}; one of {', '.join(by_list)}")
        return by_list[kind]
    keys = set(d)

    def score(cls):
        names = {f.name for f in dataclasses.fields(cls)}
        return (len(keys & names) - len(keys - names) - len(names - keys), -len(names))

    return max(by_list.values(), key=score)


def flatten(record: Any, kind: Any = None) -> dict[str, Any]:
    """One record as a flat row (without ``article_id``): a dataclass of ``records.py`` or its
    ``to_dict()``; for a dict, ``kind`` (a list name such as ``"visits"``, or the class) says
    which record it is, else it is recognised from its keys."""
    if isinstance(record, Mapping):
        record = _record_class(record, kind).from_dict(dict(record))
    cols, steps = _plan(type(record))
    values: list[Any] = []
    for name, fn in steps:
        values += fn(getattr(record, name))
    return dict(zip(cols, values))


def _LISTS() -> tuple[str, ...]:
    from ..records import RECORD_LISTS

    return (*RECORD_LISTS, "events")


def _articles(articles: Any) -> list:
    from ..records import Article

    if isinstance(articles, (Article, Mapping)):
        articles = [articles]
    out = []
    for a in articles:
        if isinstance(a, Mapping):
            a = Article.from_dict(dict(a))
        elif not isinstance(a, Article):
            raise TypeError(f"expected an Article or its dict, got {type(a).__name__}")
        out.append(a)
    return out


def to_dataframe(articles: Any, record: str = "visits"):
    """A DataFrame of one record list over one or many articles.

    Args:
        articles: an :class:`~persian_trade_news.records.Article`, its ``to_dict()``, or an
            iterable of either (e.g. the output of ``extract_many``).
        record: any list of the contract (``"visits"``, ``"trade_flows"``...), ``"entities"``,
            ``"people"`` or ``"events"``.

    Raises:
        MissingDependencyError: pandas is not installed (``pip install 'persian_trade_news[notebook]'``).
        KeyError: an unknown list name.
    """
    pd = _pd()
    cols = columns(record)
    rows: list[list[Any]] = []
    for a in _articles(articles):
        if record == "events":
            for ev in a.events():
                rows.append([a.id, *(ev.get(c) for c in EVENT_COLUMNS)])
        else:
            for r in getattr(a, record):
                row = flatten(r)
                rows.append([a.id, *(row[c] for c in cols[1:])])
    return pd.DataFrame(rows, columns=cols)
