"""Quantities, money, percentages and durations with units, ranges, qualifiers and periods."""
from __future__ import annotations

import pytest

from persian_trade_news import find_quantities

from conftest import at_least, eval_paths, growth


def one(text):
    qs = [q for q in find_quantities(text) if q.kind != "number"]
    assert len(qs) == 1, qs
    q = qs[0]
    assert text[q.start:q.end] == q.text
    assert text[q.number_start:q.number_end]
    return q


@pytest.mark.parametrize("text, value, unit, kind", [
    ("با تولید سالانه ۴۲ هزار تن رتبه نخست کشور را دارد", 42000, "t", "quantity"),
    ("۲۰ کیلومتر مربع", 20, "km2", "quantity"), ("۳۰۰ هکتار", 300, "ha", "quantity"), ("۵۰۰ هکتاری", 500, "ha", "quantity"),
    ("۲ میلیون متر مکعب", 2e6, "m3", "quantity"), ("۱۰۰ مگاوات", 100, "MW", "quantity"), ("۳۰۰ نفر", 300, "person", "quantity"),
    ("۵۰ راس دام", 50, "head", "quantity"), ("۱۲ واحد صنعتی", 12, "unit", "quantity"), ("۱۵۰ کیلوگرم", 150, "kg", "quantity"),
    ("۱۰ هزار لیتر", 10000, "l", "quantity"),
    ("۲ میلیارد دلار", 2e9, "USD", "money"), ("۱۸ هزار و ۹۱۴ میلیارد ریال", 18_914e9, "IRR", "money"),
    ("۵۰ میلیارد تومان", 50e9, "IRT", "money"), ("۳ میلیون یورو", 3e6, "EUR", "money"), ("۱۰۰ هزار درهم", 1e5, "AED", "money"),
    ("۲ میلیون یوآن", 2e6, "CNY", "money"),
    ("۱۲ درصد", 12, "percent", "percent"), ("۱۲٪", 12, "percent", "percent"), ("12%", 12, "percent", "percent"),
    ("سفر ۲روزه خود", 2, "day", "duration"), ("سفر دو روزه", 2, "day", "duration"), ("سفر سه‌روزه", 3, "day", "duration"),
    ("یک هفته", 7, "day", "duration"),
    ("انبار با ‌هزار تن", 1000, "t", "quantity"), ("۴۲‌هزار تن", 42000, "t", "quantity"),
    ("توليد 3 ميليارد ريال", 3e9, "IRR", "money"),
])
def test_units_and_values(text, value, unit, kind):
    q = one(text)
    assert (q.value, q.unit, q.kind) == (value, unit, kind)
    if kind == "money":
        assert q.currency == unit


@pytest.mark.parametrize("text, value, value_max", [
    ("۱۰ تا ۱۵ درصد", 10, 15), ("بین ۱۰ و ۱۵ درصد", 10, 15), ("۳ تا ۴ میلیون تن", 3e6, 4e6),
])
def test_ranges(text, value, value_max):
    q = one(text)
    assert (q.value, q.value_max) == (value, value_max)
    assert q.text == text


@pytest.mark.parametrize("text, qualifier", [
    ("بیش از ۸۰۰ هزار تن", "more_than"), ("افزون بر ۲۰۰ تن", "more_than"), ("بالغ بر ۵ میلیون دلار", "more_than"),
    ("حدود ۱۲ درصد", "about"), ("قریب به ۳۰۰ نفر", "about"), ("نزدیک به ۲ هزار تن", "about"),
    ("کمتر از ۱۰ درصد", "less_than"), ("دست‌کم ۵۰ واحد", "at_least"), ("حداقل ۵۰ واحد", "at_least"),
    ("تا ۲۰ درصد", "at_most"), ("۲۰۰ تن", None),
])
def test_qualifiers(text, qualifier):
    q = one(text)
    assert q.qualifier == qualifier and q.text == text


@pytest.mark.parametrize("text, period", [
    ("سالانه ۴۲ هزار تن", "year"), ("۴۲ هزار تن در سال", "year"), ("بیش از 800 هزار تن گندم در سال", "year"),
    ("روزانه ۵۰۰ تن", "day"), ("۵۰۰ تن در روز", "day"), ("ماهانه ۲ هزار تن", "month"), ("۲۰۰ تن", None),
])
def test_periods(text, period):
    assert one(text).period == period


def test_not_quantities():
    assert [q for q in find_quantities("نه تنها این، بلکه دو برابر شد") if q.kind != "number"] == []


