"""The docs site: the generated reference pages are up to date and ``mkdocs build --strict``
(warnings are errors: broken links, pages missing from the nav) succeeds."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT / "tools" / "gen_docs.py"


def _gen(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GEN), "--out", str(out), *extra], check=False, capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def test_generator_covers_every_record_and_rule(tmp_path):
    from persian_trade_news import records as R
    from persian_trade_news.rules.engine import Engine

    r = _gen(tmp_path)
    assert r.returncode == 0, r.stderr
    records = (tmp_path / "records.md").read_text(encoding="utf-8")
    for cls in (R.Article, R.Span, R.Place, R.Party, R.Money, R.Amount, R.Entity, R.Person,
                *R.RECORD_TYPES.values()):
        assert f"## `{cls.__name__}`" in records, cls.__name__
    assert "| `destination` | `Place` | required |" in records
    assert "`planned`, `ongoing`, `completed`" in records  # Visit.status values
    rules = (tmp_path / "builtin-rules.md").read_text(encoding="utf-8")
    every = Engine(entry_points=False).all_rules()
    assert len(every) >= 10
    for rule in every:
        assert f"### `{rule.name}`" in rules, rule.name
        assert f"record: `{rule.record}`, priority {rule.priority}, confidence {rule.confidence}" in rules
        for ex in rule.examples or ():
            assert ex["text"] in rules


def test_committed_pages_are_up_to_date():
    r = _gen(ROOT / "docs", "--check")
    assert r.returncode == 0, r.stderr + " -- run: python tools/gen_docs.py"


def test_mkdocs_build_strict(tmp_path):
    pytest.importorskip("mkdocs")
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    r = _gen(docs)
    assert r.returncode == 0, r.stderr
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg), "-d", str(site)],
                       check=False, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr + r.stdout
    for page in ("index.html", "records/index.html", "builtin-rules/index.html", "rules/index.html",
                 "service/index.html", "notebooks/index.html", "spark/index.html", "stanza/index.html"):
        assert (site / page).exists(), page
    assert "visit.travel_to" in (site / "builtin-rules" / "index.html").read_text(encoding="utf-8")
