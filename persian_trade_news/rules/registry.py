"""Registries of rule actions and Python rules, and the entry-point group for rule packages.

* ``@action("name")`` registers a named Python action that a rule file may reference
  (``action: visit``): it receives the match and returns records.
* ``@rule(name=..., record=..., priority=...)`` registers a whole rule written in Python: a
  function ``(doc, ctx) -> Iterable[record]``.
* ``@finalizer("record")`` registers the function that merges and deduplicates one record list
  after all rules ran: ``(doc, records) -> records``.
* Third-party packages expose rule files or modules through the entry-point group
  ``persian_trade_news.rules``: the entry point may load to a path (str / Path) of a rule file or
  folder, a module that registers rules with the decorators, or a callable returning paths.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..records import RECORD_TYPES
from ..text.normalize import match_key

ENTRY_POINT_GROUP = "persian_trade_news.rules"

ACTIONS: dict[str, Callable[..., Iterable[Any]]] = {}
PY_RULES: dict[str, "PyRule"] = {}
FINALIZERS: dict[str, Callable[..., Iterable[Any]]] = {}


@dataclass
class PyRule:
    name: str
    record: str
    priority: int
    func: Callable[..., Iterable[Any]]
    description: str = ""
    examples: tuple = ()
    confidence: float = 0.7
    # words whose presence in a sentence suggests the rule could fire there, as match keys; used
    # only by ``explain`` (a sentence holding one where the rule made nothing is listed), never to
    # skip the rule
    triggers: frozenset[str] = frozenset()


def action(name: str):
    """Register a named action usable from rule files (``action: <name>``)."""

    def deco(func):
        ACTIONS[name] = func
        return func

    return deco


def rule(*, name: str, record: str, priority: int = 50, confidence: float = 0.7,
         examples: Iterable[dict] = (), description: str = "", triggers: Iterable[str] = ()):
    """Register a Python rule: ``func(doc, ctx)`` yields records of type ``record``.

    ``examples`` are ``{"text": ..., "expect": {...}}`` dicts checked by the test suite, like the
    examples of file rules. ``triggers`` are the words the rule looks for (``["نوآفرین"]``):
    ``explain`` lists a sentence holding one where the rule made no record (they never decide
    whether the rule runs)."""
    if record not in RECORD_TYPES:
        raise ValueError(f"unknown record type {record!r}; one of {', '.join(RECORD_TYPES)}")
    if isinstance(triggers, str):
        raise TypeError("triggers must be an iterable of words, not a string")
    trigger_keys = frozenset(k for k in map(match_key, triggers) if k)

    def deco(func):
        PY_RULES[name] = PyRule(name, record, priority, func, description or (func.__doc__ or "").strip(),
                                tuple(examples), confidence, trigger_keys)
        return func

    return deco


def finalizer(record: str):
    """Register a function that merges/deduplicates one record list after all rules ran."""

    def deco(func):
        FINALIZERS[record] = func
        return func

    return deco


def load_entry_points() -> list[Any]:
    """Load every ``persian_trade_news.rules`` entry point; returns what they produced."""
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        if callable(obj) and not isinstance(obj, type):
            obj = obj()
        out.append(obj)
    return out