def test_seed_sentences():
    s = "لرستان در خصوص ماهیان سردآبی با تولید سالانه ۴۲ هزار تن رتبه نخست کشور را دارد"
    q = one(s)
    assert (q.value, q.unit, q.period) == (42000, "t", "year")
    s = "این استان با وسعت بیش از ۲ هزار و ۸۰۰ کیلومتر مربع و جمعیتی قابل توجه"
    q = one(s)
    assert (q.value, q.unit, q.qualifier) == (2800, "km2", "more_than")
    s = "استان حدود ۱۲ درصد از منابع آب کشور را در اختیار دارد"
    q = one(s)
    assert (q.value, q.unit, q.qualifier) == (12, "percent", "about")


def test_offsets_on_every_real_article():
    paths = eval_paths()
    assert paths
    total = 0
    for p in paths:
        text = p.read_text(encoding="utf-8")
        for q in find_quantities(text):
            assert text[q.start:q.end] == q.text, (p.name, q)
            assert q.start <= q.number_start < q.number_end <= q.end
            total += 1
    assert total >= at_least(51, 10), total


def test_linear_on_adversarial_input():
    for s in ("۱", "و ", "هزار ", "۱ تا ", "\u200c"):
        ratio, small, big = growth(lambda n, s=s: find_quantities(s * n), 10_000, 100_000)
        assert ratio < 30, (s, small, big)


@pytest.mark.parametrize("text,expected", [
    ("با ظرفیت‌های 94 و 67 تن تولید", [(94, "t"), (67, "t")]),
    ("سهم ۵، ۱۰ و ۲۰ درصد است", [(5, "percent"), (10, "percent"), (20, "percent")]),
    ("به قیمت‌های ۸۵ و ۱۳۵ دلار", [(85, "USD"), (135, "USD")]),
    # ids and years are no list items; a scale word makes another reading
    ("طبق ماده 5 و 10 تن", [(5, None), (10, "t")]),
    ("در سال 1390 و 1391 تن", [(1390, None), (1391, "t")]),
    ("۳ و ۴ میلیون تن", [(3, None), (4_000_000, "t")]),
])
def test_listed_numbers_share_the_unit_of_the_last(text, expected):
    got = [(q.value, q.currency or q.unit) for q in find_quantities(text)]
    assert got == expected


def _caps(text):
    import persian_trade_news as ptn

    return [(c.measure, c.value, c.unit) for c in ptn.extract(text).capacities]


def test_lengths_of_borders_and_pipelines_and_port_throughput_are_other_capacities():
    assert ("other", 3000, "km") in _caps("ایران با داشتن حدود ۳ هزار کیلومتر مرز آبی کشوری دریایی است.")
    assert ("other", 700, "km") in _caps("تکمیل بخش پاکستانی خط لوله به طول ۷۰۰ کیلومتر سرعت می‌گیرد.")
    assert ("other", 2259000, "t") in _caps("در بندر انزلی تخلیه و بارگیری ۲ میلیون و ۲۵۹ هزار تن کالا انجام شد.")
    # a distance is no capacity
    assert _caps("این روستا در ۵۰ کیلومتری شهر قرار دارد.") == []


def test_the_level_a_figure_rises_to_is_a_capacity_the_rise_is_not():
    assert ("production", 700000, "t") in _caps("با این طرح تولید این مجتمع به ۷۰۰ هزار تن افزایش می‌یابد.")
    assert _caps("تولید ۵۰ هزار تن افزایش یافت.") == []


def test_last_years_figure_a_flow_is_compared_with_is_no_flow():
    import persian_trade_news as ptn

    a = ptn.extract("صادرات کالا از بندر انزلی ۷۰ هزار تن بود که نسبت به ۵۳ هزار تن مدت مشابه پارسال افزایش داشت.")
    assert [f.quantity.value for f in a.trade_flows] == [70000]
    a = ptn.extract("اسلام‌آباد توافقنامه‌ای برای تهاتر برق در برابر صادرات ۱۰۰ هزار تن گندم امضا کرد.")
    assert [f.quantity.value for f in a.trade_flows] == [100000]


