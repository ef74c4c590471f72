"""Jalali, Gregorian, Hijri and relative dates, resolved against the article date."""
from __future__ import annotations

import datetime as dt

import pytest

from persian_trade_news import find_dates

from conftest import eval_paths

AD = dt.date(2025, 10, 4)  # 12 Mehr 1404


@pytest.mark.parametrize("text, iso, calendar", [
    ("۱۵ شهریور ۱۴۰۴", "2025-09-06", "jalali"),
    ("۱۴۰۴/۰۶/۱۵", "2025-09-06", "jalali"),
    ("شهریورماه امسال", "2025-08-23/2025-09-22", "jalali"),
    ("دی ماه ۱۴۰۳", "2024-12-21/2025-01-19", "jalali"),
    ("سال ۱۴۰۳", "2024-03-20/2025-03-20", "jalali"),
    ("۱۵ مارس ۲۰۲۴", "2024-03-15", "gregorian"),
    ("2024-05-01", "2024-05-01", "gregorian"),
    ("سال ۲۰۲۴", "2024", "gregorian"),
    ("۱۰ محرم ۱۴۴۶", "2024-07-17", "hijri"),
    ("امروز", "2025-10-04", "relative"),
    ("دیروز", "2025-10-03", "relative"),
    ("هفته آینده", "2025-10-11/2025-10-17", "relative"),
    ("سال گذشته", "2024-03-20/2025-03-20", "relative"),
    ("پنج‌ماهه نخست سال جاری", "2025-03-21/2025-08-22", "relative"),
    ("۵ ماهه نخست امسال", "2025-03-21/2025-08-22", "relative"),
])
def test_examples(text, iso, calendar):
    found = find_dates(f"در {text} گزارش شد", AD)
    assert len(found) == 1, found
    d = found[0]
    assert (d.text, d.iso, d.calendar) == (text, iso, calendar)


def test_relative_without_article_date_is_unresolved():
    (d,) = find_dates("امروز", None)
    assert d.iso is None


def test_month_words_that_are_common_words_need_context():
    assert find_dates("تیر بار و مهر مادری", AD) == []


def test_offsets_on_every_real_article():
    for p in eval_paths():
        text = p.read_text(encoding="utf-8")
        for d in find_dates(text, AD):
            assert text[d.start:d.end] == d.text, (p.name, d)
