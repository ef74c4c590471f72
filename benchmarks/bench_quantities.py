"""Quantities and dates found per second on the news corpus, against hazm's normaliser in the same run.

    python benchmarks/bench_quantities.py [--limit N]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import load_corpus  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    texts = load_corpus(args.limit)

    from hazm import Normalizer

    from persian_trade_news.readers.dates import find_dates
    from persian_trade_news.readers.quantities import find_quantities

    for t in texts[:20]:
        find_quantities(t)
        find_dates(t, None)
    kinds: Counter = Counter()
    t0 = time.perf_counter()
    nq = nd = 0
    for t in texts:
        qs = find_quantities(t)
        nq += len(qs)
        kinds.update(q.kind for q in qs)
        nd += len(find_dates(t, None))
    el = time.perf_counter() - t0
    norm = Normalizer()
    t1 = time.perf_counter()
    for t in texts:
        norm.normalize(t)
    hz = time.perf_counter() - t1
    res = {"articles": len(texts), "characters": sum(map(len, texts)), "seconds": el,
           "articles_per_s": len(texts) / el, "quantities": nq, "quantities_per_s": nq / el,
           "dates": nd, "dates_per_s": nd / el, "by_kind": dict(kinds),
           "hazm_normalize_seconds": hz, "ratio_to_hazm_normalize": el / hz}
    out = HERE / "results" / "quantities.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2), encoding="utf-8")
    for k, v in res.items():
        print(f"{k:26} {round(v, 3) if isinstance(v, float) else v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
