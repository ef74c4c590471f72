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
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert out.startswith("== seed-lorestan · 2025-10-04") and "\n   visit        " in out
    assert "{" not in out and "}" not in out


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


# ------------------------------------------------------------------ extract --format table
from persian_trade_news import records as R  # noqa: E402
from persian_trade_news.interfaces.table import (FSI, INDENT, KIND_WIDTH, KINDS, PDI, display_width,  # noqa: E402
                                                 record_line, render_table)

RECORD_KINDS = {kind: name for name, kind in KINDS.items()}
EXAMPLES = sorted((ROOT / "examples").glob("seed-*.txt"))


def _record_lines(table: str) -> dict[str, list[str]]:
    """kind -> its lines (the lines whose first column is a record kind)."""
    out: dict[str, list[str]] = {}
    for line in table.splitlines():
        kind = line[len(INDENT):len(INDENT) + KIND_WIDTH].strip()
        if line.startswith(INDENT) and kind in RECORD_KINDS:
            out.setdefault(kind, []).append(line)
    return out


def _check_shape(table: str) -> None:
    assert "{" not in table and "}" not in table and '"' not in table  # no JSON left
    for line in table.splitlines():
        assert line.count(FSI) == line.count(PDI), line  # every isolate is closed on its line
        assert line == line.rstrip()
        if line.startswith(INDENT) and not line.startswith(INDENT + " "):
            head = line[len(INDENT):len(INDENT) + KIND_WIDTH]
            # the kind column: a word padded to KIND_WIDTH, the first field right after it
            if head.strip() in RECORD_KINDS or head.strip() in R.ENTITY_LABELS or head.strip() == "person":
                assert head == head.strip().ljust(KIND_WIDTH), line
                assert line[len(INDENT) + KIND_WIDTH] != " ", line


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_table_of_the_bundled_examples(path):
    import persian_trade_news as ptn

    a = ptn.extract(path.read_text(encoding="utf-8"), id=path.stem)
    table = render_table(a)
    _check_shape(table)
    lines = table.splitlines()
    assert lines[0] == f"== {a.id} · {a.date} · {FSI}{a.agency}{PDI}"
    assert lines[1] == f"{INDENT}{FSI}{a.headline}{PDI}"
    # one line per record (sectors and products: their values on one line)
    by_kind = _record_lines(table)
    for name, kind in KINDS.items():
        n = len(getattr(a, name))
        if name in ("sectors", "products"):
            assert len(by_kind.get(kind, [])) == (1 if n else 0), kind
            for r in getattr(a, name):
                assert f"{FSI}{r.text if name == 'sectors' else r.name}{PDI}" in table
        else:
            assert len(by_kind.get(kind, [])) == n, kind
    # each (label, text) once, with its count
    counts: dict[tuple[str, str], int] = {}
    for e in a.entities:
        counts[(e.label, e.text)] = counts.get((e.label, e.text), 0) + 1
    for (label, text), n in counts.items():
        if display_width(text) > 60:
            continue  # cut with "…"
        shown = f"{FSI}{text}{PDI}" + (f" ×{n}" if n > 1 else "")
        assert table.count(shown + " ") + table.count(shown + "\n") + table.endswith(shown) >= 1, (label, text)
    assert sum(1 for line in lines if line.startswith(INDENT + "person ")) == len(a.people)
    for p in a.people:
        assert f"{FSI}{p.name}{PDI}" in table and all(f"{role}" in table for role in p.roles if len(role) < 38)


