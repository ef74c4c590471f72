"""Load the news corpora of ../shared/data/raw (about 1,800 real articles) as plain texts.

Used by the benchmarks and the robustness runs; the news text itself is never shipped."""
from __future__ import annotations

import csv
import glob
import json
import os
import sys
from pathlib import Path

RAW = Path(os.environ.get("PTN_RAW_DATA", Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"))


def load_corpus(limit: int | None = None) -> list[str]:
    texts: list[str] = []
    for f in sorted(glob.glob(str(RAW / "fars_news_language_ml" / "*.json"))):
        for item in json.load(open(f, encoding="utf-8")):
            parts = [item.get("title") or "", item.get("abstract") or "", *(item.get("paragraphs") or [])]
            texts.append("\n".join(p.strip() for p in parts if p and p.strip()))
    csv.field_size_limit(sys.maxsize)
    f = RAW / "farsnews_1402_faezeh" / "farsnews.csv"
    if f.exists():
        with open(f, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                t = "\n".join(x.strip() for x in (row.get("title") or "", row.get("text") or "") if x and x.strip())
                if t:
                    texts.append(t)
    for f in sorted(glob.glob(str(RAW / "news_2025_farzadjannati" / "news_*.csv"))):
        with open(f, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                body = (row.get("text") or "").replace("[n]", "\n")
                t = "\n".join(x.strip() for x in (row.get("title") or "", row.get("introtext") or "", body) if x and x.strip())
                if t:
                    texts.append(t)
    texts = [t for t in texts if t.strip()]
    return texts[:limit] if limit else texts


if __name__ == "__main__":
    t = load_corpus()
    print(len(t), "articles,", sum(map(len, t)), "characters")