def test_a_figure_a_national_office_gives_with_no_place_is_the_countrys():
    import persian_trade_news as ptn

    lead = "به گزارش خبرگزاری فارس از اراک، "
    a = ptn.extract(lead + "مدیرعامل شرکت ملی صنایع پتروشیمی گفت: ظرفیت تولید متانول ۸ میلیون تن در سال است.")
    assert [(c.subject.name, c.value) for c in a.capacities] == [("ایران", 8_000_000)]
    # a provincial office keeps its province, and a place the sentence names wins over the office
    a = ptn.extract(lead + "مدیرکل جهاد کشاورزی استان مرکزی گفت: ظرفیت تولید گندم ۴۰۰ هزار تن در سال است.")
    assert [c.subject.name for c in a.capacities] == ["مرکزی"]
    a = ptn.extract(lead + "معاون وزارت نفت گفت: ظرفیت تولید بنزین در شهرستان شازند ۵۰۰ هزار تن در سال است.")
    assert [c.subject.name for c in a.capacities] == ["شازند"]


def test_the_town_a_report_is_filed_from_is_not_the_subject_of_its_figures():
    import persian_trade_news as ptn

    a = ptn.extract("مدیر باغبانی در گفت‌وگو با خبرگزاری فارس از شهرستان بابل اظهار کرد: "
                    "کشت گل رز در ۳ هکتار در روستای کلا شهرستان آمل انجام شده است.")
    assert [(c.subject.name, c.value, c.unit) for c in a.capacities] == [("آمل", 3, "ha")]


def test_a_list_of_items_with_figures_shares_its_closing_unit():
    from persian_trade_news.readers.quantities import find_quantities
    qs = find_quantities("فلفل ادویه‌ای با 450 هکتار، زیره سبز با 411، زعفران با 68، کرچک با 20 و نعناع با 18 هکتار")
    assert [(q.value, q.unit) for q in qs] == [(450, "ha"), (411, "ha"), (68, "ha"), (20, "ha"), (18, "ha")]
    qs = find_quantities("تولید فلفل با 900 تن، زیره سبز با بیش از 270 و آلوئه‌ورا با 49 تن بود.")
    assert [(q.value, q.unit) for q in qs] == [(900, "t"), (270, "t"), (49, "t")]
    # years in a list are no members: «در سال 1400 با 20 واحد»
    qs = find_quantities("در سال 1400 با 20 واحد و در سال 1401 با 30 تن")
    assert [q.unit for q in qs] == [None, "unit", None, "t"]


def test_each_member_of_such_a_list_is_a_capacity_of_its_own_item():
    import persian_trade_news as ptn

    a = ptn.extract("سطح زیر کشت گیاهان دارویی در خراسان جنوبی فلفل ادویه‌ای با 450 هکتار، زیره سبز با 411، "
                    "زعفران با 68 و نعناع با 18 هکتار است.")
    assert [(c.value, c.unit, c.item) for c in a.capacities] == [
        (450, "ha", "فلفل"), (411, "ha", "زیره"), (68, "ha", "زعفران"), (18, "ha", "نعناع")]


@pytest.mark.parametrize("text, found", [
    ("معاون وزیر گفت: در کشور ۵ هزار شرکت تولید‌کننده تجهیزات پزشکی داریم.", [("count", 5000)]),
    ("هزار واحد صنعتی فرش ماشینی در کاشان فعال است.", [("count", 1000)]),
    ("در این نمایشگاه ۹۰ شرکت حضور دارند.", []),  # exhibitors
    ("این شرکت ۲۰ دستگاه خودرو دارد.", []),  # vehicles, no plants or firms
])
def test_a_count_of_firms_that_exist_is_a_capacity(text, found):
    import persian_trade_news as ptn

    assert [(c.measure, c.value) for c in ptn.extract(text).capacities] == found


def test_a_small_figure_told_again_with_other_figures_is_another_fact():
    import persian_trade_news as ptn

    # two projects, each with its own budget, both employing ۸ people: two capacities
    two = ptn.extract("افتتاح طرح‌های دام و شیلات\nدر بخش دام ۲ طرح با اعتبار ۳۰۰ میلیون ریال و اشتغال ۸ نفر افتتاح شد. "
                      "در بخش شیلات نیز ۴ طرح با اعتبار ۹۰۰ میلیون ریال و اشتغال ۸ نفر افتتاح می‌شود.")
    assert [c.value for c in two.capacities if c.measure == "employment"] == [8, 8]
    # the same small figure told twice with the same companion figure is one
    once = ptn.extract("افتتاح یک طرح دامی\nاین طرح با اعتبار ۳۰۰ میلیون ریال برای ۸ نفر اشتغال ایجاد کرد. "
                       "به گفته وی این طرح با اعتبار ۳۰۰ میلیون ریال برای ۸ نفر اشتغال ایجاد کرده است.")
    assert [c.value for c in once.capacities if c.measure == "employment"] == [8]
    # a large figure told again is one, whatever its company
    big = ptn.extract("برای ۲۵۰۰ نفر اشتغال ایجاد شد. این طرح‌ها با ۴۰ میلیارد ریال اعتبار برای ۲۵۰۰ نفر اشتغال ایجاد کرد.")
    assert [c.value for c in big.capacities if c.measure == "employment"] == [2500]


