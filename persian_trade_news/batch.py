"""Streaming batch extraction, optionally over worker processes, always in input order.

Inputs may be ``str``/``bytes`` texts or mappings ``{"text", "id", "date"}``. Each worker builds
(or inherits, with ``fork``) its pipeline once. With ``errors="return"`` a failing input yields an
:class:`~persian_trade_news.pipeline.ExtractionFailure` in its place and the rest go on; with
``errors="raise"`` (the default) the first failure is raised. With ``as_json=True`` each
Article comes as its JSON text (``Article.to_json(ensure_ascii=False)``), serialised in the
worker that extracted it, so the parent only passes strings on.
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
from collections.abc import Mapping
from typing import Any, Iterable, Iterator

from .errors import InputError

_WORKER = None


def _unpack(index: int, item: Any) -> tuple[int, Any, Any, Any]:
    if isinstance(item, Mapping):
        return index, item.get("text"), item.get("id"), item.get("date")
    return index, item, None, None


def _one(pipeline, job, errors: str, as_json: bool = False):
    from .pipeline import ExtractionFailure

    index, text, id_, date = job
    try:
        if id_ is not None and not isinstance(id_, str):
            id_ = str(id_)
        if date is not None and not isinstance(date, str):
            raise InputError(f"date must be a YYYY-MM-DD string, got {type(date).__name__}")
        article = pipeline(text, id=id_, date=date)
        return article.to_json(ensure_ascii=False) if as_json else article
    except Exception as exc:  # noqa: BLE001 - reported in place of the record
        if errors == "raise":
            raise
        return ExtractionFailure(index=index, id=id_, error=type(exc).__name__,
                                 message=str(exc).splitlines()[0][:500] if str(exc) else type(exc).__name__)


def _init_worker(pipeline) -> None:
    global _WORKER
    _WORKER = pipeline
    # a forked worker inherits the caller's whole heap (lexicons, the caller's own data): move it
    # out of the collector's reach so the worker's collections neither walk it nor copy its pages
    # (the use gc.freeze is documented for; this process is ours, the caller's is untouched)
    gc.freeze()


def _init_worker_default(kwargs) -> None:
    global _WORKER
    from .pipeline import Pipeline

    _WORKER = Pipeline.default(**kwargs)


def _work(batch):
    jobs, errors, as_json = batch
    return [_one(_WORKER, job, "return" if errors == "return" else "capture", as_json) for job in jobs]


def pipe(pipeline, items: Iterable[Any], *, n_process: int = 1, batch_size: int = 16,
         errors: str = "raise", as_json: bool = False) -> Iterator[Any]:
    from .pipeline import ExtractionFailure

    if errors not in ("raise", "return"):
        raise ValueError("errors must be 'raise' or 'return'")
    jobs = (_unpack(i, item) for i, item in enumerate(items))
    if n_process is None or n_process <= 1:
        for job in jobs:
            yield _one(pipeline, job, errors, as_json)
        return
    batch_size = max(1, int(batch_size))
    batches = ((list(chunk), errors, as_json) for chunk in _chunks(jobs, batch_size))
    methods = mp.get_all_start_methods()
    if "fork" in methods:
        ctx = mp.get_context("fork")
        pool = ctx.Pool(n_process, initializer=_init_worker, initargs=(pipeline,))
    else:  # pragma: no cover - non-POSIX
        ctx = mp.get_context("spawn")
        pool = ctx.Pool(n_process, initializer=_init_worker_default, initargs=({},))
    try:
        for results in pool.imap(_work, batches, chunksize=1):
            for r in results:
                if errors == "raise" and isinstance(r, ExtractionFailure):
                    raise _reraise(r)
                yield r
    finally:
        pool.terminate()
        pool.join()


def _reraise(failure) -> Exception:
    from . import errors as E

    cls = getattr(E, failure.error, None)
    if isinstance(cls, type) and issubclass(cls, Exception):
        try:
            return cls(failure.message)
        except TypeError:
            pass
    return E.PersianTradeNewsError(f"{failure.error}: {failure.message}")


def _chunks(it, n):
    it = iter(it)
    while True:
        chunk = list(itertools.islice(it, n))
        if not chunk:
            return
        yield chunk
