"""Event records as flat CAMEO rows (actor, code, target, place, date, source span), for tools
that speak CAMEO: visits (042), meetings (036/040), cooperations (031/061), agreements (057)."""
from __future__ import annotations

from typing import Any


def _name(x: Any) -> str | None:
    return None if x is None else getattr(x, "name", None)


def party_id(x: Any) -> str | None:
    """The id of a party or place record (a party without an id: its place's id)."""
    if x is None:
        return None
    if getattr(x, "id", None):
        return x.id
    place = getattr(x, "place", None)
    return getattr(place, "id", None) if place is not None else None


def _row(kind, code, actor, target, place, date, rec) -> dict:
    ev = rec.evidence
    return {"event": kind, "code": code, "actor": _name(actor), "actor_id": party_id(actor),
            "target": _name(target), "target_id": party_id(target),
            "place": _name(place), "place_id": party_id(place),
            "date": date, "rule": rec.rule, "confidence": rec.confidence,
            "start": ev.start if ev else None, "end": ev.end if ev else None, "text": ev.text if ev else None}


def article_events(article) -> list[dict]:
    rows = []
    for v in article.visits:
        rows.append(_row("visit", v.cameo, v.visitor, v.destination, v.destination, v.date or article.date, v))
    for m in article.meetings:
        parts = m.participants
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                rows.append(_row("meeting", m.cameo, a, b, m.place, article.date, m))
    for c in article.cooperations:
        parts = c.parties
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                rows.append(_row("cooperation", c.cameo, a, b, None, article.date, c))
    for g in article.agreements:
        parts = g.parties
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                rows.append(_row("agreement", g.cameo, a, b, None, article.date, g))
    return rows
