"""The reader the lexicon checkers (tools/check_*.py) share for the TSV files of
``persian_trade_news/lexicons/data``: comment lines (``#``) and blank lines skipped, the first
other line the header, each row kept with its line number for error messages."""
from __future__ import annotations

from pathlib import Path


def read_tsv(path: Path) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    header, rows = None, []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
            else:
                rows.append((n, cells))
    return header, rows
