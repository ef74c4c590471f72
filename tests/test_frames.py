"""``to_dataframe``: every record list of hand-built Articles flattens to the documented columns."""
from __future__ import annotations

import sys

import pytest

import persian_trade_news as ptn
from persian_trade_news import records as R
from persian_trade_news.interfaces.frames import EVENT_COLUMNS, columns

pd = pytest.importorskip("pandas")

TEXT = ("هیئت اقتصادی لرستان به ریاست کریم مجرب به ازبکستان سفر می‌کند. "
        "صادرات ۹۱۱ تن سیمان به ارزش ۲ میلیون دلار به عراق انجام شد.")


def _span(s: str) -> R.Span:
    i = TEXT.index(s)
    return R.Span(start=i, end=i + len(s), text=s)


def hand_built(id_: str = "hand") -> R.Article:
    """An Article with at least one record in every list (offsets are real)."""
    lor = R.Place(name="لرستان", kind="province", id="IR-15")
    uz = R.Place(name="ازبکستان", kind="country", id="UZ")
    iq = R.Place(name="عراق", kind="country", id="IQ")
    party = R.Party(name="هیئت اقتصادی لرستان", kind="delegation", place=lor, leader="کریم مجرب")
    org = R.Party(name="اتاق بازرگانی", kind="organization")
    s1, s2 = _span(TEXT.split(". ")[0] + "."), _span(TEXT.split(". ")[1])
    kw1 = {"evidence": s1, "rule": "test.one", "confidence": 0.9}
    kw2 = {"evidence": s2, "rule": "test.two", "confidence": 0.8}
    return R.Article(
        id=id_, date="2025-10-04", headline=None, agency="خبرگزاری فارس", text=TEXT,
        entities=[R.Entity(text="لرستان", label="PROVINCE", start=_span("لرستان").start,
                           end=_span("لرستان").end, id="IR-15"),
                  R.Entity(text="کریم مجرب", label="PERSON", start=_span("کریم مجرب").start,
                           end=_span("کریم مجرب").end, source="pattern")],
        people=[R.Person(name="کریم مجرب", roles=["رئیس هیئت", "مدیرکل"], place=lor,
                         mentions=[_span("کریم مجرب"), _span("مجرب")])],
        visits=[R.Visit(visitor=party, destination=uz, origin=lor, duration_days=3, status="planned", **kw1)],
        meetings=[R.Meeting(participants=[party, org], place=uz, topic="تجارت", **kw1)],
        capacities=[R.Capacity(subject=lor, measure="production", item="سیمان", value=911, unit="t", **kw2)],
        shares=[R.Share(subject=party, value=12.5, of="صادرات کشور", **kw2)],
        rankings=[R.Ranking(subject=lor, item="سیمان", rank=1, label="first", **kw2)],
        trade_flows=[R.TradeFlow(direction="export", origin=lor, destinations=[iq, uz], item="سیمان",
                                 value=R.Money(amount=2e6, currency="USD"), quantity=R.Amount(value=911, unit="t"),
                                 **kw2)],
        sectors=[R.Sector(sector="building_materials", isic="C23", text="سیمان", subject=lor, **kw2)],
        products=[R.Product(name="سیمان", text="سیمان", hs="2523", **kw2)],
        projects=[R.Project(name="کارخانه سیمان", kind="factory", products=["سیمان", "کلینکر"], place=lor,
                            partners=[org], investment=R.Money(amount=3e12, currency="IRR"), **kw2)],
        cooperations=[R.Cooperation(parties=[lor, uz], areas=["trade", "export"], **kw1)],
        agreements=[R.Agreement(parties=[party, uz], kind="mou", status="planned", **kw1)],
        statements=[R.Statement(speaker="کریم مجرب", role="رئیس هیئت", cue="گفت", content=s2, **kw2)],
    )


ALL_LISTS = (*R.RECORD_LISTS, "events")


@pytest.mark.parametrize("name", ALL_LISTS)
def test_every_list_has_rows_and_documented_columns(name):
    a = hand_built()
    df = ptn.to_dataframe(a, name)
    assert len(df) >= 1, name
    assert list(df.columns) == columns(name)
    assert df.columns[0] == "article_id" and (df["article_id"] == "hand").all()
    # an empty frame of the same list has the same columns
    assert list(ptn.to_dataframe(R.Article(id="empty"), name).columns) == columns(name)
    # no nested objects are left in any cell
    for col in df.columns:
        for v in df[col]:
            assert not isinstance(v, (dict, list, R.Span, R.Place, R.Party, R.Money, R.Amount)), (name, col, v)
    # evidence columns hold the article's text at the offsets
    if "evidence_text" in df.columns:
        for t, s, e in zip(df["evidence_text"], df["evidence_start"], df["evidence_end"]):
            assert TEXT[s:e] == t


