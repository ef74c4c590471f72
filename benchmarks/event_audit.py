"""Precision audit of the event records (visits, meetings, agreements, cooperations) on the corpus.

    python benchmarks/event_audit.py draw [--seed 20261202] [--per-type 15] [--out FILE]
    python benchmarks/event_audit.py report [--in FILE]

``draw`` runs the default pipeline on every article of ../shared/data/raw (about 1,800 real
articles, see ``corpus.py``), collects every record of the four event lists with its article
index and its evidence sentence, draws ``--per-type`` records of each type with
``random.Random(seed)`` and writes one JSON line per drawn record to ``--out`` (default
``benchmarks/results/event_audit.jsonl``)::

    {"type": "visits", "article": 17, "record": {...}, "evidence": "...", "verdict": null, "note": ""}

``record`` is the record's dict without ``evidence`` and ``mentions``; ``evidence`` is the
sentence(s) the record's evidence span covers (the span's own text when it runs over more than
two sentences, as merged records can). An annotator then sets ``verdict`` to ``"right"`` or
``"wrong"`` (CONTRACT.md's matching rule against a correct annotation of that sentence; no
partial credit) and a short ``note``. When ``--out`` already holds verdicts, a verdict is kept
for every record drawn again identically (same type, article and record), so a rerun after a
rule change only leaves the new records to judge; every verdict given is also kept in
``<out>_verdicts.jsonl`` so that no verdict is lost when a draw is reshuffled.

``report`` prints, per type and overall, how many were drawn, judged and right, the precision
(right / judged), and lists the wrong ones with their notes.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import load_corpus  # noqa: E402

TYPES = ("visits", "meetings", "agreements", "cooperations")
DEFAULT_FILE = HERE / "results" / "event_audit.jsonl"
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _sentences(text: str, start: int, end: int) -> str:
    """The sentence(s) around ``text[start:end]``: the span widened to the sentence ends around it.
    A span over more than two sentences (a merged record) is given as it stands."""
    inner = text[start:end].rstrip(".!?؟\n ")
    if len(_SENTENCE_END.findall(inner)) >= 2:
        return text[start:end].strip()
    left = start
    while left > 0 and not _SENTENCE_END.match(text[left - 1]):
        left -= 1
    right = end
    if not (end > start and _SENTENCE_END.match(text[end - 1])):
        while right < len(text) and not _SENTENCE_END.match(text[right]):
            right += 1
        if right < len(text) and text[right] != "\n":
            right += 1
    return text[left:right].strip()


def _key(row: dict) -> str:
    return json.dumps([row["type"], row["article"], row["record"]], ensure_ascii=False, sort_keys=True)


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def collect(texts: list[str], n_process: int = 2) -> dict[str, list[dict]]:
    """Every event record of the corpus, by type, as audit rows (verdict unset)."""
    import persian_trade_news as ptn

    pool: dict[str, list[dict]] = {t: [] for t in TYPES}
    for i, art in enumerate(ptn.extract_many(texts, n_process=n_process)):
        for kind in TYPES:
            for rec in getattr(art, kind):
                d = rec.to_dict()
                d.pop("evidence", None)
                d.pop("mentions", None)
                ev = rec.evidence
                evidence = _sentences(art.text, ev.start, ev.end) if ev is not None else ""
                pool[kind].append({"type": kind, "article": i, "record": d, "evidence": evidence,
                                   "verdict": None, "note": ""})
    return pool


def draw(args) -> int:
    texts = load_corpus()
    pool = collect(texts, n_process=args.n_process)
    rng = random.Random(args.seed)
    drawn = []
    for kind in TYPES:
        rows = pool[kind]
        drawn += rng.sample(rows, min(args.per_type, len(rows)))
    out = Path(args.out)
    # every verdict ever given is kept in a store beside the draw, so a draw that a rule change
    # reshuffles loses none of them (an older verdict is reused whenever its record is drawn again)
    store = out.with_name(out.stem + "_verdicts.jsonl")
    old = {_key(r): r for r in [*_read(store), *_read(out)] if r.get("verdict")}
    kept = 0
    for row in drawn:
        prev = old.get(_key(row))
        if prev is not None:
            row["verdict"], row["note"] = prev["verdict"], prev.get("note", "")
            kept += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for row in drawn:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(store, "w", encoding="utf-8") as fh:
        for row in old.values():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(texts)} articles; records: " + ", ".join(f"{k} {len(pool[k])}" for k in TYPES))
    print(f"drew {len(drawn)} (seed {args.seed}, {args.per_type} per type) -> {out}; "
          f"{kept} verdicts kept, {len(drawn) - kept} to judge")
    return 0


def report(args) -> int:
    rows = _read(Path(getattr(args, "in")))
    if not rows:
        print("no rows")
        return 1

    def line(name: str, sub: list[dict]) -> str:
        judged = [r for r in sub if r.get("verdict") in ("right", "wrong")]
        right = sum(r["verdict"] == "right" for r in judged)
        p = f"{right / len(judged):.1%}" if judged else "-"
        return f"{name:14} {len(sub):6} {len(judged):7} {right:6} {p:>10}"

    print(f"{'type':14} {'drawn':>6} {'judged':>7} {'right':>6} {'precision':>10}")
    for kind in TYPES:
        print(line(kind, [r for r in rows if r["type"] == kind]))
    print(line("overall", rows))
    wrong = [r for r in rows if r.get("verdict") == "wrong"]
    if wrong:
        print(f"\nwrong ({len(wrong)}):")
        for r in wrong:
            print(f"  {r['type']:13} article {r['article']:5}  {r.get('note', '')}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="extract the corpus and draw records to judge")
    d.add_argument("--seed", type=int, default=20261202)
    d.add_argument("--per-type", type=int, default=15)
    d.add_argument("--out", default=str(DEFAULT_FILE))
    d.add_argument("--n-process", type=int, default=2)
    d.set_defaults(fn=draw)
    r = sub.add_parser("report", help="precision per type from the judged file")
    r.add_argument("--in", default=str(DEFAULT_FILE))
    r.set_defaults(fn=report)
    args = ap.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    raise SystemExit(main())
