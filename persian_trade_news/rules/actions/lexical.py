"""Sectors and products: one record per distinct value named in the article."""
from __future__ import annotations

from ...records import SECTORS, Product, Sector
from ..engine import finalizer
from ..registry import rule


@rule(name="sector.lexicon", record="sectors", priority=10, confidence=0.8,
      examples=[{"text": "استان فارس در حوزه‌های صنایع غذایی و پتروشیمی ظرفیت دارد.",
                 "expect": {"sector": "food_industry"}}])
def sectors_from_lexicon(doc, ctx):
    """Every SECTOR entity (a phrase of lexicons/data/sectors.tsv) names a sector."""
    for e in doc.entities:
        if e.label == "SECTOR" and e.name in SECTORS:
            yield Sector(sector=e.name, isic=SECTORS[e.name], text=e.text, evidence=doc.span(e.start, e.end))


@rule(name="product.lexicon", record="products", priority=10, confidence=0.8,
      examples=[{"text": "لرستان در تولید انجیر و گردو رتبه برتر دارد.", "expect": {"name": "انجیر", "hs": "0804"}}])
def products_from_lexicon(doc, ctx):
    """Every PRODUCT entity (lexicons/data/products.tsv) is a product, with its HS code."""
    for e in doc.entities:
        if e.label == "PRODUCT":
            yield Product(name=e.name or e.text, text=e.text, hs=e.id, evidence=doc.span(e.start, e.end))


def _once(records, key):
    seen, out = set(), []
    for r in records:
        k = key(r)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


@finalizer("sectors")
def _sectors_once(doc, records):
    return _once(records, lambda r: r.sector)


@finalizer("products")
def _products_once(doc, records):
    return _once(records, lambda r: r.name)
