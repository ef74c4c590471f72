"""The walking skeleton: document model, offsets, header, records round trip, schema, API, bad input."""
from __future__ import annotations

import json

import pytest

import persian_trade_news as ptn
from persian_trade_news import records as R
from persian_trade_news.text.document import Document
from persian_trade_news.text.normalize import repair_zwnj

from conftest import eval_paths



# ------------------------------------------------------------------ offsets
def test_every_span_of_every_record_is_exact(eval_articles):
    assert eval_articles, "no real articles found"
    n = 0
    for path, text, article in eval_articles:
        for where, span in article.spans():
            assert text[span.start:span.end] == span.text, (path.name, where, span)
            n += 1
        for e in article.entities:
            assert text[e.start:e.end] == e.text, (path.name, e)
    assert n > 100


def test_tokens_and_sentences_keep_raw_offsets():
    raw = " date 2025-10-04 ظرفیتهای لرستان\nتولید 42,000 تن قزلآلا در سالهای اخیر."
    doc = Document.from_text(raw)
    assert doc.date == "2025-10-04"
    for t in doc.tokens:
        assert raw[t.start:t.end] == t.text
    for s in doc.sentences:
        assert s.start <= doc.tokens[s.first].start and doc.tokens[s.last - 1].end <= s.end
    assert "42,000" in [t.text for t in doc.tokens]          # numbers survive whole
    assert any(t.norm == "ظرفیت‌های" for t in doc.tokens)    # ZWNJ repaired in the normalised form
    assert any(t.norm == "سال‌های" for t in doc.tokens)


@pytest.mark.parametrize("broken, fixed", [
    ("ظرفیتهای", "ظرفیت‌های"), ("برنامهریزی", "برنامه‌ریزی"), ("سالهای", "سال‌های"), ("خرمآباد", "خرم‌آباد"),
    ("میتواند", "می‌تواند"), ("رتبههای", "رتبه‌های"),
])
def test_zwnj_repair(broken, fixed):
    assert repair_zwnj(broken) == fixed


def test_arabic_letters_and_mixed_digits_match():
    a = ptn.extract("استاندار كردستان گفت: توليد گندم 800 هزار تن و ۲۰۰ هزار تن جو است.")
    assert any(e.label == "PROVINCE" and e.id == "IR-12" for e in a.entities)
    values = sorted(e.text for e in a.entities if e.label == "QUANTITY")
    assert values == ["800 هزار تن", "۲۰۰ هزار تن"]


# ------------------------------------------------------------------ header
def test_header_date_headline_agency(seed_text):
    a = ptn.extract(seed_text)
    assert a.date == "2025-10-04"
    # the first line is a kicker that ends in a colon: the headline is the line after it
    assert a.headline == "لرستان آماده توسعه روابط تجاری و صادراتی با قزاقستان"
    assert a.agency == "خبرگزاری صدا و سیما"


@pytest.mark.parametrize("text, headline", [
    ("صادرات زعفران رکورد زد\nمتن خبر", "صادرات زعفران رکورد زد"),
    ("\n\n  صادرات زعفران رکورد زد  \nمتن", "صادرات زعفران رکورد زد"),  # blank lines before it
    ("رئیس سازمان صمت استان فارس:\nصادرات ۲۰ درصد بیشتر شد\nمتن", "صادرات ۲۰ درصد بیشتر شد"),  # a kicker
    (" date 2025-01-01 مدیرکل گمرک :\n\nواردات کاهش یافت", "واردات کاهش یافت"),
    ("گفت: \n", "گفت:"),  # a kicker with nothing after it stays the headline
    ("\n \n", None),
])
def test_headline_is_the_first_line_after_a_kicker(text, headline):
    a = ptn.extract(text)
    assert a.headline == headline
    if headline is not None:
        assert headline in a.text


