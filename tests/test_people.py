"""Names recognised from their context, not only from the given-name list (issue 17): a name
before or after a title with or without a comma or quotes, a name prefix joined to the given
name, a compound surname, a surname that is also a small town's name; and the words that look
like names but are not (a given name that is an everyday word before a common noun, the plural
of a known word, a verb)."""
from __future__ import annotations

import pytest

import persian_trade_news as ptn


def people(text: str) -> dict[str, list[str]]:
    a = ptn.extract(text)
    for e in a.entities:
        assert a.text[e.start:e.end] == e.text
    return {p.name: p.roles for p in a.people}


@pytest.mark.parametrize("text, name, role", [
    # a foreign name no list holds, right before a title (no comma)
    ("وزیر کشاورزی در دیدار با لیندال ساکس سفیر استرالیا در ایران گفت: همکاری گسترش می‌یابد.",
     "لیندال ساکس", "سفیر استرالیا در ایران"),
    ("کارلوس گومز سفیر اسپانیا با استاندار دیدار کرد.", "کارلوس گومز", "سفیر اسپانیا"),
    # a quoted name before a title, and after one
    ("«مائورو وییرا» وزیر خارجه برزیل وارد تهران شد.", "مائورو وییرا", "وزیر خارجه برزیل"),
    ("وزیر خارجه برزیل «مائورو وییرا» وارد تهران شد.", "مائورو وییرا", "وزیر خارجه برزیل"),
    ('دکتر "گوستاو کوبریرو"، رئیس دانشگاه هاوانا، در این دیدار گفت: روابط خوب است.',
     "گوستاو کوبریرو", "رئیس دانشگاه هاوانا"),
    # apposition with a title no organisation follows
    ("داریاووش عزیزیان، کشیش کلیسای شرق آشور ارومیه در مراسم حضور داشت.",
     "داریاووش عزیزیان", "کشیش کلیسای شرق آشور ارومیه"),
    # a surname that is also a town's name (چگنی), after a given name
    ('در دیدار با "علی چگنی" سفیر جمهوری اسلامی ایران در کوبا گفت: خوب است.',
     "علی چگنی", "سفیر جمهوری اسلامی ایران در کوبا"),
])
def test_a_name_next_to_a_title(text, name, role):
    found = people(text)
    assert name in found, found
    assert role in found[name]


@pytest.mark.parametrize("text, name", [
    ("حجت‌الاسلام والمسلمین سیدمحمدباقر عبادی در جلسه اظهار کرد: سود بانکی باید کاهش یابد.",
     "سیدمحمدباقر عبادی"),  # سید joined to the given name; the honorific dropped
    ("فرهاد منتصر کوهساری امروز در گفت‌وگو با خبرنگاران افزود: تخلیه کالا افزایش یافت.",
     "فرهاد منتصر کوهساری"),  # a compound surname
    ("مهدی عیسی زاده عضو کمیسیون اجتماعی مجلس گفت: بودجه اصلاح شد.", "مهدی عیسی زاده"),
    ("امید نادری در این نشست گفت: صادرات بیشتر شد.", "امید نادری"),
    ("آقای روحانی در این نشست گفت: تحریم‌ها اثر ندارد.", "روحانی"),
])
def test_names_with_a_prefix_a_compound_surname_or_an_honorific(text, name):
    assert name in people(text)


@pytest.mark.parametrize("text", [
    "کسری بودجه دولت امسال بیشتر شد.",  # کسری "deficit" before a common noun
    "امید انجام این کار در سال آینده هست.",
    "سامان دهی بازار مرغ ضروری است.",
    "بهاره به‌دلیل مشکلات مالی رفت.",  # a preposition joined to a noun is no surname
    "شرایط به‌گونه‌ای است که حتی ورزشکاران عضو تیم ملی هزینه‌ها را می‌پردازند.",  # a plural
    "نماینده اسلام اقداماتی می‌زنند.",  # a verb is no name
    "استاد دانشگاه تهران گفت: اقتصاد رشد می‌کند.",  # استاد before a title, no name after it
])
def test_words_that_only_look_like_names(text):
    assert people(text) == {}


def test_a_city_the_news_names_often_stays_a_city_after_a_given_name():
    a = ptn.extract("مقداد رشت را دید.")
    assert not a.people
    assert [e.text for e in a.entities if e.label == "CITY"] == ["رشت"]


def test_the_full_name_makes_its_bare_surname_a_mention():
    a = ptn.extract("«مائورو وییرا» وزیر خارجه برزیل وارد تهران شد. وییرا گفت: روابط دو کشور خوب است.")
    assert [p.name for p in a.people] == ["مائورو وییرا"]
    assert len(a.people[0].mentions) == 2
    assert a.statements and a.statements[0].speaker == "مائورو وییرا"


