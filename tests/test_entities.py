"""Places and organisations read from their context (issue 17): every item of a list of
provinces is a province; foreign provinces and cities from their own gazetteer, the ambiguous
ones only with their country in the sentence; an organisation's name ends before a verb or an
adverb; the medium a report is quoted from is an organisation."""
from __future__ import annotations

import pytest

import persian_trade_news as ptn
from persian_trade_news.text.normalize import is_light_verb_form, is_verb_form, match_key


def places(text: str) -> list[tuple[str, str, str | None]]:
    a = ptn.extract(text)
    return [(e.label, e.text, e.id) for e in a.entities if e.label in ("COUNTRY", "PROVINCE", "CITY")]


def orgs(text: str) -> list[str]:
    return [e.text for e in ptn.extract(text).entities if e.label == "ORG"]


def test_every_item_of_a_list_of_provinces_is_a_province():
    got = places("بارش باران در استان‌های تهران، زنجان، قزوین و قم ادامه دارد.")
    assert got == [("PROVINCE", "تهران", "IR-23"), ("PROVINCE", "زنجان", "IR-19"),
                   ("PROVINCE", "قزوین", "IR-26"), ("PROVINCE", "قم", "IR-25")]
    # a city that is no province name ends nothing: it stays a city
    assert places("استان تهران و کرج")[1] == ("CITY", "کرج", None)
    # without «استان» a province's capital is the city
    assert places("در تهران و زنجان باران آمد.") == [("CITY", "تهران", None), ("CITY", "زنجان", None)]


def test_foreign_provinces_and_cities():
    got = places("صادرات از مرز مهران به استان واسط عراق و شهر کوت افزایش یافت.")
    assert ("PROVINCE", "واسط", "IQ-WA") in got and ("CITY", "کوت", None) in got
    assert ("CITY", "قونیه", None) in places("هیاتی از قونیه ترکیه به تبریز آمد.")


def test_an_ambiguous_foreign_place_needs_its_country_in_its_sentence():
    # اردو is Turkey's Ordu and a camp; سند is Pakistan's Sindh and a document
    assert places("سند همکاری در اردو امضا شد.") == []
    assert ("PROVINCE", "سند", "PK-SD") in places("سیل در سند پاکستان خسارت زد.")
    assert places("ترکیه همسایه ماست. این سند در اردو امضا شد.") == [("COUNTRY", "ترکیه", "TR")]


@pytest.mark.parametrize("word, verb", [
    ("ندارد", True), ("بدهد", True), ("می‌شد", True), ("نشد", True), ("هستیم", True), ("گرفتیم", True),
    ("کنیم", True), ("است", True),
    # nouns, ordinals and bare past stems that look like verbs
    ("مردم", False), ("گندم", False), ("دوم", False), ("هشتم", False), ("ستاد", False), ("تولید", False),
    ("خرید", False), ("ساخت", False), ("روند", False), ("شرکت", False), ("درآمد", False),
])
def test_verb_forms(word, verb):
    assert is_verb_form(match_key(word)) is verb


def test_light_verb_forms():
    assert is_light_verb_form(match_key("گرفتیم")) and is_light_verb_form(match_key("می‌شود"))
    assert not is_light_verb_form(match_key("می‌خوانم"))


@pytest.mark.parametrize("text, name", [
    ("شرکت توسعه دانه‌های روغنی نمی‌تواند کشت را گسترش دهد.", "شرکت توسعه دانه‌های روغنی"),
    ("ما از شورای عالی اشتغال مجوز گرفتیم.", "شورای عالی اشتغال"),  # مجوز belongs to the verb
    ("شرکت احیای فولاد سپاهان هستیم و تولید می‌کنیم.", "شرکت احیای فولاد سپاهان"),
    ("سازمان محیط‌زیست تقریباً همراه ماست.", "سازمان محیط‌زیست"),  # an adverb ends a name
])
def test_an_organisations_name_ends_before_a_verb_or_an_adverb(text, name):
    assert name in orgs(text)


