"""The rule engine: every rule's examples, the rule-file schema, the three ways to extend it,
and linear-time matching."""
from __future__ import annotations

import math
import textwrap

import pytest

from persian_trade_news import Pipeline, RuleError
from persian_trade_news.text.normalize import match_key
from persian_trade_news.rules import registry
from persian_trade_news.rules.engine import Engine

from conftest import growth


@pytest.fixture(scope="module")
def nlp():
    return Pipeline.default()


def _matches(actual, expected) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and _matches(actual[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and all(any(_matches(a, e) for a in actual) for e in expected)
    if isinstance(expected, bool) or expected is None:
        return actual is expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(actual, expected, rel_tol=1e-6)
    if isinstance(expected, str) and isinstance(actual, str):
        return match_key(actual) == match_key(expected)
    return actual == expected


def _all_rules():
    engine = Engine(entry_points=False)
    return [(r.name, r) for r in engine.all_rules() if r.examples]


@pytest.mark.parametrize("name,rule", _all_rules(), ids=[n for n, _ in _all_rules()])
def test_rule_examples(nlp, name, rule):
    engine = nlp.get_stage("relations").func.engine
    for ex in rule.examples:
        doc = nlp.make_doc(ex["text"], date=ex.get("date"))
        for st in nlp._stages:
            if st.name != "relations":
                st(doc)
        engine.run(doc, only={name})
        records = [r.to_dict() for r in doc.records[rule.record]]
        if ex.get("absent"):  # an example of what the rule must not read
            assert not records, f"{name}: expected no {rule.record} record for {ex['text']!r}, got {records}"
            continue
        ok = any(_matches(r, ex.get("expect", {})) for r in records)
        assert ok, f"{name}: no {rule.record} record matches {ex.get('expect')} in {records}"
        for r in doc.records[rule.record]:
            if r.evidence is not None:
                assert doc.raw[r.evidence.start:r.evidence.end] == r.evidence.text


def test_every_builtin_rule_has_an_example():
    engine = Engine(entry_points=False)
    missing = [r.name for r in engine.all_rules() if not r.examples and not r.name.startswith("statement.according_to_name")]
    assert not missing, f"rules without examples: {missing}"


# ------------------------------------------------------------------ schema
def _load(tmp_path, body: str, name="r.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    e = Engine(builtin=False, entry_points=False)
    e.load_file(p)
    return e


def test_unknown_top_level_key_names_file_and_line(tmp_path):
    with pytest.raises(RuleError) as ei:
        _load(tmp_path, """
            version: 1
            rulez: []
            """)
    assert "r.yaml:2" in str(ei.value) and "rulez" in str(ei.value)


def test_unknown_rule_key_names_line(tmp_path):
    with pytest.raises(RuleError) as ei:
        _load(tmp_path, """
            version: 1
            rules:
              - name: a
                record: sectors
                pattern: [{key: هتل}]
                colour: blue
            """)
    assert "r.yaml:4" in str(ei.value) and "colour" in str(ei.value)


def test_unknown_element_key_and_bad_record(tmp_path):
    with pytest.raises(RuleError, match="unknown element key"):
        _load(tmp_path, """
            rules:
              - name: a
                record: sectors
                pattern: [{lemma: هتل}]
            """)
    with pytest.raises(RuleError, match="record"):
        _load(tmp_path, """
            rules:
              - {name: a, record: nonsense, pattern: [{key: هتل}]}
            """)


def test_catastrophic_regex_rejected_at_load_time(tmp_path):
    for rx in ["(a+)+$", "(a|aa)*b", "(x*)*"]:
        with pytest.raises(RuleError, match="backtrack"):
            _load(tmp_path, f"""
                rules:
                  - name: a
                    record: sectors
                    pattern: [{{regex: "{rx}"}}]
                """)
    _load(tmp_path, """
        rules:
          - name: ok
            record: sectors
            pattern: [{regex: "هتل(ها)?"}]
        """)


def test_loading_never_executes_code(tmp_path):
    marker = tmp_path / "pwned"
    with pytest.raises(RuleError):
        _load(tmp_path, f"""
            rules: !!python/object/apply:os.system ["touch {marker}"]
            """)
    assert not marker.exists()


def test_malformed_yaml_and_duplicates(tmp_path):
    with pytest.raises(RuleError, match="invalid YAML") as ei:
        _load(tmp_path, "rules: [\n  - {name: a\n")
    assert "r.yaml:" in str(ei.value)
    with pytest.raises(RuleError, match="duplicate"):
        _load(tmp_path, """
            rules:
              - {name: a, record: sectors, pattern: [{key: هتل}], set: {sector: tourism}}
              - {name: a, record: sectors, pattern: [{key: هتل}], set: {sector: tourism}}
            """)


# ------------------------------------------------------------------ extending
def test_add_rules_file(tmp_path):
    p = tmp_path / "hotels.yaml"
    p.write_text(textwrap.dedent("""
        version: 1
        rules:
          - name: custom.hotel_sector
            record: sectors
            priority: 90
            pattern: [{key: [هتل, هتل‌ها], capture: text}]
            set: {sector: tourism, isic: I55}
            examples:
              - text: "ساخت هتل در کیش"
                expect: {sector: tourism}
        """), encoding="utf-8")
    nlp = Pipeline.default()
    nlp.remove_stage("relations").add_stage("relations", config={"builtin": False, "entry_points": False})
    nlp.add_rules(p)
    a = nlp("ساخت دو هتل پنج ستاره در جزیره کیش آغاز شد.")
    assert [(s.sector, s.rule) for s in a.sectors] == [("tourism", "custom.hotel_sector")]
    assert a.text[a.sectors[0].evidence.start:a.sectors[0].evidence.end] == a.sectors[0].evidence.text


def test_decorated_python_rule():
    from persian_trade_news.records import Sector

    @registry.rule(name="test.decorated_ict", record="sectors", priority=95)
    def ict(doc, ctx):
        for t in doc.tokens:
            if t.key == match_key("فناوری"):
                yield Sector(sector="finance", isic="K", text=t.text, evidence=doc.span(t.start, t.end))

    try:
        a = Pipeline.default()("توسعه فناوری اطلاعات در استان.")
        assert any(s.sector == "finance" and s.rule == "test.decorated_ict" for s in a.sectors)
    finally:
        registry.PY_RULES.pop("test.decorated_ict", None)
    a = Pipeline.default()("توسعه فناوری اطلاعات در استان.")
    assert not any(s.rule == "test.decorated_ict" for s in a.sectors)


def test_entry_point_rule_package(tmp_path, monkeypatch):
    pkg = tmp_path / "ptn_demo_rules"
    pkg.mkdir()
    (pkg / "rules.yaml").write_text(textwrap.dedent("""
        version: 1
        rules:
          - name: demo.port_sector
            record: sectors
            pattern: [{key: [اسکله], capture: text}]
            set: {sector: transport_logistics, isic: H}
        """), encoding="utf-8")
    (pkg / "__init__.py").write_text(
        "from pathlib import Path\nRULES = str(Path(__file__).parent / 'rules.yaml')\n", encoding="utf-8")
    dist = tmp_path / "ptn_demo_rules-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: ptn-demo-rules\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[persian_trade_news.rules]\ndemo = ptn_demo_rules:RULES\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    engine = Engine(builtin=False, entry_points=True)
    assert "demo.port_sector" in engine.rules
    nlp = Pipeline.default()
    a = nlp("ساخت اسکله جدید در بندر آغاز شد.")
    assert any(s.rule == "demo.port_sector" for s in a.sectors)


# ------------------------------------------------------------------ linear time
def test_matching_is_linear(tmp_path):
    engine = _load(tmp_path, """
        rules:
          - name: greedy
            record: sectors
            pattern:
              - {key: سفر}
              - {any: true, op: "*", max: 32}
              - {key: بازدید}
            set: {sector: tourism}
        """)
    from persian_trade_news.text.document import Document
    from persian_trade_news.rules.engine import Context
    from persian_trade_news.rules.pattern import run_program

    (rule,) = [r for r in engine.all_rules() if r.name == "greedy"]

    # One long sentence, matched directly (the engine's per-sentence token cap would hide
    # super-linear matching): the worst case for a greedy gap that never finds its end.
    docs = {n: Document.from_text(" ".join(["سفر"] * n)) for n in (2000, 20000)}

    def match(n):
        doc = docs[n]
        assert run_program(rule.program, Context(doc), 0, len(doc.tokens)) == []

    ratio, small, big = growth(match, 2000, 20000, floor=1e-4)
    assert ratio < 30, (small, big)


def test_sector_words_inside_a_zone_name_are_no_sector_mentions():
    from persian_trade_news import extract

    # a zone of the lexicon, its sector words written as a list
    assert [s.sector for s in extract("مدیرعامل منطقه آزاد تجاری، صنعتی ماکو گفت.").sectors] == []
    # a zone not in the lexicon: the name runs back to «آزاد» over sector words, dashes and «و»
    assert [s.sector for s in extract("مدیرعامل منطقه آزاد تجاری- صنعتی و گردشگری کیش گفت.").sectors] == []
    # the same words as a list of sectors still count
    got = {s.sector for s in extract("فعالان بخش صنعتی و تجاری استان با سفیر دیدار کردند.").sectors}
    assert got == {"industry", "trade"}


def test_organisation_names_stop_before_a_compound_verb_and_time_words():
    from persian_trade_news import extract

    def orgs(text):
        return [e.text for e in extract(text).entities if e.label == "ORG"]

    # the noun of a compound verb (انجام شد, تماس گرفت, افزایش یابد) is not part of the name
    assert orgs("سرانجام بانک کشاورزی تماس گرفت.") == ["بانک کشاورزی"]
    assert orgs("مدیران بانک ملت تماس گرفتند.") == ["بانک ملت"]
    assert orgs("سهم سازمان ملل متحد افزایش یابد.") == ["سازمان ملل متحد"]
    # a time word ends a name too; «فولاد امسال افزایش یافت» is no plant
    assert orgs("تولید فولاد امسال افزایش یافت.") == []


def test_this_organisation_is_the_last_one_named_with_that_head_noun():
    from persian_trade_news import extract

    text = ("خبرگزاری ایسنا: رئیس سازمان جهاد کشاورزی استان فارس در نشست با شرکت آب منطقه‌ای گفت: "
            "به گزارش خبرنگار ایسنا، انبارهای این سازمان ظرفیت ذخیره ۵۰ هزار تن گندم را دارد.")
    caps = extract(text).capacities
    assert [(c.subject.name, c.subject.kind, c.measure, c.value) for c in caps] == [
        ("سازمان جهاد کشاورزی استان فارس", "organization", "storage", 50_000)]
    # with no organisation of that head noun, the last one named (never the news agency)
    text = "مدیرعامل شرکت فولاد مبارکه گفت: به گزارش ایسنا، ظرفیت تولید این مجموعه ۸ میلیون تن است."
    assert [c.subject.name for c in extract(text).capacities] == ["شرکت فولاد مبارکه"]


def test_one_organisation_entity_under_its_longest_name():
    from persian_trade_news import extract

    def orgs(text):
        a = extract(text)
        assert all(text[s.start:s.end] == s.text for _, s in a.spans())  # mentions included
        return [(e.text, [m.text for m in e.mentions]) for e in a.entities if e.label == "ORG"]

    # the first words of a name that ends on a place: one entity, the short form a mention of it
    assert orgs("رئیس کمیسیون کشاورزی اتاق بازرگانی ایران گفت: کمیسیون کشاورزی برای صادرات گندم "
                "برنامه دارد.") == [("کمیسیون کشاورزی اتاق بازرگانی ایران", ["کمیسیون کشاورزی"])]
    # an agency's short name is the agency
    assert orgs("به گزارش خبرگزاری فارس، استاندار کرمان در گفت‌وگو با خبرنگار فارس گفت: صادرات پسته "
                "افزایش یافت.") == [("خبرگزاری فارس", ["فارس"])]
    # «به گزارش فارس» later in the text is the agency too, not the province of Fars
    text = ("خبرگزاری فارس: روابط تجاری ایران با لیبی گسترش می‌یابد.\nبه گزارش فارس به نقل از رویترز، "
            "صادرات به لیبی افزایش یافت.")
    assert orgs(text) == [("خبرگزاری فارس", ["فارس"]), ("رویترز", [])]  # (a foreign agency quoted)
    assert not [e for e in extract(text).entities if e.label == "PROVINCE"]
    # a longer name that does not close on a place may be a name read too far: both stay
    assert orgs("مدیرعامل شرکت پارس خودرو گفت: شرکت پارس امسال صادرات را افزایش می‌دهد.") == [
        ("شرکت پارس خودرو", []), ("شرکت پارس", [])]
    # repeats of the same name stay listed, each a mention of its own
    assert [t for t, _ in orgs("بانک ملی ایران و بانک ملی ایران وام دادند.")] == ["بانک ملی ایران"] * 2


def test_organisation_names_stop_at_prepositions():
    from persian_trade_news import extract

    text = "سخنگوی سازمان ملل متحد درباره بحران اوکراین و قطعنامه شورای امنیت علیه ایران گفت."
    assert [e.text for e in extract(text).entities if e.label == "ORG"][0] == "سازمان ملل متحد"


def test_sector_words_that_describe_a_product_or_sit_in_a_name_are_no_sectors():
    from persian_trade_news import extract

    def sectors(text):
        return {s.sector for s in extract(text).sectors}

    # «برقی» of «خودروهای برقی» describes the vehicles; «برق» itself is the energy sector
    assert "energy" not in sectors("استفاده از خودروهای برقی و هیبریدی افزایش یافت.")
    assert "energy" in sectors("استان در تولید برق و انرژی‌های تجدیدپذیر پیشرو است.")
    # a company's name after a comma is no list of sectors for a weak word before it
    assert "trade" not in sectors("ترکیب بازار داخلی و صادراتی، پتروشیمی کرمانشاه را موفق کرد.")
    # relations between two sides are no sector; a list of sectors is
    assert "trade" not in sectors("استاندار بر توسعه روابط تجاری با چین تاکید کرد.")
    assert sectors("همکاری در حوزه‌های صنعتی، معدنی و تجاری گسترش می‌یابد.") >= {"industry", "mining", "trade"}


def test_folding_organisation_forms_is_bounded():
    from persian_trade_news.stages.entities import _MAX_FORMS, fold_organisation_forms
    from persian_trade_news.records import Entity

    def orgs(n):
        text, out = "", []
        for i in range(n):
            name = "سازمان ملل " + "الف " * (i % 7) + f"ب{i} ایران"
            out.append(Entity(text=name, label="ORG", start=len(text), end=len(text) + len(name), source="pattern"))
            text += name + " "
            out.append(Entity(text="ایران", label="COUNTRY", start=out[-1].end - 5, end=out[-1].end))
        return out

    small = orgs(3) + [Entity(text="سازمان ملل", label="ORG", start=10_000, end=10_010, source="pattern")]
    folded = fold_organisation_forms(small)
    assert len([e for e in folded if e.label == "ORG"]) == 3 and sum(len(e.mentions) for e in folded) == 1
    assert not any(e.mentions for e in small)  # the input's entities are left as they were
    assert fold_organisation_forms(small) == folded  # so folding again gives the same
    # past the bound a group is left as it is (so many forms is no article, and pairs would be quadratic)
    big = orgs(_MAX_FORMS + 5) + [Entity(text="سازمان ملل", label="ORG", start=10**7, end=10**7 + 10)]
    assert fold_organisation_forms(big) == big


def _caps(text):
    from persian_trade_news import extract

    a = extract(text)
    for c in a.capacities:
        assert text[c.evidence.start:c.evidence.end] == c.evidence.text
    return [(c.subject.name if c.subject else None, c.measure, c.value, c.unit) for c in a.capacities]


def test_a_figure_given_to_each_of_a_list_of_places():
    # «هر یک»/«هرکدام»: one record per place listed before it, not one for the nearest
    assert _caps("سردخانه‌های شهرستان‌های ملایر، تویسرکان و نهاوند هر یک با ظرفیت ۲۰۰ تن ساخته می‌شوند.") == [
        ("ملایر", "capacity", 200, "t"), ("تویسرکان", "capacity", 200, "t"), ("نهاوند", "capacity", 200, "t")]
    # without it the nearest place takes the figure, once
    assert _caps("سردخانه‌های ملایر و نهاوند با ظرفیت ۲۰۰ تن ساخته می‌شوند.") == [("نهاوند", "capacity", 200, "t")]


def test_the_setting_of_a_quote_and_the_dateline_are_not_what_a_figure_describes():
    head = "توسعه کشاورزی در استان همدان\n"
    # the place where the speaker was interviewed / the report was filed from is not the subject
    got = _caps(head + "به گزارش خبرگزاری ایسنا از ملایر، مدیر جهاد کشاورزی در گفت‌وگو با خبرنگاران در "
                       "نهاوند گفت: این طرح‌ها با ۱۲ میلیارد ریال اعتبار اجرا شده است.")
    assert got == [("همدان", "investment", 12e9, "IRR")]
    # a place named in the quote itself still is
    got = _caps(head + "مدیر جهاد کشاورزی در حاشیه بازدید از طرح‌ها در نهاوند گفت: سردخانه تویسرکان با "
                       "۳۰۰ تن ظرفیت افتتاح شد.")
    assert got == [("تویسرکان", "storage", 300, "t")]
    # without an occasion cue the place before the colon still counts
    assert _caps(head + "مدیر جهاد کشاورزی نهاوند گفت: این طرح‌ها با ۱۲ میلیارد ریال اعتبار اجرا شده است.") == [
        ("نهاوند", "investment", 12e9, "IRR")]


def test_a_rounded_headline_figure_gives_way_to_the_exact_one():
    text = ("ایجاد ۲۶۰۰ فرصت شغلی در بخش کشاورزی همدان\n"
            "با افتتاح این طرح‌ها در همدان برای ۲ هزار و ۵۹۱ نفر فرصت شغلی ایجاد شده است.")
    assert _caps(text) == [("همدان", "employment", 2591, "person")]
    # two different figures (more than 1.5 % apart) both stay
    text = "ایجاد ۲۶۰۰ فرصت شغلی در همدان\nبا افتتاح این طرح‌ها در همدان برای ۲ هزار و ۴۰۰ نفر شغل ایجاد شد."
    assert [c[2] for c in _caps(text)] == [2600, 2400]


def test_jobs_and_listed_sums_and_counts_of_plants():
    # «N شغل» / «N فرصت شغلی» count people employed; «یک شغل» is "a job"
    assert _caps("در این طرح ۸۸۷ شغل در زنجان تثبیت شد.") == [("زنجان", "employment", 887, "person")]
    assert _caps("او به دنبال یک شغل ثابت در زنجان است.") == []
    # the sums of a list after an investment go on being investments
    got = _caps("طرح‌های زنجان با ۳۰ میلیارد ریال اعتبار شامل ۱۰ میلیارد ریال استانی، ۱۵ میلیارد ریال ملی و "
                "۵ میلیارد ریال تسهیلات بانکی اجرا شد.")
    assert [(m, v) for _, m, v, _ in got] == [("investment", 30e9), ("investment", 10e9), ("investment", 15e9),
                                              ("investment", 5e9)]
    # a number of plants is a count; «در چهار شرکت» says where something else was measured
    assert _caps("در شهرک صنعتی زنجان ۱۲۰ واحد تولیدی فعال است.") == [("زنجان", "count", 120, "unit")]
    assert _caps("تولید اوره در چهار شرکت بزرگ زنجان افزایش یافت.") == []


def test_a_quote_after_a_colon_ends_where_the_next_quote_opens():
    from persian_trade_news import extract

    text = ("علی رضایی گفت: صادرات افزایش یافت. بازار عراق مهم است. وی افزود: واردات کم شد. این روند ادامه دارد."
            "\n\nاستاندار گفت: خوب است.")
    art = extract(text)
    got = [(s.speaker, s.cue, s.content.text) for s in art.statements]
    assert got == [("علی رضایی", "گفت", "صادرات افزایش یافت. بازار عراق مهم است."),
                   ("علی رضایی", "افزود", "واردات کم شد. این روند ادامه دارد."),
                   ("استاندار", "گفت", "خوب است.")]
    for s in art.statements:
        assert text[s.content.start:s.content.end] == s.content.text
    # a paragraph with no break in it does not make the quote run on for ever
    from persian_trade_news.rules.actions.statements import MAX_QUOTE_SENTENCES
    art = extract("علی رضایی گفت: " + "صادرات افزایش یافت. " * 40)
    assert art.statements[0].content.text.count(".") == MAX_QUOTE_SENTENCES


def _visits(text):
    from persian_trade_news import extract

    a = extract(text)
    for v in a.visits:
        assert text[v.evidence.start:v.evidence.end] == v.evidence.text
    return [(v.visitor.name, v.destination.name, v.status) for v in a.visits]


def test_the_traveller_named_after_safar_is_the_visitor_not_the_speaker():
    # «سفر <title/group> به X»: the title or group travels, not the sentence's subject
    assert _visits("استاندار همدان گفت: در سفر رئیس جمهور به همدان ۲۰ طرح افتتاح شد.")[0][:2] == (
        "رئیس جمهور", "همدان")
    assert _visits("مدیرکل صنعت همدان از سفر هیئت دولت به همدان خبر داد.")[0][:2] == ("هیئت دولت", "همدان")
    # somebody the library cannot resolve travels: no visit at all, rather than the speaker's
    assert _visits("علی رضایی استاندار همدان درباره سفر نیکسون به ایران سخن گفت.") == []
    # words that only describe the trip leave the subject as the traveller
    assert _visits("علی رضایی در سفر دو روزه خود به همدان از کارخانه‌ها بازدید کرد.")[0][:2] == (
        "علی رضایی", "همدان")


def test_inside_a_quote_the_speaker_is_no_traveller_unless_the_quote_says_so():
    assert _visits("علی رضایی استاندار ایلام گفت: گرد و غبار از عراق وارد استان ایلام شد.") == []
    assert _visits("علی رضایی گفت: در سفر خود به همدان با استاندار دیدار کردم.")[0][:2] == ("علی رضایی", "همدان")


def test_an_invited_person_is_the_traveller_of_a_planned_visit():
    assert _visits("وی از محمدجواد ظریف وزیر امور خارجه برای سفر به برزیل دعوت کرد.") == [
        ("محمدجواد ظریف", "برزیل", "planned")]
    assert _visits("علی رضایی از ظریف برای سفر به برزیل دعوت کرد.") == []


def test_a_title_and_the_same_title_with_its_country_are_one_trip():
    got = _visits("سفر رئیس جمهور چین به روسیه موفق بود. هدف سفر رئیس جمهور این کشور به مسکو، گرفتن تضمین بود.")
    assert [(v, d) for v, d, _ in got] == [("رئیس جمهور چین", "روسیه")]


def _meetings(text):
    from persian_trade_news import extract

    return [[p.name for p in m.participants] for m in extract(text).meetings]


def test_meeting_sides_end_at_the_verb_and_interviews_and_matches_are_no_meetings():
    # a group side ends at a preposition or verb, not twelve words on
    assert _meetings("علی رضایی استاندار همدان برای دیدار با مقامات عالیرتبه عراق پیرامون مسائل تجاری راهی بغداد شد.") \
        == [["علی رضایی", "مقامات عالیرتبه عراق"]]
    assert _meetings("وزیر صنعت در دیدار با مدیران و فعالان اقتصادی همدان گفت: صادرات افزایش یافت.") == [
        ["وزیر صنعت", "مدیران", "فعالان اقتصادی همدان"]]
    # «در گفت‌وگو با فارس» is an interview with the agency, not a meeting with the province
    assert _meetings("علی رضایی استاندار همدان در گفت‌وگو با فارس اظهار کرد: صادرات افزایش یافت.") == []
    # «دیدار نهایی» is a match; a side that resolves to the other side is no meeting
    assert _meetings("تیم ملی با برتری مقابل تایلند به دیدار نهایی راه یافت.") == []
    assert _meetings("علی رضایی با علی رضایی دیدار کرد.") == []
    # the title met in the lead is not the role of the person named next, who meets it again
    from persian_trade_news import extract

    art = extract("وی صبح فردا با استاندار همدان دیدار می‌کند. کوجی هاندا ضمن دیدار با استاندار همدان گفت.")
    assert [(p.name, p.roles) for p in art.people] == [("کوجی هاندا", [])]
    assert [[p.name for p in m.participants] for m in art.meetings] == [["کوجی هاندا", "استاندار همدان"]]


def test_an_everyday_word_that_names_a_province_needs_its_title():
    from persian_trade_news import extract

    def ents(text):
        return [(e.text, e.label) for e in extract(text).entities if e.label in ("PROVINCE", "CITY", "ROLE", "ORG")]

    # «مرکزی» is "central" (بانک مرکزی، بخش مرکزی) unless «استان»/«استاندار» names the province
    # (the bank inside the title is an organisation of its own, from organizations.tsv)
    assert ents("رئیس کل بانک مرکزی گفت: نرخ ارز ثابت است.") == [("رئیس کل بانک مرکزی", "ROLE"),
                                                                  ("بانک مرکزی", "ORG")]
    assert ("مرکزی", "PROVINCE") in ents("استاندار مرکزی از کارخانه بازدید کرد.")
    assert ("استان مرکزی", "PROVINCE") in ents("صادرات استان مرکزی افزایش یافت.")
    # «بانک» is no city (the town of بنک is, when «شهر» says so)
    assert ents("صادرات شهر بنک افزایش یافت.") == [("بنک", "CITY")]
