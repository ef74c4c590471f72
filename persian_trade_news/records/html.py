"""An HTML view of an Article for notebooks (``Article._repr_html_``): the text right-to-left
with entities highlighted and record evidence outlined, and a summary table of the records.

Spans may overlap (an entity inside an evidence sentence, two entities sharing characters), so
the text is cut at every span boundary and each piece is wrapped in the spans that cover it;
every piece of text is escaped.
"""
from __future__ import annotations

import html as _html
from typing import Any

__all__ = ["LABEL_COLOURS", "render_article"]

LABEL_COLOURS = {
    "PERSON": "#ffd6a5", "ORG": "#bde0fe", "COUNTRY": "#caffbf", "PROVINCE": "#9bf6ff", "CITY": "#a0c4ff",
    "LOCATION": "#d0f4de", "ROLE": "#fdffb6", "PRODUCT": "#ffc6ff", "SECTOR": "#e4c1f9", "QUANTITY": "#ffadad",
    "MONEY": "#f1c0e8", "PERCENT": "#fbf8cc", "DATE": "#cfbaf0", "FACILITY": "#b9fbc0", "EVENT": "#ffcfd2",
}
_RECORD_LISTS = ("visits", "meetings", "capacities", "shares", "rankings", "trade_flows", "sectors", "products",
                 "projects", "cooperations", "agreements", "statements")

_CSS = """
.ptn{font-family:Vazirmatn,Tahoma,'Noto Naskh Arabic',sans-serif;line-height:2.1;max-width:60em}
.ptn .ptn-text{direction:rtl;text-align:right;white-space:pre-wrap;border:1px solid #ddd;padding:.8em;border-radius:6px}
.ptn mark.ent{padding:0 .15em;border-radius:3px}
.ptn mark.ent[data-cont]::after{content:none}
.ptn mark.ent::after{content:attr(data-label);font-size:.6em;vertical-align:super;color:#555;margin-inline-start:.2em}
.ptn span.ev{border-bottom:2px solid #e76f51}
.ptn table{border-collapse:collapse;margin-top:.6em;font-size:.9em}
.ptn td,.ptn th{border:1px solid #ddd;padding:.2em .5em;vertical-align:top}
.ptn td.ptn-sum bdi{background:#fafafa}
.ptn tr.ptn-list th{background:#f3f3f3;text-align:left}
.ptn .ptn-head{font-weight:bold}
.ptn .ptn-counts{color:#555;font-size:.85em}
"""


def _spans(article) -> list[tuple[int, int, str, dict[str, str]]]:
    """(start, end, kind, attributes) for every entity and every evidence span."""
    out = []
    for e in article.entities:
        for s in (e, *e.mentions):  # an organisation's shorter forms are highlighted alike
            out.append((s.start, s.end, "ent", {"class": f"ent ent-{e.label}", "data-label": e.label,
                                                "data-start": str(s.start), "data-end": str(s.end),
                                                "style": f"background:{LABEL_COLOURS.get(e.label, '#eee')}"}))
    evidence = [(name, r, r.evidence) for name in _RECORD_LISTS for r in getattr(article, name, ()) or ()
                if getattr(r, "evidence", None) is not None and r.evidence.end > r.evidence.start]
    titles = _evidence_titles(evidence)
    for name, r, ev in evidence:
        out.append((ev.start, ev.end, "ev", {"class": "ev", "data-record": name, "data-rule": r.rule or "",
                                             "data-start": str(ev.start), "data-end": str(ev.end),
                                             "title": titles[(ev.start, ev.end)]}))
    return out


def _evidence_titles(evidence) -> dict[tuple[int, int], str]:
    """The tooltip of each evidence extent: one line per (record list, rule, confidence) of the
    records it supports (``visits: visit.travel_to (0.80)``, ``×2`` when two records share it);
    escaped with the other attributes."""
    lines: dict[tuple[int, int], dict[str, int]] = {}
    for name, r, ev in evidence:
        conf = "" if r.confidence is None else f" ({r.confidence:.2f})"
        line = f"{name}: {r.rule or '?'}{conf}"
        per = lines.setdefault((ev.start, ev.end), {})
        per[line] = per.get(line, 0) + 1
    return {key: "\n".join(line + (f" ×{n}" if n > 1 else "") for line, n in per.items())
            for key, per in lines.items()}


def _open(tag: str, attrs: dict[str, str]) -> str:
    return "<" + tag + "".join(f' {k}="{_html.escape(v, quote=True)}"' for k, v in attrs.items()) + ">"


