"""Streaming batch extraction, optionally over worker processes, always in input order.

Inputs may be ``str``/``bytes`` texts or mappings ``{"text", "id", "date"}``. Each worker builds
(or inherits, with ``fork``) its pipeline once. With ``errors="return"`` a failing input yields an
:class:`~persian_trade_news.records.ExtractionFailure` in its place and the rest go on; with
``errors="raise"`` (the default) the first failure is raised. With ``as_json=True`` each
Article comes as its JSON text (``Article.to_json(ensure_ascii=False)``), serialised in the
worker that extracted it, so the parent only passes strings on.

Workers are forked processes (spawned ones, building the default pipeline, where there is no
fork), each fed one batch at a time over its own pipe; see :class:`_Workers`.
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
import pickle
import signal
from collections import deque
from collections.abc import Mapping
from typing import Any, Callable, Iterable, Iterator

from .errors import InputError
from .records import ExtractionFailure


def _unpack(index: int, item: Any) -> tuple[int, Any, Any, Any]:
    if isinstance(item, Mapping):
        return index, item.get("text"), item.get("id"), item.get("date")
    return index, item, None, None


def _one(pipeline, job, errors: str, as_json: bool = False):
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


def pipe(pipeline, items: Iterable[Any], *, n_process: int = 1, batch_size: int = 16,
         errors: str = "raise", as_json: bool = False, factory: Callable[[], Any] | None = None) -> Iterator[Any]:
    """Run ``pipeline`` over ``items``; ``factory`` builds a pipeline in a spawned worker (where
    there is no fork to inherit ``pipeline`` from)."""
    if errors not in ("raise", "return"):
        raise ValueError("errors must be 'raise' or 'return'")
    jobs = (_unpack(i, item) for i, item in enumerate(items))
    if n_process is None or n_process <= 1:
        for job in jobs:
            yield _one(pipeline, job, errors, as_json)
        return
    mode = "return" if errors == "return" else "capture"
    with _Workers(pipeline, int(n_process), mode, as_json, factory) as workers:
        for r in workers.map(_chunks(jobs, max(1, int(batch_size)))):
            if errors == "raise" and isinstance(r, ExtractionFailure):
                raise _reraise(r)
            yield r


def _serve(conn, pipeline, inherited, factory=None) -> None:
    """A worker: receive a pickled batch of jobs, send back the pickled list of their results,
    until the stop message (an empty one) or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle; it stops us
    for c in inherited:  # the caller's ends of the other workers' pipes, copied by fork
        c.close()
    if pipeline is None:
        if factory is None:
            raise RuntimeError("a spawned worker needs a pipeline factory")
        pipeline = factory()
    else:
        # a forked worker inherits the caller's whole heap (lexicons, the caller's own data): move
        # it out of the collector's reach so the worker's collections neither walk it nor copy its
        # pages (the use gc.freeze is documented for; this process is ours, the caller's is untouched)
        gc.freeze()
    dumps, loads = pickle.dumps, pickle.loads
    while True:
        try:
            msg = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not msg:
            return
        jobs, mode, as_json = loads(msg)
        # each result pickled on its own: the caller unpickles one as it is taken, so a caller that
        # streams holds one result at a time, not a batch (fewer objects for its collector to move)
        out = dumps([dumps(_one(pipeline, job, mode, as_json), pickle.HIGHEST_PROTOCOL) for job in jobs],
                    pickle.HIGHEST_PROTOCOL)
        try:
            conn.send_bytes(out)
        except OSError:  # the caller stopped reading
            return


