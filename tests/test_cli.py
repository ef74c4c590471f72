"""The command line, run as a user runs it (a subprocess)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed-lorestan.txt"


def cli(*args, stdin: bytes | None = None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "persian_trade_news", *args], input=stdin,
                          capture_output=True, env=env, timeout=300)


def test_extract_file_jsonl():
    r = cli("extract", str(SEED))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 1
    a = json.loads(lines[0])
    assert a["id"] == "seed-lorestan" and a["date"] == "2025-10-04"
    assert a["visits"] and a["visits"][0]["destination"]["id"] == "IR-15"


def test_extract_json_and_table_and_glob(tmp_path):
    for i in range(2):
        (tmp_path / f"a{i}.txt").write_text("صادرات ۲۰۰ تن گندم از لرستان به عراق انجام شد.", encoding="utf-8")
    r = cli("extract", str(tmp_path / "*.txt"), "--format", "json")
    assert r.returncode == 0, r.stderr
    arr = json.loads(r.stdout)
    assert [a["id"] for a in arr] == ["a0", "a1"]
    r = cli("extract", str(SEED), "--format", "table")
    assert r.returncode == 0 and "visits" in r.stdout.decode()


def test_stdin_and_date():
    r = cli("extract", "-", "--date", "2024-02-03", stdin="لرستان آماده توسعه روابط تجاری با قزاقستان است.".encode())
    assert r.returncode == 0, r.stderr
    a = json.loads(r.stdout)
    assert a["date"] == "2024-02-03" and a["id"] == "stdin"


def test_jsonl_input_with_malformed_line_reports_in_place(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "صادرات ۲۰۰ تن گندم"}\nnot json\n{"id": "c", "text": null}\n'
                 '{"id": "d", "text": "سلام", "date": "2025-01-01"}\n', encoding="utf-8")
    r = cli("extract", str(p), "--jobs", "2")
    assert r.returncode == 1
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert [o.get("id") for o in out] == ["a", f"{p}:2", "c", "d"]
    assert "error" in out[1] and "error" in out[2] and "error" not in out[3]
    assert b"Traceback" not in r.stderr


@pytest.mark.parametrize("args, code", [
    (("extract", "/no/such/file.txt"), 2),
    (("extract", "--format", "xml", "x"), 2),
    (("extract", "--date", "yesterday", "-"), 2),
    (("frobnicate",), 2),
    ((), 2),
])
def test_usage_errors_exit_2_without_traceback(args, code):
    r = cli(*args, stdin=b"")
    assert r.returncode == code
    assert b"Traceback" not in r.stderr and r.stderr.strip()


def test_bad_encoding_is_one_line_error(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"\xff\xfe\x00\x81" * 100)
    r = cli("extract", str(p), "--errors", "raise")
    assert r.returncode == 1
    assert len(r.stderr.decode().strip().splitlines()) == 1 and b"Traceback" not in r.stderr


def test_schema_stages_rules_version():
    r = cli("schema")
    assert r.returncode == 0 and json.loads(r.stdout)["title"] == "Article"
    r = cli("stages")
    assert r.returncode == 0 and b"relations" in r.stdout
    r = cli("rules")
    assert r.returncode == 0 and b"visit.travel_to" in r.stdout
    assert cli("version").stdout.strip() == b"0.1.0"


def test_no_file_argument_reads_stdin_and_jsonl_is_detected(tmp_path):
    r = cli("extract", stdin="صادرات ۲۰۰ تن گندم از لرستان به عراق انجام شد.".encode())
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["id"] == "stdin"
    p = tmp_path / "two.jsonl"
    p.write_text('{"id": "x", "text": "سلام", "date": "2024-05-06"}\n{"id": "y", "text": "لرستان"}\n', encoding="utf-8")
    r = cli("extract", str(p))
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert [(o["id"], o["date"]) for o in out] == [("x", "2024-05-06"), ("y", None)]


def test_progress_bar_only_on_request_when_not_a_tty(tmp_path):
    for i in range(5):
        (tmp_path / f"p{i}.txt").write_text("لرستان", encoding="utf-8")
    quiet = cli("extract", str(tmp_path / "*.txt"))
    assert quiet.returncode == 0 and quiet.stderr == b""
    shown = cli("extract", str(tmp_path / "*.txt"), "--progress")
    assert shown.returncode == 0
    assert b"article/s" in shown.stderr and b"5/5" in shown.stderr
    assert len(shown.stdout.decode().splitlines()) == 5


def test_directory_and_too_large_input(tmp_path):
    r = cli("extract", str(tmp_path))
    assert r.returncode == 2 and b"directory" in r.stderr and b"Traceback" not in r.stderr
    p = tmp_path / "big.txt"
    p.write_text("لرستان " * 50, encoding="utf-8")
    r = cli("extract", str(p), "--max-chars", "100")
    assert r.returncode == 1 and b"Traceback" not in r.stderr
    assert json.loads(r.stdout)["error"]["type"] == "InputTooLargeError"


def test_serve_help_and_download_models_help():
    for cmd in ("serve", "download-models"):
        r = cli(cmd, "--help")
        assert r.returncode == 0 and b"usage" in r.stdout


def test_extract_seeds_example():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "extract_seeds.py")], capture_output=True,
                       text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "seed-fars:" in r.stdout and "seed-lorestan:" in r.stdout and "visits" in r.stdout


@pytest.mark.slow
def test_benchmark_smoke(tmp_path):
    raw = ROOT.parent / "shared" / "data" / "raw" / "fars_news_language_ml"
    if not raw.is_dir():
        pytest.skip("no corpus at ../shared/data/raw")
    out = tmp_path / "extract.json"
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_extract.py"), "--limit", "20",
                        "--skip-scaling", "--out", str(out)], capture_output=True, text=True, timeout=600,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    for key in ("import_s", "first_extract_s", "pipeline_ms", "hazm_normalize_ms", "pipeline_over_hazm",
                "peak_rss_pipeline_mb", "jobs2_speedup", "cli_jobs2_speedup", "jobs2_speedup_over_ceiling"):
        assert res[key] > 0, key
    assert len(res["jobs2_speedup_per_round"]) == len(res["machine_2proc_ceiling_per_round"]) == 5
