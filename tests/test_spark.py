"""Spark integration on a local Spark (local[2]) over a sample of the news corpus."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    s = (SparkSession.builder.master("local[2]").appName("ptn-test")
         .config("spark.sql.execution.arrow.pyspark.enabled", "true")
         .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    yield s
    s.stop()


def test_extract_dataframe_and_explode(spark):
    from corpus import load_corpus

    from persian_trade_news.interfaces.spark import explode_records, extract_dataframe

    texts = load_corpus(60)
    if len(texts) < 60:
        texts = [(ROOT / "examples" / "seed-lorestan.txt").read_text(encoding="utf-8")] * 20
    seed = (ROOT / "examples" / "seed-lorestan.txt").read_text(encoding="utf-8")
    rows = [(str(i), t, None) for i, t in enumerate(texts)] + [("seed", seed, "2025-10-04"), ("empty", "", None)]
    df = spark.createDataFrame(rows, "id string, text string, date string").repartition(3)
    out = extract_dataframe(df, text_col="text", id_col="id", date_col="date").cache()
    got = {r["id"]: r for r in out.collect()}
    assert len(got) == len(rows)
    errors = {k: r["error"] for k, r in got.items() if r["error"] is not None}
    assert not errors, errors
    a = json.loads(got["seed"]["article"])
    assert a["id"] == "seed" and a["visits"][0]["destination"]["id"] == "IR-15"
    visits = explode_records(out, "visits").collect()
    assert any(v["article_id"] == "seed" and v["destination_id"] == "IR-15" for v in visits)
    caps = explode_records(out, "capacities")
    assert "subject_name" in caps.columns and caps.filter(caps.article_id == "seed").count() >= 1