def test_table_lines_of_a_hand_made_article():
    from test_frames import hand_built

    a = hand_built()
    table = render_table(a)
    _check_shape(table)
    lines = table.splitlines()
    assert lines[0] == f"== hand · 2025-10-04 · {FSI}خبرگزاری فارس{PDI}"

    def line(kind: str) -> str:
        (only,) = _record_lines(table)[kind]
        return only[len(INDENT) + KIND_WIDTH:]

    i = lambda s: f"{FSI}{s}{PDI}"  # noqa: E731
    assert line("visit") == f"{i('کریم مجرب')} ({i('هیئت اقتصادی لرستان')}) → {i('ازبکستان')} · 3 days · planned"
    assert line("capacity") == f"{i('لرستان')} · production · {i('سیمان')} · 911 t"
    assert line("share") == f"{i('کریم مجرب')} ({i('هیئت اقتصادی لرستان')}) · 12.5% of {i('صادرات کشور')}"
    assert line("ranking") == f"{i('لرستان')} · 1st national · {i('سیمان')}"
    assert line("trade") == f"export {i('لرستان')} → {i('عراق، ازبکستان')} · 2 M USD · 911 t · {i('سیمان')}"
    assert line("meeting").endswith(f"↔ {i('اتاق بازرگانی')} · {i('ازبکستان')} · {i('تجارت')}")
    assert line("sectors") == f"building_materials {i('سیمان')}" and line("products") == f"{i('سیمان')} 2523"
    assert line("cooperation") == f"{i('لرستان')} ↔ {i('ازبکستان')} · trade, export · intent"
    assert line("agreement").startswith("mou ") and line("agreement").endswith(" · planned")
    assert line("statement") == f"{i('کریم مجرب')} ({i('رئیس هیئت')}) · «{i(a.statements[0].content.text)}»"
    assert line("project").startswith(f"{i('کارخانه سیمان')} · factory · {i('لرستان')}")
    assert f"person       {i('کریم مجرب')} · {i('رئیس هیئت، مدیرکل')} · 2 mentions" in table
    # the one-line summary explain shows
    assert record_line("rankings", a.rankings[0]) == f"ranking  {i('لرستان')} · 1st national · {i('سیمان')}"


def test_table_counts_entities_and_aligns_by_display_width():
    text = "فارس و فارس و فارس؛ حسین‌علی امیری و کریم مجرب"
    ents = [R.Entity(text="فارس", label="PROVINCE", start=k, end=k + 4) for k in (0, 7, 14)]
    fars = R.Place(name="فارس", kind="province")
    zwnj = R.Party(name="حسین‌علی امیری", kind="person")  # a ZWNJ: 13 columns, 14 characters
    caps = [R.Capacity(subject=zwnj, measure="production", item="گندم", value=42000, unit="t", period="year"),
            R.Capacity(subject=fars, measure="area", value=2800, unit="km2", qualifier="more_than"),
            R.Capacity(subject=R.Party(name="中国", kind="organization"), measure="count", value=3)]  # wide
    a = R.Article(id="x", text=text, entities=ents, capacities=caps)
    table = render_table(a)
    _check_shape(table)
    assert f"PROVINCE     {FSI}فارس{PDI} ×3" in table and table.count("فارس") == 2  # entity line + capacity
    rows = _record_lines(table)["capacity"]
    assert len(rows) == 3
    # the separator after the subject sits at the same display column on every row
    cols = {display_width(row[:row.index(" · ")]) for row in rows}
    assert len(cols) == 1, rows
    assert rows[0].endswith("42,000 t/year") and rows[1].endswith(">2,800 km2")
    assert display_width("حسین\u200cعلی") == 7 and display_width(f"{FSI}فارس{PDI}\u200f") == 4
    assert display_width("中国") == 4 and display_width("e\u0301") == 1


def test_table_of_an_empty_article_and_long_values():
    assert render_table(R.Article()).splitlines() == ["==", f"{INDENT}(no records)"]
    quote = "این " * 60
    a = R.Article(id="q", text=quote, statements=[R.Statement(speaker="امیدی", role="معاون", cue="گفت",
                                                              content=R.Span(start=0, end=len(quote), text=quote))])
    (row,) = _record_lines(render_table(a))["statement"]
    assert row.endswith("…" + PDI + "»") and display_width(row) < 110
