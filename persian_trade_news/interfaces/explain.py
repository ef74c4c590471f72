"""Which rule made which record from which sentence (``persian-trade-news explain FILE``).

    >>> import persian_trade_news as ptn
    >>> ex = ptn.explain("سفیر ژاپن در ایران امروز وارد استان لرستان شد.")
    >>> [f.rule for s in ex.sentences for f in s.firings]
    ['visit.arrived_in']

The pipeline runs once with the rule trace on (:meth:`Pipeline.run_traced
<persian_trade_news.pipeline.Pipeline.run_traced>`: the engine records every match of a file rule
and every record of a Python rule); this module sorts the trace by sentence and adds, per
sentence, its entities, quantities and dates, the records of the output whose evidence starts in
it, and the *idle triggers*: rules whose trigger words the sentence holds but that made no record
there (a file rule's trigger is the rarest word its pattern requires, ``Program.anchor``; a
Python rule's are the ``triggers`` given to ``@rule``). See docs/explain.md.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..pipeline import Pipeline
from ..records import RECORD_TYPES, Article
from ..rules.registry import PyRule
from ..text.document import Document
from .table import INDENT, KIND_WIDTH, _clean, _pad, _v, record_line

__all__ = ["Explanation", "SentenceExplanation", "Firing", "Capture", "ProducedRecord", "IdleTrigger",
           "OutputRecord", "explain", "build_explanation"]


# ------------------------------------------------------------------ the parts
@dataclass
class Capture:
    """A named capture of a file rule's match: ``article.text[start:end] == text``."""

    name: str
    start: int
    end: int
    text: str


@dataclass
class ProducedRecord:
    """A record a firing returned, as the rule made it (before the finalizers merged the list).
    ``in_output``: the Article holds this record unchanged (else a finalizer merged it with
    others, changed or dropped it: see the sentence's output records)."""

    list: str
    summary: str
    record: Any
    in_output: bool


@dataclass
class Firing:
    """One match of a file rule (``kind="file"``, with its captures; it may have produced nothing)
    or one record of a Python rule (``kind="python"``, span = the record's evidence)."""

    rule: str
    record: str
    kind: str
    start: int | None
    end: int | None
    text: str
    captures: list[Capture] = field(default_factory=list)
    produced: list[ProducedRecord] = field(default_factory=list)


@dataclass
class IdleTrigger:
    """A rule whose trigger words occur in the sentence but that made no record there.
    ``words``: the sentence's tokens that hold a trigger; ``matched``: a file rule's pattern did
    match but its action returned nothing; ``missing``: for a file rule, the word sets its pattern
    requires that the sentence lacks (match keys; empty when every required word is there)."""

    rule: str
    record: str
    kind: str
    words: list[str]
    matched: bool = False
    missing: list[list[str]] = field(default_factory=list)


@dataclass
class OutputRecord:
    """A record of the Article (after the finalizers) whose evidence starts in the sentence."""

    list: str
    summary: str
    rule: str
    confidence: float
    record: Any


@dataclass
class SentenceExplanation:
    index: int
    start: int
    end: int
    text: str
    entities: list[Any] = field(default_factory=list)  # Entity (what the rules saw, before output folding)
    quantities: list[Any] = field(default_factory=list)  # readers.quantities.Quantity
    dates: list[Any] = field(default_factory=list)  # readers.dates.DateMention
    firings: list[Firing] = field(default_factory=list)
    idle: list[IdleTrigger] = field(default_factory=list)
    records: list[OutputRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "start": self.start, "end": self.end, "text": self.text,
            "entities": [{"label": e.label, "text": e.text, "start": e.start, "end": e.end, "source": e.source,
                          "rule": e.rule, "name": e.name} for e in self.entities],
            "quantities": [{"kind": q.kind, "text": q.text, "start": q.start, "end": q.end, "value": q.value,
                            "value_max": q.value_max, "unit": q.unit, "currency": q.currency,
                            "qualifier": q.qualifier, "period": q.period} for q in self.quantities],
            "dates": [{"text": d.text, "start": d.start, "end": d.end, "iso": d.iso, "calendar": d.calendar}
                      for d in self.dates],
            "rules": [_firing_dict(f) for f in self.firings],
            "idle_triggers": [{"rule": t.rule, "record": t.record, "kind": t.kind, "words": t.words,
                               "matched": t.matched, "missing": t.missing} for t in self.idle],
            "records": [{"list": r.list, "summary": r.summary, "rule": r.rule, "confidence": r.confidence,
                         "record": r.record.to_dict()} for r in self.records],
        }


def _firing_dict(f: Firing) -> dict[str, Any]:
    return {"rule": f.rule, "record": f.record, "kind": f.kind, "start": f.start, "end": f.end, "text": f.text,
            "captures": {c.name: {"start": c.start, "end": c.end, "text": c.text} for c in f.captures},
            "produced": [{"list": p.list, "summary": p.summary, "in_output": p.in_output,
                          "record": p.record.to_dict()} for p in f.produced]}