def test_date_argument_and_no_header():
    a = ptn.extract("لرستان آماده توسعه روابط تجاری با قزاقستان است.", date="2025-01-02", id="x")
    assert (a.date, a.id) == ("2025-01-02", "x")
    assert ptn.extract("لرستان آماده توسعه روابط تجاری با قزاقستان است.").date is None


# ------------------------------------------------------------------ records
def _full_article() -> R.Article:
    sp = R.Span(start=0, end=4, text="abcd")
    pl = R.Place(name="لرستان", kind="province", id="IR-15")
    party = R.Party(name="هیئت اقتصادی", kind="delegation", place=pl, leader="کریم مجرب")
    kw = dict(evidence=sp, rule="r", confidence=0.5)
    return R.Article(
        id="a", date="2025-10-04", headline="h", agency="خبرگزاری فارس", text="abcd",
        entities=[R.Entity(text="abcd", label="PROVINCE", start=0, end=4, id="IR-15", source="gazetteer")],
        people=[R.Person(name="کریم مجرب", roles=["مدیرکل"], organization="سازمان", place=pl, mentions=[sp])],
        visits=[R.Visit(visitor=party, destination=R.Place(name="ازبکستان", kind="country", id="UZ"), origin=pl,
                        duration_days=2, date="2025-10-04", status="planned", purpose="p", **kw)],
        meetings=[R.Meeting(participants=[party, R.Party(name="لرستان", kind="place", place=pl)], place=pl,
                            topic="t", **kw)],
        capacities=[R.Capacity(subject=pl, measure="production", item="قزل‌آلا", value=42000, unit="t",
                               qualifier="exact", period="year", **kw)],
        shares=[R.Share(subject=pl, value=12, of="منابع آب کشور", **kw)],
        rankings=[R.Ranking(subject=pl, item="گردو", rank=None, label="top", scope="national", **kw)],
        trade_flows=[R.TradeFlow(direction="export", origin=pl, destinations=[R.Place(name="عراق", kind="country", id="IQ")],
                                 item="سیمان", value=R.Money(amount=2e6, currency="USD"),
                                 quantity=R.Amount(value=911, unit="t"), period="2025", change_percent=10.0, **kw)],
        sectors=[R.Sector(sector="fisheries", isic="A03", text="شیلات", **kw)],
        products=[R.Product(name="گندم", text="گندم", hs="1001", **kw)],
        projects=[R.Project(name="کارخانه", kind="factory", products=["اسید"], place=pl, partners=[party],
                            foreign_investment=True, status="in_progress", progress_percent=40.0,
                            investment=R.Money(amount=3e9, currency="IRR"), **kw)],
        cooperations=[R.Cooperation(parties=[pl, party], areas=["trade"], status="intent", **kw)],
        agreements=[R.Agreement(parties=[pl, party], kind="mou", status="signed", topic="t", **kw)],
        statements=[R.Statement(speaker="کریم مجرب", role="مدیرکل", cue="گفت", content=sp, **kw)],
    )


def test_round_trip_of_every_record_type():
    a = _full_article()
    assert all(getattr(a, name) for name in R.RECORD_LISTS)
    assert R.Article.from_dict(a.to_dict()) == a
    assert R.Article.from_dict(json.loads(a.to_json())) == a
    assert isinstance(a.cooperations[0].parties[0], R.Place)
    assert isinstance(a.cooperations[0].parties[1], R.Party)


def test_round_trip_and_schema_on_real_articles(eval_articles):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(ptn.json_schema())
    validator.validate(_full_article().to_dict())
    for path, _, a in eval_articles:
        d = a.to_dict()
        validator.validate(d)
        assert R.Article.from_dict(d) == a, path.name


def test_schema_rejects_unknown_fields():
    jsonschema = pytest.importorskip("jsonschema")
    d = _full_article().to_dict()
    d["visits"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, ptn.json_schema())


