"""An HTML view of an Article for notebooks (``Article._repr_html_``): the text right-to-left
with entities highlighted and record evidence outlined, and a summary table of the records.

Spans may overlap (an entity inside an evidence sentence, two entities sharing characters), so
the text is cut at every span boundary and each piece is wrapped in the spans that cover it;
every piece of text is escaped.
"""
from __future__ import annotations

import html as _html
from typing import Any

__all__ = ["render_article", "LABEL_COLOURS"]

LABEL_COLOURS = {
    "PERSON": "#ffd6a5", "ORG": "#bde0fe", "COUNTRY": "#caffbf", "PROVINCE": "#9bf6ff", "CITY": "#a0c4ff",
    "LOCATION": "#d0f4de", "ROLE": "#fdffb6", "PRODUCT": "#ffc6ff", "SECTOR": "#e4c1f9", "QUANTITY": "#ffadad",
    "MONEY": "#f1c0e8", "PERCENT": "#fbf8cc", "DATE": "#cfbaf0",
}
_RECORD_LISTS = ("visits", "meetings", "capacities", "shares", "rankings", "trade_flows", "sectors", "products",
                 "projects", "cooperations", "agreements", "statements")

_CSS = """
.ptn{font-family:Vazirmatn,Tahoma,'Noto Naskh Arabic',sans-serif;line-height:2.1;max-width:60em}
.ptn .ptn-text{direction:rtl;text-align:right;white-space:pre-wrap;border:1px solid #ddd;padding:.8em;border-radius:6px}
.ptn mark.ent{padding:0 .15em;border-radius:3px}
.ptn mark.ent::after{content:attr(data-label);font-size:.6em;vertical-align:super;color:#555;margin-inline-start:.2em}
.ptn span.ev{border-bottom:2px solid #e76f51}
.ptn table{border-collapse:collapse;margin-top:.6em;font-size:.9em}
.ptn td,.ptn th{border:1px solid #ddd;padding:.2em .5em;vertical-align:top}
.ptn td.rtl{direction:rtl;text-align:right}
"""


def _spans(article) -> list[tuple[int, int, str, dict[str, str]]]:
    """(start, end, kind, attributes) for every entity and every evidence span."""
    out = []
    for e in article.entities:
        out.append((e.start, e.end, "ent", {"class": f"ent ent-{e.label}", "data-label": e.label,
                                            "data-start": str(e.start), "data-end": str(e.end),
                                            "style": f"background:{LABEL_COLOURS.get(e.label, '#eee')}"}))
    for name in _RECORD_LISTS:
        for r in getattr(article, name, ()) or ():
            ev = getattr(r, "evidence", None)
            if ev is None or ev.end <= ev.start:
                continue
            out.append((ev.start, ev.end, "ev", {"class": "ev", "data-record": name, "data-rule": r.rule or "",
                                                 "data-start": str(ev.start), "data-end": str(ev.end),
                                                 "title": f"{name}: {r.rule}"}))
    return out


def _open(tag: str, attrs: dict[str, str]) -> str:
    return "<" + tag + "".join(f' {k}="{_html.escape(v, quote=True)}"' for k, v in attrs.items()) + ">"


def _body(text: str, spans) -> str:
    """Text with nested tags; a span crossing a boundary of an enclosing span is split in parts,
    each part carrying the same data-start/data-end so the whole span can be found again."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        cover = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        # outer (longer) spans first so nesting is stable
        cover.sort(key=lambda sp: (-(sp[1] - sp[0]), sp[2] != "ev"))
        piece = _html.escape(text[a:b])
        for s, e, kind, attrs in reversed(cover):
            tag = "mark" if kind == "ent" else "span"
            piece = _open(tag, attrs) + piece + f"</{tag}>"
        parts.append(piece)
    return "".join(parts)


def _summary(name: str, r: Any) -> str:
    d = r.to_dict()
    for k in ("evidence", "confidence", "rule"):
        d.pop(k, None)

    def show(v):
        if isinstance(v, dict):
            return v.get("name") or v.get("text") or ", ".join(f"{k}={show(x)}" for k, x in v.items() if x not in (None, [], ""))
        if isinstance(v, list):
            return "; ".join(show(x) for x in v)
        return str(v)

    return ", ".join(f"{k}: {show(v)}" for k, v in d.items() if v not in (None, [], "", {}))


def render_article(article) -> str:
    """The HTML view (a ``<div class="ptn">`` fragment with its own style)."""
    text = article.text or ""
    spans = [sp for sp in _spans(article) if 0 <= sp[0] < sp[1] <= len(text)]
    head = " · ".join(_html.escape(x) for x in (article.id or "", article.date or "", article.agency or "") if x)
    rows = []
    for name in _RECORD_LISTS:
        for r in getattr(article, name, ()) or ():
            rows.append(f"<tr><td>{name}</td><td>{_html.escape(r.rule or '')}</td>"
                        f"<td>{r.confidence if r.confidence is not None else ''}</td>"
                        f"<td class=\"rtl\" dir=\"rtl\">{_html.escape(_summary(name, r))}</td></tr>")
    counts = ", ".join(f"{n}: {len(getattr(article, n))}" for n in ("entities", "people", *_RECORD_LISTS)
                       if getattr(article, n, None))
    table = ("<table><tr><th>record</th><th>rule</th><th>confidence</th><th>summary</th></tr>" + "".join(rows)
             + "</table>") if rows else "<p>no records</p>"
    return (f"<div class=\"ptn\"><style>{_CSS}</style>"
            f"<div class=\"ptn-head\">{head}</div><div class=\"ptn-counts\">{_html.escape(counts)}</div>"
            f"<div class=\"ptn-text\" dir=\"rtl\" lang=\"fa\">{_body(text, spans)}</div>{table}</div>")