@dataclass
class Explanation:
    """The rule trace of one article, sentence by sentence (see docs/explain.md).

    ``article`` is what :func:`persian_trade_news.extract` returns for the same text;
    ``unplaced`` holds Python-rule firings whose record has no evidence and ``unplaced_records``
    output records without evidence (neither belongs to a sentence)."""

    article: Article
    sentences: list[SentenceExplanation]
    unplaced: list[Firing] = field(default_factory=list)
    unplaced_records: list[OutputRecord] = field(default_factory=list)

    def sentence(self, index: int) -> SentenceExplanation:
        """The sentence numbered ``index`` (``IndexError`` when there is none)."""
        if not 0 <= index < len(self.sentences):
            raise IndexError(f"no sentence {index}; the article has {len(self.sentences)} (0-{len(self.sentences) - 1})")
        return self.sentences[index]

    def to_dict(self, sentence: int | None = None) -> dict[str, Any]:
        """A JSON-able dict (``sentence``: only that sentence)."""
        a = self.article
        sents = self.sentences if sentence is None else [self.sentence(sentence)]
        return {
            "id": a.id, "date": a.date, "headline": a.headline, "agency": a.agency,
            "sentences": [s.to_dict() for s in sents],
            "unplaced": [_firing_dict(f) for f in self.unplaced] if sentence is None else [],
            "unplaced_records": [{"list": r.list, "summary": r.summary, "rule": r.rule, "confidence": r.confidence,
                                  "record": r.record.to_dict()} for r in self.unplaced_records]
            if sentence is None else [],
        }

    def to_text(self, sentence: int | None = None) -> str:
        """Readable text (the CLI's default output); Persian text in Unicode isolates."""
        a = self.article
        head = " · ".join(x for x in (_clean(a.id or ""), a.date or "", _v(a.agency, 60)) if x)
        out = [f"== {head or '(no id)'}"]
        if a.headline:
            out.append(INDENT + _v(a.headline, 120))
        sents = self.sentences if sentence is None else [self.sentence(sentence)]
        for s in sents:
            out.append("")
            out += _sentence_text(s)
        if sentence is None and (self.unplaced or self.unplaced_records):
            out.append("")
            out.append("-- without evidence (no sentence)")
            for f in self.unplaced:
                out += _firing_text(f)
            for r in self.unplaced_records:
                out.append(_line("output", f"{r.summary}   [{r.rule} {r.confidence:.2f}]"))
        return "\n".join(out)

    def __str__(self) -> str:
        return self.to_text()


# ------------------------------------------------------------------ text
def _line(tag: str, text: str, indent: str = INDENT) -> str:
    return (indent + _pad(tag, KIND_WIDTH) + text).rstrip()


def _firing_text(f: Firing) -> list[str]:
    where = f" {f.start}-{f.end}" if f.start is not None else ""
    lines = [_line("rule", f"{f.rule}  ({f.record}, {f.kind}){where}  {_v(f.text, 80)}")]
    sub = INDENT + " " * KIND_WIDTH + "  "
    for c in f.captures:
        lines.append(f"{sub}{c.name} = {_v(c.text, 60)}  {c.start}-{c.end}")
    if not f.produced:
        lines.append(f"{sub}→ (no record: the action returned nothing)")
    for p in f.produced:
        note = "" if p.in_output else "   (not in the output as made: a finalizer merged or dropped it)"
        lines.append(f"{sub}→ {p.summary}{note}")
    return lines


def _sentence_text(s: SentenceExplanation) -> list[str]:
    lines = [f"-- sentence {s.index}  {s.start}-{s.end}", INDENT + _v(s.text, 400)]
    for e in s.entities:
        how = e.rule if e.rule and e.rule.startswith(e.source) else f"{e.source} {e.rule or ''}".strip()
        lines.append(_line("entity", f"{e.label:9} {_v(e.text)}  {e.start}-{e.end}  {how}"))
    for q in s.quantities:
        unit = q.currency or q.unit or ""
        lines.append(_line("quantity", f"{q.kind:9} {_v(q.text)}  {q.start}-{q.end}  "
                                       f"= {q.value:g}{'-' + format(q.value_max, 'g') if q.value_max is not None else ''}"
                                       f"{' ' + unit if unit else ''}"))
    for d in s.dates:
        lines.append(_line("date", f"{d.calendar:9} {_v(d.text)}  {d.start}-{d.end}  = {d.iso or '(no ISO date)'}"))
    for f in s.firings:
        lines += _firing_text(f)
    for t in s.idle:
        why = "matched, but the action returned nothing" if t.matched else "no match"
        if t.missing:
            why += "; the sentence lacks " + " and ".join(
                _v("|".join(ks[:4]) + ("|…" if len(ks) > 4 else ""), 60) for ks in t.missing[:3])
        words = "، ".join(t.words)
        lines.append(_line("idle", f"{t.rule}  ({t.record}, {t.kind})  {_v(words, 40)}: {why}"))
    for r in s.records:
        lines.append(_line("output", f"{r.summary}   [{r.rule} {r.confidence:.2f}]"))
    return lines