def test_nested_values_become_columns():
    a = hand_built()
    v = ptn.to_dataframe(a, "visits").iloc[0]
    assert (v["visitor_name"], v["visitor_kind"], v["visitor_id"]) == ("هیئت اقتصادی لرستان", "delegation", "IR-15")
    assert (v["visitor_place_name"], v["visitor_place_id"], v["visitor_leader"]) == ("لرستان", "IR-15", "کریم مجرب")
    assert (v["destination_name"], v["destination_id"], v["destination_kind"]) == ("ازبکستان", "UZ", "country")
    assert v["origin_id"] == "IR-15" and v["host_name"] is None and v["duration_days"] == 3
    assert v["evidence_start"] == 0 and v["rule"] == "test.one" and v["confidence"] == 0.9

    t = ptn.to_dataframe(a, "trade_flows").iloc[0]
    assert (t["value_amount"], t["value_currency"]) == (2e6, "USD")
    assert (t["quantity_value"], t["quantity_unit"]) == (911, "t")
    assert (t["destinations_names"], t["destinations_ids"], t["destinations_kinds"]) == (
        "عراق;ازبکستان", "IQ;UZ", "country;country")

    p = ptn.to_dataframe(a, "people").iloc[0]
    assert p["roles"] == "رئیس هیئت;مدیرکل" and p["place_id"] == "IR-15"
    assert p["mentions_texts"] == "کریم مجرب;مجرب" and p["mentions_count"] == 2

    s = ptn.to_dataframe(a, "statements").iloc[0]
    assert TEXT[s["content_start"]:s["content_end"]] == s["content_text"]

    c = ptn.to_dataframe(a, "capacities").iloc[0]
    assert c["subject_id"] == "IR-15" and c["subject_kind"] == "province" and c["subject_place_name"] is None
    sh = ptn.to_dataframe(a, "shares").iloc[0]
    assert sh["subject_kind"] == "delegation" and sh["subject_place_id"] == "IR-15"

    pr = ptn.to_dataframe(a, "projects").iloc[0]
    assert pr["products"] == "سیمان;کلینکر" and pr["partners_names"] == "اتاق بازرگانی"
    assert (pr["investment_amount"], pr["investment_currency"]) == (3e12, "IRR")

    co = ptn.to_dataframe(a, "cooperations").iloc[0]
    assert co["parties_ids"] == "IR-15;UZ" and co["areas"] == "trade;export"

    ev = ptn.to_dataframe(a, "events")
    assert list(ev.columns) == ["article_id", *EVENT_COLUMNS]
    assert set(ev["event"]) == {"visit", "meeting", "cooperation", "agreement"}
    assert ev[ev["event"] == "visit"].iloc[0]["code"] == "042"


def test_inputs_single_iterable_dicts_and_generators():
    a, b = hand_built("a"), hand_built("b")
    assert len(ptn.to_dataframe(a, "visits")) == 1
    df = ptn.to_dataframe([a, b.to_dict()], "visits")
    assert list(df["article_id"]) == ["a", "b"]
    assert len(ptn.to_dataframe(a.to_dict(), "visits")) == 1
    assert len(ptn.to_dataframe((x for x in (a, b)), "entities")) == 4
    assert ptn.to_dataframe([], "visits").empty
    with pytest.raises(KeyError):
        ptn.to_dataframe(a, "nonsense")
    with pytest.raises(TypeError):
        ptn.to_dataframe([42], "visits")


def test_missing_pandas_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ptn.MissingDependencyError, match=r"persian_trade_news\[notebook\]"):
        ptn.to_dataframe(hand_built(), "visits")


def test_dataframe_of_a_real_article(seed_text):
    a = ptn.extract(seed_text, id="seed")
    for name in ALL_LISTS:
        df = ptn.to_dataframe(a, name)
        n = len(a.events()) if name == "events" else len(getattr(a, name))
        assert len(df) == n and list(df.columns) == columns(name), name
    caps = ptn.to_dataframe(a, "capacities")
    assert (caps["subject_id"] == "IR-15").any()
    for t, s, e in zip(caps["evidence_text"], caps["evidence_start"], caps["evidence_end"]):
        assert seed_text[s:e] == t


def test_flatten_of_record_dicts():
    """``flatten`` takes a record or its dict (the Spark integration flattens JSON records)."""
    from persian_trade_news.interfaces.frames import flatten

    a = hand_built()
    for name in R.RECORD_LISTS:
        rec = getattr(a, name)[0]
        assert flatten(rec.to_dict()) == flatten(rec) == flatten(rec.to_dict(), name), name
        assert list(flatten(rec)) == columns(name)[1:]
