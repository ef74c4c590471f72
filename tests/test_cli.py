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
