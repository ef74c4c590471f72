"""Token patterns and a linear-time matcher.

A pattern is a list of elements; each element matches one token, or one whole entity /
quantity / date span, and may be optional or repeated::

    - {class: visit_cue, capture: cue}
    - {any: true, op: "*", max: 6}
    - {entity: [COUNTRY, PROVINCE, CITY], capture: destination}
    - {key: [بازدید, سفر], op: "?"}

Element keys (all optional; the ones given must all hold):
``text`` / ``norm`` / ``key`` (a string or a list: the raw text, the normalised form, or the
matching key of the token), ``prefix`` / ``suffix`` (of the key), ``regex`` (on the normalised
form, rejected at load time if it could backtrack catastrophically), ``class`` (a word class
defined in the rule file's ``classes:`` or a built-in lexicon class), ``entity`` (label or labels;
the element then spans the whole entity), ``quantity`` (``true`` or kinds: ``quantity``,
``money``, ``percent``, ``duration``, ``number``), ``date: true``, ``punct`` (true/false or the
characters), ``any: true``, ``not`` (an element that must NOT match this token);
``op`` one of ``?``, ``*``, ``+`` with ``max`` repetitions (default 8), ``capture`` a name.

Matching is a Pike VM (Thompson NFA simulation with captures, as in RE2): every position is
visited once per pattern state, so time is linear in the input and no pattern can backtrack.
Matches are found within one sentence, leftmost-first, non-overlapping.
"""
from __future__ import annotations

import re
try:  # Python >= 3.11 keeps the regex parser private; the old aliases warn
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants, sre_parse  # type: ignore
from dataclasses import dataclass, field
from typing import Any, Callable

from ..text.normalize import match_key

ELEMENT_KEYS = {"text", "norm", "key", "prefix", "suffix", "regex", "class", "entity", "quantity",
                "date", "punct", "any", "not", "op", "max", "capture", "role", "person"}
_MAX_REPEAT = 32


def _as_set(v: Any, transform=lambda x: x) -> frozenset[str]:
    if isinstance(v, str):
        return frozenset([transform(v)])
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return frozenset(transform(x) for x in v)
    raise ValueError("expected a string or a list of strings")


