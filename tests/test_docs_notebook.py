"""The docs site builds with warnings as errors; the walkthrough notebook runs."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_generated_docs_and_mkdocs_strict(tmp_path):
    pytest.importorskip("mkdocs")
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--out", str(docs)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    rules = (docs / "builtin-rules.md").read_text(encoding="utf-8")
    for name in ("visit.travel_to", "capacity.quantity_trigger", "agreement.document", "statement.reporting_verb"):
        assert f"`{name}`" in rules
    assert "## `Visit`" in (docs / "records.md").read_text(encoding="utf-8")
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(cfg),
                        "-d", str(tmp_path / "site")], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr + r.stdout
    assert (tmp_path / "site" / "index.html").exists()


def test_walkthrough_notebook_runs():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    nb = nbformat.read(ROOT / "examples" / "walkthrough.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "examples")}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert any('dir="rtl"' in o["data"]["text/html"] for o in html)
    assert any("custom.hotel_tourism_sector" in str(o.get("data", {}).get("text/plain", "")) for o in outputs)
