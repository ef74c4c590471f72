"""Projects named by what is built (issue 17): more heads (پتروشیمی, بیمارستان, راه‌آهن...), a
size inside the name (۱۰ مگاواتی), more status cues (عملیات اجرایی, به بهره‌برداری رسید, آغاز
می‌شود); a counted «۷۰۴ پروژه» is no project."""
from __future__ import annotations

import pytest

import persian_trade_news as ptn


def projects(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.status, p.place.name if p.place else None) for p in ptn.extract(text).projects]


@pytest.mark.parametrize("text, project", [
    ("با حضور وزیر نیرو، نیروگاه خورشیدی ۱۰ مگاواتی کرمان به بهره‌برداری رسید.",
     ("نیروگاه خورشیدی ۱۰ مگاواتی کرمان", "inaugurated", "کرمان")),
    ("عملیات اجرایی احداث پتروشیمی میاندوآب آغاز شد.", ("پتروشیمی میاندوآب", "under_construction", "میاندوآب")),
    ("کلنگ ساخت بیمارستان ۲۰۰ تختخوابی ایلام به زمین زده شد.",
     ("بیمارستان ۲۰۰ تختخوابی ایلام", "under_construction", "ایلام")),
    ("ساخت واحد احیای مستقیم ذوب‌آهن اصفهان امسال آغاز می‌شود.",
     ("واحد احیای مستقیم ذوب‌آهن اصفهان", "planned", "اصفهان")),
    ("مجتمع گلخانه‌ای ۲۰ هکتاری در جیرفت احداث می‌شود.", ("مجتمع گلخانه‌ای ۲۰ هکتاری", "planned", "جیرفت")),
])
def test_projects(text, project):
    assert project in projects(text)


def test_a_counted_project_is_no_project():
    assert projects("بهره‌برداری از ۷۰۴ پروژه در کردستان آغاز شد.") == []


def test_a_name_ends_at_the_next_projects_head_and_drops_a_trailing_conjunction():
    got = projects("بیمارستان سقز و نیروگاه‌های خورشیدی بانه افتتاح شد.")
    assert ("بیمارستان سقز", "inaugurated", "سقز") in got


@pytest.mark.parametrize("text, project", [
    # a «پروژه» named with what is built and where is a project with no status in the sentence
    ("پروژه راه آهن خواف-هرات از مهم‌ترین طرح‌های منطقه است.", ("پروژه راه آهن خواف-هرات", None, "خواف")),
    # status cues written with a space, and new ones
    ("بیمارستان سقز تا پایان سال به بهره برداری می‌رسد.", ("بیمارستان سقز", "under_construction", "سقز")),
    ("بیمارستان ۱۰۰ تختخوابی بانه آماده افتتاح است.", ("بیمارستان ۱۰۰ تختخوابی بانه", "planned", "بانه")),
])
def test_more_projects(text, project):
    assert project in projects(text)


@pytest.mark.parametrize("text", [
    "طرح آمریکا برای منطقه شکست خورد.",           # «طرح»: a plan
    "پروژه ایران‌هراسی ادامه دارد.",
    "پروژه ایران در منطقه شکست خورد.",            # the place right after the head: no built thing
    "پروژه های نیروگاهی ایران اجرا می‌شود.",         # a kind (plural), no status: none
])
def test_a_plan_or_a_kind_of_project_without_status_is_none(text):
    assert [p for p in projects(text) if p[1] is None] == []


def test_a_status_cue_tells_of_its_own_clause():
    got = projects("پتروشیمی کرمانشاه رکورد زد؛ اجرای طرح‌های بهینه‌سازی در دستور کار این مجموعه قرار دارد.")
    assert not any(name.startswith("پتروشیمی کرمانشاه") for name, _, _ in got)


@pytest.mark.parametrize("text", ["پروژه", "گزارش پروژه", "این پروژه\n", "کارخانه افتتاح شد و پروژه"])
def test_a_head_at_the_end_of_the_text_is_no_crash(text):
    assert projects(text) == []


def test_a_head_with_a_proper_name_and_a_status_is_a_project():
    assert ("نیروگاه CHP فولاد سبا", "inaugurated", None) in projects(
        "نخستین نیروگاه CHP فولاد سبا با حضور وزیر صنعت افتتاح شد.")
    assert projects("کارخانه جدید افتتاح شد.") == []  # no name, no product, no place


def test_the_venue_of_an_opening_is_not_what_was_opened():
    assert not any(name.startswith("کارخانه فولاد مبارکه") for name, _, _ in projects(
        "وزیر صنعت با حضور در کارخانه فولاد مبارکه طرح‌های توسعه فولادسازی را افتتاح کرد."))
    assert ("کارخانه فولاد مبارکه", "inaugurated", "مبارکه") in projects("کارخانه فولاد مبارکه افتتاح شد.")


def test_a_delayed_opening_is_still_to_come():
    assert [s for _, s, _ in projects("تعویق زمان افتتاح بیمارستان سقز مردم را نگران کرد.")] == ["planned"]


def test_the_headline_and_the_body_name_one_project():
    text = "بیمارستان مسجدسلیمان افتتاح شد\nبیمارستان ۱۶۲ تختخوابی مسجدسلیمان با حضور وزیر بهداشت افتتاح شد."
    assert len(projects(text)) == 1
