"""The pipeline: named stages over one :class:`~persian_trade_news.text.document.Document`.

Stages are declared with :func:`stage` (a factory with keyword-only config, like spaCy's
``@Language.factory``); each says what it ``provides`` and ``requires`` (like stanza's
processors), and :class:`Pipeline` checks the order when it is assembled::

    nlp = Pipeline.default()
    nlp.remove_stage("sectors")
    nlp.add_stage("my_stage", after="entities")
    article = nlp("...متن خبر...")
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Protocol, runtime_checkable

from .errors import PipelineError
from .records import RECORD_TYPES, Article, ExtractionFailure
from .stages import make_stage, registered_stages, stage, stage_info
from .text.document import Document
from .text.inputs import DEFAULT_MAX_CHARS, coerce_text, looks_like_html, mask_html

__all__ = ["Stage", "stage", "Pipeline", "ExtractionFailure", "registered_stages", "stage_info", "DEFAULT_STAGES"]

DEFAULT_STAGES = ("agency", "quantities", "dates", "entities", "people", "relations")


@runtime_checkable
class Stage(Protocol):
    """What a stage is: a callable over a Document with a name and declared dependencies."""

    name: str
    provides: tuple[str, ...]
    requires: tuple[str, ...]

    def __call__(self, doc: Document) -> None: ...


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
            return make_stage(s)
        if isinstance(s, tuple) and len(s) == 2 and isinstance(s[0], str):
            return make_stage(s[0], s[1])
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

    def run_traced(self, text: object, *, date: str | None = None,
                   id: str | None = None) -> tuple[Document, Article]:
        """Extract one article with the rule trace on: returns the processed Document (its
        ``meta["trace"]`` holds one :class:`~persian_trade_news.rules.engine.TraceEntry` per
        rule firing) and the Article, which is the same as ``self(text)`` gives."""
        if date is not None:
            _check_date(date)
        doc = self.make_doc(text, date=date, id=id)
        doc.meta["trace"] = []
        self.run(doc)
        return doc, to_article(doc, self.limits.max_records)

    def pipe(self, items: Iterable[Any], *, n_process: int = 1, batch_size: int = 16,
             errors: str = "raise", as_json: bool = False) -> Iterator[Any]:
        """Extract many texts, streaming, in input order (see :func:`persian_trade_news.extract_many`)."""
        from .batch import pipe

        return pipe(self, items, n_process=n_process, batch_size=batch_size, errors=errors, as_json=as_json,
                    factory=type(self).default)

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
    entities = doc.entities
    for shape in doc.output_filters:
        entities = shape(entities)
    if len(entities) > 10 * max_records:
        entities, truncated = entities[: 10 * max_records], True
    return Article(id=doc.id, date=doc.date, headline=doc.headline, agency=doc.agency, text=doc.raw,
                   entities=list(entities), people=list(doc.people), truncated=truncated,
                   warnings=list(doc.warnings), **lists)
