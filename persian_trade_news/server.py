"""HTTP service (``[server]`` extra: FastAPI on uvicorn).

    persian-trade-news serve --host 127.0.0.1 --port 8000
    python -m persian_trade_news.server --port 8000

Endpoints: ``POST /extract`` (``{"text", "date"?, "id"?}`` → Article), ``POST /extract/batch``
(``{"articles": [...]}`` → ``{"articles": [Article | {"id", "index", "error"}]}`` in input order),
``GET /health``, ``GET /schema`` (the Article JSON Schema); the OpenAPI document is at
``/openapi.json``. Bodies larger than ``max_body_bytes`` get 413 (checked on Content-Length and
while reading), batches over ``max_batch`` items or ``max_batch_chars`` characters get 413,
malformed bodies 422; errors are ``{"error": {"type", "message"}}`` and never carry a stack trace.
The pipeline is built once at start-up and extraction runs in a thread pool.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from typing import Any, Optional

from .errors import InputTooLargeError, MissingDependencyError, PersianTradeNewsError

try:
    from fastapi import FastAPI, Request
    from fastapi.concurrency import run_in_threadpool
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from pydantic import BaseModel, ConfigDict, Field
    from starlette.exceptions import HTTPException as StarletteHTTPException
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise MissingDependencyError("fastapi", "server") from exc

log = logging.getLogger("persian_trade_news.server")

DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_MAX_BATCH = 64
DEFAULT_MAX_BATCH_CHARS = 4_000_000
DEFAULT_BODY_TIMEOUT = 15.0  # seconds to receive a whole body


class ExtractRequest(BaseModel):
    """One article: its text and, optionally, publication date (YYYY-MM-DD) and id."""

    model_config = ConfigDict(extra="forbid")
    text: str
    date: Optional[str] = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    id: Optional[str] = None


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ExtractRequest]


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
                    raise asyncio.TimeoutError
                message = await asyncio.wait_for(receive(), timeout=remaining)
            except asyncio.TimeoutError:
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

    from .pipeline import ExtractionFailure, Pipeline
    from .schema import json_schema

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
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return _error(422, "validation_error", f"{where}: {first.get('msg', 'invalid request')}"[:300])

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("internal error")
        return _error(500, "internal", "internal error")

    def _one(req: ExtractRequest):
        return state["pipeline"](req.text, date=req.date, id=req.id)

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok", "version": _version(), "ready": state["pipeline"] is not None}

    @app.get("/schema")
    async def schema() -> dict:
        return article_schema

    article_ref = {"$ref": "#/components/schemas/Article"}
    failure_schema = {"type": "object", "required": ["error"], "properties": {
        "id": {"type": ["string", "null"]}, "index": {"type": "integer"},
        "error": {"type": "object", "properties": {"type": {"type": "string"}, "message": {"type": "string"}}}}}
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

    @app.post("/extract", responses={200: {"description": "An Article (CONTRACT.md)",
                                           "content": {"application/json": {"schema": article_ref}}},
                                     413: {"description": "too large"}, 422: {"description": "malformed"}})
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

    @app.post("/extract/batch", responses={200: {"description": "Articles, or errors in place, in input order",
                                                 "content": {"application/json": {"schema": batch_schema}}},
                                           413: {"description": "too large"}, 422: {"description": "malformed"}})
    async def extract_batch(req: BatchRequest):
        if len(req.articles) > max_batch:
            return _error(413, "too_large", f"batch of {len(req.articles)} articles is over {max_batch}")
        total = sum(len(a.text) for a in req.articles)
        if total > max_batch_chars:
            return _error(413, "too_large", f"batch of {total} characters is over {max_batch_chars}")

        def run_all():
            out = []
            for i, a in enumerate(req.articles):
                try:
                    if len(a.text) > max_chars:
                        raise InputTooLargeError(len(a.text), max_chars, "text")
                    out.append(_one(a).to_dict())
                except PersianTradeNewsError as exc:
                    f = ExtractionFailure(index=i, id=a.id, error=type(exc).__name__,
                                          message=(str(exc).splitlines() or [""])[0])
                    out.append({"id": f.id, "index": f.index, "error": {"type": f.error, "message": f.message}})
            return out

        return JSONResponse({"articles": await run_in_threadpool(run_all)})

    return _BodyLimit(app, max_body_bytes, body_timeout) if max_body_bytes else app


def _version() -> str:
    from . import __version__

    return __version__


def main(args: argparse.Namespace | None = None) -> int:
    """Run the service with uvicorn (the CLI's ``serve`` command)."""
    import uvicorn

    if args is None:
        p = argparse.ArgumentParser(prog="python -m persian_trade_news.server")
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=1)
        args = p.parse_args()
    if getattr(args, "workers", 1) and args.workers > 1:
        uvicorn.run("persian_trade_news.server:app_factory", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level="warning", timeout_keep_alive=5)
    else:
        uvicorn.run(create_app(), host=args.host, port=args.port, log_level="warning", timeout_keep_alive=5)
    return 0


def app_factory():
    """For ``uvicorn --factory persian_trade_news.server:app_factory`` (settings from env)."""
    return create_app(max_chars=int(os.environ.get("PTN_MAX_CHARS", DEFAULT_MAX_CHARS)),
                      max_batch=int(os.environ.get("PTN_MAX_BATCH", DEFAULT_MAX_BATCH)),
                      max_body_bytes=int(os.environ.get("PTN_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES)),
                      body_timeout=float(os.environ.get("PTN_BODY_TIMEOUT", DEFAULT_BODY_TIMEOUT)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
