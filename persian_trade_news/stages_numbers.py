"""The ``quantities`` and ``dates`` stages: numbers are read on the RAW text (before any
normalisation, which would split ``42,000``) and become QUANTITY, MONEY, PERCENT and DATE
entities with exact offsets; the full mentions stay on ``doc.quantities`` / ``doc.dates``."""
from __future__ import annotations

import datetime as _dt

from .document import Document
from .pipeline import stage
from .records import Entity

def _scanned(doc: Document):
    """Tokens for the number readers: the document's own tokens (same offsets, word/num/punct
    kinds, matching keys), so the text is tokenised once for all stages."""
    return doc.tokens


_LABELS = {"money": "MONEY", "percent": "PERCENT", "quantity": "QUANTITY", "duration": "QUANTITY"}


@stage("quantities", provides=["quantities"], requires=["tokens"])
def make_quantities():
    """Numbers, quantities, money and percentages (QUANTITY, MONEY, PERCENT entities)."""
    from .quantities import find_quantities

    def run(doc: Document) -> None:
        found = find_quantities(doc.text, _scanned(doc), keys=doc.keys, kinds=doc.token_kinds)
        doc.quantities = [q for q in found if q.start >= doc.body_start]
        for q in doc.quantities:
            label = _LABELS.get(q.kind)
            if label is None:
                continue
            doc.entities.append(Entity(text=doc.raw[q.start:q.end], label=label, start=q.start, end=q.end,
                                       source="pattern", rule=f"quantities.{q.kind}", confidence=0.9))

    return run


@stage("dates", provides=["dates"], requires=["tokens"])
def make_dates():
    """Jalali, Gregorian, Hijri and relative dates, resolved against the article date (DATE entities)."""
    from .dates import find_dates

    def run(doc: Document) -> None:
        article_date = None
        if doc.date:
            try:
                article_date = _dt.date.fromisoformat(doc.date)
            except ValueError:
                article_date = None
        doc.dates = [d for d in find_dates(doc.text, article_date, _scanned(doc), keys=doc.keys,
                                                  kinds=doc.token_kinds) if d.start >= doc.body_start]
        for d in doc.dates:
            doc.entities.append(Entity(text=doc.raw[d.start:d.end], label="DATE", start=d.start, end=d.end,
                                       id=d.iso, source="pattern", rule=f"dates.{d.calendar}", confidence=0.85))

    return run