# ------------------------------------------------------------------ bad input
def test_none_and_empty_give_empty_articles():
    for text in ("", "   \n\t"):
        a = ptn.extract(text)
        assert isinstance(a, R.Article) and not a.entities and not a.visits
    with pytest.raises(ptn.InputError):
        ptn.extract(None)
    with pytest.raises(ptn.InputError):
        ptn.extract(12345)


def test_bytes_utf8_and_cp1256():
    s = "استاندار لرستان گفت: صادرات 200 تن گندم."
    assert ptn.extract(s.encode("utf-8")).text == s
    assert ptn.extract(s.encode("cp1256")).text == s
    with pytest.raises(ptn.EncodingError):
        ptn.extract(b"\xff\xfe\x00\x81" * 50)


def test_html_is_masked_with_offsets_kept():
    html = "<html><body><p>استاندار <b>لرستان</b> گفت: صادرات ۲۰۰ تن گندم.</p><script>var x='تهران';</script></body></html>"
    a = ptn.extract(html)
    assert any(e.label == "PROVINCE" and e.text == "لرستان" for e in a.entities)
    assert not any(e.text == "تهران" for e in a.entities)  # script content is not text
    for _, sp in a.spans():
        assert html[sp.start:sp.end] == sp.text


def test_non_persian_text():
    a = ptn.extract("The quick brown fox jumps over the lazy dog. 42,000 tonnes.")
    assert not a.visits and not a.people and not [e for e in a.entities if e.label == "PERSON"]


def test_too_large_input_is_a_typed_error():
    with pytest.raises(ptn.InputTooLargeError):
        ptn.extract("ا" * 6_000_000)
    big = ptn.Pipeline.default(max_chars=100)
    with pytest.raises(ptn.InputTooLargeError):
        big("ا " * 100)


# ------------------------------------------------------------------ API
def test_extract_many_keeps_order_and_reports_failures_in_place():
    texts = [f"صادرات {i} هزار تن گندم از لرستان انجام شد." for i in range(1, 9)]
    texts.insert(3, None)
    one = list(ptn.extract_many(texts, errors="return"))
    two = list(ptn.extract_many(texts, n_process=2, batch_size=2, errors="return"))
    assert len(one) == len(two) == len(texts)
    assert isinstance(one[3], ptn.ExtractionFailure) and isinstance(two[3], ptn.ExtractionFailure)
    assert one[3].index == 3 and one[3].error == "InputError"
    for a, b, t in zip(one, two, texts):
        if t is not None:
            assert a == b and a.text == t
    with pytest.raises(ptn.InputError):
        list(ptn.extract_many(texts))


def test_extract_many_as_json_gives_each_articles_json_in_order():
    texts = [f"صادرات {i} هزار تن زعفران از خراسان رضوی به چین انجام شد." for i in range(1, 6)]
    texts.insert(2, None)
    expected = [ptn.extract(t).to_json(ensure_ascii=False) if i != 2 else None for i, t in enumerate(texts)]
    for n in (1, 2):
        out = list(ptn.extract_many(texts, n_process=n, batch_size=2, errors="return", as_json=True))
        assert isinstance(out[2], ptn.ExtractionFailure) and out[2].index == 2
        assert [o if i != 2 else None for i, o in enumerate(out)] == expected
        assert ptn.Article.from_json(out[0]).trade_flows[0].direction == "export"


def test_record_to_dict_is_dataclasses_json_output(eval_articles):
    from dataclasses_json.core import _asdict

    from persian_trade_news.records import Party, Place, Visit

    for _, _, article in eval_articles:
        assert article.to_dict() == _asdict(article, encode_json=False)
        assert ptn.Article.from_dict(article.to_dict()) == article
    visit = Visit(visitor=Party(name="x", kind="person", place=Place(name="تهران", kind="city")),
                  destination=Place(name="چین", kind="country", id="CN"))
    assert visit.to_dict() == _asdict(visit, encode_json=False)
    assert visit.to_dict()["visitor"]["place"] == {"name": "تهران", "kind": "city", "id": None}