def check_regex(pattern: str) -> re.Pattern:
    """Compile a user regex, rejecting nested unbounded repetition (catastrophic backtracking)."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, sre_constants.error, RecursionError) as exc:
        raise ValueError(f"invalid regex {pattern!r}: {exc}") from None

    def walk(items, inside_repeat: bool) -> None:
        for op, av in items:
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
                lo, hi, sub = av
                unbounded = hi is sre_constants.MAXREPEAT or hi > 1
                if inside_repeat and unbounded:
                    raise ValueError(f"regex {pattern!r} nests repetitions (it could backtrack catastrophically)")
                walk(sub, inside_repeat or unbounded)
            elif op is sre_constants.SUBPATTERN:
                walk(av[-1], inside_repeat)
            elif op is sre_constants.BRANCH:
                if inside_repeat:
                    raise ValueError(f"regex {pattern!r} repeats an alternation (it could backtrack catastrophically)")
                for b in av[1]:
                    walk(b, inside_repeat)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(av[1], inside_repeat)
            elif op is sre_constants.GROUPREF:
                raise ValueError(f"regex {pattern!r} uses a back-reference")

    walk(parsed, False)
    return re.compile(pattern)


@dataclass
class Element:
    """One compiled pattern element."""

    test: Callable[[Any, int], int]  # (ctx, token index) -> end token index or -1
    op: str = ""
    max: int = 8
    capture: str | None = None
    spec: dict = field(default_factory=dict)
    keys: frozenset[str] | None = None  # the token keys this element can match (key/class tests), if known


def compile_element(spec: dict, classes: dict[str, frozenset[str]]) -> Element:
    if not isinstance(spec, dict):
        raise ValueError("a pattern element must be a mapping")
    unknown = set(spec) - ELEMENT_KEYS
    if unknown:
        raise ValueError(f"unknown element key(s): {', '.join(sorted(map(str, unknown)))}")
    op = spec.get("op", "")
    if op not in ("", "?", "*", "+"):
        raise ValueError(f"op must be '?', '*' or '+', not {op!r}")
    mx = spec.get("max", 8)
    if not isinstance(mx, int) or not 1 <= mx <= _MAX_REPEAT:
        raise ValueError(f"max must be an integer from 1 to {_MAX_REPEAT}")
    capture = spec.get("capture")
    if capture is not None and (not isinstance(capture, str) or not capture.isidentifier()):
        raise ValueError("capture must be an identifier")
    token_tests: list[Callable[[Any], bool]] = []
    if "text" in spec:
        s = _as_set(spec["text"])
        token_tests.append(lambda t, s=s: t.text in s)
    if "norm" in spec:
        s = _as_set(spec["norm"])
        token_tests.append(lambda t, s=s: t.norm in s)
    if "key" in spec:
        s = _as_set(spec["key"], match_key)
        token_tests.append(lambda t, s=s: t.key in s)
    if "prefix" in spec:
        s = tuple(_as_set(spec["prefix"], match_key))
        token_tests.append(lambda t, s=s: t.key.startswith(s))
    if "suffix" in spec:
        s = tuple(_as_set(spec["suffix"], match_key))
        token_tests.append(lambda t, s=s: t.key.endswith(s))
    if "regex" in spec:
        if not isinstance(spec["regex"], str):
            raise ValueError("regex must be a string")
        rx = check_regex(spec["regex"])
        token_tests.append(lambda t, rx=rx: rx.fullmatch(t.norm[:200]) is not None)
    if "class" in spec:
        names = _as_set(spec["class"])
        words: set[str] = set()
        for n in names:
            if n not in classes:
                raise ValueError(f"unknown word class {n!r}")
            words |= classes[n]
        frozen = frozenset(words)
        token_tests.append(lambda t, s=frozen: t.key in s)
    if "punct" in spec:
        p = spec["punct"]
        if p is True:
            token_tests.append(lambda t: t.kind == "punct")
        elif p is False:
            token_tests.append(lambda t: t.kind != "punct")
        else:
            s = _as_set(p)
            token_tests.append(lambda t, s=s: t.kind == "punct" and t.text in s)
    negated = None
    if "not" in spec:
        negated = compile_element(spec["not"], classes)
        if negated.op or negated.capture:
            raise ValueError("a 'not' element takes no op or capture")
    span_kind = None
    for k in ("entity", "quantity", "date", "role", "person"):
        if k in spec:
            if span_kind:
                raise ValueError("an element matches one of entity/quantity/date/role/person, not several")
            span_kind = k
    if span_kind and token_tests:
        raise ValueError(f"an element with {span_kind!r} cannot also test token text")
    if not token_tests and not span_kind and not spec.get("any") and negated is None:
        raise ValueError("an element needs at least one test (or any: true)")

    if span_kind == "entity":
        labels = _as_set(spec["entity"])

        def test(ctx, i, labels=labels):
            return ctx.span_end("entity", i, labels)
    elif span_kind == "quantity":
        q = spec["quantity"]
        kinds = None if q is True else _as_set(q)

        def test(ctx, i, kinds=kinds):
            return ctx.span_end("quantity", i, kinds)
    elif span_kind in ("date", "role", "person"):
        kind = span_kind

        def test(ctx, i, kind=kind):
            return ctx.span_end(kind, i, None)
    else:
        tests = tuple(token_tests)

        def test(ctx, i, tests=tests, negated=negated):
            t = ctx.tokens[i]
            for f in tests:
                if not f(t):
                    return -1
            if negated is not None and negated.test(ctx, i) >= 0:
                return -1
            return i + 1
    keys = None
    if "key" in spec:
        keys = _as_set(spec["key"], match_key)
    elif "class" in spec:
        keys = frozen
    return Element(test, op, mx, capture, spec, keys)


_FREQUENT = frozenset(match_key(w) for w in ("و", "با", "از", "به", "در", "را", "که", "این", "برای", "است", "تا"))

# ---------------------------------------------------------------- the VM
_CHAR, _SPLIT, _SAVE, _MATCH, _JMP = range(5)


@dataclass
class Program:
    code: list[tuple]
    captures: tuple[str, ...]
    # a match must contain a token with one of these keys (the smallest key set of a required
    # element): sentences without one are skipped without running the VM
    anchor: frozenset[str] | None = None
    # a match can only start on a token with one of these keys (the first element's), if known
    start_keys: frozenset[str] | None = None
    # every required key/class element: a sentence must hold a key of each to match at all
    anchors: tuple[frozenset[str], ...] = ()


def compile_pattern(elements: list[Element]) -> Program:
    """Thompson construction; bounded repetition is unrolled (max <= 32)."""
    code: list[tuple] = []
    names: list[str] = []

    def slot(name: str) -> int:
        if name not in names:
            names.append(name)
        return names.index(name)

    def emit_one(el: Element) -> None:
        code.append((_CHAR, el))

    for el in elements:
        if el.capture:
            code.append((_SAVE, 2 * slot(el.capture)))
        if el.op == "":
            emit_one(el)
        elif el.op == "?":
            split = len(code)
            code.append(None)
            emit_one(el)
            code[split] = (_SPLIT, split + 1, len(code))
        else:
            lo = 1 if el.op == "+" else 0
            for _ in range(lo):
                emit_one(el)
            splits = []
            for _ in range(el.max - lo):
                splits.append(len(code))
                code.append(None)
                emit_one(el)
            end = len(code)
            for s in splits:
                code[s] = (_SPLIT, s + 1, end)
        if el.capture:
            code.append((_SAVE, 2 * slot(el.capture) + 1))
    code.append((_MATCH,))
    required = [el.keys for el in elements if el.op in ("", "+") and el.keys is not None]
    # the most selective required element: few keys, and no very frequent function word
    anchor = min(required, key=lambda ks: (bool(ks & _FREQUENT), len(ks))) if required else None
    first = elements[0] if elements else None
    start_keys = first.keys if first is not None and first.op in ("", "+") else None
    return Program(code, tuple(names), anchor, start_keys, tuple(sorted(required, key=len)))


def run_program(prog: Program, ctx, first: int, last: int) -> list[tuple[int, int, dict[str, tuple[int, int]]]]:
    """All leftmost-first, non-overlapping matches in tokens [first, last)."""
    code = prog.code
    ncap = 2 * len(prog.captures)
    start_keys = prog.start_keys
    results = []
    start_from = first
    while start_from < last:
        # threads per position: list of (pc, caps, match_start), deduped by pc per position
        pending: dict[int, list] = {}
        seen: dict[int, set] = {}
        best = None

        def add(pos, pc, caps, mstart):
            stack = [(pc, caps)]
            while stack:
                pc, caps = stack.pop()
                s = seen.setdefault(pos, set())
                if pc in s:
                    continue
                s.add(pc)
                op = code[pc]
                kind = op[0]
                if kind == _SPLIT:
                    stack.append((op[2], caps))
                    stack.append((op[1], caps))  # preferred branch on top
                elif kind == _SAVE:
                    c = list(caps)
                    c[op[1]] = pos
                    stack.append((pc + 1, tuple(c)))
                elif kind == _JMP:
                    stack.append((op[1], caps))
                else:
                    pending.setdefault(pos, []).append((pc, caps, mstart))

        pos = start_from
        keys = ctx.doc.keys
        while pos <= last:
            if best is None and not pending and start_keys is not None:
                while pos < last and keys[pos] not in start_keys:
                    pos += 1  # nothing in flight: go straight to where a match can start
                if pos >= last:
                    break
            if best is None and (start_keys is None or (pos < last and keys[pos] in start_keys)):
                add(pos, 0, (-1,) * ncap, pos)
            threads = pending.pop(pos, [])
            if not threads and best is not None and not pending:
                break
            for pc, caps, mstart in threads:
                op = code[pc]
                if op[0] == _MATCH:
                    if best is None or mstart < best[0] or (mstart == best[0] and pos > best[1]):
                        best = (mstart, pos, caps)
                    continue
                if best is not None and mstart > best[0]:
                    continue
                if pos >= last:
                    continue
                end = op[1].test(ctx, pos)
                if end > pos and end <= last:
                    add(end, pc + 1, caps, mstart)
            pos += 1
            if best is not None and not pending:
                break
        if best is None:
            break
        mstart, mend, caps = best
        groups = {}
        for k, name in enumerate(prog.captures):
            a, b = caps[2 * k], caps[2 * k + 1]
            if a >= 0 and b >= a:
                groups[name] = (a, b)
        if mend > mstart:
            results.append((mstart, mend, groups))
        start_from = max(mend, mstart + 1)
    return results
