"""Typed errors. Everything the library raises on purpose derives from
:class:`PersianTradeNewsError`, so callers can catch one class."""
from __future__ import annotations


class PersianTradeNewsError(Exception):
    """Base class of every error raised by persian_trade_news."""


class InputError(PersianTradeNewsError, ValueError):
    """The input is not text the library can read (wrong type, undecodable bytes...)."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""

    def __init__(self, size: int, limit: int, what: str = "characters") -> None:
        self.size, self.limit, self.what = size, limit, what
        super().__init__(
            f"input has {size:,} {what}, above the limit of {limit:,} {what} "
            f"(raise it with Pipeline(max_chars=...) or the CLI's --max-chars)"
        )


class EncodingError(InputError):
    """Bytes that are neither UTF-8 nor Windows-1256."""


class RuleError(PersianTradeNewsError):
    """A rule file or rule definition is invalid; the message names file and line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path, self.line = path, line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class PipelineError(PersianTradeNewsError):
    """A pipeline is mis-assembled (unknown stage, missing requirement...)."""


class WorkerDiedError(PersianTradeNewsError):
    """A worker process of ``extract_many(n_process>1)`` died on an input (killed, out of memory,
    or a crash in native code); with ``errors="return"`` it is reported in that input's place."""


class ModelNotFoundError(PersianTradeNewsError):
    """An optional model (e.g. stanza's Persian NER) is not installed locally."""


class MissingDependencyError(PersianTradeNewsError, ImportError):
    """An optional dependency (an extra) is not installed."""

    def __init__(self, package: str, extra: str) -> None:
        self.package, self.extra = package, extra
        super().__init__(
            f"{package} is not installed: pip install 'persian_trade_news[{extra}]'"
        )