# ------------------------------------------------------------------ building
def _engine_rules(pipeline: Pipeline) -> list[Any]:
    try:
        rel = pipeline.get_stage("relations")
    except Exception:  # noqa: BLE001 - a pipeline without the relations stage has no rules
        return []
    engine = getattr(getattr(rel, "func", None), "engine", None)
    return engine.all_rules() if engine is not None else []


def _in_sentence(doc: Document, offset: int | None) -> int | None:
    if offset is None:
        return None
    s = doc.sentence_of(offset)
    return s.i if s is not None else None


def _form(record: Any) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True, default=str)


def build_explanation(pipeline: Pipeline, doc: Document, article: Article) -> Explanation:
    """The Explanation of a Document processed with the trace on (``Pipeline.run_traced``)."""
    raw = doc.raw
    sents = [SentenceExplanation(s.i, s.start, s.end, raw[s.start:s.end]) for s in doc.sentences]

    def place(offset: int | None) -> SentenceExplanation | None:
        i = _in_sentence(doc, offset)
        return sents[i] if i is not None else None

    for e in doc.entities:
        if (s := place(e.start)) is not None:
            s.entities.append(e)
    for q in doc.quantities:
        if (s := place(q.start)) is not None:
            s.quantities.append(q)
    for d in doc.dates:
        if (s := place(d.start)) is not None:
            s.dates.append(d)
    for s in sents:
        s.entities.sort(key=lambda e: (e.start, -e.end))

    # the firings, and which (rule, sentence) made a record / matched at all
    final_ids = {id(r) for name in RECORD_TYPES for r in getattr(article, name)}
    final_forms = {(name, _form(r)) for name in RECORD_TYPES for r in getattr(article, name)}
    made: set[tuple[str, int]] = set()
    matched: set[tuple[str, int]] = set()
    unplaced: list[Firing] = []
    for t in doc.meta.get("trace") or ():
        start, end = t.span if t.span is not None else (None, None)
        firing = Firing(
            rule=t.rule, record=t.record, kind=t.kind, start=start, end=end,
            text=raw[start:end] if start is not None else "",
            captures=[Capture(name, a, b, raw[a:b]) for name, (a, b) in t.captures.items()],
            produced=[ProducedRecord(t.record, record_line(t.record, snap), snap,
                                     id(live) in final_ids or (t.record, _form(snap)) in final_forms)
                      for live, snap in zip(t.records, t.snapshots)])
        if t.sentence is None or not 0 <= t.sentence < len(sents):
            unplaced.append(firing)
            continue
        sents[t.sentence].firings.append(firing)
        matched.add((t.rule, t.sentence))
        if t.records:
            made.add((t.rule, t.sentence))

    # idle triggers: a trigger word in the sentence, no record from that rule there
    rules = _engine_rules(pipeline)
    keys = doc.keys
    texts = doc.token_texts
    for sent in doc.sentences:
        sent_keys = set(keys[sent.first:sent.last])
        if not sent_keys:
            continue
        for r in rules:
            if isinstance(r, PyRule):
                trig, kind, required = r.triggers, "python", ()
            else:
                prog = getattr(r, "program", None)
                trig, kind = (prog.anchor if prog is not None else None), "file"
                required = prog.anchors if prog is not None else ()
            if not trig:
                continue
            hit = trig & sent_keys
            if not hit or (r.name, sent.i) in made:
                continue
            words = list(dict.fromkeys(texts[k] for k in range(sent.first, sent.last) if keys[k] in hit))
            missing = [sorted(ks) for ks in required if ks.isdisjoint(sent_keys)]
            sents[sent.i].idle.append(IdleTrigger(r.name, r.record, kind, words, (r.name, sent.i) in matched,
                                                  missing))
    for s in sents:
        s.idle.sort(key=lambda t: t.rule)

    # the output records, placed by where their evidence starts
    unplaced_records: list[OutputRecord] = []
    for name in RECORD_TYPES:
        for r in getattr(article, name):
            ev = getattr(r, "evidence", None)
            out = OutputRecord(name, record_line(name, r), r.rule, r.confidence, r)
            s = place(ev.start) if ev is not None else None
            (s.records if s is not None else unplaced_records).append(out)
    return Explanation(article, sents, unplaced, unplaced_records)




def explain(text: object, *, date: str | None = None, id: str | None = None,
            pipeline: Pipeline | None = None) -> Explanation:
    """Run ``pipeline`` (default: the shared default pipeline of :func:`persian_trade_news.extract`)
    over ``text`` with the rule trace on and explain it sentence by sentence. ``explain(t).article``
    equals ``extract(t)``."""
    if pipeline is None:
        from ..api import default_pipeline

        pipeline = default_pipeline()
    doc, article = pipeline.run_traced(text, date=date, id=id)
    return build_explanation(pipeline, doc, article)