class _Workers:
    """Worker processes, each with its own pipe and one batch at a time.

    The caller hands a worker its next batch as soon as that worker's results arrive, before
    unpickling them, so workers do not wait on the caller; there are no helper threads and no
    shared queue, which leaves the CPU to the workers. Results come back in input order.

    A worker that dies (killed, out of memory, a crash in native code) is replaced. The inputs of
    its batch are retried one per batch, so only the input that kills a worker on its own is
    reported, as a :class:`~persian_trade_news.errors.WorkerDiedError` failure in its place."""

    def __init__(self, pipeline, n: int, mode: str, as_json: bool, factory=None):
        if "fork" in mp.get_all_start_methods():
            self._ctx, self._target = mp.get_context("fork"), pipeline
        else:  # pragma: no cover - non-POSIX: each worker builds the default pipeline
            self._ctx, self._target = mp.get_context("spawn"), None
        self._mode, self._as_json, self._factory = mode, as_json, factory
        self._procs: dict = {}  # caller's end of the pipe -> process
        self._busy: dict = {}  # conn -> (sequence number, item number or None, jobs)
        self._exitcode = None
        for _ in range(max(1, n)):
            self._spawn()

    def _spawn(self):
        parent, child = self._ctx.Pipe(duplex=True)
        inherited = list(self._procs) if self._target is not None else []
        p = self._ctx.Process(target=_serve, args=(child, self._target, inherited, self._factory), daemon=True)
        p.start()
        child.close()
        self._procs[parent] = p
        return parent

    def map(self, batches: Iterator[list]) -> Iterator[Any]:
        from multiprocessing.connection import wait

        dumps, loads, busy = pickle.dumps, pickle.loads, self._busy
        done: dict[int, Any] = {}  # sequence number -> pickled results, or a list being filled
        missing: dict[int, int] = {}  # sequence number -> items of a retried batch still out
        retry: deque = deque()  # (sequence number, item number, job)
        seq = nxt = 0

        def feed(conn) -> None:
            nonlocal seq
            if retry:
                s, k, job = retry.popleft()
                task = (s, k, [job])
            else:
                jobs = next(batches, None)
                if jobs is None:
                    return
                task, seq = (seq, None, jobs), seq + 1
            conn.send_bytes(dumps((task[2], self._mode, self._as_json), pickle.HIGHEST_PROTOCOL))
            busy[conn] = task

        for conn in list(self._procs):
            feed(conn)
        while busy:
            for conn in wait(list(busy)):
                s, k, jobs = busy.pop(conn)
                try:
                    msg = conn.recv_bytes()
                except (EOFError, OSError):
                    msg = None
                    conn = self._replace(conn)
                if msg is not None and k is None:
                    done[s] = msg
                elif msg is not None:
                    done[s][k] = loads(loads(msg)[0])
                    missing[s] -= 1
                elif len(jobs) > 1:  # which of them killed the worker? try each on its own
                    done[s], missing[s] = [None] * len(jobs), len(jobs)
                    retry.extend((s, i, job) for i, job in enumerate(jobs))
                else:
                    failure = self._died(jobs[0])
                    if k is None:
                        done[s] = [failure]
                    else:
                        done[s][k] = failure
                        missing[s] -= 1
                feed(conn)  # before unpickling: the worker goes on at once
            while nxt in done and not missing.get(nxt):
                out = done.pop(nxt)
                missing.pop(nxt, None)
                if isinstance(out, bytes):
                    for blob in loads(out):
                        yield loads(blob)
                else:
                    yield from out
                nxt += 1

    def _replace(self, conn):
        p = self._procs.pop(conn)
        conn.close()
        p.join(timeout=5)
        self._exitcode = p.exitcode
        return self._spawn()

    def _died(self, job):
        index, _, id_, _ = job
        return ExtractionFailure(index=index, id=id_, error="WorkerDiedError",
                                 message=f"the worker process died on this input (exit code {self._exitcode}): "
                                         "killed, out of memory, or a crash in native code")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        for conn, p in self._procs.items():
            if conn in self._busy:  # the caller stopped early: do not wait for the batch
                p.terminate()
            else:
                try:
                    conn.send_bytes(b"")  # stop
                except OSError:
                    pass
            conn.close()
        for p in self._procs.values():
            p.join(timeout=5)
            if p.is_alive():  # pragma: no cover - a worker stuck in native code
                p.kill()
                p.join()


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
