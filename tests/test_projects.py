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