def test_the_medium_a_report_is_quoted_from():
    text = "به گزارش گروه اقتصاد بین‌الملل فارس به نقل از پاکستان تودی، معاون وزیر نفت گفت: کار ادامه دارد."
    a = ptn.extract(text)
    assert a.agency == "خبرگزاری فارس"
    got = orgs(text)
    assert "فارس" in got and "پاکستان تودی" in got
    assert not [e for e in a.entities if e.label == "PROVINCE"]  # فارس here is the agency
    assert orgs("به نقل از منابع آگاه، قیمت بالا رفت.") == []
    assert orgs("به نقل از وی، قیمت بالا رفت.") == []


def test_organisations_named_without_a_head_word():
    a = ptn.extract("ذوب‌آهن اصفهان و ایران‌خودرو قرارداد بستند و اوپک تولید را کاهش داد.")
    got = {e.text: e.name for e in a.entities if e.label == "ORG"}
    assert {"ذوب‌آهن اصفهان", "ایران‌خودرو", "اوپک"} <= set(got)
    # an ambiguous short form only with a title or a body's word before it
    assert "مجلس" in orgs("نماینده مجلس گفت: بودجه اصلاح شد.")
    assert "مجلس" not in orgs("مجلس ختم در مسجد برگزار شد.")
    assert orgs("دولت برنامه جدیدی دارد.") == []  # the government itself is no organisation record


@pytest.mark.parametrize("text, name", [
    # a measure noun, an ordinal, a superlative, «و غیره» or a preverb verb ends the name
    ("طبق آمار وزارت نیرو میزان مصرف برق بالا رفت.", "وزارت نیرو"),
    ("مدیرکل وزارت راه سومین برنامه را تشریح کرد.", "وزارت راه"),
    ("سهام شرکت پارس بیشترین رشد را داشت.", "شرکت پارس"),
    ("هزینه‌ها را نهادهایی مانند شرکت آب، برق و غیره تامین می‌کنند.", "شرکت آب"),
    ("این اقدامات را وزارت کشور برشمرد.", "وزارت کشور"),
    # a name the organisation lexicon knows is not carried on into the sentence
    ("طبق بخشنامه بانک مرکزی ارز صادرکنندگان باید بازگردد.", "بانک مرکزی"),
    # a national body's name may end in «کشور»
    ("قرارداد با سازمان امور مالیاتی کشور امضا شد.", "سازمان امور مالیاتی کشور"),
])
def test_an_organisations_name_ends_where_the_sentence_goes_on(text, name):
    assert orgs(text) == [name]


@pytest.mark.parametrize("text", [
    "تولید فولاد خام در کشور افزایش یافت.",       # a weak head and an adjective: the good
    "بیمه محموله‌های صادراتی گران شد.",             # a common noun and its complement
    "رایزنی وزرای خارجه دو کشور ادامه دارد.",       # رایزنی: consultation, no counsellor's office
])
def test_a_head_word_in_its_common_sense_names_no_organisation(text):
    assert orgs(text) == []


@pytest.mark.parametrize("text, label", [
    ("مدیرکل گمرک زنجان گفت: صادرات بیشتر شد.", "PROVINCE"),
    ("رئیس سازمان صنعت، معدن و تجارت همدان گفت: تولید بیشتر شد.", "PROVINCE"),
    ("شهردار زنجان گفت: پروژه تمام شد.", "CITY"),
    ("فرماندار همدان گفت: پروژه تمام شد.", "CITY"),
    ("مدیرکل گمرک در زنجان گفت: صادرات بیشتر شد.", "CITY"),  # «در»: where he spoke
])
def test_a_capital_that_ends_a_provincial_offices_name_is_the_province(text, label):
    got = [lab for lab, _, _ in places(text)]
    assert got == [label]


@pytest.mark.parametrize("text, found", [
    ("شرایط این قرارداد از گرفتن چک معتبرتر است.", False),  # a cheque
    ("صادرات به کشور چک افزایش یافت.", True),
    ("ایران و چک تفاهم‌نامه همکاری امضا کردند.", True),  # beside another country
])
def test_a_country_that_is_also_a_word_needs_context(text, found):
    countries = [e.text for e in ptn.extract(text).entities if e.label == "COUNTRY"]
    assert ("چک" in countries) is found