@pytest.mark.parametrize("text, subject", [
    # a partner after «با همکاری» / «با» is not what the figure describes
    ("استان یزد با همکاری وزارت صنعت و وزارت نیرو ۳۰ هکتار زمین به این شهرک اختصاص داد.", "یزد"),
    ("ایران با دو کشور ایتالیا و آلمان قراردادی برای تولید ۲ میلیون تن فولاد منعقد کرد.", "ایران"),
    # a place that names a route is the item measured, not the subject
    ("در استان کردستان برای جاده سنندج ـ مریوان ۶۰۰ میلیارد تومان هزینه شده است.", "کردستان"),
])
def test_a_partner_or_a_route_is_no_subject_of_a_figure(text, subject):
    import persian_trade_news as ptn

    subjects = [c.subject.name if c.subject else None for c in ptn.extract(text).capacities]
    assert subjects and all(s == subject for s in subjects), subjects


def test_a_railway_with_a_place_is_a_line_not_an_organisation():
    import persian_trade_news as ptn

    assert [e.text for e in ptn.extract("راه‌آهن سنندج همدان تا سال آینده تکمیل می‌شود.").entities
            if e.label == "ORG"] == []


@pytest.mark.parametrize("text", [
    "درآمد بنادر امسال به رقم ۲۶۰۰ میلیارد تومان رسید و صادرات افزایش یافت.",  # revenue
    "برای دریافت این تسهیلات ۲۰ میلیون تومان هزینه کردم و صادرات ما متوقف شد.",  # a cost
])
def test_a_sum_that_is_not_the_value_of_goods_is_no_trade_flow(text):
    import persian_trade_news as ptn

    assert ptn.extract(text).trade_flows == []


def test_a_sum_right_after_the_trade_cue_is_a_flow():
    import persian_trade_news as ptn

    flows = ptn.extract("ارزش صادرات استان امسال به ۲۰۰ میلیون دلار رسید و درآمد ارزی بیشتر شد.").trade_flows
    assert [(f.direction, f.value.amount) for f in flows] == [("export", 2e8)]


@pytest.mark.parametrize("text, ranking", [
    ("روسیه بزرگ‌ترین تامین‌کننده نفت چین شد.", ("روسیه", 1, "world", "نفت خام")),  # a market's suppliers
    ("عربستان در رتبه دوم تامین‌کنندگان نفت چین قرار دارد.", ("عربستان", 2, "world", None)),
    ("ایران سومین تولیدکننده گردو در دنیا است.", ("ایران", 3, "world", "گردو")),  # the scope after the rank
])
def test_rankings_among_producers_and_suppliers(text, ranking):
    import persian_trade_news as ptn

    got = [(r.subject.name if r.subject else None, r.rank, r.scope, r.item) for r in ptn.extract(text).rankings]
    if ranking[3] is None:
        got = [g[:3] + (None,) for g in got]
    assert ranking in got


def test_one_of_the_biggest_is_no_first_rank():
    import persian_trade_news as ptn

    assert ptn.extract("این شرکت از بزرگترین تولیدکنندگان فولاد کشور است.").rankings == []


@pytest.mark.parametrize("text, found", [
    # the measure noun beyond the near window, in the same clause
    ("ظرفیت تولید کلاف نورد گرم در این شرکت از ۷۵۰ هزار به یک میلیون و ۶۰۰ هزار تن افزایش می‌یابد.",
     [("capacity", 1.6e6, "کلاف فولادی")]),
    # a clause of consequence continues the clause before it
    ("تولید نخ اکریلیک در کشور رشد داشت، به طوری که از ۲ هزار تن به ۷۰ هزار تن رسید.",
     [("production", 2000, None), ("production", 70000, None)]),
    ("ظرفیت تولید آبزیان در استان به ۸۵۰۰ تن می‌رسد.", [("capacity", 8500, "آبزیان")]),
    # a head count does not take a far measure noun
    ("ظرفیت رشته‌های پزشکی این دانشگاه در سال‌های اخیر از ۲۷ هزار نفر به کمتر از ۱۰ هزار نفر کاهش یافت.", []),
])
def test_measure_nouns_further_back_in_the_clause(text, found):
    import persian_trade_news as ptn

    got = [(c.measure, c.value, c.item) for c in ptn.extract(text).capacities]
    assert got == found