def test_extract_many_accepts_mappings():
    out = list(ptn.extract_many([{"text": "سلام", "id": "a", "date": "2024-01-01"}, "خداحافظ"]))
    assert out[0].id == "a" and out[0].date == "2024-01-01" and out[1].text == "خداحافظ"


def test_pipeline_assembly():
    nlp = ptn.Pipeline.default()
    assert nlp.stage_names == ["agency", "quantities", "dates", "entities", "people", "relations"]
    nlp.remove_stage("relations")
    a = nlp("استاندار لرستان از قزاقستان بازدید کرد.")
    assert a.entities and not a.visits
    with pytest.raises(ptn.PipelineError):
        nlp.remove_stage("entities")  # people requires entities

    calls = []

    @ptn.stage("test_counter", provides=["count"], requires=["tokens"])
    def make_counter(*, label: str = "x"):
        def run(doc):
            calls.append((label, len(doc.tokens)))
        return run

    nlp.add_stage("test_counter", config={"label": "y"})
    nlp("یک دو سه")
    assert calls == [("y", 3)]
    nlp.replace_stage("test_counter", "test_counter", config={"label": "z"})
    nlp("یک")
    assert calls[-1] == ("z", 1)
    with pytest.raises(ptn.PipelineError):
        ptn.Pipeline(["no_such_stage"])
    with pytest.raises(ptn.PipelineError):
        ptn.Pipeline(["people"])  # requires entities, which nothing provides


def test_import_is_cheap():
    import subprocess
    import sys

    code = "import sys, persian_trade_news; print(sorted(m for m in ('hazm','stanza','torch','numpy','yaml') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_token_and_sentence_of_every_real_article_is_exact():
    paths = eval_paths()
    assert paths
    for p in paths:
        raw = p.read_text(encoding="utf-8")
        doc = Document.from_text(raw)
        assert doc.tokens and doc.sentences
        for t in doc.tokens:
            assert raw[t.start:t.end] == t.text, (p.name, t)
        for s in doc.sentences:
            assert raw[s.start:s.end] == raw[doc.tokens[s.first].start:doc.tokens[s.last - 1].end]
            assert s.start == doc.tokens[s.first].start and s.end == doc.tokens[s.last - 1].end
        # sentences tile the tokens: every token in exactly one sentence, in order
        assert [i for s in doc.sentences for i in range(s.first, s.last)] == list(range(len(doc.tokens)))


def _reference_sentence_ends(text, starts, ends):
    """The rule stated gap by gap: a line break in the gap after a token, or a ``! . ? ⸮ ؟`` token
    followed by a non-empty gap of spaces, tabs, no-break spaces and ZWNJs only."""
    out = []
    for i in range(len(starts) - 1):
        gap = text[ends[i]:starts[i + 1]]
        if gap and ("\n" in gap or "\r" in gap or (
                text[starts[i]:ends[i]] in set("!.?⸮؟") and not gap.strip(" \t\u200c\xa0"))):
            out.append(i)
    return out


def test_sentence_ends_follow_the_gap_rule_on_random_text():
    import random

    from persian_trade_news.text.tokenize import sentence_ends, split_tokens

    rng = random.Random(11)
    alphabet = ["سفر", "ایران", "42", "۴۲٫۵", ".", "؟", "!", "?", "⸮", "،", " ", " ", "  ", "\n", "\r\n", "\t",
                "\u200c", "\xa0", "\u200f", "\u2003", "\ufeff", "abc", ":", "...", "؟!"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        start = rng.randint(0, min(len(text), 3))
        texts, starts, ends = split_tokens(text, start)
        assert [text[s:e] for s, e in zip(starts, ends)] == texts
        assert sentence_ends(text, starts, start) == _reference_sentence_ends(text, starts, ends), repr(text)
