"""JSON Schema (draft 2020-12) of :class:`~persian_trade_news.records.Article`, generated from the
dataclasses themselves so it cannot drift from what ``to_dict()`` writes."""
from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, Union

from .. import records as R

_ENUMS: dict[tuple[str, str], tuple] = {
    ("Place", "kind"): R.PLACE_KINDS,
    ("Party", "kind"): R.PARTY_KINDS,
    ("Entity", "label"): R.ENTITY_LABELS,
    ("Visit", "status"): R.VISIT_STATUSES,
    ("Visit", "cameo"): ("042",),
    ("Meeting", "cameo"): ("036", "040"),
    ("Capacity", "measure"): R.MEASURES,
    ("Capacity", "qualifier"): R.QUALIFIERS,
    ("Capacity", "unit"): R.UNITS + R.CURRENCIES,
    ("Capacity", "period"): R.PERIODS,
    ("Ranking", "scope"): R.RANK_SCOPES,
    ("TradeFlow", "direction"): R.DIRECTIONS,
    ("Money", "currency"): R.CURRENCIES,
    ("Amount", "unit"): R.UNITS,
    ("Sector", "sector"): tuple(R.SECTORS),
    ("Project", "status"): R.PROJECT_STATUSES,
    ("Cooperation", "status"): R.COOPERATION_STATUSES,
    ("Cooperation", "cameo"): ("031", "061"),
    ("Agreement", "kind"): R.AGREEMENT_KINDS,
    ("Agreement", "status"): R.AGREEMENT_STATUSES,
    ("Agreement", "cameo"): ("057",),
}
_ITEM_ENUMS: dict[tuple[str, str], tuple] = {("Cooperation", "areas"): R.COOPERATION_AREAS}


def _type_schema(tp: Any, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        non_null = [a for a in args if a is not type(None)]
        options = [_type_schema(a, defs) for a in non_null]
        if type(None) in args:
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return {"type": "array", "items": _type_schema(item, defs)}
    if dataclasses.is_dataclass(tp):
        _add_def(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    return {}


def _add_def(cls: type, defs: dict) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls, vars(R))
    props, required = {}, []
    for f in dataclasses.fields(cls):
        schema = _type_schema(hints[f.name], defs)
        enum = _ENUMS.get((name, f.name))
        if enum:
            values = list(enum) + ([None] if _nullable(hints[f.name]) else [])
            schema = {"enum": values}
        item_enum = _ITEM_ENUMS.get((name, f.name))
        if item_enum:
            schema = {"type": "array", "items": {"enum": list(item_enum)}}
        props[f.name] = schema
        required.append(f.name)
    defs[name] = {"type": "object", "properties": props, "required": required,
                  "additionalProperties": False}


def _nullable(tp: Any) -> bool:
    return typing.get_origin(tp) in (Union, types.UnionType) and type(None) in typing.get_args(tp)


@lru_cache(maxsize=1)
def _schema() -> dict:
    defs: dict = {}
    _add_def(R.Article, defs)
    root = dict(defs.pop("Article"))
    root.update({"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "$id": "https://persian-trade-news.invalid/schema/article.json",
                 "title": "Article", "$defs": defs})
    return root


def json_schema() -> dict:
    """A JSON Schema of ``Article.to_dict()`` (a fresh copy each call)."""
    import copy

    return copy.deepcopy(_schema())
