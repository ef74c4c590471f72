"""Hostile input: property tests, fuzz regressions and a short fuzz run, linear time on adversarial
input, batches that lose nothing, and the service under concurrent load."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import persian_trade_news as ptn
from persian_trade_news.errors import PersianTradeNewsError
from persian_trade_news.records import Article

from conftest import eval_paths, growth

ROOT = Path(__file__).resolve().parents[1]
NLP = ptn.Pipeline.default(max_chars=2_000_000)


def check(text):
    """extract returns an Article or raises a typed error; spans exact; the Article round-trips."""
    try:
        a = NLP(text)
    except PersianTradeNewsError:
        return None
    raw = a.text
    for where, span in a.spans():
        assert raw[span.start:span.end] == span.text, where
    assert Article.from_dict(a.to_dict()) == a
    assert Article.from_dict(json.loads(a.to_json())) == a
    return a


# ------------------------------------------------------------------ property tests
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_arbitrary_unicode(text):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data):
    check(data)


def _pieces() -> list[str]:
    from persian_trade_news.lexicons import rows

    words = [r["name"] for f in ("provinces.tsv", "countries.tsv", "products.tsv") for r in rows(f)][:400]
    words += [r["title"] for r in rows("roles.tsv")] + [r["head"] for r in rows("org_heads.tsv")]
    words += ["سفر", "۲روزه", "به", "از", "بازدید", "کرد", "خواهد", "هزار", "تن", "میلیارد", "ریال", "درصد", "و", "،", ".",
              "«", "»", "گفت:", "تفاهم‌نامه", "صادرات", "رتبه", "نخست", "۴۲", "42,000", "۱۴۰۴/۰۶/۱۵", "\u200c", "\n",
              "را مورد بازدید قرار داد", "با", "دیدار", "هیئت", "به ریاست", "امسال", "سالانه", "بیش از", "تا"]
    return words


PIECES = _pieces()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80), st.sampled_from([" ", "", "\u200c", "\n", " ، "]))
def test_persian_looking_text(words, sep):
    check(sep.join(words))


def _corpus_sentences() -> list[str]:
    out = []
    for p in eval_paths():
        out += [s for s in p.read_text(encoding="utf-8").splitlines() if s.strip()]
    return out


SENTENCES = _corpus_sentences()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.lists(st.tuples(st.sampled_from(["del", "ins", "dup", "swap", "cut"]),
                                                  st.integers(0, 10**6), st.text(max_size=5)), max_size=6))
def test_real_sentences_with_random_edits(seed, edits):
    rnd = random.Random(seed)
    text = " ".join(rnd.sample(SENTENCES, k=min(3, len(SENTENCES))))
    for op, pos, s in edits:
        i = pos % (len(text) + 1)
        if op == "del":
            text = text[:i] + text[i + 3:]
        elif op == "ins":
            text = text[:i] + s + text[i:]
        elif op == "dup":
            text = text[:i] + text[i:i + 20] * 3 + text[i:]
        elif op == "swap":
            text = text[i:] + text[:i]
        else:
            text = text[:i]
    check(text)


# ------------------------------------------------------------------ fuzzing
def test_fuzz_regressions_stay_fixed():
    from persian_trade_news.rules.engine import Engine

    for f in sorted((ROOT / "tests" / "fuzz_regressions").glob("rules-*")):
        text = f.read_bytes().decode("utf-8", errors="replace")
        try:
            Engine(builtin=False, entry_points=False).load_text(text, source=f.name)
        except PersianTradeNewsError:
            pass
    assert Engine(builtin=False, entry_points=False) is not None


@pytest.mark.parametrize("target, runs", [("fuzz_extract.py", 1500), ("fuzz_rules.py", 5000)])
def test_short_fuzz_run(target, runs, tmp_path):
    pytest.importorskip("atheris")
    r = subprocess.run([sys.executable, str(ROOT / "fuzz" / target), f"-runs={runs}", "-max_len=4096",
                        f"-artifact_prefix={tmp_path}/"], capture_output=True, text=True, timeout=600,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr[-3000:]
    assert not list(tmp_path.glob("crash-*"))


# ------------------------------------------------------------------ linear time
ADVERSARIAL = {"one digit": "۱", "و": "و ", "ZWNJ": "\u200c", "spaces": " ", "nested quotes": "«",
               "trigger word": "سفر به لرستان ", "number words": "۱۲ هزار و ", "full stops": ". ",
               "unclosed script tags": "<script>", "unclosed comments": "<!--", "html blocks": "<style>x</style>",
               # dense text: every sentence a figure, a quote, a title and a name for the rules to resolve
               "capacity sentences": "لرستان با تولید ۴۲ هزار تن ماهی رتبه نخست کشور را دارد. ",
               "quoted figures": "وی در گفت‌وگو با خبرنگاران در همدان گفت: ملایر و نهاوند هر یک با ظرفیت ۵۰۰ تن "
                                 "ساخته می‌شوند. ",
               "titles and names": "استاندار همدان در نشست با سفیر عراق گفت: علی رضایی رئیس اتاق بازرگانی همدان "
                                   "افزود صادرات ۲۰ هزار تن گندم به عراق انجام شد، ",
               }


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_time_is_linear_in_input_size(name):
    unit = ADVERSARIAL[name]
    nlp = ptn.Pipeline.default(max_chars=20_000_000)

    ratio, small, big = growth(lambda n: nlp((unit * (n // len(unit) + 1))[:n]), 100_000, 1_000_000)  # 1 MB
    assert ratio < 25, (name, small, big)  # quadratic growth would be ~100


# ------------------------------------------------------------------ batches lose nothing
def _mixed_inputs(n: int) -> list:
    good = "صادرات ۲۰۰ تن گندم از لرستان به عراق انجام شد."
    out: list = []
    for i in range(n):
        k = i % 50
        if k == 7:
            out.append(None)
        elif k == 13:
            out.append(b"\xff\x01\x02" * 30)  # neither UTF-8 nor Windows-1256 text
        elif k == 21:
            out.append("")
        elif k == 33:
            out.append("ا" * 2_100_000)  # over the limit of NLP
        else:
            out.append({"text": f"{good} {i}", "id": str(i)})
    return out


def test_extract_many_10000_inputs_lose_nothing():
    inputs = _mixed_inputs(10_000)
    out = list(NLP.pipe(inputs, n_process=2, batch_size=64, errors="return"))
    assert len(out) == len(inputs)
    failures = [o for o in out if isinstance(o, ptn.ExtractionFailure)]
    assert len(failures) == 3 * 200  # None, bad bytes, too large
    for i, o in enumerate(out):
        if isinstance(o, ptn.ExtractionFailure):
            assert o.index == i and i % 50 in (7, 13, 33)
        elif isinstance(inputs[i], dict):
            assert o.id == str(i)


class _KillOn:
    """A stage that kills its worker process, as the OOM killer or a native crash would."""

    name, provides, requires = "kill_on_marker", (), ()

    def __call__(self, doc):
        if "KILLME" in doc.raw:
            os._exit(9)


def test_a_worker_killed_by_an_input_costs_only_that_input():
    nlp = ptn.Pipeline.default().add_stage(_KillOn())
    texts = [f"صادرات {i} هزار تن گندم از لرستان به عراق انجام شد." for i in range(1, 31)]
    for i in (4, 5, 17):
        texts[i] += " KILLME"
    out = list(nlp.pipe(texts, n_process=2, batch_size=4, errors="return"))
    assert len(out) == len(texts)
    for i, o in enumerate(out):
        if i in (4, 5, 17):  # reported in place, with the error's name; its batch-mates survive
            assert isinstance(o, ptn.ExtractionFailure) and o.index == i and o.error == "WorkerDiedError"
            assert "exit code 9" in o.message
        else:
            assert o.text == texts[i] and o.trade_flows[0].quantity.value == (i + 1) * 1000
    with pytest.raises(ptn.WorkerDiedError):
        list(nlp.pipe(texts, n_process=2, batch_size=4))


def test_extract_many_stopped_early_leaves_no_worker_behind():
    import multiprocessing as mp

    texts = [f"صادرات {i} تن گندم از لرستان انجام شد." for i in range(400)]
    it = ptn.extract_many(texts, n_process=2, batch_size=8)
    assert next(it).text == texts[0]
    it.close()  # the caller stops reading while workers are busy
    assert not [p for p in mp.active_children() if p.is_alive()]
    assert [a.text for a in ptn.extract_many(texts[:40], n_process=2, batch_size=8)] == texts[:40]
    assert not mp.active_children()


def test_extract_many_holds_one_result_at_a_time_for_a_streaming_caller():
    import weakref

    texts = [f"صادرات {i} تن گندم از لرستان انجام شد." for i in range(24)]
    previous = None
    for i, a in enumerate(ptn.extract_many(texts, n_process=2, batch_size=8)):
        assert a.text == texts[i]
        # the article taken before this one, from the same batch or not, is gone once the caller
        # dropped it: results are unpickled one at a time, not a batch at once
        assert previous is None or previous() is None
        previous = weakref.ref(a)
        del a


def test_cli_10000_lines_one_output_each(tmp_path):
    p = tmp_path / "in.jsonl"
    with open(p, "w", encoding="utf-8") as fh:
        for i in range(10_000):
            if i % 100 == 5:
                fh.write("{broken json\n")
            elif i % 100 == 6:
                fh.write(json.dumps({"id": str(i), "text": 42}) + "\n")
            else:
                fh.write(json.dumps({"id": str(i), "text": f"صادرات {i} تن گندم از لرستان"}, ensure_ascii=False) + "\n")
    r = subprocess.run([sys.executable, "-m", "persian_trade_news", "extract", str(p), "--jobs", "2",
                        "--no-progress"], capture_output=True, timeout=900, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 1
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 10_000
    errors = 0
    for i, line in enumerate(lines):
        obj = json.loads(line)
        if "error" in obj:
            errors += 1
            assert i % 100 in (5, 6)
        else:
            assert obj["id"] == str(i)
    assert errors == 200
    assert b"Traceback" not in r.stderr


# ------------------------------------------------------------------ the service under load
def _rss_kb(pid: int) -> int:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_service_under_concurrent_load():
    pytest.importorskip("fastapi")
    pytest.importorskip("uvicorn")
    httpx = pytest.importorskip("httpx")
    import asyncio

    from conftest import start_server

    proc, base = start_server({"PTN_MAX_BODY_BYTES": "1000000", "PTN_MAX_CHARS": "200000"})
    try:
        seed = (ROOT / "examples" / "seed-lorestan.txt").read_text(encoding="utf-8")
        bodies = []
        for i in range(2000):
            k = i % 20
            if k == 3:
                bodies.append((b"{oops", 422))
            elif k == 9:
                bodies.append((json.dumps({"text": "ا" * 300_000}).encode(), 413))
            elif k == 15:
                bodies.append((b'{"text": "' + b"a" * 1_200_000 + b'"}', 413))
            else:
                text = seed[: 200 + (i * 37) % len(seed)]
                bodies.append((json.dumps({"text": text, "id": str(i)}).encode(), 200))

        async def run_all(items):
            sem = asyncio.Semaphore(32)
            async with httpx.AsyncClient(base_url=base, timeout=120) as client:
                async def one(body, expect):
                    async with sem:
                        try:
                            r = await client.post("/extract", content=body,
                                                  headers={"content-type": "application/json"})
                        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError):
                            # an oversized body may be cut off before the client finishes sending it
                            return (413 if expect == 413 else -1), expect, ""
                        return r.status_code, expect, r.text

                return await asyncio.gather(*(one(b, e) for b, e in items))

        warm = asyncio.run(run_all(bodies[:200]))
        assert all(s == e for s, e, _ in warm)
        base_rss = _rss_kb(proc.pid)
        t = time.perf_counter()
        results = asyncio.run(run_all(bodies))
        elapsed = time.perf_counter() - t
        wrong = [(s, e) for s, e, _ in results if s != e]
        assert not wrong, wrong[:5]
        assert not any("Traceback" in body for _, _, body in results)
        assert proc.poll() is None  # the worker is alive
        after = _rss_kb(proc.pid)
        assert after < base_rss * 1.5 + 50_000, (base_rss, after)  # no growth beyond noise
        print(f"\n2000 requests, 32 concurrent: {elapsed:.1f}s, {2000 / elapsed:.0f} req/s, "
              f"RSS {base_rss // 1024} MB -> {after // 1024} MB")
    finally:
        proc.terminate()
        proc.wait(10)
