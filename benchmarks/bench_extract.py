"""Speed and memory of the default pipeline, measured against baselines in the same run.

    python benchmarks/bench_extract.py [--limit N] [--skip-jobs] [--skip-scaling]

Reports, on the news corpora of ../shared/data/raw (about 1,800 real articles):

* per-article time of the full default pipeline, of hazm's ``Normalizer.normalize`` alone on the
  same texts, and of the peer a user would reach for: spaCy's ``blank("fa")`` tokenizer with an
  ``entity_ruler`` holding the same place lexicon (when spaCy is installed); their ratios;
* the library's own tokenise + entity stages against that spaCy peer: the default entity stage
  (places, products, sectors, organisations, roles) and the same stage with places only (the
  lexicon the peer holds); all of these timed in interleaved rounds;
* import time and first-``extract`` time (fresh interpreters), peak memory (max RSS);
* the speedup of ``extract_many(n_process=2)`` over ``n_process=1`` and of the CLI's
  ``extract --jobs 2`` over ``--jobs 1`` (JSONL in, Article JSONL out), medians of 5 interleaved
  runs, beside the speedup the machine gives a pure-CPU job with 2 processes in the same run
  (its ceiling);
* time per article at 1x, 4x and 16x the corpus (linear growth keeps it flat).

Writes ``benchmarks/results/extract.json``. Timings are medians of repeated runs where cheap.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import load_corpus  # noqa: E402


def _interleaved(fns: dict, texts, repeat: int = 5) -> dict:
    """Median seconds per article of each function, measured in ``repeat`` rounds that run every
    function once in turn (so a change of load on the host affects all of them alike)."""
    runs: dict = {k: [] for k in fns}
    for _ in range(repeat):
        for k, fn in fns.items():
            t = time.perf_counter()
            for x in texts:
                fn(x)
            runs[k].append((time.perf_counter() - t) / len(texts))
    return {k: statistics.median(v) for k, v in runs.items()}


def _fresh(code: str) -> float:
    """Seconds a fresh interpreter spends on ``code`` (median of 3)."""
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env=dict(os.environ, PYTHONPATH=str(HERE.parent)))
        runs.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(runs)


def _spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i % 7
    return s


def _parallel_ceiling() -> float:
    """Speedup of 2 processes over 1 on a pure-CPU job in this run: what the machine allows now
    (on shared hosts two vCPUs do not always give 2x)."""
    import multiprocessing as mp

    jobs = [1_500_000] * 16
    t = time.perf_counter()
    for j in jobs:
        _spin(j)
    one = time.perf_counter() - t
    with mp.get_context("fork").Pool(2) as pool:
        t = time.perf_counter()
        pool.map(_spin, jobs, chunksize=1)
        two = time.perf_counter() - t
    return one / two


def _place_names() -> list[tuple[str, str]]:
    from persian_trade_news.lexicons import aliases, rows

    out = []
    for f, label in (("countries.tsv", "COUNTRY"), ("provinces.tsv", "PROVINCE"), ("cities.tsv", "CITY"),
                     ("places.tsv", "LOCATION")):
        for r in rows(f):
            for a in aliases(r):
                out.append((label, a))
    return out


def bench(limit: int | None, jobs: bool, scaling: bool) -> dict:
    texts = load_corpus(limit)
    chars = sum(map(len, texts))
    res: dict = {"articles": len(texts), "characters": chars, "python": platform.python_version(),
                 "cpus": os.cpu_count()}

    res["import_s"] = _fresh("import time; t=time.perf_counter(); import persian_trade_news; "
                             "print(time.perf_counter()-t)")
    res["first_extract_s"] = _fresh(
        "import time; t=time.perf_counter(); import persian_trade_news as p; "
        f"p.extract(open({str(HERE.parent / 'examples' / 'seed-lorestan.txt')!r}, encoding='utf-8').read()); "
        "print(time.perf_counter()-t)")

    import persian_trade_news as ptn
    from hazm import Normalizer

    nlp = ptn.Pipeline.default()
    for t in texts[:30]:
        nlp(t)  # warm caches
    norm = Normalizer()
    # tokenise + entities only (the peer's job): make_doc + the entities stage; once with the
    # default entity stage (places, products, sectors, organisations, roles), once with places
    # only, i.e. the same lexicon the spaCy peer holds
    from persian_trade_news.stages.entities import make_entities

    ent = nlp.get_stage("entities")
    places_only = make_entities(products=False, sectors=False, organizations=False, roles=False)

    def tok_ent(t):
        ent(nlp.make_doc(t))

    def tok_places(t):
        places_only(nlp.make_doc(t))

    timed = {"hazm_normalize_ms": norm.normalize, "pipeline_ms": nlp, "tokenise_entities_ms": tok_ent,
             "tokenise_places_ms": tok_places, "tokenise_ms": nlp.make_doc}
    try:
        import spacy

        sp = spacy.blank("fa")
        ruler = sp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        names = _place_names()
        ruler.add_patterns([{"label": lab, "pattern": name} for lab, name in names])
        for t in texts[:30]:
            sp(t)
        res["spacy_peer_patterns"] = len(names)
        timed["spacy_blank_fa_entity_ruler_ms"] = sp
    except ImportError:
        res["spacy_peer"] = "spaCy not installed (pip install spacy)"
    # interleaved rounds: on a shared host the load drifts, and every contender sees the same drift
    res.update({k: 1000 * v for k, v in _interleaved(timed, texts).items()})
    res["pipeline_over_hazm"] = res["pipeline_ms"] / res["hazm_normalize_ms"]
    if "spacy_blank_fa_entity_ruler_ms" in res:
        peer = res["spacy_blank_fa_entity_ruler_ms"]
        res["tokenise_entities_over_spacy"] = res["tokenise_entities_ms"] / peer
        res["tokenise_places_over_spacy"] = res["tokenise_places_ms"] / peer
        res["pipeline_over_spacy"] = res["pipeline_ms"] / peer

    if jobs:
        import contextlib
        import tempfile

        from persian_trade_news.interfaces import cli

        def run(n):
            t = time.perf_counter()
            for _ in ptn.extract_many(texts, n_process=n, batch_size=16):
                pass
            return time.perf_counter() - t

        # the CLI: JSONL in, Article JSONL out (in this process, so the lexicons are loaded once)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
            corpus_path = fh.name

        def run_cli(n):
            t = time.perf_counter()
            with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
                rc = cli.main(["extract", corpus_path, "--jobs", str(n), "--format", "jsonl", "--no-progress"])
            assert rc == 0
            return time.perf_counter() - t

        runs: dict = {"many1": [], "many2": [], "cli1": [], "cli2": [], "ceiling": []}
        try:
            # interleaved rounds, so a change of load on the host hits every contender alike; each
            # round also measures what the machine gives a pure-CPU job with 2 processes right then
            for _ in range(5):
                for key, fn, n in (("many1", run, 1), ("many2", run, 2), ("cli1", run_cli, 1), ("cli2", run_cli, 2)):
                    runs[key].append(fn(n))
                runs["ceiling"].append(_parallel_ceiling())
        finally:
            os.unlink(corpus_path)
        med = {k: statistics.median(v) for k, v in runs.items()}
        res["jobs1_s"], res["jobs2_s"], res["jobs2_speedup"] = med["many1"], med["many2"], med["many1"] / med["many2"]
        res["jobs2_speedup_per_round"] = [round(a / b, 3) for a, b in zip(runs["many1"], runs["many2"])]
        res["cli_jobs1_s"], res["cli_jobs2_s"] = med["cli1"], med["cli2"]
        res["cli_jobs2_speedup"] = med["cli1"] / med["cli2"]
        res["machine_2proc_ceiling"] = med["ceiling"]
        res["machine_2proc_ceiling_per_round"] = [round(c, 3) for c in runs["ceiling"]]
        # per round: the speedup over what the machine allowed in that round (median of the rounds)
        res["jobs2_speedup_over_ceiling"] = statistics.median(
            a / b / c for a, b, c in zip(runs["many1"], runs["many2"], runs["ceiling"]))

    if scaling:
        per = {}
        for k in (1, 4, 16):
            big = texts * k
            t = time.perf_counter()
            for x in big:
                nlp(x)
            per[f"{k}x"] = 1000 * (time.perf_counter() - t) / len(big)
        res["ms_per_article_at_scale"] = per
        res["scaling_16x_over_1x"] = per["16x"] / per["1x"]

    res["peak_rss_this_process_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # + spaCy, copies
    # the library alone, in a fresh interpreter over the same corpus
    # (VmHWM of the child's own address space: ru_maxrss would carry the parent's peak over exec)
    code = ("import sys; sys.path.insert(0, %r); from corpus import load_corpus; import persian_trade_news as p; "
            "nlp = p.Pipeline.default(); [nlp(t) for t in load_corpus(%r)]; "
            "print([int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0] / 1024)"
            ) % (str(HERE), limit)
    res["peak_rss_pipeline_mb"] = _fresh(code)
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles")
    ap.add_argument("--skip-jobs", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "extract.json")
    args = ap.parse_args(argv)
    res = bench(args.limit, not args.skip_jobs, not args.skip_scaling)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2), encoding="utf-8")
    width = max(map(len, res))
    for k, v in res.items():
        print(f"{k:<{width}}  {round(v, 3) if isinstance(v, float) else v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
