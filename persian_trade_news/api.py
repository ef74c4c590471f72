"""The two functions most users need: :func:`extract` and :func:`extract_many`."""
from __future__ import annotations

import threading
from typing import Any, Iterable, Iterator

from .pipeline import Pipeline
from .records import Article

_DEFAULT: Pipeline | None = None
_LOCK = threading.Lock()


def default_pipeline() -> Pipeline:
    """The shared default pipeline, built on first use (lexicons load once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = Pipeline.default()
    return _DEFAULT


def extract(text: str | bytes, *, date: str | None = None, id: str | None = None) -> Article:
    """Read one Persian news text and return its :class:`~persian_trade_news.records.Article`.

    Args:
        text: the article; ``str``, or bytes in UTF-8 or Windows-1256. It may start with a
            header line `` date YYYY-MM-DD <headline>``.
        date: publication date ``YYYY-MM-DD`` (overrides the header's).
        id: a caller-supplied id copied to ``Article.id``.

    Raises:
        InputError: ``None``, a non-text type, undecodable bytes (``EncodingError``) or text above
            the size limit (``InputTooLargeError``). All derive from ``PersianTradeNewsError``.
    """
    return default_pipeline()(text, date=date, id=id)


def extract_many(texts: Iterable[Any], *, n_process: int = 1, batch_size: int = 16,
                 errors: str = "raise", as_json: bool = False) -> Iterator[Any]:
    """Extract many texts, streaming results in input order.

    ``texts`` holds ``str``/``bytes`` or mappings ``{"text", "id", "date"}``. With ``n_process > 1``
    worker processes each hold one pipeline. ``errors="return"`` yields an
    :class:`~persian_trade_news.pipeline.ExtractionFailure` in place of an input that failed.
    ``as_json=True`` yields each Article as its JSON text (``Article.to_json(ensure_ascii=False)``),
    made in the worker process: the cheapest way to write JSONL from many processes.
    """
    return default_pipeline().pipe(texts, n_process=n_process, batch_size=batch_size, errors=errors,
                                   as_json=as_json)
