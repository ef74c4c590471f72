"""Events as frames (issue 18): triggers as data (rules/data/frames/), one argument resolver for
every event type, visits from the phrasings real articles use, the status from the verb."""
from __future__ import annotations

import pytest

import persian_trade_news as ptn
from persian_trade_news.errors import RuleError
from persian_trade_news.rules.frames import builtin_frames, load_frames_text


def meetings(text: str) -> list[list[str]]:
    a = ptn.extract(text)
    for m in a.meetings:
        assert a.text[m.evidence.start:m.evidence.end] == m.evidence.text
    return [[p.name for p in m.participants] for m in a.meetings]


def visits(text: str) -> list[tuple[str, str, str | None]]:
    return [(v.visitor.name, v.destination.name, v.status) for v in ptn.extract(text).visits]


@pytest.mark.parametrize("text, sides", [
    ("استاندار کرمان در دیدار با سفیر چین گفت: همکاری‌ها گسترش می‌یابد.", ["استاندار کرمان", "سفیر چین"]),
    ("سفیر هند با استاندار خوزستان دیدار و گفتگو کرد.", ["سفیر هند", "استاندار خوزستان"]),
    ("دیدار رئیس اتاق بازرگانی تبریز با هیات تجاری ترکیه", ["رئیس اتاق بازرگانی تبریز", "هیات تجاری ترکیه"]),
    # coordinated subjects, a title after «و» starting a second side
    ("وزیر نیرو و همتای عراقی خود در بغداد دیدار کردند.", ["وزیر نیرو", "همتای عراقی"]),
    ("کارلوس گومز سفیر اسپانیا و مدیرکل صمت استان در نشستی مشترک گفت‌وگو کردند.",
     ["کارلوس گومز", "مدیرکل صمت استان"]),
    # the sides after «با حضور»
    ("در این جلسه که با حضور معاون وزیر صمت و مدیرکل گمرک استان برگزار شد، راهکارها بررسی شد.",
     ["معاون وزیر صمت", "مدیرکل گمرک استان"]),
    ("نشست مشترک فعالان اقتصادی ایران و روسیه در مسکو برگزار شد.", ["ایران", "روسیه"]),
    # a foreign surname known only from its place as a side
    ("وزیر امور خارجه کشورمان امروز با لاوروف دیدار و گفتگو کرد.", ["وزیر امور خارجه کشورمان", "لاوروف"]),
])
def test_meetings_from_the_frame(text, sides):
    assert sides in meetings(text)


@pytest.mark.parametrize("text", [
    "در نشست خبری امروز سخنگوی دولت گفت: جلسه خوب بود.",  # a press conference
    "تیم ملی در دیدار نهایی به میزبان باخت.",  # a match
    "صادق نجفی در همایش تجارت و سرمایه‌گذاری در تبریز گفت: صادرات بیشتر شد.",  # one named side
])
def test_no_meeting_without_two_sides(text):
    assert meetings(text) == []


@pytest.mark.parametrize("text, visit", [
    ("«مائورو وییرا» وزیر خارجه برزیل که به تهران سفر کرده، امروز با ظریف دیدار کرد.",
     ("مائورو وییرا", "تهران", "ongoing")),  # «سفر کرده»: the visitor is there now
    ("قرار است وزیر کار برزیل در ماه‌های آینده به ایران سفر کند.", ("وزیر کار برزیل", "ایران", "planned")),
    ("وزیر نفت دیروز به بغداد سفر کرد.", ("وزیر نفت", "بغداد", "completed")),
    ("هیئتی تجاری از عمان برای بررسی فرصت‌های سرمایه‌گذاری به بوشهر آمد.",
     ("هیئتی تجاری از عمان", "بوشهر", "completed")),
])
def test_visits_with_the_destination_before_the_verb(text, visit):
    assert visit in visits(text)


def test_a_thing_that_arrives_is_no_visit():
    assert visits("این محموله به عراق رسید.") == []


def test_the_builtin_frames_load_with_their_triggers():
    frames = {f.name: f for f in builtin_frames()}
    meeting = frames["meeting.frame"]
    assert meeting.record == "meetings" and meeting.min_sides == 2
    assert ("کمیسیون", "مشترک") in {t.keys for t in meeting.triggers}
    assert {t.cameo for t in meeting.triggers} == {"036", "040"}


@pytest.mark.parametrize("text, message, line", [
    ("frames:\n  - name: x\n    record: meetings\n    triggers: []\n", "needs triggers", 2),
    ("frames:\n  - name: x\n    record: nope\n    triggers: [{words: [دیدار]}]\n", "'record' must be one of", 2),
    ("frames:\n  - name: x\n    record: meetings\n    slots: [subject, whom]\n    triggers: [{words: [دیدار]}]\n",
     "unknown slot", 2),
    ("frames:\n  - name: x\n    record: meetings\n    colour: red\n    triggers: [{words: [دیدار]}]\n",
     "unknown key", 2),
    ("frames:\n  - name: x\n    record: meetings\n    triggers:\n      - {words: [دیدار], when: now}\n",
     "a trigger is", 5),
    ("frames: [\n", "invalid YAML", None),
])
def test_malformed_frame_files_are_rule_errors_with_their_line(text, message, line):
    with pytest.raises(RuleError) as err:
        load_frames_text(text, source="bad.yaml")
    assert message in str(err.value)
    if line is not None:
        assert err.value.line == line


@pytest.mark.parametrize("text, kind", [
    ("تفاهم نامه افتتاح پارک فناوری میان استانداری یزد و دانشگاه یزد منعقد شد.", "mou"),  # two words
    ("سند همکاری میان ایران و ارمنستان امضا شد.", "mou"),
    ("ایران و پاکستان در سال ۱۹۹۵ توافقی برای ساخت این خط لوله به امضا رساندند.", "agreement"),
    ("وزیر خارجه برزیل توافق وین را به ایران تبریک گفت.", "agreement"),
])
def test_agreements_in_their_other_spellings(text, kind):
    assert kind in [g.kind for g in ptn.extract(text).agreements]


def test_an_agreement_to_explore_is_no_agreement():
    assert ptn.extract("ما امروز توافق کردیم که فرصت‌ها را بررسی کنیم.").agreements == []
