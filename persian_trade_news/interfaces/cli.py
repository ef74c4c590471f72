"""The ``persian-trade-news`` command line.

    persian-trade-news extract FILES... [--format jsonl|json|table] [--jobs N]
    persian-trade-news extract - < article.txt
    persian-trade-news extract --input-format jsonl archive.jsonl > articles.jsonl
    persian-trade-news explain FILE [--json] [--sentence N]     (FILE may be - for stdin)
    persian-trade-news evaluate --gold DIR [--pred FILE.jsonl] [--details] [--json]
    persian-trade-news stages | rules | schema | version
    persian-trade-news download-models [--dir DIR]
    persian-trade-news serve [--host H] [--port P]

Exit codes: 0 success, 1 some input could not be extracted (reported in place with
``--errors report``, the default for more than one input), 2 usage error (bad flag, missing file),
130 interrupted. Errors are one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from typing import Any, Iterable, Iterator

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A bad command line: exit code 2."""


# ------------------------------------------------------------------ inputs
def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        if any(c in p for c in "*?["):
            hits = sorted(glob.glob(p, recursive=True))
            if not hits:
                raise UsageError(f"no file matches {p!r}")
            out.extend(h for h in hits if os.path.isfile(h))
            continue
        if os.path.isdir(p):
            raise UsageError(f"{p!r} is a directory; pass files or a glob such as '{p}/*.txt'")
        if not os.path.exists(p):
            raise UsageError(f"no such file: {p!r}")
        if not os.access(p, os.R_OK):
            raise UsageError(f"cannot read {p!r}: permission denied")
        out.append(p)
    return out


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def _jsonl_items(path: str, data: bytes) -> Iterator[dict[str, Any]]:
    """One job per line of a JSONL stream; a malformed line becomes a job that fails in place."""
    for n, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield {"_error": f"{path}:{n}: not a JSON object ({exc.__class__.__name__})", "id": f"{path}:{n}"}
            continue
        if not isinstance(obj, dict):
            yield {"_error": f"{path}:{n}: expected a JSON object with a 'text' field", "id": f"{path}:{n}"}
            continue
        yield {"text": obj.get("text"), "id": obj.get("id", f"{path}:{n}"), "date": obj.get("date")}


def _jobs(files: list[str], input_format: str, date: str | None, id_: str | None) -> Iterator[dict]:
    for path in files:
        data = _read_bytes(path)
        fmt = input_format
        if fmt == "auto":
            fmt = "jsonl" if path.endswith((".jsonl", ".ndjson")) else "text"
        if fmt == "jsonl":
            yield from _jsonl_items(path, data)
        else:
            name = "stdin" if path == "-" else os.path.splitext(os.path.basename(path))[0]
            yield {"text": data, "id": id_ or name, "date": date}


def _run(jobs: Iterable[dict], *, n_process: int, batch_size: int, max_chars: int | None,
         as_json: bool = False) -> Iterator[Any]:
    from ..errors import InputError
    from ..pipeline import ExtractionFailure, Pipeline

    kwargs = {"max_chars": max_chars} if max_chars else {}
    nlp = Pipeline.default(**kwargs)
    bad: dict[int, tuple[str, Any]] = {}  # index -> (message, id) of malformed lines; nothing else is kept

    def items():
        for i, job in enumerate(jobs):
            if "_error" in job:
                bad[i] = (job["_error"], job.get("id"))
                yield {"text": "", "id": job.get("id"), "date": None}
            else:
                yield job

    results = nlp.pipe(items(), n_process=n_process, batch_size=batch_size, errors="return", as_json=as_json)
    for i, result in enumerate(results):
        if i in bad:
            message, job_id = bad.pop(i)
            yield ExtractionFailure(index=i, id=job_id, error=InputError.__name__, message=message)
        else:
            yield result


# ------------------------------------------------------------------ outputs
def _failure_obj(f) -> dict:
    return {"id": f.id, "index": f.index, "error": {"type": f.error, "message": f.message}}


def _table(article) -> str:
    from .table import render_table

    return render_table(article)


