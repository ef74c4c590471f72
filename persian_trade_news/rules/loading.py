"""Reading rule and frame files safely: YAML or JSON through ``yaml.SafeLoader`` (never constructs
Python objects), every mapping annotated with its line for error messages, size and encoding
checked; errors are :class:`~persian_trade_news.errors.RuleError` with the file and line."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from ..errors import RuleError

MAX_RULE_FILE_BYTES = 2_000_000


class LineLoader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping (never constructs Python objects)."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def strip_lines(obj: Any) -> Any:
    """The data without the ``__line__`` annotations."""
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k != "__line__"}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    return obj


def read_text(path: str | os.PathLike) -> str:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_RULE_FILE_BYTES:
            raise RuleError(f"rule file is larger than {MAX_RULE_FILE_BYTES} bytes", path=str(p))
        return p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror or exc}", path=str(p)) from None
    except UnicodeDecodeError:
        raise RuleError("rule file is not UTF-8 text", path=str(p)) from None


def parse(text: str, source: str = "<string>") -> Any:
    """YAML (or JSON, by the source's extension) with line annotations."""
    try:
        if source.endswith(".json"):
            data = json.loads(text)
            return yaml.load(json.dumps(data, ensure_ascii=False), Loader=LineLoader)
        return yaml.load(text, Loader=LineLoader)
    except json.JSONDecodeError as exc:
        raise RuleError(f"invalid JSON: {exc.msg}", path=source, line=exc.lineno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path=source,
                        line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise RuleError("rule file nests too deeply", path=source) from None
