"""HTTP service (``[server]`` extra: FastAPI on uvicorn). See ``docs/service.md``.

    persian-trade-news serve --host 127.0.0.1 --port 8000
    python -m persian_trade_news.interfaces.server --port 8000 [--workers N] [--max-chars N] [--max-batch N]
    uvicorn --factory persian_trade_news.interfaces.server:app_factory      # limits from PTN_* variables

Endpoints: ``POST /extract`` (``{"text", "date"?, "id"?}`` → Article), ``POST /extract/batch``
(``{"articles": [...]}`` → ``{"articles": [Article | {"id", "index", "error"}]}`` in input order,
a failing or malformed item answered in its place), ``GET /health``, ``GET /schema`` (the Article
JSON Schema); the OpenAPI document, with the Article and record schemas, is at ``/openapi.json``.
Bodies larger than ``max_body_bytes`` get 413 (checked on Content-Length and while reading),
bodies slower than ``body_timeout`` 408, batches over ``max_batch`` items or ``max_batch_chars``
characters 413, articles over ``max_chars`` 413, malformed bodies 422; every error is
``{"error": {"type", "message"}}`` and never carries a stack trace. The pipeline is built once at
start-up (lifespan) and extraction runs in a thread pool.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from typing import Any

from ..errors import InputTooLargeError, MissingDependencyError, PersianTradeNewsError

try:
    from fastapi import FastAPI, Request
    from fastapi.concurrency import run_in_threadpool
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from pydantic import BaseModel, ConfigDict, Field, ValidationError
    from starlette.exceptions import HTTPException as StarletteHTTPException
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise MissingDependencyError("fastapi", "server") from exc

log = logging.getLogger("persian_trade_news.interfaces.server")

DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_MAX_BATCH = 64
DEFAULT_MAX_BATCH_CHARS = 4_000_000
DEFAULT_BODY_TIMEOUT = 15.0  # seconds to receive a whole body


class ExtractRequest(BaseModel):
    """One article: its text and, optionally, publication date (YYYY-MM-DD) and id."""

    model_config = ConfigDict(extra="forbid")
    text: str
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    id: str | None = None


class BatchRequest(BaseModel):
    """Several articles, answered in the same order."""

    model_config = ConfigDict(extra="forbid")
    # items are validated one by one so that a malformed item is answered in its place
    articles: list[Any] = Field(json_schema_extra={"items": {"$ref": "#/components/schemas/ExtractRequest"}},
                                description="articles; an item that is not a valid ExtractRequest is answered "
                                            "in place with a validation_error")


class ErrorDetail(BaseModel):
    type: str = Field(description="the error class (InputTooLargeError, validation_error, too_large, internal...)")
    message: str


class ErrorResponse(BaseModel):
    """Every non-2xx answer: no stack trace, ever."""

    error: ErrorDetail


class Health(BaseModel):
    status: str
    version: str
    ready: bool


def _validation_message(errors) -> str:
    """``where: what`` of the first validation error (never the offending input itself)."""
    first = errors[0] if errors else {}
    where = ".".join(str(x) for x in first.get("loc", ()))
    return (f"{where}: " if where else "") + str(first.get("msg", "invalid request"))[:300]


def _error(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"type": kind, "message": message}})


class _BodyLimit:
    """ASGI middleware: 413 for bodies over ``limit`` bytes (Content-Length or streamed), 408 for
    bodies that take longer than ``timeout`` seconds to arrive."""

    def __init__(self, app, limit: int, timeout: float) -> None:
        self.app, self.limit, self.timeout = app, limit, timeout

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    if int(value) > self.limit:
                        return await _send_json(send, 413, "too_large",
                                                f"request body over {self.limit} bytes")
                except ValueError:
                    return await _send_json(send, 400, "bad_request", "invalid Content-Length")
        # read the whole body here, within the size and time limits, then replay it to the app
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        chunks: list[bytes] = []
        received = 0
        more = True
        while more:
            remaining = deadline - loop.time()
            try:
                if remaining <= 0:
                    raise TimeoutError
                message = await asyncio.wait_for(receive(), timeout=remaining)
            except TimeoutError:
                return await _send_json(send, 408, "timeout", "request body too slow")
            if message["type"] == "http.disconnect":
                return None
            body = message.get("body", b"")
            received += len(body)
            if received > self.limit:
                return await _send_json(send, 413, "too_large", f"request body over {self.limit} bytes")
            chunks.append(body)
            more = message.get("more_body", False)
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replay_receive():
            if replay:
                return replay.pop()
            return await receive()

        await self.app(scope, replay_receive, send)


async def _send_json(send, status: int, kind: str, message: str) -> None:
    body = json.dumps({"error": {"type": kind, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def create_app(pipeline=None, *, max_chars: int = DEFAULT_MAX_CHARS, max_batch: int = DEFAULT_MAX_BATCH,
               max_batch_chars: int = DEFAULT_MAX_BATCH_CHARS, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
               body_timeout: float = DEFAULT_BODY_TIMEOUT) -> Any:
    """The ASGI application (FastAPI). The pipeline is built once, at start-up."""
    from contextlib import asynccontextmanager

    from ..pipeline import Pipeline
    from ..records.schema import json_schema

    state: dict[str, Any] = {"pipeline": pipeline}

    @asynccontextmanager
    async def lifespan(app):
        if state["pipeline"] is None:
            state["pipeline"] = Pipeline.default(max_chars=max_chars)
        state["pipeline"]("گرم کردن")  # load lexicons and rules before the first request
        yield

    article_schema = json_schema()
    app = FastAPI(title="persian_trade_news", version=_version(), lifespan=lifespan,
                  description="Typed records from Persian economic news (see CONTRACT.md).")

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return _error(422, "validation_error", _validation_message(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("internal error")
        return _error(500, "internal", "internal error")

    def _one(req: ExtractRequest):
        return state["pipeline"](req.text, date=req.date, id=req.id)

    @app.get("/health", response_model=Health, summary="Liveness and readiness")
    async def health() -> dict:
        return {"status": "ok", "version": _version(), "ready": state["pipeline"] is not None}

    @app.get("/schema", summary="The Article JSON Schema (draft 2020-12)",
             responses={200: {"description": "JSON Schema of an Article",
                              "content": {"application/json": {"schema": {"type": "object"}}}}})
    async def schema() -> JSONResponse:
        return JSONResponse(article_schema)

    article_ref = {"$ref": "#/components/schemas/Article"}
    error_ref = {"$ref": "#/components/schemas/ErrorDetail"}
    failure_schema = {"type": "object", "required": ["id", "index", "error"], "additionalProperties": False,
                      "description": "An article of the batch that failed, in its place",
                      "properties": {"id": {"type": ["string", "null"]}, "index": {"type": "integer"},
                                     "error": error_ref}}
    errors = {code: {"model": ErrorResponse, "description": what} for code, what in (
        (408, "the body did not arrive within the body timeout"),
        (413, "body, article or batch over a size limit"),
        (422, "malformed JSON, wrong types or unknown fields, or input the library refuses"),
        (500, "internal error (no details are given)"))}
    batch_schema = {"type": "object", "required": ["articles"], "properties": {
        "articles": {"type": "array", "items": {"anyOf": [article_ref, failure_schema]}}}}

    def custom_openapi():
        if app.openapi_schema:
            return app.openapi_schema
        from fastapi.openapi.utils import get_openapi

        doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        comps = doc.setdefault("components", {}).setdefault("schemas", {})
        text = json.dumps(article_schema).replace('"#/$defs/', '"#/components/schemas/')
        art = json.loads(text)
        for name, sch in art.pop("$defs", {}).items():
            comps[name] = sch
        art.pop("$schema", None)
        art.pop("$id", None)
        comps["Article"] = art
        app.openapi_schema = doc
        return doc

    app.openapi = custom_openapi

    @app.post("/extract", summary="Extract the records of one article",
              responses={200: {"description": "An Article (CONTRACT.md)",
                               "content": {"application/json": {"schema": article_ref}}}, **errors})
    async def extract(req: ExtractRequest):
        if len(req.text) > max_chars:
            return _error(413, "InputTooLargeError", f"text of {len(req.text)} characters is over {max_chars}")
        try:
            article = await run_in_threadpool(_one, req)
        except InputTooLargeError as exc:
            return _error(413, type(exc).__name__, str(exc))
        except PersianTradeNewsError as exc:
            return _error(422, type(exc).__name__, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return JSONResponse(article.to_dict())

    @app.post("/extract/batch", summary="Extract several articles; answers keep the input order",
              responses={200: {"description": "Articles, or errors in place, in input order",
                               "content": {"application/json": {"schema": batch_schema}}}, **errors})
    async def extract_batch(req: BatchRequest):
        if len(req.articles) > max_batch:
            return _error(413, "too_large", f"batch of {len(req.articles)} articles is over {max_batch}")
        items: list[Any] = []
        for raw in req.articles:
            try:
                items.append(ExtractRequest.model_validate(raw))
            except ValidationError as exc:
                items.append(exc)
        total = sum(len(a.text) for a in items if isinstance(a, ExtractRequest))
        if total > max_batch_chars:
            return _error(413, "too_large", f"batch of {total} characters is over {max_batch_chars}")

        def failure(i: int, raw: Any, kind: str, message: str) -> dict:
            rid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
            return {"id": rid, "index": i, "error": {"type": kind, "message": message}}

        def run_all():
            out = []
            for i, (raw, a) in enumerate(zip(req.articles, items)):
                if isinstance(a, ValidationError):
                    out.append(failure(i, raw, "validation_error", _validation_message(a.errors())))
                    continue
                try:
                    if len(a.text) > max_chars:
                        raise InputTooLargeError(len(a.text), max_chars, "characters")
                    out.append(_one(a).to_dict())
                except PersianTradeNewsError as exc:
                    out.append(failure(i, raw, type(exc).__name__, (str(exc).splitlines() or [""])[0]))
                except Exception:  # a bug must not sink the other articles of the batch
                    log.exception("internal error on batch item %d", i)
                    out.append(failure(i, raw, "internal", "internal error"))
            return out

        return JSONResponse({"articles": await run_in_threadpool(run_all)})

    if max_body_bytes:
        app.add_middleware(_BodyLimit, limit=max_body_bytes, timeout=body_timeout)
    return app


def _version() -> str:
    from .._version import __version__

    return __version__


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m persian_trade_news.interfaces.server", description="Run the HTTP service.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (each builds one pipeline)")
    p.add_argument("--max-chars", type=int, default=None, help=f"characters per article (default {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--max-batch", type=int, default=None, help=f"articles per batch (default {DEFAULT_MAX_BATCH})")
    p.add_argument("--max-body-bytes", type=int, default=None,
                   help=f"request body bytes (default {DEFAULT_MAX_BODY_BYTES:,})")
    return p


def main(args: argparse.Namespace | list[str] | None = None) -> int:
    """Run the service with uvicorn (the CLI's ``serve`` command passes its argparse Namespace:
    ``host``, ``port``, ``workers`` and, optionally, ``max_chars``, ``max_batch``, ``max_body_bytes``)."""
    import uvicorn

    if not isinstance(args, argparse.Namespace):
        args = _parser().parse_args(args)
    # limits go through the environment so that every worker process reads the same ones
    for attr, env in (("max_chars", "PTN_MAX_CHARS"), ("max_batch", "PTN_MAX_BATCH"),
                      ("max_body_bytes", "PTN_MAX_BODY_BYTES")):
        if getattr(args, attr, None) is not None:
            os.environ[env] = str(getattr(args, attr))
    workers = max(1, int(getattr(args, "workers", 1) or 1))
    uvicorn.run("persian_trade_news.interfaces.server:app_factory", factory=True, host=args.host, port=args.port,
                workers=workers if workers > 1 else None, log_level="warning", timeout_keep_alive=5)
    return 0


def app_factory():
    """For ``uvicorn --factory persian_trade_news.interfaces.server:app_factory``; limits from the environment
    (``PTN_MAX_CHARS``, ``PTN_MAX_BATCH``, ``PTN_MAX_BATCH_CHARS``, ``PTN_MAX_BODY_BYTES``,
    ``PTN_BODY_TIMEOUT``)."""
    return create_app(max_chars=int(os.environ.get("PTN_MAX_CHARS", DEFAULT_MAX_CHARS)),
                      max_batch=int(os.environ.get("PTN_MAX_BATCH", DEFAULT_MAX_BATCH)),
                      max_batch_chars=int(os.environ.get("PTN_MAX_BATCH_CHARS", DEFAULT_MAX_BATCH_CHARS)),
                      max_body_bytes=int(os.environ.get("PTN_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES)),
                      body_timeout=float(os.environ.get("PTN_BODY_TIMEOUT", DEFAULT_BODY_TIMEOUT)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