@pytest.mark.parametrize("text, org", [
    ("به گزارش رویترز، حزب وحدت مسلمین پاکستان از نتایج انتخابات انتقاد کرد.", "حزب وحدت مسلمین پاکستان"),
    ("به گزارش رویترز، حزب وحدت مسلمین پاکستان از نتایج انتخابات انتقاد کرد.", "رویترز"),
    ("پارلمان بحرین این طرح را تصویب کرد.", "پارلمان بحرین"),
    ("نیروی دریایی آمریکا در خلیج فارس رزمایش برگزار کرد.", "نیروی دریایی آمریکا"),
    ("به نوشته بی‌بی‌سی، قوه مقننه عراق جلسه‌ای تشکیل داد.", "قوه مقننه عراق"),
])
def test_parties_parliaments_forces_and_foreign_media_are_organisations(text, org):
    assert org in orgs(text)


@pytest.mark.parametrize("text", [
    "دومین کارخانه شیر صفاشهر افتتاح شد.",  # an ordinal describes a plant, it does not name one
    "بزرگ‌ترین کارخانه کاغذسازی جنوب کشور تعطیل شد.",
    "یک روزنامه آمریکایی نوشت که مذاکرات ادامه دارد.",  # a demonym only
    "شرکت سایر احزاب در انتخابات مهم است.",
    "این موضوع در کمیسیون سه‌جانبه مطرح شد.",  # a kind of commission
    "معاون نمایندگی کشورمان گفت که نشست ادامه دارد.",  # «our country's mission»
])
def test_a_description_with_an_organisation_head_is_no_name(text):
    assert orgs(text) == []


def test_a_glued_name_prefix_starts_a_name_mid_sentence():
    a = ptn.extract("کتاب خاطرات سیدعبدالکریم میرصنایی منتشر شد.")
    assert [e.text for e in a.entities if e.label == "PERSON"] == ["سیدعبدالکریم میرصنایی"]


def test_a_head_joined_with_a_zwnj_heads_a_name():
    assert "اداره‌کل منابع طبیعی گلستان" in orgs("به گزارش روابط عمومی اداره‌کل منابع طبیعی گلستان، کاشت آغاز شد.")
    # a time adverb after the name ends it
    assert "اداره‌کل راهداری استان" not in orgs("وی که سرپرست اداره‌کل راهداری استان پیش از این معاون بود گفت.")
    assert not any(o.endswith("پیش") for o in orgs("وی که سرپرست اداره‌کل راهداری استان پیش از این معاون بود گفت."))


def test_the_agency_reported_from_in_the_body_is_no_province():
    text = ("قیمت مرغ در بازار تهران افزایش یافت.\nوی در گفت‌وگو با خبرنگار خبرگزاری فارس اظهار داشت: خودروهای وارداتی تا پایان ماه به مشتریان تحویل داده شود. "
            "این خودروها در گمرک مانده‌اند. به گزارش فارس با توجه به کمبود نهاده، قیمت بالا رفت.")
    # (the bare form folds into «خبرگزاری فارس», written before it)
    assert [e.label for e in ptn.extract(text).entities if e.text == "فارس"] in ([], ["ORG"])


@pytest.mark.parametrize("text, absent", [
    ("ساخت پل دوم روی رودخانه هیرمند آغاز شد.", "هیرمند"),  # a river named like a county
    ("خروجی رود کارون در سال گذشته کاهش یافت.", "کارون"),
    ("هواپیما در کوه‌های البرز دچار سانحه شد.", "البرز"),
])
def test_a_river_or_a_mountain_is_no_town(text, absent):
    assert absent not in [e.text for e in ptn.extract(text).entities if e.label in ("CITY", "PROVINCE")]


def test_the_plain_of_a_town_keeps_the_town():
    assert "ورامین" in [e.text for e in ptn.extract("باید از فرونشست دشت ورامین جلوگیری کنیم.").entities
                        if e.label == "CITY"]


