"""Extract the two seed articles and print how many records each list holds.

    python examples/extract_seeds.py
"""
from pathlib import Path

import persian_trade_news as ptn
from persian_trade_news.records import RECORD_LISTS

HERE = Path(__file__).resolve().parent

for path in sorted(HERE.glob("seed-*.txt")):
    article = ptn.extract(path.read_text(encoding="utf-8"), id=path.stem)
    print(f"{article.id}: {article.date} {article.agency}")
    print("  " + article.headline)
    for name in RECORD_LISTS:
        items = getattr(article, name)
        if items:
            print(f"  {name:13} {len(items)}")
    for v in article.visits:
        print(f"  visit: {v.visitor.name} → {v.destination.name} ({v.duration_days} days, {v.status})")