def test_a_lead_title_and_a_later_name_are_one_speaker():
    a = ptn.extract("معاون هماهنگی امور اقتصادی استانداری اردبیل گفت: خروج مرغ ممنوع شد.\n"
                    "قیمت مرغ بالا رفت.\nارژنگ عزیزی در گفت‌وگو با خبرنگاران اظهار کرد: نظارت بیشتر می‌شود.")
    assert {p.name: p.roles for p in a.people} == {"ارژنگ عزیزی": ["معاون هماهنگی امور اقتصادی استانداری اردبیل"]}
    assert {s.speaker for s in a.statements} == {"ارژنگ عزیزی"}


def test_a_named_lead_and_a_title_that_speaks_next_are_one_speaker():
    a = ptn.extract("مهدی ضیغمی در گفت‌وگو با خبرنگاران اظهار داشت: پنج هزار خودرو وارد شد. "
                    "سرپرست سازمان توسعه تجارت ایران افزود: ترخیص ادامه دارد.")
    assert {s.speaker for s in a.statements} == {"مهدی ضیغمی"}


def test_a_title_that_is_the_verbs_object_is_no_speaker():
    a = ptn.extract("خبرگزاری خاور این پیشنهاد رئیس جمهور ایران را مهم عنوان کرد.")
    assert [s.speaker for s in a.statements] == []


@pytest.mark.parametrize("text, name", [
    ("عابد فتاحی نماینده مردم ارومیه اظهار داشت: طرح تصویب شد.", "عابد فتاحی"),  # a surname hazm counts as a word
    ("جمیل صادقی معاون بهداشتی دانشگاه علوم پزشکی ایلام گفت: وضعیت قرمز است.", "جمیل صادقی"),
    ("به گزارش فارس، نوروز محمداف رئیس اداره امور پستی آذربایجان گفت: همکاری ادامه دارد.", "نوروز محمداف"),
])
def test_a_first_name_the_list_lacks_before_a_surname_and_a_title(text, name):
    assert name in people(text)


def test_a_surname_that_is_a_towns_name_stays_the_person_when_it_speaks_alone():
    # «چگنی» is a county of Lorestan; once «علی چگنی» is a name, the bare word opening a sentence
    # is the person, while after «شهرستان» or «در» it is still the town
    a = ptn.extract("علی چگنی سفیر ایران در کوبا با وزیر تجارت دیدار کرد. چگنی افزود: روابط دو کشور خوب است.")
    persons = [e.text for e in a.entities if e.label == "PERSON"]
    assert persons == ["علی چگنی", "چگنی"]
    assert not [e for e in a.entities if e.label == "CITY"]
    a = ptn.extract("علی چگنی سفیر ایران در کوبا گفت: کارخانه‌ای در شهرستان چگنی ساخته می‌شود.")
    assert [e.text for e in a.entities if e.label == "CITY"] == ["چگنی"]


@pytest.mark.parametrize("text, names", [
    # a surname that is also a given name, where the name ends after it
    ("وزیر خارجه با بشار اسد دیدار کرد.", ["بشار اسد"]),
    # every two-word member of a list of names after a name
    ("حسن روحانی، کریم ماسیموف و نورسلطان نظربایف در نشست حاضر بودند.",
     ["حسن روحانی", "کریم ماسیموف", "نورسلطان نظربایف"]),
    # an X‌الدین given name, with or without the space
    ("نصیر الدین محمدی گفت: کار ادامه دارد.", ["نصیر الدین محمدی"]),
    ("نصیرالدین محمدی گفت: کار ادامه دارد.", ["نصیرالدین محمدی"]),
])
def test_names_the_given_name_list_alone_misses(text, names):
    assert list(people(text)) == names


def test_words_of_a_list_after_a_name_that_are_no_name():
    assert list(people("علی احمدی، جانباز شیمیایی و رزمنده دفاع مقدس سخن گفت.")) == ["علی احمدی"]
    assert list(people("حسن روحانی، محمود آباد و تهران را دید.")) == ["حسن روحانی"]


def test_a_plural_after_a_title_is_no_name():
    assert people("وزیر خارجه چین همکاری‌های راهبردی دو کشور را مهم دانست.") == {}


def test_a_title_that_goes_on_after_a_named_speaker_is_that_speaker():
    a = ptn.extract("رضا کریمی مدیرعامل شرکت ملی نفت در نشست خبری گفت: تولید افزایش یافت.\n"
                    "معاون وزیر نفت افزود: صادرات ادامه دارد.\n"
                    "مدیرکل گمرک نیز افزود: واردات کم شد.")
    assert [s.speaker for s in a.statements][:2] == ["رضا کریمی", "رضا کریمی"]