@pytest.mark.parametrize("text, org", [
    ("به گزارش تلویزیون شبکه اول تاجیکستان، این دیدار مهم بود.", "تلویزیون شبکه اول تاجیکستان"),
    ("رادیو صدای آمریکا این خبر را منتشر کرد.", "رادیو صدای آمریکا"),
])
def test_a_broadcaster_named_by_its_country(text, org):
    assert org in orgs(text)


def test_a_television_without_a_place_names_no_broadcaster():
    assert orgs("این برنامه از تلویزیون نمایش داده شد.") == []


@pytest.mark.parametrize("text, absent", [
    ("موضوع مجمع نمایندگان استان و اختلاف و دعوای آنها بود.", "مجمع نمایندگان استان و اختلاف و دعوای آنها"),
    ("رئیس سازمان امور مالیاتی کشور و سید فرید موسوی عضو کمیسیون اقتصادی مجلس گفتند.",
     "سازمان امور مالیاتی کشور و سید فرید موسوی"),
])
def test_a_name_closed_by_a_generic_tail_does_not_go_on_after_and(text, absent):
    assert absent not in orgs(text)


def test_a_second_body_after_a_generic_tail_is_its_own_name():
    assert "شهرداری قزوین" in orgs("بنیاد شهید و امور ایثارگران استان و شهرداری قزوین همکاری کردند.")


@pytest.mark.parametrize("word, stem", [("داشته‌ام", "داشت"), ("کرده‌ایم", "کرد"), ("شده‌اند", "شد"),
                                        ("نامه‌ام", None), ("ام", None), ("هام", None)])
def test_the_present_perfect_is_a_verb_form(word, stem):
    from persian_trade_news.text.normalize import verb_stem
    assert verb_stem(match_key(word)) == stem


@pytest.mark.parametrize("text, absent", [
    ("معاون وزیر دفاع رفته‌ایم و کار کرده‌ایم.", "معاون وزیر دفاع رفته‌ایم"),  # a name ends at the verb
    ("شبکه آب روستا بازسازی شد.", "شبکه آب روستا"),  # a network of pipes, no broadcaster
    ("شبکه تلفن همراه در این منطقه قطع شد.", "شبکه تلفن همراه"),
])
def test_names_end_at_perfect_verbs_and_networks_are_no_broadcasters(text, absent):
    assert absent not in [e.text for e in ptn.extract(text).entities if e.label in ("ORG", "ROLE")]


@pytest.mark.parametrize("text", ["پویا تاثیرگذارترین عامل رشد است.", "کریم جدیدترین کتاب را خرید."])
def test_a_superlative_after_a_given_name_is_no_surname(text):
    assert [e.text for e in ptn.extract(text).entities if e.label == "PERSON"] == []


def test_a_reporter_of_a_desk_of_the_agency_is_no_province():
    text = "قیمت‌ها در بازار افزایش یافت.\nمدیرکل بهزیستی در گفت‌وگو با خبرنگار اجتماعی فارس گفت: کمک‌ها ادامه دارد."
    assert [(e.text, e.label) for e in ptn.extract(text).entities if e.text == "فارس"] == [("فارس", "ORG")]


@pytest.mark.parametrize("text, role", [
    ("وی از مدیرکل دفتر صادرات گمرک خواسته تا کار را پیگیری کند.", "مدیرکل دفتر صادرات گمرک"),  # a participle ends it
    ("رئیس جمهور شکست خورده آمریکا سخنرانی کرد.", "رئیس جمهور"),  # a light verb's participle takes its noun
    ("معاون مطبوعاتی دولت گذشته گفت که کار ادامه دارد.", "معاون مطبوعاتی دولت گذشته"),  # «گذشته»: previous
])
def test_a_past_participle_ends_a_title(text, role):
    assert role in [e.text for e in ptn.extract(text).entities if e.label == "ROLE"]


def test_a_participle_that_names_a_thing_stays_in_the_name():
    assert "شرکت نورد پیوسته اهواز" in orgs("شرکت نورد پیوسته اهواز افتتاح شد.")


def test_a_border_crossing_names_its_town():
    ents = [(e.text, e.label) for e in ptn.extract("بسته شدن مرز مهران باعث معطلی کامیون‌ها شد.").entities]
    assert ("مرز مهران", "LOCATION") in ents and ("مهران", "CITY") in ents