def _body(text: str, spans) -> str:
    """The text with properly nested tags. Tags are opened and closed at span boundaries; when a
    span ends inside another that started after it, the inner one is closed and reopened (the
    reopened part carries ``data-cont`` and the same data-start/data-end, so the whole span can be
    found again and its label is drawn once)."""
    order = {id(sp): k for k, sp in enumerate(spans)}
    starts: dict[int, list] = {}
    for sp in spans:
        starts.setdefault(sp[0], []).append(sp)
    cuts = sorted({0, len(text), *(sp[0] for sp in spans), *(sp[1] for sp in spans)})
    stack: list = []
    out: list[str] = []

    def tag(sp) -> str:
        return "mark" if sp[2] == "ent" else "span"

    for a, b in zip(cuts, [*cuts[1:], None]):
        # close what ends here, closing and remembering what was opened inside it
        reopen = []
        if any(sp[1] == a for sp in stack):
            while any(sp[1] == a for sp in stack):
                sp = stack.pop()
                out.append(f"</{tag(sp)}>")
                if sp[1] != a:
                    reopen.append(sp)
            reopen.reverse()
        for sp in reopen:
            out.append(_open(tag(sp), {**sp[3], "data-cont": "1"}))
            stack.append(sp)
        # open what starts here, longest first (evidence before an entity of the same extent)
        for sp in sorted(starts.get(a, ()), key=lambda sp: (-sp[1], sp[2] != "ev", order[id(sp)])):
            out.append(_open(tag(sp), sp[3]))
            stack.append(sp)
        if b is not None:
            out.append(_html.escape(text[a:b]))
    while stack:
        out.append(f"</{tag(stack.pop())}>")
    return "".join(out)


def _summary(name: str, r: Any) -> str:
    """One line of HTML: ``field: value`` pairs, keys in English (left-to-right), each value
    isolated in ``<bdi>`` so Persian values do not reorder the line; everything escaped."""
    d = r.to_dict()
    for k in ("evidence", "confidence", "rule"):
        d.pop(k, None)

    def show(v) -> str:
        if isinstance(v, dict):
            if "name" in v:
                extra = v.get("id") or v.get("kind")
                return str(v["name"]) + (f" ({extra})" if extra else "")
            if "text" in v:
                return str(v["text"])
            return " ".join(show(x) for x in v.values() if x not in (None, "", []))
        if isinstance(v, list):
            return "; ".join(show(x) for x in v)
        if isinstance(v, float) and v.is_integer():
            return f"{v:,.0f}"
        return str(v)

    return ", ".join(f"{_html.escape(k)}: <bdi>{_html.escape(show(v))}</bdi>" for k, v in d.items()
                     if v not in (None, [], "", {}))


def _table(article) -> str:
    """Per list: a header row with the list's name and count, then one row per record."""
    rows = []
    for name in _RECORD_LISTS:
        recs = getattr(article, name, None) or []
        if not recs:
            continue
        rows.append(f'<tr class="ptn-list" data-list="{name}"><th colspan="4">{name} ({len(recs)})</th></tr>')
        for r in recs:
            conf = "" if r.confidence is None else f"{r.confidence:.2f}"
            rows.append(f'<tr class="ptn-rec" data-list="{name}"><td>{name}</td><td><code>{_html.escape(r.rule or "")}'
                        f'</code></td><td>{conf}</td><td class="ptn-sum">{_summary(name, r)}</td></tr>')
    if not rows:
        return '<p class="ptn-none">no records</p>'
    return ('<table class="ptn-records"><tr><th>record</th><th>rule</th><th>confidence</th><th>summary</th></tr>'
            + "".join(rows) + "</table>")


def render_article(article, text: str | None = None) -> str:
    """The HTML view (a ``<div class="ptn">`` fragment carrying its own style, no script).

    ``text`` is the article's text when ``article.text`` is empty (an Article read back from a
    dict without its text); spans that do not fit the text are left out of the highlighting.
    """
    text = article.text or text or ""
    spans = [sp for sp in _spans(article) if 0 <= sp[0] < sp[1] <= len(text)]
    head = " · ".join(_html.escape(x) for x in (article.id or "", article.date or "", article.agency or "") if x)
    counts = ", ".join(f"{n}: {len(getattr(article, n))}" for n in ("entities", "people", *_RECORD_LISTS)
                       if getattr(article, n, None))
    body = _body(text, spans) if text else '<span class="ptn-none">(no text)</span>'
    return (f'<div class="ptn"><style>{_CSS}</style>'
            f'<div class="ptn-head">{head}</div><div class="ptn-counts">{_html.escape(counts or "no records")}</div>'
            f'<div class="ptn-text" dir="rtl" lang="fa">{body}</div>{_table(article)}</div>')
