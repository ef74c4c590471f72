"""The ``quantities`` stage: numbers are read on the RAW text (before any normalisation, which
would split ``42,000``) by :mod:`persian_trade_news.readers.quantities` and become QUANTITY, MONEY
and PERCENT entities with exact offsets; the full mentions stay on ``doc.quantities``."""
from __future__ import annotations

from ..records import Entity
from ..text.document import Document
from . import stage

_LABELS = {"money": "MONEY", "percent": "PERCENT", "quantity": "QUANTITY", "duration": "QUANTITY"}


@stage("quantities", provides=["quantities"], requires=["tokens"])
def make_quantities():
    """Numbers, quantities, money and percentages (QUANTITY, MONEY, PERCENT entities)."""
    from ..readers.quantities import find_quantities

    def run(doc: Document) -> None:
        found = find_quantities(doc.text, doc.tokens, keys=doc.keys, kinds=doc.token_kinds)
        doc.quantities = [q for q in found if q.start >= doc.body_start]
        for q in doc.quantities:
            label = _LABELS.get(q.kind)
            if label is None:
                continue
            doc.entities.append(Entity(text=doc.raw[q.start:q.end], label=label, start=q.start, end=q.end,
                                       source="pattern", rule=f"quantities.{q.kind}", confidence=0.9))

    return run
