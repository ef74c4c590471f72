"""Extend the built-in rules with a rule file (no Python needed).

    python examples/custom_rules.py
"""
from pathlib import Path

from persian_trade_news import Pipeline

HERE = Path(__file__).resolve().parent

nlp = Pipeline.default().add_rules(HERE / "custom_rules.yaml")
article = nlp("ساخت سه هتل پنج ستاره در جزیره کیش آغاز شد.")
for s in article.sectors:
    print(s.sector, s.rule, repr(s.evidence.text), s.confidence)
assert any(s.rule == "custom.hotel_tourism_sector" for s in article.sectors)
