#!/usr/bin/env python3
"""Run the pipeline over the ~1,800 corpus articles and compare two runs.

    python tools/corpus_diff.py dump out/before.jsonl            # one Article (records only) per line
    python tools/corpus_diff.py diff out/before.jsonl out/after.jsonl [--list visits] [--show 10]

``dump`` writes, per article, the whole Article but its text (so a run is a few MB);
``diff`` says how many articles changed at all (offsets, rules and confidences included) and, on
the records without their provenance, per list how many records appeared and disappeared, and
prints a sample of changed records, so that a change to the rules is read on text nobody tuned
to before it lands. The corpus comes from ``../shared/data/raw`` (``benchmarks/corpus.py``).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

DROP = ("text", "evidence", "confidence", "mentions", "content", "start", "end", "rule")


def _clean(obj):
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items() if k not in DROP}
    if isinstance(obj, list):
        return [_clean(v) for v in obj]
    return obj


def dump(out: Path, jobs: int) -> None:
    from corpus import load_corpus

    import persian_trade_news as ptn

    texts = load_corpus()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for i, art in enumerate(ptn.extract_many(texts, n_process=jobs, errors="return")):
            d = art.to_dict() if hasattr(art, "to_dict") else {"error": str(art)}
            d.pop("text", None)
            d["index"] = i
            fh.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(texts)} articles -> {out}")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def diff(a: Path, b: Path, only: str | None, show: int, seed: int) -> int:
    before, after = _load(a), _load(b)
    if len(before) != len(after):
        print(f"different article counts: {len(before)} vs {len(after)}")
    changed = sum(x != y for x, y in zip(before, after))
    print(f"articles whose output changed in any field (offsets, rules, confidences included): {changed}")
    before, after = [_clean(x) for x in before], [_clean(y) for y in after]
    changed = 0
    gained: Counter = Counter()
    lost: Counter = Counter()
    samples: list[tuple[int, str, str, dict]] = []
    for x, y in zip(before, after):
        if x == y:
            continue
        changed += 1
        for name in sorted(set(x) | set(y)):
            if name == "index" or (only and name != only):
                continue
            xs, ys = x.get(name), y.get(name)
            if not isinstance(xs, list) and not isinstance(ys, list):
                if xs != ys:
                    samples.append((x["index"], name, "~", {"before": xs, "after": ys}))
                continue
            xk = Counter(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in xs or [])
            yk = Counter(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in ys or [])
            for r in (xk - yk).elements():
                lost[name] += 1
                samples.append((x["index"], name, "-", json.loads(r)))
            for r in (yk - xk).elements():
                gained[name] += 1
                samples.append((x["index"], name, "+", json.loads(r)))
    print(f"articles whose records changed: {changed} of {len(before)}")
    for name in sorted(set(gained) | set(lost)):
        print(f"  {name:<14} +{gained[name]:<5} -{lost[name]}")
    random.Random(seed).shuffle(samples)
    for idx, name, sign, rec in samples[:show]:
        print(f"[{idx}] {name} {sign} {json.dumps(rec, ensure_ascii=False)[:400]}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--jobs", type=int, default=2)
    f = sub.add_parser("diff")
    f.add_argument("before", type=Path)
    f.add_argument("after", type=Path)
    f.add_argument("--list", dest="only")
    f.add_argument("--show", type=int, default=20)
    f.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out, args.jobs)
        return 0
    return diff(args.before, args.after, args.only, args.show, args.seed)


if __name__ == "__main__":
    sys.exit(main())
