"""The pipeline: named stages over one :class:`~persian_trade_news.document.Document`.

Stages are declared with :func:`stage` (a factory with keyword-only config, like spaCy's
``@Language.factory``); each says what it ``provides`` and ``requires`` (like stanza's
processors), and :class:`Pipeline` checks the order when it is assembled::

    nlp = Pipeline.default()
    nlp.remove_stage("sectors")
    nlp.add_stage("my_stage", after="entities")
    article = nlp("...متن خبر...")
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Protocol, runtime_checkable

from .document import Document
from .errors import PipelineError
from .inputs import DEFAULT_MAX_CHARS, coerce_text, looks_like_html, mask_html
from .records import RECORD_TYPES, Article

__all__ = ["Stage", "stage", "Pipeline", "ExtractionFailure", "registered_stages"]


@runtime_checkable
class Stage(Protocol):
    """What a stage is: a callable over a Document with a name and declared dependencies."""

    name: str
    provides: tuple[str, ...]
    requires: tuple[str, ...]

    def __call__(self, doc: Document) -> None: ...


@dataclass
class _Factory:
    name: str
    func: Callable[..., Callable[[Document], None]]
    provides: tuple[str, ...]
    requires: tuple[str, ...]
    doc: str = ""


_FACTORIES: dict[str, _Factory] = {}
# Built-in stages, imported only when a pipeline uses them (keeps ``import`` cheap).
_BUILTIN_MODULES: dict[str, str] = {
    "agency": "persian_trade_news.agency",
    "quantities": "persian_trade_news.stages_numbers",
    "dates": "persian_trade_news.stages_numbers",
    "entities": "persian_trade_news.entities",
    "stanza_ner": "persian_trade_news.stanza_ner",
    "people": "persian_trade_news.people",
    "relations": "persian_trade_news.rules.stage",
}
DEFAULT_STAGES = ("agency", "quantities", "dates", "entities", "people", "relations")


class _BoundStage:
    """A factory's product, carrying the factory's name and dependency declarations."""

    def __init__(self, name: str, func: Callable[[Document], None], provides, requires, config):
        self.name, self.func = name, func
        self.provides, self.requires = tuple(provides), tuple(requires)
        self.config = dict(config)

    def __call__(self, doc: Document) -> None:
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


def _make(name: str, config: Mapping[str, Any] | None = None) -> _BoundStage:
    if name not in _FACTORIES and name in _BUILTIN_MODULES:
        importlib.import_module(_BUILTIN_MODULES[name])
    fac = _FACTORIES.get(name)
    if fac is None:
        raise PipelineError(f"unknown stage {name!r}; known: {', '.join(sorted(set(_FACTORIES) | set(_BUILTIN_MODULES)))}")
    try:
        func = fac.func(**dict(config or {}))
    except TypeError as exc:
        raise PipelineError(f"bad config for stage {name!r}: {exc}") from None
    return _BoundStage(name, func, fac.provides, fac.requires, config or {})


@dataclass
class ExtractionFailure:
    """Stands in place of an Article in :meth:`Pipeline.pipe` with ``errors="return"``."""

    index: int
    id: Optional[str]
    error: str
    message: str

    def to_dict(self) -> dict:
        return {"id": self.id, "index": self.index, "error": self.error, "message": self.message}


@dataclass
class Limits:
    """Configurable limits (see docs/limits): text size, tokens per sentence, records per list."""

    max_chars: int = DEFAULT_MAX_CHARS
    max_sentence_tokens: int = 400
    max_records: int = 2000


class Pipeline:
    """An ordered list of named stages, run over a Document, producing an Article."""

    def __init__(self, stages: Iterable[str | tuple[str, Mapping[str, Any]] | Stage] = (), *,
                 max_chars: int = DEFAULT_MAX_CHARS, max_sentence_tokens: int = 400,
                 max_records: int = 2000, html: str = "auto") -> None:
        if html not in ("auto", "strip", "keep"):
            raise PipelineError("html must be 'auto', 'strip' or 'keep'")
        self.limits = Limits(max_chars, max_sentence_tokens, max_records)
        self.html = html
        self._stages: list[Any] = []
        for s in stages:
            self._append(s)
        self.validate()

    # ------------------------------------------------------------------ assembly
    @classmethod
    def default(cls, **kwargs: Any) -> "Pipeline":
        """The default pipeline: agency, quantities, dates, entities, people, relations
        (stanza's NER is added with ``add_stage("stanza_ner", after="entities")``)."""
        return cls(DEFAULT_STAGES, **kwargs)

    def _build(self, s) -> Any:
        if isinstance(s, str):
            return _make(s)
        if isinstance(s, tuple) and len(s) == 2 and isinstance(s[0], str):
            return _make(s[0], s[1])
        if callable(s) and isinstance(getattr(s, "name", None), str):
            if not hasattr(s, "provides"):
                s.provides = ()
            if not hasattr(s, "requires"):
                s.requires = ()
            return s
        raise PipelineError(f"not a stage: {s!r} (a registered name, (name, config) or a Stage)")

    def _append(self, s) -> None:
        built = self._build(s)
        if built.name in self.stage_names:
            raise PipelineError(f"stage {built.name!r} is already in the pipeline")
        self._stages.append(built)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self._stages]

    def get_stage(self, name: str) -> Any:
        for s in self._stages:
            if s.name == name:
                return s
        raise PipelineError(f"no stage {name!r} in {self.stage_names}")

    def add_stage(self, s, *, before: str | None = None, after: str | None = None,
                  config: Mapping[str, Any] | None = None) -> "Pipeline":
        """Add a stage (registered name, or any Stage object) at the end, or before/after another."""
        built = self._build((s, config) if isinstance(s, str) and config else s)
        if built.name in self.stage_names:
            raise PipelineError(f"stage {built.name!r} is already in the pipeline")
        if before and after:
            raise PipelineError("give before or after, not both")
        pos = len(self._stages)
        if before:
            pos = self.stage_names.index(self.get_stage(before).name)
        elif after:
            pos = self.stage_names.index(self.get_stage(after).name) + 1
        self._stages.insert(pos, built)
        try:
            self.validate()
        except PipelineError:
            self._stages.pop(pos)
            raise
        return self

    def remove_stage(self, name: str) -> "Pipeline":
        """Remove a stage; the pipeline is left unchanged if what remains would not validate."""
        before = list(self._stages)
        self._stages.remove(self.get_stage(name))
        try:
            self.validate()
        except PipelineError:
            self._stages = before
            raise
        return self

    def replace_stage(self, name: str, s, *, config: Mapping[str, Any] | None = None) -> "Pipeline":
        built = self._build((s, config) if isinstance(s, str) and config else s)
        i = self.stage_names.index(self.get_stage(name).name)
        old, self._stages[i] = self._stages[i], built
        try:
            self.validate()
        except PipelineError:
            self._stages[i] = old
            raise
        return self

    def validate(self) -> None:
        """Every stage's requirements must be provided by a stage before it."""
        have: set[str] = {"text", "tokens", "sentences", "header"}
        for s in self._stages:
            missing = [r for r in s.requires if r not in have]
            if missing:
                raise PipelineError(f"stage {s.name!r} requires {missing} but no earlier stage provides it")
            have.update(s.provides)

    def add_rules(self, path: str | os.PathLike) -> "Pipeline":
        """Load a rule file (YAML/JSON, never executed) into the relations stage."""
        rel = self.get_stage("relations")
        rel.func.engine.load_file(path)
        return self

    # ------------------------------------------------------------------ running
    def make_doc(self, text: object, *, date: str | None = None, id: str | None = None) -> Document:
        text = coerce_text(text, max_chars=self.limits.max_chars)
        analysed = text
        if self.html == "strip" or (self.html == "auto" and looks_like_html(text)):
            analysed = mask_html(text)
        doc = Document.from_text(analysed, raw=text, id=id, date=date)
        doc.meta["limits"] = self.limits
        return doc

    def run(self, doc: Document) -> Document:
        for s in self._stages:
            s(doc)
        return doc

    def __call__(self, text: object, *, date: str | None = None, id: str | None = None) -> Article:
        """Extract one article (see :func:`persian_trade_news.extract`)."""
        if date is not None:
            _check_date(date)
        doc = self.run(self.make_doc(text, date=date, id=id))
        return to_article(doc, self.limits.max_records)

    def pipe(self, items: Iterable[Any], *, n_process: int = 1, batch_size: int = 16,
             errors: str = "raise", as_json: bool = False) -> Iterator[Any]:
        """Extract many texts, streaming, in input order (see :func:`persian_trade_news.extract_many`)."""
        from .batch import pipe

        return pipe(self, items, n_process=n_process, batch_size=batch_size, errors=errors, as_json=as_json)

    def __repr__(self) -> str:
        return f"Pipeline({self.stage_names})"


def _check_date(date: str) -> None:
    import datetime as _dt

    from .errors import InputError

    try:
        _dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        raise InputError(f"date must be YYYY-MM-DD, got {date!r}") from None


def to_article(doc: Document, max_records: int = 2000) -> Article:
    """Build the output Article from a processed Document (applying the records limit)."""
    truncated = doc.truncated
    lists: dict[str, list] = {}
    for name in RECORD_TYPES:
        recs = doc.records.get(name, [])
        if len(recs) > max_records:
            recs, truncated = recs[:max_records], True
        lists[name] = recs
    from .entities import fold_organisation_forms

    entities = fold_organisation_forms(doc.entities)
    if len(entities) > 10 * max_records:
        entities, truncated = entities[: 10 * max_records], True
    return Article(id=doc.id, date=doc.date, headline=doc.headline, agency=doc.agency, text=doc.raw,
                   entities=list(entities), people=list(doc.people), truncated=truncated,
                   warnings=list(doc.warnings), **lists)
