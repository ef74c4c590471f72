"""Products and sectors named in an article (issue 17): a vehicle carrying goods, an office's
name and «خط لوله» name no good; a product word alone names no sector; a compound surname's
tail is no surname of its own."""
from __future__ import annotations

import pytest

import persian_trade_news as ptn


def products(text: str) -> set[str]:
    return {p.name for p in ptn.extract(text).products}


def sectors(text: str) -> set[str]:
    return {s.sector for s in ptn.extract(text).sectors}


@pytest.mark.parametrize("text, absent", [
    ("تردد کامیون‌ها در مرز مهران افزایش یافت.", "کامیون"),  # vehicles carrying goods
    ("پهلوگیری کشتی‌ها در بندر انزلی بیشتر شد.", "کشتی"),
    ("وزیر نفت در این نشست سخنرانی کرد.", "نفت خام"),  # an office
    ("ساخت خط لوله انتقال گاز به پاکستان ادامه دارد.", "لوله فولادی"),  # a pipeline
])
def test_no_product(text, absent):
    assert absent not in products(text)


@pytest.mark.parametrize("text, present", [
    ("صادرات کامیون به عراق دو برابر شد.", "کامیون"),  # vehicles traded
    ("تولید فولاد در این واحد ۲ میلیون تن است.", "فولاد"),
    ("صادرات زعفران و پسته افزایش یافت.", "زعفران"),
])
def test_product(text, present):
    assert present in products(text)


def test_a_product_word_alone_names_no_sector_but_its_industry_does():
    assert "metals" not in sectors("تعرفه واردات فولاد غیر ممزوج کاهش یافت.")
    assert "metals" in sectors("صنعت فولاد استان رشد کرد.")
    assert "building_materials" not in sectors("صادرات سیمان به عراق ادامه دارد.")
    assert "building_materials" in sectors("در حوزه سیمان و کاشی سرمایه‌گذاری شد.")


def test_a_surname_with_a_separate_tail_is_both_its_words():
    a = ptn.extract("مصطفی مؤذن زاده اظهار داشت: قرار بود تولید زیاد شود. مؤذن زاده افزود: هدف محقق نشد. "
                    "زاده نیز آمد.")
    assert [p.name for p in a.people] == ["مصطفی مؤذن زاده"]
    persons = [e.text for e in a.entities if e.label == "PERSON"]
    assert persons == ["مصطفی مؤذن زاده", "مؤذن زاده"]


@pytest.mark.parametrize("text, sector", [
    ("گسترش همکاری‌های تجاری دو کشور در دستور کار است.", "trade"),
    ("همکاری در حوزه اقتصاد، تجارت، فرهنگ و گردشگری ادامه می‌یابد.", "trade"),
    ("توسعه پایدار کشاورزی در استان پیگیری می‌شود.", "agriculture"),
    ("همکاری در حوزه\u00ad\u200cهای زیرساخت گسترش می‌یابد.", "construction"),  # a soft hyphen in the text
])
def test_sectors_in_a_sector_context(text, sector):
    assert sector in sectors(text)


@pytest.mark.parametrize("text", ["معافیت از مالیات تمدید شد.", "حملات به کاروان ادامه دارد."])
def test_a_word_that_ends_like_a_plural_is_no_sector(text):
    assert sectors(text) == set()


@pytest.mark.parametrize("text, absent", [
    ("سهام شرکت ملی گاز در بورس عرضه شد.", "گاز طبیعی"),     # inside an organisation's name
    ("نمایندگان ذوب آهن اصفهان در نشست حاضر بودند.", "آهن‌آلات"),
    ("کالاها با کشتی به بندر رسید.", "کشتی"),                # the vessel carries the goods
    ("بسته شدن مرز باعث معطلی کامیون‌های تجاری شد.", "کامیون"),  # trucks waiting at a border
    ("نظارت بر ترانزیت خودروهای حامل دام ادامه دارد.", "خودرو"),
    ("صادرات از طریق خطوط لوله انجام می‌شود.", "لوله فولادی"),
    ("جشن در کابل برگزار شد.", "کابل"),                        # Kabul
    ("امسال ۳ هزار تن ماهی تولید شد.", "ماهی تن"),            # «تن» is the quantity's unit
    ("پروژه راه آهن خواف-هرات پیشرفت کرد.", "آهن‌آلات"),       # idioms: a railway, a team, a medal
    ("تیم ذوب آهن در این بازی دو گل زد.", "آهن‌آلات"),
    ("این ورزشکار مدال طلا گرفت.", "طلا"),
    ("وی در گفت‌وگو با تلویزیون دولتی گفت که مذاکرات ادامه دارد.", "تلویزیون"),  # a broadcaster
    ("او در ۲۴ بازی با لباس رئال‌مادرید گل زد.", "پوشاک"),
])
def test_words_that_name_no_good_here(text, absent):
    assert absent not in products(text)


@pytest.mark.parametrize("text, present", [
    ("قیمت طلا و سکه امروز کاهش یافت.", "طلا"),
    ("صادرات تلویزیون و یخچال افزایش یافت.", "تلویزیون"),
])
def test_everyday_goods_are_goods_when_traded(text, present):
    assert present in products(text)


@pytest.mark.parametrize("text, absent", [
    ("شرایط آب و هوایی منطقه برای کشت مناسب است.", {"water", "transport_logistics"}),  # the climate
    ("حملات هوایی به این شهر ادامه دارد.", {"transport_logistics"}),
    ("ارسال محموله‌ها با کشتی و بیمه انجام شد.", {"agriculture"}),  # کشتی (a ship) is no کشت + ی
])
def test_words_inside_other_words_or_idioms_name_no_sector(text, absent):
    assert not sectors(text) & absent


def test_a_plural_of_a_product_still_names_its_sector():
    assert "automotive" in sectors("در صنعت خودروها تحول ایجاد شد.")


def test_a_directional_mark_written_for_a_zwnj_joins_the_word():
    # U+200E where a ZWNJ belongs: «ادویه‎ای» is one word, no «ادویه» product
    assert "ادویه" not in products("تولید فلفل ادویه\u200eای در استان افزایش یافت.")


@pytest.mark.parametrize("text, absent", [
    ("ماشین آلات این کارخانه از خارج وارد می‌شود.", "machinery"),  # a plant's equipment
    ("وزیر از دستاوردهای دانش‌بنیان این دانشگاه بازدید کرد.", "ict"),
])
def test_generic_words_name_a_sector_only_in_a_sector_context(text, absent):
    assert absent not in sectors(text)


def test_a_generic_word_in_a_sector_context_names_its_sector():
    assert "machinery" in sectors("همکاری در بخش ماشین‌آلات گسترش می‌یابد.")
