"""Spark integration (``[spark]`` extra): extraction over DataFrames too large for one machine.

    from persian_trade_news.interfaces.spark import extract_dataframe, explode_records
    out = extract_dataframe(df, text_col="text", id_col="id", date_col="date")   # + "article" JSON column
    visits = explode_records(out, "visits")                                      # one row per visit

``extract_dataframe`` runs ``mapInPandas`` (Arrow batches); each executor process builds the
pipeline once (a module-level cache) and reuses it for every partition. A failing article gets an
``error`` value instead of an ``article`` and the rest go on.
"""
from __future__ import annotations

import json
from typing import Iterator

from ..errors import MissingDependencyError

__all__ = ["extract_dataframe", "explode_records"]

_PIPELINE = None


def _pipeline():
    global _PIPELINE
    if _PIPELINE is None:
        from ..pipeline import Pipeline

        _PIPELINE = Pipeline.default()
    return _PIPELINE


def _spark():
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import functions as F, types as T
    except ImportError as exc:
        raise MissingDependencyError("pyspark", "spark") from exc
    return F, T


def _extract_batches(text_col: str, id_col: str | None, date_col: str | None, out_col: str):
    def run(batches: Iterator):
        import pandas as pd

        nlp = _pipeline()

        def value(x):
            return None if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)

        for pdf in batches:
            articles, errors = [], []
            for i in range(len(pdf)):
                text = pdf[text_col].iat[i]
                text = None if text is None or (not isinstance(text, (str, bytes)) and pd.isna(text)) else text
                aid = None if id_col is None else value(pdf[id_col].iat[i])
                date = None if date_col is None else value(pdf[date_col].iat[i])
                try:
                    a = nlp(text, id=aid, date=date)
                    articles.append(a.to_json(ensure_ascii=False))
                    errors.append(None)
                except Exception as exc:  # noqa: BLE001 - reported in the row
                    articles.append(None)
                    errors.append(f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:300]}")
            pdf = pdf.copy()
            pdf[out_col] = articles
            pdf["error"] = errors
            yield pdf

    return run


def extract_dataframe(df, *, text_col: str = "text", id_col: str | None = None, date_col: str | None = None,
                      output_col: str = "article"):
    """``df`` with two more string columns: ``output_col`` (the Article as JSON, per
    CONTRACT.md) and ``error`` (null, or the error of that row)."""
    F, T = _spark()
    schema = T.StructType(list(df.schema.fields) + [T.StructField(output_col, T.StringType(), True),
                                                    T.StructField("error", T.StringType(), True)])
    return df.mapInPandas(_extract_batches(text_col, id_col, date_col, output_col), schema=schema)


def _flatten_batches(record: str, article_col: str, columns: list[str]):
    def run(batches: Iterator):
        import pandas as pd

        from .frames import flatten

        for pdf in batches:
            rows = []
            for value in pdf[article_col]:
                if value is None:
                    continue
                a = json.loads(value)
                for r in a.get(record) or []:
                    flat = {"article_id": a.get("id"), **flatten(r)}
                    rows.append({c: (None if flat.get(c) is None else
                                     flat[c] if isinstance(flat[c], str) else json.dumps(flat[c], ensure_ascii=False))
                                 for c in columns})
            yield pd.DataFrame(rows, columns=columns)

    return run


def explode_records(df, record: str = "visits", *, article_col: str = "article"):
    """One row per record of the list ``record`` (``visits``, ``trade_flows``...), with the columns
    of :func:`persian_trade_news.interfaces.frames.flatten` as strings (numbers JSON-encoded)."""
    F, T = _spark()
    from ..records import RECORD_LISTS

    if record not in RECORD_LISTS:
        raise KeyError(f"unknown record list {record!r}")
    columns = ["article_id", *_columns_of(record)]
    schema = T.StructType([T.StructField(c, T.StringType(), True) for c in columns])
    return df.select(article_col).mapInPandas(_flatten_batches(record, article_col, columns), schema=schema)


def _columns_of(record: str) -> list[str]:
    """The flattened column names of a fully populated record of this list."""
    from .frames import flatten

    sample = _SAMPLES().get(record)
    if sample is None:
        return []
    return list(flatten(sample.to_dict()))


def _SAMPLES():
    from .. import records as R

    sp = R.Span(start=0, end=1, text="a")
    pl = R.Place(name="n", kind="province", id="IR-00")
    party = R.Party(name="n", kind="delegation", place=pl, leader="l")
    kw = dict(evidence=sp, rule="r", confidence=0.5)
    return {
        "entities": R.Entity(text="a", label="CITY", start=0, end=1, id="x", source="s", mentions=[sp]),
        "people": R.Person(name="n", roles=["r"], organization="o", place=pl, mentions=[sp]),
        "visits": R.Visit(visitor=party, destination=pl, origin=pl, host=party, duration_days=1, date="d",
                          status="planned", purpose="p", **kw),
        "meetings": R.Meeting(participants=[party], place=pl, topic="t", **kw),
        "capacities": R.Capacity(subject=pl, measure="production", item="i", value=1, value_max=2, unit="t",
                                 qualifier="exact", period="year", **kw),
        "shares": R.Share(subject=pl, value=1, of="o", **kw),
        "rankings": R.Ranking(subject=pl, item="i", rank=1, label="l", scope="national", **kw),
        "trade_flows": R.TradeFlow(direction="export", origin=pl, destinations=[pl], item="i",
                                   value=R.Money(amount=1, currency="USD"), quantity=R.Amount(value=1, unit="t"),
                                   period="p", change_percent=1.0, **kw),
        "sectors": R.Sector(sector="trade", isic="G", text="t", **kw),
        "products": R.Product(name="n", text="t", hs="1", **kw),
        "projects": R.Project(name="n", kind="k", products=["p"], place=pl, partners=[party], foreign_investment=True,
                              status="planned", progress_percent=1.0, investment=R.Money(amount=1, currency="IRR"), **kw),
        "cooperations": R.Cooperation(parties=[pl, party], areas=["trade"], status="intent", **kw),
        "agreements": R.Agreement(parties=[pl, party], kind="mou", status="signed", topic="t", **kw),
        "statements": R.Statement(speaker="s", role="r", cue="c", content=sp, **kw),
    }
