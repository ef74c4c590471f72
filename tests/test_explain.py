"""``explain``: which rule made which record from which sentence, and which trigger words a sentence
held that made nothing (the engine's trace, collected only when asked for)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import cli

import persian_trade_news as ptn
from persian_trade_news import records as R
from persian_trade_news.interfaces.explain import Explanation
from persian_trade_news.interfaces.table import FSI, PDI
from persian_trade_news.rules import registry
from persian_trade_news.rules.engine import TraceEntry
from persian_trade_news.text.normalize import match_key

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("seed-*.txt"))

ARRIVAL = "سفیر ژاپن در ایران امروز وارد استان لرستان شد."
IDLE = "درباره سفر سخنی نگفت."
TEXT = f"{ARRIVAL} {IDLE}"


@pytest.fixture(scope="module")
def explained() -> Explanation:
    return ptn.explain(TEXT)


def test_the_rule_its_captures_and_its_record(explained):
    s0 = explained.sentence(0)
    assert (s0.index, s0.start, s0.end, s0.text) == (0, 0, len(ARRIVAL), ARRIVAL)
    (firing,) = [f for f in s0.firings if f.record == "visits"]
    assert (firing.rule, firing.kind) == ("visit.arrived_in", "file")
    assert TEXT[firing.start:firing.end] == firing.text == "وارد استان لرستان شد"
    caps = {c.name: c for c in firing.captures}
    assert set(caps) == {"cue", "destination"}
    assert (caps["cue"].start, caps["cue"].end) == (TEXT.index("وارد"), TEXT.index("وارد") + 4)
    assert (caps["destination"].start, caps["destination"].end) == (TEXT.index("لرستان"), TEXT.index("لرستان") + 6)
    for c in caps.values():
        assert TEXT[c.start:c.end] == c.text
    (made,) = firing.produced
    assert made.list == "visits" and made.in_output
    assert made.record.destination.name == "لرستان" and made.record.rule == "visit.arrived_in"
    assert made.summary.startswith("visit  ") and f"→ {FSI}لرستان{PDI}" in made.summary
    # the output record, placed in the sentence its evidence starts in
    (out,) = [r for r in s0.records if r.list == "visits"]
    assert out.record is explained.article.visits[0] and out.rule == "visit.arrived_in" and out.confidence == 0.75
    # what the rules saw in the sentence
    assert ("PROVINCE", "لرستان", "gazetteer") in {(e.label, e.text, e.source) for e in s0.entities}
    assert [(d.text, d.calendar) for d in s0.dates] == [("امروز", "relative")]


def test_a_trigger_word_that_made_nothing(explained):
    s1 = explained.sentence(1)
    assert s1.text == IDLE and s1.start == TEXT.index(IDLE)
    assert s1.firings == [] and s1.records == []
    idle = {t.rule: t for t in s1.idle}
    assert "visit.travel_to" in idle
    t = idle["visit.travel_to"]
    assert (t.record, t.kind, t.words, t.matched) == ("visits", "file", ["سفر"], False)
    assert t.missing == [[match_key("به")]]  # the pattern needs «به» after «سفر»
    # a rule that made a record in a sentence is not idle there
    assert "visit.arrived_in" not in {x.rule for x in explained.sentence(0).idle}
    with pytest.raises(IndexError):
        explained.sentence(2)


def test_to_dict_is_json_and_to_text_is_readable(explained):
    d = json.loads(json.dumps(explained.to_dict(), ensure_ascii=False))
    assert [s["index"] for s in d["sentences"]] == [0, 1]
    (rule,) = [r for r in d["sentences"][0]["rules"] if r["record"] == "visits"]
    assert rule["rule"] == "visit.arrived_in" and rule["captures"]["cue"] == {
        "start": TEXT.index("وارد"), "end": TEXT.index("وارد") + 4, "text": "وارد"}
    assert rule["produced"][0]["record"]["destination"]["name"] == "لرستان"
    assert any(t["rule"] == "visit.travel_to" and t["words"] == ["سفر"] for t in d["sentences"][1]["idle_triggers"])
    assert explained.to_dict(sentence=1)["sentences"][0]["text"] == IDLE
    text = explained.to_text()
    assert "-- sentence 0  0-46" in text and "visit.arrived_in  (visits, file)" in text
    assert f"cue = {FSI}وارد{PDI}  25-29" in text
    assert f"visit.travel_to  (visits, file)  {FSI}سفر{PDI}: no match; the sentence lacks {FSI}به{PDI}" in text
    for line in text.splitlines():
        assert line.count(FSI) == line.count(PDI)
    assert "sentence 0" not in explained.to_text(sentence=1)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_tracing_changes_no_output(path, nlp):
    text = path.read_text(encoding="utf-8")
    before = nlp(text, id="x").to_dict()
    doc, article = nlp.run_traced(text, id="x")
    assert article.to_dict() == before
    assert ptn.explain(text, id="x", pipeline=nlp).article.to_dict() == before
    assert ptn.explain(text, id="x").article.to_dict() == ptn.extract(text, id="x").to_dict() == before
    assert nlp(text, id="x").to_dict() == before  # nothing left behind
    trace = doc.meta["trace"]
    assert trace and all(isinstance(t, TraceEntry) for t in trace)
    # the trace is collected only when asked for
    plain = nlp.run(nlp.make_doc(text))
    assert "trace" not in plain.meta
    # every record of the output comes from a firing of its rule (or a finalizer's merge of them)
    rules = {t.rule for t in trace if t.records}
    for name in R.RECORD_TYPES:
        for r in getattr(article, name):
            assert set(r.rule.split("+")) & rules or r.rule in rules, (name, r.rule)
    ex = ptn.explain(text, pipeline=nlp)
    for s in ex.sentences:
        assert text[s.start:s.end] == s.text
        for f in s.firings:
            assert f.start is None or text[f.start:f.end] == f.text
            for c in f.captures:
                assert text[c.start:c.end] == c.text and f.start <= c.start <= c.end <= f.end
    placed = sum(len(s.records) for s in ex.sentences) + len(ex.unplaced_records)
    assert placed == sum(len(getattr(article, n)) for n in R.RECORD_TYPES)


@pytest.fixture
def python_rule():
    """A Python rule with trigger words, removed after the test."""
    name = "test.explain_knowledge_based"

    @registry.rule(name=name, record="sectors", priority=95, confidence=0.6, triggers=["نوآفرین", "دانش‌بنیان"])
    def knowledge_based(doc, ctx):
        for s in doc.sentences:
            keys = doc.keys[s.first:s.last]
            if match_key("شرکت") not in keys:
                continue
            for k in range(s.first, s.last):
                if doc.keys[k] == match_key("نوآفرین"):
                    yield R.Sector(sector="ict", isic="J", text=doc.token_texts[k],
                                   evidence=doc.span(doc.token_starts[k], doc.token_ends[k]))

    try:
        yield registry.PY_RULES[name]
    finally:
        registry.PY_RULES.pop(name, None)


def test_a_python_rule_with_triggers(python_rule, nlp):
    assert python_rule.triggers == frozenset({match_key("نوآفرین"), match_key("دانش‌بنیان")})
    text = "۲۰ شرکت نوآفرین در استان فعال است. نوآفرین بودن آسان نیست."
    ex = ptn.explain(text, pipeline=nlp)
    s0, s1 = ex.sentences
    (f,) = [f for f in s0.firings if f.rule == python_rule.name]
    assert f.kind == "python" and f.captures == [] and text[f.start:f.end] == "نوآفرین" == f.text
    assert f.produced[0].record.sector == "ict" and f.produced[0].in_output
    assert python_rule.name not in {t.rule for t in s0.idle}
    (t,) = [t for t in s1.idle if t.rule == python_rule.name]
    assert (t.kind, t.words, t.matched, t.missing) == ("python", ["نوآفرین"], False, [])
    assert f"{python_rule.name}  (sectors, python)" in ex.to_text()


def test_python_rules_have_no_triggers_unless_given():
    name = "test.explain_no_triggers"
    try:
        registry.rule(name=name, record="sectors")(lambda doc, ctx: ())
        assert registry.PY_RULES[name].triggers == frozenset()
    finally:
        registry.PY_RULES.pop(name, None)
    with pytest.raises(TypeError):  # a string is not a list of words
        registry.rule(name="test.explain_bad", record="sectors", triggers="نوآفرین")
    assert "test.explain_bad" not in registry.PY_RULES


def test_evidence_tooltips_name_rules_and_confidences():
    text = "صادرات ۲۰۰ تن گندم به عراق انجام شد."
    ev = R.Span(start=0, end=len(text), text=text)
    a = R.Article(text=text, trade_flows=[R.TradeFlow(direction="export", evidence=ev, rule="trade.x", confidence=0.7)],
                  products=[R.Product(name="گندم", evidence=ev, rule='p"<b>', confidence=0.8),
                            R.Product(name="جو", evidence=ev, rule='p"<b>', confidence=0.8)])
    markup = a._repr_html_()
    title = "trade_flows: trade.x (0.70)\nproducts: p&quot;&lt;b&gt; (0.80) ×2"
    assert markup.count(f'title="{title}"') == 3  # every evidence span of that extent carries it, escaped
    assert "<b>" not in markup


def test_cli_explain_text_json_and_sentence(tmp_path):
    r = cli("explain", "-", stdin=TEXT.encode())
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert out.startswith("== stdin") and "-- sentence 1" in out
    assert "visit.arrived_in" in out and "cue = " in out and "idle" in out and "visit.travel_to" in out
    r = cli("explain", "-", "--json", "--sentence", "1", stdin=TEXT.encode())
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert [s["index"] for s in d["sentences"]] == [1] and d["sentences"][0]["rules"] == []
    assert any(t["rule"] == "visit.travel_to" for t in d["sentences"][0]["idle_triggers"])
    p = tmp_path / "visit.txt"
    p.write_text(TEXT, encoding="utf-8")
    r = cli("explain", str(p), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["id"] == "visit"
    for args in (("explain", str(p), "--sentence", "7"), ("explain", str(tmp_path / "none.txt")), ("explain",)):
        r = cli(*args)
        assert r.returncode == 2 and b"Traceback" not in r.stderr and r.stderr.strip(), args
