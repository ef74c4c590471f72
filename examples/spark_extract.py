"""Extract records from a folder of articles with Spark (``pip install -e '.[spark]'``, Java 17).

    python examples/spark_extract.py examples/ out_visits/
"""
import sys
from pathlib import Path

from pyspark.sql import SparkSession

from persian_trade_news.interfaces.spark import explode_records, extract_dataframe

src, dst = Path(sys.argv[1]), sys.argv[2]
spark = SparkSession.builder.master("local[2]").appName("persian_trade_news").getOrCreate()
rows = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(src.glob("*.txt"))]
df = spark.createDataFrame(rows, "id string, text string")
articles = extract_dataframe(df, text_col="text", id_col="id")          # + "article" (JSON) and "error"
visits = explode_records(articles, "visits")                             # one row per visit
visits.select("article_id", "visitor_name", "destination_name", "destination_id", "duration_days").show(truncate=False)
visits.write.mode("overwrite").parquet(dst)
spark.stop()