def test_a_headline_title_named_beside_another_name_is_not_the_first_speakers():
    text = ("استقبال قالیباف از رئیس مجلس الجزایر\n"
            "به گزارش خبرگزاری فارس، محمدباقر قالیباف امروز با ابراهیم بوغالی رئیس مجلس الجزایر که به تهران "
            "سفر کرده است، دیدار کرد.")
    roles = {p.name: p.roles for p in ptn.extract(text).people}
    assert roles["محمدباقر قالی‌باف"] == [] and roles["ابراهیم بوغالی"] == ["رئیس مجلس الجزایر"]


@pytest.mark.parametrize("text, name", [
    ("ثناالله زهری رهبر حزب ملی بلوچستان گفت: انتخابات سالم بود.", "ثناالله زهری"),  # a name on «الله»
    ("نصرالله رادش معاون وزیر گفت: کار خوب است.", "نصرالله رادش"),
    ("آیت‌الله جوادی آملی در درس تفسیر گفت: علم نافع است.", "جوادی آملی"),  # a town's nisba
    ("آیت‌الله مکارم شیرازی در درس خارج فقه گفت: این کار درست نیست.", "مکارم شیرازی"),
])
def test_names_from_their_shape(text, name):
    assert name in [e.text for e in ptn.extract(text).entities if e.label == "PERSON"]


@pytest.mark.parametrize("text", ["ان‌شاءالله کارها به موقع انجام شود.", "حزب‌الله لبنان بیانیه داد."])
def test_phrases_on_allah_are_no_names(text):
    assert [e.text for e in ptn.extract(text).entities if e.label == "PERSON"] == []


@pytest.mark.parametrize("text, name", [
    ("خدارضا امیدی مدیرکل بنادر گفت: صادرات بیشتر شد.", "خدارضا امیدی"),
    ("عبدالمجید ریاحی مدیر شرکت گفت: کار خوب است.", "عبدالمجید ریاحی"),
    ("قربانعلی سعادت معاون استاندار گفت: بودجه رسید.", "قربانعلی سعادت"),
])
def test_compound_given_names_the_list_misses(text, name):
    assert name in [e.text for e in ptn.extract(text).entities if e.label == "PERSON"]


def test_a_speaker_unknown_to_the_lexicons_before_an_occasion_and_a_reporting_verb():
    text = "به گزارش خبرگزاری فارس، مورلی دئورا در مصاحبه با روزنامه هندو افزود: این خط لوله مهم است."
    assert [p.name for p in ptn.extract(text).people] == ["مورلی دئورا"]
    # no reporting verb before the colon: no speaker
    assert ptn.extract("به گزارش خبرگزاری فارس، کارشناسان در نشست امروز بررسی شدند.").people == []


@pytest.mark.parametrize("text", ["وی گفت: مشکل صادرات برگشت ارز و پیمان سپاری است.",
                                  "سمینار اقبال شناسی در دانشگاه برگزار شد."])
def test_a_given_name_before_a_verbal_noun_is_no_person(text):
    assert [e.text for e in ptn.extract(text).entities if e.label == "PERSON"] == []


def test_a_speaker_after_the_agency_dateline_takes_the_lead_title():
    text = ("معاون طرح و توسعه ذوب‌آهن اصفهان گفت: تولید افزایش یافت.\n"
            "خبرگزاری فارس- بهرام سبحانی افزود: این طرح پنج پروژه دارد.")
    people = ptn.extract(text).people
    assert [(p.name, p.roles) for p in people] == [("بهرام سبحانی", ["معاون طرح و توسعه ذوب‌آهن اصفهان"])]


def test_the_last_member_of_a_list_of_names_is_a_name_when_its_surname_is_one():
    names = [p.name for p in ptn.extract("حسن روحانی، حامد کرزی، امامعلی رحمان و ممنون حسین با هم دیدار کردند.").people]
    assert names == ["حسن روحانی", "حامد کرزی", "امامعلی رحمان", "ممنون حسین"]
    # outside a list the everyday first word keeps it no name
    assert [p.name for p in ptn.extract("حسن روحانی و ممنون حسین دیدار کردند.").people] == ["حسن روحانی"]


@pytest.mark.parametrize("text, names", [
    ("هدایت‌اله جمالی‌پور معاون استاندار گفت: کار خوب است.", ["هدایت‌اله جمالی‌پور"]),  # «اله» for «الله»
    ("این مقاله جدید منتشر شد و رساله دکتری دفاع شد.", []),
])
def test_given_names_on_allah_spelt_ale(text, names):
    assert [p.name for p in ptn.extract(text).people] == names


def test_an_honorific_surname_keeps_its_separate_tail():
    assert [p.name for p in ptn.extract("آقای احمدی نژاد در این سفر گفت: کار خوب است.").people] == ["احمدی نژاد"]
