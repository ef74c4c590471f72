"""The rule engine: rules are data (YAML/JSON files, loaded safely and validated), run in rounds
by priority over the document model; Python actions and Python rules do what a pattern cannot.

A rule file::

    version: 1
    classes:                      # word classes usable as {class: name} in patterns
      visit_verb: [بازدید, سفر]
    rules:
      - name: visit.from_place    # unique
        record: visits            # the record list it yields
        priority: 20              # rounds run in ascending priority; later rounds see earlier records
        confidence: 0.8
        pattern: [ ...elements, see rules/pattern.py... ]
        action: visit             # a registered action (rules/actions/*.py); optional
        set: {status: completed}  # fields set on every record; optional
        examples:                 # checked by the test suite for every rule
          - text: "..."
            expect: {destination: {name: لرستان}}

Loading never executes code (``yaml.SafeLoader``); unknown keys, bad patterns and unsafe regexes
are rejected with the file and line.
"""
from __future__ import annotations

import copy
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable


from ..text.document import Document
from ..errors import RuleError
from ..text.normalize import match_key
from ..records import RECORD_TYPES, Span
from . import registry
from .loading import parse, read_text, strip_lines
from .pattern import Program, compile_element, compile_pattern, run_program

BUILTIN_DIR = Path(__file__).resolve().parent / "data"
FILE_KEYS = {"version", "classes", "rules", "description"}
RULE_KEYS = {"name", "record", "priority", "description", "confidence", "pattern", "action", "set",
             "examples"}
EXAMPLE_KEYS = {"text", "expect", "date", "absent"}


@dataclass
class Rule:
    name: str
    record: str
    priority: int
    program: Program | None
    action: str | None
    set: dict
    confidence: float
    description: str = ""
    examples: list = field(default_factory=list)
    source: str = ""
    line: int | None = None
    pattern: list = field(default_factory=list)