# ------------------------------------------------------------------ commands
def cmd_extract(args) -> int:
    from ..pipeline import ExtractionFailure

    files = _expand(args.files or ["-"])
    if not files:
        raise UsageError("no input files")
    if (args.id or args.date) and len(files) > 1:
        raise UsageError("--id/--date apply to a single input")
    if args.date:
        import datetime as _dt

        try:
            _dt.date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date must be YYYY-MM-DD, not {args.date!r}") from None
    # a progress bar on stderr once more than 3 inputs have been seen (JSONL lines count), only on a
    # terminal unless --progress; the total is known when every input is one text file
    allow_bar = args.progress if args.progress is not None else sys.stderr.isatty()
    total = len(files) if args.input_format == "text" or (
        args.input_format == "auto" and not any(f.endswith((".jsonl", ".ndjson")) for f in files)) else None
    bar = None
    done = 0
    failures = 0
    out = sys.stdout
    first = True
    if args.format == "json":
        out.write("[")
    try:
        for res in _run(_jobs(files, args.input_format, args.date, args.id), n_process=args.jobs,
                        batch_size=args.batch_size, max_chars=args.max_chars,
                        as_json=args.format == "jsonl"):
            if isinstance(res, ExtractionFailure):
                failures += 1
                if args.errors == "raise":
                    print(f"persian-trade-news: {res.id or res.index}: {res.error}: {res.message}", file=sys.stderr)
                    return EXIT_FAILED
                obj = _failure_obj(res)
                if args.format == "table":
                    out.write(f"== {res.id or res.index}  ERROR {res.error}: {res.message}\n")
                else:
                    text = json.dumps(obj, ensure_ascii=False)
                    out.write(text + "\n" if args.format == "jsonl" else ("" if first else ",") + "\n" + text)
            elif args.format == "jsonl":
                out.write(res + "\n")  # serialised by the process that extracted it
            elif args.format == "json":
                out.write(("" if first else ",") + "\n" + json.dumps(res.to_dict(), ensure_ascii=False, indent=2))
            else:
                out.write(_table(res) + "\n")
            first = False
            done += 1
            if bar is not None:
                bar.update(1)
            elif allow_bar and done > 3:
                from tqdm import tqdm

                bar = tqdm(total=total, initial=done, unit="article", file=sys.stderr, dynamic_ncols=True,
                           smoothing=0.1)
    finally:
        if bar is not None:
            bar.close()
    if args.format == "json":
        out.write("\n]\n")
    out.flush()
    if failures:
        print(f"persian-trade-news: {failures} input(s) failed", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_explain(args) -> int:
    from .explain import explain

    path = args.file
    if path != "-":
        _expand([path])  # the same file checks as extract (missing, directory, unreadable)
    if args.date:
        import datetime as _dt

        try:
            _dt.date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date must be YYYY-MM-DD, not {args.date!r}") from None
    data = _read_bytes(path)
    name = args.id or ("stdin" if path == "-" else os.path.splitext(os.path.basename(path))[0])
    kwargs = {"max_chars": args.max_chars} if args.max_chars else {}
    if kwargs:
        from ..pipeline import Pipeline

        ex = explain(data, date=args.date, id=name, pipeline=Pipeline.default(**kwargs))
    else:
        ex = explain(data, date=args.date, id=name)
    if args.sentence is not None and not 0 <= args.sentence < len(ex.sentences):
        raise UsageError(f"--sentence {args.sentence}: the article has {len(ex.sentences)} sentences "
                         f"(0-{len(ex.sentences) - 1})" if ex.sentences else "the article has no sentences")
    if args.json:
        sys.stdout.write(json.dumps(ex.to_dict(sentence=args.sentence), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(ex.to_text(sentence=args.sentence) + "\n")
    sys.stdout.flush()
    return EXIT_OK


def cmd_stages(args) -> int:
    from ..pipeline import DEFAULT_STAGES, stage_info

    for name, info in stage_info().items():
        mark = "*" if name in DEFAULT_STAGES else " "
        print(f"{mark} {name:12} provides={','.join(info['provides']) or '-'}  requires={','.join(info['requires']) or '-'}"
              f"  {info.get('doc', '')}")
    print("(* = in the default pipeline)")
    return EXIT_OK


def cmd_rules(args) -> int:
    from ..rules.engine import Engine

    for r in sorted(Engine().all_rules(), key=lambda r: (r.record, r.priority, r.name)):
        where = getattr(r, "source", "") or f"python:{getattr(getattr(r, 'func', None), '__module__', '?')}"
        print(f"{r.record:13} {r.priority:4}  {r.name:36} {os.path.basename(where) if os.sep in where else where}")
    return EXIT_OK


def cmd_schema(args) -> int:
    from ..records.schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_version(args) -> int:
    from .._version import __version__

    print(__version__)
    return EXIT_OK


def cmd_download_models(args) -> int:
    from ..errors import MissingDependencyError

    try:
        from ..stages.stanza_ner import download_models

        path = download_models(args.dir)
    except (ImportError, MissingDependencyError):
        print("persian-trade-news: stanza is not installed; install the extra first: "
              "pip install 'persian_trade_news[stanza]'", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - requests' ConnectionError, HTTP errors, disk errors
        if isinstance(exc, OSError) and not _is_network_error(exc):
            raise
        msg = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        print(f"persian-trade-news: could not download stanza's Persian models (no network?): "
              f"{type(exc).__name__}: {msg}. On a machine with internet run this command and copy the "
              f"directory, then set PERSIAN_TRADE_NEWS_STANZA_DIR to it.", file=sys.stderr)
        return EXIT_FAILED
    print(f"stanza Persian models are in {path}")
    return EXIT_OK


def _is_network_error(exc: BaseException) -> bool:
    """requests/urllib3 connection and HTTP errors (some subclass OSError), not local disk errors."""
    mod = type(exc).__module__ or ""
    return mod.split(".")[0] in ("requests", "urllib3", "urllib", "http", "socket") or isinstance(
        exc, (ConnectionError, TimeoutError))


def cmd_serve(args) -> int:
    try:
        from . import server
    except ImportError as exc:
        print(f"persian-trade-news: the service needs the [server] extra: pip install 'persian_trade_news[server]' ({exc})",
              file=sys.stderr)
        return EXIT_FAILED
    return server.main(args) or EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="persian-trade-news",
                                description="Typed records from Persian economic news.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    e = sub.add_parser("extract", help="extract records from articles (files, globs or - for stdin)")
    e.add_argument("files", nargs="*", metavar="FILE", help="text or JSONL files, globs, or - (stdin, the default)")
    e.add_argument("--format", "-f", choices=("jsonl", "json", "table"), default="jsonl")
    e.add_argument("--input-format", choices=("auto", "text", "jsonl"), default="auto",
                   help="text: one article per file; jsonl: {\"id\", \"text\", \"date\"} per line (auto: by extension)")
    e.add_argument("--date", help="publication date YYYY-MM-DD (single input)")
    e.add_argument("--id", help="article id (single input)")
    e.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    e.add_argument("--batch-size", type=int, default=16)
    e.add_argument("--errors", choices=("report", "raise"), default="report",
                   help="report: a failed input writes an error object in its place and the run goes on")
    e.add_argument("--max-chars", type=int, default=None, help="largest accepted article, in characters")
    e.add_argument("--progress", dest="progress", action="store_true", default=None)
    e.add_argument("--no-progress", dest="progress", action="store_false")
    e.set_defaults(func=cmd_extract)
    x = sub.add_parser("explain", help="which rule made which record from which sentence (see docs/explain.md)")
    x.add_argument("file", metavar="FILE", help="a text file, or - for stdin")
    x.add_argument("--json", action="store_true", help="the explanation as JSON")
    x.add_argument("--sentence", "-s", type=int, default=None, metavar="N", help="only sentence N (0-based)")
    x.add_argument("--date", help="publication date YYYY-MM-DD")
    x.add_argument("--id", help="article id (default: the file name)")
    x.add_argument("--max-chars", type=int, default=None, help="largest accepted article, in characters")
    x.set_defaults(func=cmd_explain)
    sub.add_parser("stages", help="list the pipeline stages").set_defaults(func=cmd_stages)
    sub.add_parser("rules", help="list the built-in extraction rules").set_defaults(func=cmd_rules)
    sub.add_parser("schema", help="print the JSON Schema of an Article").set_defaults(func=cmd_schema)
    sub.add_parser("version", help="print the version").set_defaults(func=cmd_version)
    d = sub.add_parser("download-models", help="download stanza's Persian models (needs internet and [stanza])")
    d.add_argument("--dir", "--model-dir", dest="dir", default=None, help="model directory (default $PERSIAN_TRADE_NEWS_STANZA_DIR or ~/stanza_resources)")
    d.set_defaults(func=cmd_download_models)
    s = sub.add_parser("serve", help="run the HTTP service (needs the [server] extra)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=1)
    s.set_defaults(func=cmd_serve)
    from .evaluate import add_arguments as evaluate_arguments

    evaluate_arguments(sub.add_parser("evaluate", help="score the output against gold files: precision, recall "
                                                        "and F1 per record list (see docs/evaluate.md)"))
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed a one-line usage error
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if getattr(args, "jobs", 1) < 1:
        print("persian-trade-news: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"persian-trade-news: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("persian-trade-news: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except OSError as exc:
        where = f" {exc.filename!r}" if getattr(exc, "filename", None) else ""
        print(f"persian-trade-news: cannot read{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        from ..errors import PersianTradeNewsError

        kind = "error" if isinstance(exc, PersianTradeNewsError) else f"internal error ({type(exc).__name__})"
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"persian-trade-news: {kind}: {msg}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
