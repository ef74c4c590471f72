"""Record lists as pandas DataFrames (``[notebook]`` extra).

    df = persian_trade_news.to_dataframe(articles, "visits")

One row per record, one column per field; a place or party becomes ``<field>_name``,
``<field>_id`` and ``<field>_kind`` columns (a party's own place ``<field>_place_name`` /
``_place_id``); lists of places or parties become ``;``-joined ``<field>_names`` and
``<field>_ids``; evidence becomes ``evidence_text``, ``evidence_start``, ``evidence_end``; money
and amounts become ``<field>_amount``/``<field>_currency`` and ``<field>_value``/``<field>_unit``.
``article_id`` comes first. ``record="events"`` flattens ``Article.events()``.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import MissingDependencyError

__all__ = ["to_dataframe", "flatten"]


def _pd():
    try:
        import pandas as pd
    except ImportError as exc:
        raise MissingDependencyError("pandas", "notebook") from exc
    return pd


def _articles(articles) -> list:
    from .records import Article

    if isinstance(articles, (Article, Mapping)):
        articles = [articles]
    out = []
    for a in articles:
        out.append(Article.from_dict(a) if isinstance(a, Mapping) else a)
    return out


def _place_cols(prefix: str, v: dict | None, out: dict) -> None:
    v = v or {}
    out[f"{prefix}_name"] = v.get("name")
    out[f"{prefix}_id"] = v.get("id")
    out[f"{prefix}_kind"] = v.get("kind")
    if "place" in v or "leader" in v:  # a party
        p = v.get("place") or {}
        out[f"{prefix}_place_name"] = p.get("name")
        out[f"{prefix}_place_id"] = p.get("id")
        if "leader" in v:
            out[f"{prefix}_leader"] = v.get("leader")


def flatten(record: dict) -> dict[str, Any]:
    """One record dict (``to_dict()``) as a flat row."""
    row: dict[str, Any] = {}
    for k, v in record.items():
        if k in ("evidence", "content", "mentions") and (isinstance(v, dict) or v is None):
            v = v or {}
            row[f"{k}_text"], row[f"{k}_start"], row[f"{k}_end"] = v.get("text"), v.get("start"), v.get("end")
        elif isinstance(v, dict) and ("amount" in v and "currency" in v):
            row[f"{k}_amount"], row[f"{k}_currency"] = v.get("amount"), v.get("currency")
        elif isinstance(v, dict) and ("value" in v and "unit" in v):
            row[f"{k}_value"], row[f"{k}_unit"] = v.get("value"), v.get("unit")
        elif isinstance(v, dict) and "name" in v:
            _place_cols(k, v, row)
        elif isinstance(v, dict):
            for kk, vv in v.items():
                row[f"{k}_{kk}"] = vv
        elif isinstance(v, list) and v and all(isinstance(x, dict) and "name" in x for x in v):
            row[f"{k}_names"] = ";".join(str(x.get("name") or "") for x in v)
            row[f"{k}_ids"] = ";".join(str(x.get("id") or "") for x in v)
            row[f"{k}_kinds"] = ";".join(str(x.get("kind") or "") for x in v)
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):  # spans (mentions)
            row[f"{k}_texts"] = ";".join(str(x.get("text") or "") for x in v)
            row[f"{k}_count"] = len(v)
        elif isinstance(v, list):
            row[k] = ";".join(str(x) for x in v) if v else None
        else:
            row[k] = v
    return row


def to_dataframe(articles, record: str = "visits"):
    """A DataFrame of one record list (any list of the contract, ``entities``, ``people`` or
    ``events``) over one or many Articles (objects or dicts)."""
    from .records import RECORD_LISTS

    pd = _pd()
    if record not in RECORD_LISTS and record != "events":
        raise KeyError(f"unknown record list {record!r}; one of {', '.join((*RECORD_LISTS, 'events'))}")
    rows = []
    for a in _articles(articles):
        items = a.events() if record == "events" else [r.to_dict() for r in getattr(a, record)]
        for r in items:
            rows.append({"article_id": a.id, **flatten(r)})
    if not rows:
        return pd.DataFrame(columns=["article_id"])
    return pd.DataFrame(rows)
