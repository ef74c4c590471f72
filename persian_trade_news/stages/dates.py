"""The ``dates`` stage: Jalali, Gregorian, Hijri and relative dates read on the raw text by
:mod:`persian_trade_news.readers.dates`, resolved against the article date, become DATE entities;
the full mentions stay on ``doc.dates``."""
from __future__ import annotations

import datetime as _dt

from ..records import Entity
from ..text.document import Document
from . import stage


@stage("dates", provides=["dates"], requires=["tokens"])
def make_dates():
    """Jalali, Gregorian, Hijri and relative dates, resolved against the article date (DATE entities)."""
    from ..readers.dates import find_dates

    def run(doc: Document) -> None:
        article_date = None
        if doc.date:
            try:
                article_date = _dt.date.fromisoformat(doc.date)
            except ValueError:
                article_date = None
        doc.dates = [d for d in find_dates(doc.text, article_date, doc.tokens, keys=doc.keys,
                                                  kinds=doc.token_kinds) if d.start >= doc.body_start]
        for d in doc.dates:
            doc.entities.append(Entity(text=doc.raw[d.start:d.end], label="DATE", start=d.start, end=d.end,
                                       id=d.iso, source="pattern", rule=f"dates.{d.calendar}", confidence=0.85))

    return run
