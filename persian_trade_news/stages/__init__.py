"""The stages: one module per stage, named after it, each registered with :func:`stage`.

=============  =====================================================  =================
module         provides                                               requires
=============  =====================================================  =================
agency         ``doc.agency``, the agency's ORG entity                tokens
quantities     ``doc.quantities``; QUANTITY, MONEY, PERCENT entities  tokens
dates          ``doc.dates``; DATE entities                           tokens
entities       places, products, sectors, ORG and ROLE entities       tokens
stanza_ner     PERSON/ORG/LOC entities from stanza (optional)         tokens
people         ``doc.people``; PERSON entities and mentions           entities
relations      every record list (the rule engine, ``rules/``)        entities, people
=============  =====================================================  =================

A stage is declared like spaCy's ``@Language.factory`` and stanza's processors: a factory with
keyword-only config that returns ``run(doc)``, with what it ``provides`` and ``requires``::

    @stage("my_stage", provides=["my_marks"], requires=["entities"])
    def make_my_stage(*, threshold: float = 0.5):
        def run(doc): ...
        return run

Built-in stage modules are imported only when a pipeline uses them (``import`` stays cheap).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from ..errors import PipelineError

__all__ = ["stage", "make_stage", "registered_stages", "stage_info", "BoundStage"]


@dataclass
class _Factory:
    name: str
    func: Callable[..., Callable[[Any], None]]
    provides: tuple[str, ...]
    requires: tuple[str, ...]
    doc: str = ""


_FACTORIES: dict[str, _Factory] = {}
# Built-in stages, imported only when a pipeline uses them (keeps ``import`` cheap).
_BUILTIN_MODULES: dict[str, str] = {name: f"{__name__}.{name}" for name in (
    "agency", "quantities", "dates", "entities", "stanza_ner", "people", "relations")}


class BoundStage:
    """A factory's product, carrying the factory's name and dependency declarations."""

    def __init__(self, name: str, func: Callable[[Any], None], provides, requires, config):
        self.name, self.func = name, func
        self.provides, self.requires = tuple(provides), tuple(requires)
        self.config = dict(config)

    def __call__(self, doc) -> None:
        self.func(doc)

    def __repr__(self) -> str:
        return f"<stage {self.name}>"


def stage(name: str, *, provides: Iterable[str] = (), requires: Iterable[str] = ()):
    """Register a stage factory: ``@stage("name", provides=[...], requires=[...])`` over a function
    taking keyword-only config and returning ``callable(doc) -> None``."""

    def deco(func):
        _FACTORIES[name] = _Factory(name, func, tuple(provides), tuple(requires), func.__doc__ or "")
        return func

    return deco


def registered_stages() -> dict[str, str]:
    """Name → first docstring line of every known stage factory (built-in ones included)."""
    for module in set(_BUILTIN_MODULES.values()):
        try:
            importlib.import_module(module)
        except ImportError:
            continue
    return {n: (f.doc.strip().splitlines() or [""])[0] for n, f in sorted(_FACTORIES.items())}


def stage_info() -> dict[str, dict[str, Any]]:
    """Name → {"provides", "requires", "doc"} of every known stage factory."""
    registered_stages()
    return {n: {"provides": list(f.provides), "requires": list(f.requires),
                "doc": (f.doc.strip().splitlines() or [""])[0]} for n, f in sorted(_FACTORIES.items())}


def make_stage(name: str, config: Mapping[str, Any] | None = None) -> BoundStage:
    if name not in _FACTORIES and name in _BUILTIN_MODULES:
        importlib.import_module(_BUILTIN_MODULES[name])
    fac = _FACTORIES.get(name)
    if fac is None:
        raise PipelineError(f"unknown stage {name!r}; known: {', '.join(sorted(set(_FACTORIES) | set(_BUILTIN_MODULES)))}")
    try:
        func = fac.func(**dict(config or {}))
    except TypeError as exc:
        raise PipelineError(f"bad config for stage {name!r}: {exc}") from None
    return BoundStage(name, func, fac.provides, fac.requires, config or {})
