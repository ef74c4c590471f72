"""persian_trade_news: typed, linked records from Persian (Farsi) economic news.

    >>> import persian_trade_news as ptn
    >>> article = ptn.extract(" date 2025-10-04 لرستان آماده توسعه روابط تجاری با قزاقستان")
    >>> article.date
    '2025-10-04'

Public names are imported lazily so ``import persian_trade_news`` stays cheap.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

_LAZY = {
    "extract": "persian_trade_news.api",
    "extract_many": "persian_trade_news.api",
    "json_schema": "persian_trade_news.records.schema",
    "Pipeline": "persian_trade_news.pipeline",
    "stage": "persian_trade_news.pipeline",
    "ExtractionFailure": "persian_trade_news.records",
    "Document": "persian_trade_news.text.document",
    "parse_number": "persian_trade_news.readers.numbers",
    "parse_ordinal": "persian_trade_news.readers.numbers",
    "find_quantities": "persian_trade_news.readers.quantities",
    "find_dates": "persian_trade_news.readers.dates",
    "rule": "persian_trade_news.rules.registry",
    "to_dataframe": "persian_trade_news.interfaces.frames",
    "evaluate": "persian_trade_news.interfaces.evaluate",
    "explain": "persian_trade_news.interfaces.explain",
    "Explanation": "persian_trade_news.interfaces.explain",
    "PersianTradeNewsError": "persian_trade_news.errors",
    "InputError": "persian_trade_news.errors",
    "InputTooLargeError": "persian_trade_news.errors",
    "EncodingError": "persian_trade_news.errors",
    "RuleError": "persian_trade_news.errors",
    "PipelineError": "persian_trade_news.errors",
    "ModelNotFoundError": "persian_trade_news.errors",
    "MissingDependencyError": "persian_trade_news.errors",
    "WorkerDiedError": "persian_trade_news.errors",
}
_RECORDS = ("Article", "Span", "Place", "Party", "Money", "Amount", "Entity", "Person", "Visit",
            "Meeting", "Capacity", "Share", "Ranking", "TradeFlow", "Sector", "Product", "Project",
            "Cooperation", "Agreement", "Statement")
_LAZY.update({name: "persian_trade_news.records" for name in _RECORDS})

__all__ = sorted([*_LAZY, "__version__"])

from . import _compat  # noqa: E402  (old module paths of 0.1, for one release)

_compat.install()


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'persian_trade_news' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from .api import extract, extract_many
    from .interfaces.evaluate import evaluate
    from .interfaces.explain import Explanation, explain
    from .errors import (EncodingError, InputError, InputTooLargeError, MissingDependencyError,
                         ModelNotFoundError, PersianTradeNewsError, PipelineError, RuleError,
                         WorkerDiedError)
    from .readers.numbers import parse_number, parse_ordinal
    from .pipeline import ExtractionFailure, Pipeline, stage
    from .records import (Agreement, Amount, Article, Capacity, Cooperation, Entity, Meeting, Money,
                          Party, Person, Place, Product, Project, Ranking, Sector, Share, Span,
                          Statement, TradeFlow, Visit)
    from .records.schema import json_schema