# ---------------------------------------------------------------- the matching context
class Context:
    """Per-document indexes the pattern elements and actions use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self._spans: dict[str, dict[int, list[tuple[int, str]]]] = {
            "entity": {}, "quantity": {}, "date": {}, "role": {}, "person": {}}
        token_range = doc.token_range
        for e in doc.entities:
            ab = token_range(e.start, e.end)
            if ab is None or doc.tokens[ab[0]].start != e.start:
                continue
            a, b = ab
            self._spans["entity"].setdefault(a, []).append((b + 1, e.label))
            if e.label == "ROLE":
                self._spans["role"].setdefault(a, []).append((b + 1, "ROLE"))
            if e.label == "PERSON":
                self._spans["person"].setdefault(a, []).append((b + 1, "PERSON"))
        for q in doc.quantities:
            ab = token_range(q.start, q.end)
            if ab is not None:
                self._spans["quantity"].setdefault(ab[0], []).append((ab[1] + 1, q.kind))
        for d in doc.dates:
            ab = token_range(d.start, d.end)
            if ab is not None:
                self._spans["date"].setdefault(ab[0], []).append((ab[1] + 1, "DATE"))

    def span_end(self, kind: str, i: int, labels) -> int:
        best = -1
        for end, label in self._spans[kind].get(i, ()):
            if (labels is None or label in labels) and end > best:
                best = end
        return best


@dataclass
class RuleMatch:
    """What an action receives: the rule, the document and the captures (token ranges)."""

    rule: Rule
    doc: Document
    ctx: Context
    first: int
    last: int
    captures: dict[str, tuple[int, int]]
    sentence: Any

    def has(self, name: str) -> bool:
        return name in self.captures

    def span(self, name: str | None = None) -> Span | None:
        if name is None:
            return self.doc.token_span(self.first, self.last)
        if name not in self.captures:
            return None
        a, b = self.captures[name]
        return self.doc.token_span(a, b) if b > a else None

    def text(self, name: str) -> str | None:
        """Normalised text of a capture."""
        if name not in self.captures:
            return None
        a, b = self.captures[name]
        return " ".join(t.norm for t in self.doc.tokens[a:b]) or None

    def chars(self, name: str) -> tuple[int, int] | None:
        if name not in self.captures:
            return None
        a, b = self.captures[name]
        if b <= a:
            return None
        return self.doc.tokens[a].start, self.doc.tokens[b - 1].end

    @property
    def evidence(self) -> Span:
        s = self.sentence
        return self.doc.span(s.start, s.end)


# ---------------------------------------------------------------- loading
def _builtin_classes() -> dict[str, frozenset[str]]:
    return {}


class Engine:
    """Holds compiled rules; :meth:`run` applies them to a document."""

    def __init__(self, *, builtin: bool = True, entry_points: bool = True) -> None:
        self.rules: dict[str, Rule] = {}
        self.classes: dict[str, frozenset[str]] = dict(_builtin_classes())
        self._lock = threading.Lock()
        if builtin:
            from . import actions  # noqa: F401  (registers actions, python rules, finalizers)

            for path in sorted(BUILTIN_DIR.glob("*.yaml")):
                self.load_file(path)
        if entry_points:
            for obj in registry.load_entry_points():
                if isinstance(obj, (str, os.PathLike)):
                    self.load_path(obj)
                elif isinstance(obj, (list, tuple)):
                    for p in obj:
                        self.load_path(p)

    # -------------------------------------------------------------- files
    def load_path(self, path: str | os.PathLike) -> None:
        p = Path(path)
        if p.is_dir():
            for f in sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml")) + list(p.glob("*.json"))):
                self.load_file(f)
        else:
            self.load_file(p)

    def load_file(self, path: str | os.PathLike) -> list[str]:
        """Load and validate one rule file; returns the names of its rules."""
        return self.load_text(read_text(path), source=str(Path(path)))

    def load_text(self, text: str, *, source: str = "<string>") -> list[str]:
        data = parse(text, source)
        if not isinstance(data, dict):
            raise RuleError("a rule file is a mapping with a 'rules' list", path=source, line=1)
        line = data.get("__line__", 1)
        unknown = set(data) - FILE_KEYS - {"__line__"}
        if unknown:
            raise RuleError(f"unknown key(s) {sorted(map(str, unknown))}; allowed: {sorted(FILE_KEYS)}", path=source, line=line)
        classes = data.get("classes") or {}
        if not isinstance(classes, dict):
            raise RuleError("'classes' must be a mapping of name to word list", path=source, line=line)
        new_classes = dict(self.classes)
        for cname, words in classes.items():
            if cname == "__line__":
                continue
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise RuleError(f"class {cname!r} must be a list of words", path=source, line=classes.get("__line__"))
            new_classes[cname] = frozenset(match_key(w) for w in words)
        rules = data.get("rules")
        if not isinstance(rules, list):
            raise RuleError("'rules' must be a list", path=source, line=line)
        compiled: list[Rule] = []
        for spec in rules:
            compiled.append(self._compile_rule(spec, new_classes, source))
        names = [r.name for r in compiled]
        dup = {n for n in names if names.count(n) > 1} | {n for n in names if n in self.rules or n in registry.PY_RULES}
        if dup:
            r = next(r for r in compiled if r.name in dup)
            raise RuleError(f"duplicate rule name {r.name!r}", path=source, line=r.line)
        with self._lock:
            self.classes = new_classes
            for r in compiled:
                self.rules[r.name] = r
        return names

    def _compile_rule(self, spec: Any, classes, source: str) -> Rule:
        if not isinstance(spec, dict):
            raise RuleError("each rule must be a mapping", path=source)
        line = spec.get("__line__")
        unknown = set(spec) - RULE_KEYS - {"__line__"}
        if unknown:
            raise RuleError(f"unknown key(s) {sorted(map(str, unknown))} in rule; allowed: {sorted(RULE_KEYS)}", path=source, line=line)
        name = spec.get("name")
        if not isinstance(name, str) or not name.strip():
            raise RuleError("a rule needs a 'name' (string)", path=source, line=line)
        record = spec.get("record")
        if record not in RECORD_TYPES:
            raise RuleError(f"rule {name!r}: 'record' must be one of {', '.join(RECORD_TYPES)}", path=source, line=line)
        priority = spec.get("priority", 50)
        if not isinstance(priority, int) or isinstance(priority, bool):
            raise RuleError(f"rule {name!r}: 'priority' must be an integer", path=source, line=line)
        confidence = spec.get("confidence", 0.7)
        if not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
            raise RuleError(f"rule {name!r}: 'confidence' must be a number in [0, 1]", path=source, line=line)
        act = spec.get("action")
        if act is not None and act not in registry.ACTIONS:
            raise RuleError(f"rule {name!r}: unknown action {act!r}; registered: {', '.join(sorted(registry.ACTIONS))}",
                            path=source, line=line)
        setf = strip_lines(spec.get("set") or {})
        if not isinstance(setf, dict):
            raise RuleError(f"rule {name!r}: 'set' must be a mapping", path=source, line=line)
        fields = RECORD_TYPES[record].__dataclass_fields__
        bad = [k for k in setf if k not in fields]
        if bad:
            raise RuleError(f"rule {name!r}: 'set' names unknown field(s) {bad} of {record}", path=source, line=line)
        pattern = spec.get("pattern")
        if not isinstance(pattern, list) or not pattern:
            raise RuleError(f"rule {name!r}: 'pattern' must be a non-empty list of elements", path=source, line=line)
        elements = []
        for el in pattern:
            el_line = el.get("__line__", line) if isinstance(el, dict) else line
            try:
                elements.append(compile_element(strip_lines(el), classes))
            except (ValueError, TypeError) as exc:
                raise RuleError(f"rule {name!r}: bad pattern element: {exc}", path=source, line=el_line) from None
        if act is None and not elements:
            raise RuleError(f"rule {name!r}: needs a pattern", path=source, line=line)
        examples = spec.get("examples") or []
        if not isinstance(examples, list):
            raise RuleError(f"rule {name!r}: 'examples' must be a list", path=source, line=line)
        for ex in examples:
            if not isinstance(ex, dict) or "text" not in ex or set(ex) - EXAMPLE_KEYS - {"__line__"}:
                raise RuleError(f"rule {name!r}: an example is {{text, expect}} (optional date, absent)",
                                path=source, line=ex.get("__line__", line) if isinstance(ex, dict) else line)
        return Rule(name=name, record=record, priority=priority, program=compile_pattern(elements), action=act,
                    set=setf, confidence=float(confidence), description=str(spec.get("description") or ""),
                    examples=strip_lines(examples), source=source, line=line, pattern=strip_lines(pattern))

    # -------------------------------------------------------------- running
    def all_rules(self) -> list[Any]:
        """File and Python rules in priority order (sorted again only when either set changes)."""
        stamp = (id(self.rules), len(self.rules), tuple(self.rules), len(registry.PY_RULES), tuple(registry.PY_RULES))
        cached = getattr(self, "_sorted_rules", None)
        if cached is None or cached[0] != stamp:
            rules = sorted([*self.rules.values(), *registry.PY_RULES.values()], key=lambda r: (r.priority, r.name))
            cached = self._sorted_rules = (stamp, rules)
        return list(cached[1])

    def run(self, doc: Document, *, only: set[str] | None = None) -> None:
        """Apply the rules (all, or the names in ``only``) in priority order, then the finalizers.

        When ``doc.meta["trace"]`` is a list (``Pipeline.run_traced`` sets it), a
        :class:`TraceEntry` is appended to it for every match of a file rule and for every record
        of a Python rule; otherwise nothing is collected."""
        ctx = Context(doc)
        trace = doc.meta.get("trace")
        tracing = isinstance(trace, list)
        limits = doc.meta.get("limits")
        max_tokens = getattr(limits, "max_sentence_tokens", 400)
        for name in RECORD_TYPES:
            doc.records.setdefault(name, [])
        keys = doc.keys
        doc_keys = set(keys)
        sent_keys = [set(keys[s.first:s.last]) for s in doc.sentences]
        for r in self.all_rules():
            if only is not None and r.name not in only:
                continue
            if isinstance(r, registry.PyRule):
                for rec in r.func(doc, ctx) or ():
                    _stamp(rec, r.name, r.confidence, None)
                    doc.records[r.record].append(rec)
                    if tracing:
                        trace.append(_trace_record(r, doc, rec))
                continue
            anchor = r.program.anchor if r.program is not None else None
            if anchor is not None and not (anchor & doc_keys):
                continue
            anchors = r.program.anchors if r.program is not None else ()
            for sent in doc.sentences:
                if anchors and any(a.isdisjoint(sent_keys[sent.i]) for a in anchors):
                    continue
                last = min(sent.last, sent.first + max_tokens)
                if last < sent.last and not doc.meta.get("_warned_long"):
                    doc.warnings.append(f"a sentence longer than {max_tokens} tokens was matched on its "
                                        f"first {max_tokens} tokens only")
                    doc.meta["_warned_long"] = True
                    doc.truncated = True
                for first, end, caps in run_program(r.program, ctx, sent.first, last):
                    m = RuleMatch(r, doc, ctx, first, end, caps, sent)
                    produced = registry.ACTIONS[r.action](m) if r.action else _default_action(m)
                    if tracing:
                        produced = list(produced or ())
                    for rec in produced or ():
                        for k, v in r.set.items():
                            setattr(rec, k, v)
                        _stamp(rec, r.name, r.confidence, m.evidence)
                        doc.records[r.record].append(rec)
                    if tracing:
                        trace.append(_trace_match(m, produced))
        for name, fin in registry.FINALIZERS.items():
            doc.records[name] = list(fin(doc, doc.records.get(name, [])))


# ---------------------------------------------------------------- tracing (only when asked for)
@dataclass
class TraceEntry:
    """One firing of a rule, recorded by :meth:`Engine.run` when ``doc.meta["trace"]`` is a list.

    A file rule gives one entry per match (``span`` the match's characters, ``captures`` name ->
    character span, ``records`` what its action returned, possibly nothing); a Python rule gives
    one entry per record it returned (``span`` the record's evidence, no captures). ``sentence``
    is the sentence index (``None`` for a Python rule's record without evidence). ``records`` are
    the objects appended to the record list (a finalizer may later merge or drop them);
    ``snapshots`` are copies of them as the rule made them."""

    rule: str
    record: str
    kind: str  # "file" or "python"
    sentence: int | None
    span: tuple[int, int] | None
    captures: dict[str, tuple[int, int]] = field(default_factory=dict)
    records: list = field(default_factory=list)
    snapshots: list = field(default_factory=list)


def _trace_match(m: RuleMatch, produced: list) -> TraceEntry:
    doc = m.doc
    starts, ends = doc.token_starts, doc.token_ends
    span = (starts[m.first], ends[m.last - 1]) if m.last > m.first else None
    caps = {name: (starts[a], ends[b - 1]) for name, (a, b) in m.captures.items() if b > a}
    return TraceEntry(m.rule.name, m.rule.record, "file", m.sentence.i, span, caps, list(produced),
                      [copy.deepcopy(r) for r in produced])


def _trace_record(r: Any, doc: Document, rec: Any) -> TraceEntry:
    ev = getattr(rec, "evidence", None)
    sent = doc.sentence_of(ev.start) if ev is not None else None
    return TraceEntry(r.name, r.record, "python", sent.i if sent is not None else None,
                      (ev.start, ev.end) if ev is not None else None, {}, [rec], [copy.deepcopy(rec)])


def _stamp(rec: Any, name: str, confidence: float, evidence: Span | None) -> None:
    if not getattr(rec, "rule", ""):
        rec.rule = name
    if getattr(rec, "evidence", None) is None and evidence is not None:
        rec.evidence = evidence
    if getattr(rec, "confidence", None) in (None, 1.0):
        rec.confidence = confidence


def _default_action(m: RuleMatch) -> Iterable[Any]:
    """Without an action: captures named like string fields of the record fill them."""
    cls = RECORD_TYPES[m.rule.record]
    kwargs = {}
    for f in cls.__dataclass_fields__.values():
        if f.name in m.captures and f.type in ("str", "Optional[str]"):
            kwargs[f.name] = m.text(f.name)
    kwargs.update(m.rule.set)
    try:
        return [cls(**kwargs)]
    except TypeError:
        return []
