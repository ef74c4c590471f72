"""A plain-text table of an Article for people (``persian-trade-news extract --format table``).

One header per article (id, date, agency, headline), the entities once per (label, text) with a
count, the people with their roles, then one line per record with its key fields::

    == seed-fars · 2025-10-07 · خبرگزاری ایرنا
       هیئت اقتصادی فارس به ازبکستان سفر کرد
       visit        امیری (هیئت فارس) → ازبکستان · 2 days · completed
       meeting      کوجی هاندا ↔ استاندار آذربایجان غربی · ارومیه
       capacity     لرستان · production · ماهی سردآبی · 42,000 t/year

Persian text is right-to-left: every Persian field is wrapped in Unicode isolates (FSI U+2068 …
PDI U+2069) so that a bidi-aware terminal does not reorder the line around it, and columns are
aligned by display width (Persian letters are one column wide; ZWNJ, bidi marks and combining
marks take none, East Asian wide characters two). Standard library only.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

__all__ = ["render_table", "record_line", "record_cells", "display_width", "isolate", "KINDS", "FSI", "PDI"]

FSI, PDI = "\u2068", "\u2069"
#: the word shown in the first column for each record list
KINDS = {
    "visits": "visit", "meetings": "meeting", "capacities": "capacity", "shares": "share",
    "rankings": "ranking", "trade_flows": "trade", "sectors": "sectors", "products": "products",
    "projects": "project", "cooperations": "cooperation", "agreements": "agreement",
    "statements": "statement",
}
_ONE_LINE = ("sectors", "products")  # one line for the whole list, its values side by side
KIND_WIDTH = max(len(k) for k in (*KINDS.values(), "LOCATION", "person")) + 2
INDENT = "   "
CELL_MAX = 40  # display columns of one field before it is cut with "…"
QUOTE_MAX = 60
ENTITY_MAX = 60  # an entity's text in the entity lines
LINE_MAX = 100  # the entity lines wrap after this many display columns
SEP = " · "

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff",
               *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_QUALIFIERS = {"about": "~", "more_than": ">", "less_than": "<", "at_least": "≥", "at_most": "≤"}


# ------------------------------------------------------------------ width and direction
def display_width(text: str) -> int:
    """Terminal columns of ``text``: ZWNJ/ZWJ, bidi marks and isolates, combining marks and other
    format characters count 0, East Asian wide and full-width characters 2, everything else 1."""
    w = 0
    for ch in text:
        if ch in _ZERO_WIDTH:
            continue
        if ch < "\u0300":  # ASCII and Latin-1: one column (fast path)
            w += 1
            continue
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def _is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text if ch >= "\u0590")


def isolate(text: str) -> str:
    """``text`` in FSI…PDI when it holds right-to-left letters (left as it is otherwise)."""
    return f"{FSI}{text}{PDI}" if text and _is_rtl(text) else text


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _clean(text: Any) -> str:
    """One line: whitespace runs squeezed, stray bidi controls of the source removed."""
    return _SPACES.sub(" ", _BIDI_CONTROLS.sub("", str(text))).strip()


def _cut(text: str, limit: int) -> str:
    if display_width(text) <= limit:
        return text
    out, w = [], 0
    for ch in text:
        cw = display_width(ch)
        if w + cw > limit - 1:
            break
        out.append(ch)
        w += cw
    return "".join(out).rstrip() + "…"


def _v(text: Any, limit: int = CELL_MAX) -> str:
    """A value as shown: one line, cut to ``limit`` columns, isolated when Persian."""
    if text is None:
        return ""
    return isolate(_cut(_clean(text), limit))


# ------------------------------------------------------------------ values
def _num(x: float | None) -> str:
    if x is None:
        return ""
    if float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _money(m: Any) -> str:
    if m is None:
        return ""
    a = m.amount
    for size, word in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(a) >= size:
            return f"{_num(round(a / size, 2))} {word} {m.currency}"
    return f"{_num(a)} {m.currency}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _place(p: Any, limit: int = CELL_MAX) -> str:
    return _v(getattr(p, "name", None), limit) if p is not None else ""


def _party(p: Any, limit: int = CELL_MAX) -> str:
    """A person, delegation, organisation or place; a delegation with its leader first:
    ``امیری (هیئت فارس)``."""
    if p is None:
        return ""
    leader = getattr(p, "leader", None)
    if leader:
        return f"{_v(leader, limit // 2)} ({_v(p.name, limit // 2)})"
    return _v(p.name, limit)


def _parties(ps: Iterable[Any], joiner: str = " ↔ ", most: int = 3) -> str:
    shown = [x for x in (_party(p, 40) for p in ps) if x]
    more = len(shown) - most
    return joiner.join(shown[:most]) + (f" +{more}" if more > 0 else "")


def _amount(value: float | None, value_max: float | None, unit: str | None, qualifier: str | None,
            period: str | None) -> str:
    if value is None:
        return ""
    text = _QUALIFIERS.get(qualifier or "", "") + _num(value)
    if value_max is not None:
        text += "–" + _num(value_max)
    if unit and unit != "count":
        text += "%" if unit == "percent" else f" {unit}"
    if period:
        text += f"/{period}"
    return text


# ------------------------------------------------------------------ one record
def record_cells(name: str, r: Any) -> list[str]:
    """The fields shown for a record of list ``name``, in fixed positions (``""`` when absent),
    each already cut and isolated."""
    if name == "visits":
        origin = ""
        if r.origin is not None and r.origin.name != getattr(getattr(r.visitor, "place", None), "name", None):
            origin = "from " + _place(r.origin)
        return [f"{_party(r.visitor)} → {_place(r.destination)}", origin,
                f"{r.duration_days} day{'s' if r.duration_days != 1 else ''}" if r.duration_days else "",
                r.date or "", r.status or "", f"host {_party(r.host)}" if r.host else "", _v(r.purpose)]
    if name == "meetings":
        return [_parties(r.participants), _place(r.place), _v(r.topic)]
    if name == "capacities":
        return [_party(r.subject), r.measure or "", _v(r.item),
                _amount(r.value, r.value_max, r.unit, r.qualifier, r.period)]
    if name == "shares":
        return [_party(r.subject), f"{_num(r.value)}%" + (f" of {_v(r.of)}" if r.of else "")]
    if name == "rankings":
        where = _ordinal(r.rank) if r.rank else (r.label or "")
        return [_party(r.subject), f"{where} {r.scope}".strip(), _v(r.item)]
    if name == "trade_flows":
        flow = r.direction
        if r.origin is not None:
            flow += " " + _place(r.origin)
        if r.destinations:
            flow += " → " + _v("، ".join(d.name for d in r.destinations))
        change = ""
        if r.change_percent is not None:
            change = f"{'+' if r.change_percent > 0 else ''}{_num(r.change_percent)}%"
        qty = _amount(r.quantity.value, None, r.quantity.unit, None, None) if r.quantity else ""
        return [flow, _money(r.value), qty, _v(r.item), r.period or "", change]
    if name == "sectors":
        return [f"{r.sector} {_v(r.text, 24)}".strip()]
    if name == "products":
        return [f"{_v(r.name, 24)} {r.hs or ''}".strip()]
    if name == "projects":
        progress = f"{_num(r.progress_percent)}% done" if r.progress_percent is not None else ""
        partners = _parties(r.partners, ", ")
        if r.foreign_investment:
            partners = (partners + " " if partners else "") + "(foreign)"
        return [_v(r.name), r.kind or "", r.status or "", _place(r.place), progress, _money(r.investment),
                partners]
    if name == "cooperations":
        return [_parties(r.parties), ", ".join(r.areas), r.status or ""]
    if name == "agreements":
        return [f"{r.kind} {_parties(r.parties)}".strip(), r.status or "", _v(r.topic)]
    if name == "statements":
        who = _v(r.speaker, 30) + (f" ({_v(r.role, 30)})" if r.role else "")
        quote = r.content.text if r.content is not None else (r.evidence.text if r.evidence is not None else "")
        return [who, f"«{_v(quote, QUOTE_MAX)}»" if quote and _clean(quote) else ""]
    # a record list added later: its string fields
    d = r.to_dict() if hasattr(r, "to_dict") else {}
    return [_v(v) for k, v in d.items() if isinstance(v, str) and v and k not in ("rule",)]


def record_line(name: str, r: Any) -> str:
    """One line for one record, without alignment: ``visit  امیری → ازبکستان · 2 days``."""
    cells = [c for c in record_cells(name, r) if c]
    return f"{KINDS.get(name, name)}  " + SEP.join(cells)


def _aligned(kind: str, rows: list[list[str]]) -> list[str]:
    """Rows of cells under one kind, each column padded to its widest cell; columns empty in
    every row are dropped, and an empty cell leaves blank space (no separator)."""
    if not rows:
        return []
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    keep = [j for j in range(n) if any(r[j] for r in rows)]
    widths = {j: max(display_width(r[j]) for r in rows) for j in keep}
    out = []
    for r in rows:
        parts = []
        for k, j in enumerate(keep):
            cell = r[j]
            last = k == len(keep) - 1
            sep = "" if k == 0 else (SEP if cell else " " * len(SEP))
            parts.append(sep + (cell if last else _pad(cell, widths[j])))
        out.append((INDENT + _pad(kind, KIND_WIDTH) + "".join(parts)).rstrip())
    return out


def _wrapped(kind: str, items: list[str]) -> list[str]:
    """``kind  a · b · c`` wrapped after LINE_MAX columns, continuation lines under the first item."""
    lead = INDENT + _pad(kind, KIND_WIDTH)
    lines, cur = [], ""
    for item in items:
        cand = item if not cur else cur + SEP + item
        if cur and display_width(lead) + display_width(cand) > LINE_MAX:
            lines.append(cur + " ·")
            cur = item
        else:
            cur = cand
    if cur:
        lines.append(cur)
    pad = " " * display_width(lead)
    return [(lead if i == 0 else pad) + line for i, line in enumerate(lines)]


# ------------------------------------------------------------------ the article
def _entity_lines(entities: list[Any]) -> list[str]:
    from ..records import ENTITY_LABELS

    counts: dict[tuple[str, str], int] = {}
    for e in entities:
        key = (e.label, _clean(e.text))
        counts[key] = counts.get(key, 0) + 1
    order = {label: i for i, label in enumerate(ENTITY_LABELS)}
    by_label: dict[str, list[str]] = {}
    for (label, text), n in counts.items():  # first appearance order within a label
        by_label.setdefault(label, []).append(_v(text, ENTITY_MAX) + (f" ×{n}" if n > 1 else ""))
    lines = []
    for label in sorted(by_label, key=lambda x: (order.get(x, len(order)), x)):
        lines += _wrapped(label, by_label[label])
    return lines


def _person_rows(people: list[Any]) -> list[list[str]]:
    rows = []
    for p in people:
        roles = "، ".join(_clean(x) for x in p.roles)
        n = len(p.mentions)
        rows.append([_v(p.name, 30), _v(roles),
                     _v(p.organization) if p.organization and p.organization not in roles else "",
                     f"{n} mention{'s' if n != 1 else ''}" if n else ""])
    return rows


def render_table(article: Any) -> str:
    """The article as plain text (no trailing newline): the header, entities, people, records."""
    from ..records import RECORD_TYPES

    head = SEP.join(x for x in (_clean(article.id or ""), article.date or "", _v(article.agency, 60)) if x)
    lines = [f"== {head}".rstrip()]
    if article.headline:
        lines.append(INDENT + _v(article.headline, 120))
    if article.truncated:
        lines.append(INDENT + "! truncated: a limit cut this article's output")
    for w in article.warnings:
        lines.append(INDENT + "! " + _v(w, 120))
    if article.entities:
        distinct = len({(e.label, _clean(e.text)) for e in article.entities})
        lines.append(f"{INDENT}entities ({len(article.entities)}, {distinct} distinct)")
        lines += _entity_lines(article.entities)
    if article.people:
        lines.append(f"{INDENT}people ({len(article.people)})")
        lines += _aligned("person", _person_rows(article.people))
    n = sum(len(getattr(article, name) or ()) for name in RECORD_TYPES)
    if n:
        lines.append(f"{INDENT}records ({n})")
    for name in RECORD_TYPES:
        recs = getattr(article, name, None) or []
        if not recs:
            continue
        if name in _ONE_LINE:
            lines += _wrapped(KINDS[name], [c for r in recs for c in record_cells(name, r)[:1] if c])
        else:
            lines += _aligned(KINDS.get(name, name), [record_cells(name, r) for r in recs])
    if len(lines) == 1 + bool(article.headline):
        lines.append(INDENT + "(no records)")
    return "\n".join(lines)