def test_canned_tuna_is_no_fresh_fish():
    import persian_trade_news as ptn

    assert [p.name for p in ptn.extract("صادرات تن ماهی به عراق افزایش یافت.").products] == ["کنسرو ماهی"]


@pytest.mark.parametrize("text, found", [
    ("این نیروگاه ۲۵ مگاوات برق مورد نیاز نواحی صنعتی را تامین می‌کند.", [("capacity", 25)]),  # power: a capacity
    ("نصب سه دستگاه الکتروپمپ ۱۱ کیلوواتی در ایستگاه پمپاژ انجام شد.", []),  # a rating in a name
    ("کشتار روزانه مرغ در استان ۱۲۰ تن است.", [("production", 120)]),
])
def test_power_and_slaughter_figures(text, found):
    import persian_trade_news as ptn

    assert [(c.measure, c.value) for c in ptn.extract(text).capacities] == found


def test_a_trade_that_did_not_happen_is_no_flow():
    import persian_trade_news as ptn

    assert ptn.extract("سه ماه نخست سال بهترین زمان صادرات بود اما یک کیلو مرغ هم نتوانستیم صادر کنیم.").trade_flows == []
    assert len(ptn.extract("امسال ۲۰ هزار تن مرغ از استان به عراق صادر شد.").trade_flows) == 1


def test_a_list_of_destinations_is_no_subject():
    import persian_trade_news as ptn

    text = "مدیر فرودگاه اراک از برنامه‌ریزی پرواز به مقصد مکه مکرمه و کربلای معلی خبر داد و ۵۰ میلیارد تومان اعتبار برای این کار هزینه شد."
    assert all(c.subject is None or c.subject.name != "کربلا" for c in ptn.extract(text).capacities)


@pytest.mark.parametrize("text, found", [
    ("خراسان رضوی یکی از استان‌های پیشتاز کشور در تولید زعفران است.", [("خراسان رضوی", None, "top")]),
    ("همدان جزو استان‌های برتر کشور در صادرات است.", [("همدان", None, "top")]),
    ("ایده‌های برتر استان به بخش خصوصی معرفی می‌شود.", []),  # no peers ranked
])
def test_one_of_the_leading_provinces_is_a_top_ranking(text, found):
    import persian_trade_news as ptn

    got = [(r.subject.name if r.subject else None, r.rank, r.label) for r in ptn.extract(text).rankings]
    assert got == found


def test_our_company_is_the_company_named_before():
    import persian_trade_news as ptn

    caps = ptn.extract("مدیرعامل شرکت فولاد خوزستان گفت: شرکت ما امسال ۳ میلیون تن فولاد تولید کرد.").capacities
    assert [(c.value, c.subject.name) for c in caps] == [(3e6, "شرکت فولاد خوزستان")]


@pytest.mark.parametrize("text, found", [
    ("این بیمارستان آموزشی ۳۲۰ تخت ظرفیت دارد.", [("capacity", 320, "count")]),  # beds
    ("با ساخت این بیمارستان ۳۲۰ نیروی انسانی جذب می‌شوند.", [("employment", 320, "person")]),
])
def test_beds_and_staff_taken_on(text, found):
    import persian_trade_news as ptn

    assert [(c.measure, c.value, c.unit) for c in ptn.extract(text).capacities] == found


def test_a_figure_for_the_country_names_its_subject_after_it():
    import persian_trade_news as ptn

    caps = ptn.extract("استان مرکزی میزبان نشست بود.\nپیش‌بینی اختصاص ۱۵۰۰ میلیارد تومان اعتبار به عمران روستایی کشور.").capacities
    assert [(c.value, c.subject.name) for c in caps] == [(1.5e12, "ایران")]


def test_one_value_told_in_two_currencies_is_one_flow():
    import persian_trade_news as ptn

    flows = ptn.extract("مدیرکل گمرک ارزش ارزی کالاهای صادره را ۴۷ میلیون دلار اعلام کرد و افزود: ارزش ریالی "
                        "صادرات گمرک ۴۴۰ میلیارد ریال بوده است.").trade_flows
    assert [(f.value.amount, f.value.currency) for f in flows] == [(47e6, "USD")]
