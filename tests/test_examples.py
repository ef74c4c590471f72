"""The three documented ways to extend the rules, run as a user would run them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _run(args, **kw):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [kw.pop("pythonpath", ""), str(ROOT)])))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=300, **kw)


def test_rule_file_example():
    r = _run([str(EXAMPLES / "custom_rules.py")])
    assert r.returncode == 0, r.stderr
    assert "custom.hotel_tourism_sector" in r.stdout


def test_python_rule_example():
    r = _run([str(EXAMPLES / "python_rule.py")])
    assert r.returncode == 0, r.stderr
    assert "example.knowledge_based_ict" in r.stdout


def test_rule_package_example(tmp_path):
    pytest.importorskip("setuptools")
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                        "--target", str(target), str(EXAMPLES / "rule_package")],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        pytest.skip(f"cannot build the example package here: {r.stderr.strip().splitlines()[-1:]}")
    code = ("import persian_trade_news as p; a = p.extract('ساخت اسکله جدید در بندر آغاز شد.'); "
            "print(sorted({s.rule for s in a.sectors}))")
    r = _run(["-c", code], pythonpath=str(target))
    assert r.returncode == 0, r.stderr
    assert "ports.port_logistics_sector" in r.stdout
