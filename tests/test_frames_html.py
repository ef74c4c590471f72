"""Notebook helpers: DataFrames of every record list and the HTML view."""
from __future__ import annotations

import pytest

import persian_trade_news as ptn
from persian_trade_news.records import RECORD_LISTS

from test_foundation import _full_article

pd = pytest.importorskip("pandas")


def test_every_list_flattens():
    a = _full_article()
    for name in RECORD_LISTS:
        df = ptn.to_dataframe(a, name)
        assert len(df) == 1, name
        assert df.columns[0] == "article_id" and df["article_id"][0] == "a"
    v = ptn.to_dataframe([a, a.to_dict()], "visits")
    assert len(v) == 2
    for col in ("visitor_name", "visitor_kind", "visitor_place_name", "visitor_place_id", "destination_name",
                "destination_id", "evidence_text", "evidence_start", "evidence_end", "duration_days", "status"):
        assert col in v.columns, col
    assert v["destination_id"][0] == "UZ"
    t = ptn.to_dataframe(a, "trade_flows")
    assert {"value_amount", "value_currency", "quantity_value", "quantity_unit", "destinations_names",
            "destinations_ids"} <= set(t.columns)
    assert t["destinations_ids"][0] == "IQ"
    ev = ptn.to_dataframe(a, "events")
    assert len(ev) >= 1
    with pytest.raises(KeyError):
        ptn.to_dataframe(a, "nonsense")


def test_dataframe_of_real_articles(seed_text):
    a = ptn.extract(seed_text, id="seed")
    df = ptn.to_dataframe(a, "capacities")
    assert len(df) == len(a.capacities) and (df["subject_id"] == "IR-15").any()


def test_html_view_highlights_every_span(seed_text):
    import re

    a = ptn.extract(seed_text, id="seed")
    html = a._repr_html_()
    assert 'dir="rtl"' in html and 'lang="fa"' in html
    marks = set(re.findall(r'<mark class="ent ent-(\w+)" data-label="\w+" data-start="(\d+)" data-end="(\d+)"', html))
    for e in a.entities:
        assert (e.label, str(e.start), str(e.end)) in marks
    evs = set(re.findall(r'<span class="ev" data-record="(\w+)" data-rule="[^"]*" data-start="(\d+)" data-end="(\d+)"', html))
    for name in ("visits", "capacities", "statements"):
        for r in getattr(a, name):
            assert (name, str(r.evidence.start), str(r.evidence.end)) in evs
    assert "<script" not in html


def test_html_escapes_text():
    a = ptn.extract("<b>استاندار</b> & <script>alert(1)</script> لرستان", id="x")
    html = a._repr_html_()
    assert "<script>alert" not in html
