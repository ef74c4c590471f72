"""Persian numbers: digits, words, mixed forms, ordinals; checked against an independent writer."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from persian_trade_news import parse_number, parse_ordinal
from persian_trade_news.readers.numbers import find_numbers

num2words = pytest.importorskip("num2words").num2words

FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@settings(max_examples=600, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_num2words_round_trip(n):
    assert parse_number(num2words(n, lang="fa")) == n


def _mixed(n: int, persian_digits: bool, joiner: str) -> str:
    """Write n as digit groups with scale words: ۱۸ هزار و ۹۱۴ میلیارد style."""
    parts = []
    for scale, word in ((10**9, "میلیارد"), (10**6, "میلیون"), (10**3, "هزار"), (1, "")):
        g, n = divmod(n, scale)
        if g:
            d = str(g).translate(FA) if persian_digits else str(g)
            parts.append(f"{d}{joiner}{word}" if word else d)
    return " و ".join(parts) if parts else "0"


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1), st.booleans(), st.sampled_from([" ", "\u200c"]))
def test_mixed_digit_and_word_forms(n, persian_digits, joiner):
    assert parse_number(_mixed(n, persian_digits, joiner)) == n


@pytest.mark.parametrize("text, value", [
    ("42,000", 42000), ("۴۲٬۰۰۰", 42000), ("۲/۵ میلیون", 2_500_000), ("2.5 میلیون", 2_500_000), ("۱٫۵", 1.5),
    ("چهل و دو هزار", 42000), ("دو میلیون و پانصد هزار", 2_500_000), ("یک میلیارد و ۲۰۰ میلیون", 1_200_000_000),
    ("۲ هزار و ۸۰۰", 2800), ("۳۷۱ میلیون و ۶۴۸ هزار و ۱۱", 371_648_011), ("۴۲ هزار", 42000),
    ("۱۸ هزار و ۹۱۴ میلیارد", 18_914 * 10**9), ("هزار میلیارد", 10**12), ("نیم", 0.5), ("یک و نیم میلیون", 1_500_000),
    ("یک‌هزار", 1000), ("یکهزار", 1000), ("یک هزار", 1000), ("سیصدوپنجاه", 350), ("صد و بیست و پنج", 125),
    ("٤٢", 42), ("چهل و دو هزار", 42000), ("یكصد", 100), ("صفر", 0),
])
def test_examples(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "سلام", "۱۴۰۴/۰۶/۱۵", "۱۰ و ۱۵", "42,00", "و", "هزاران"])
def test_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text, value", [
    ("نخست", 1), ("اول", 1), ("یکم", 1), ("دوم", 2), ("سوم", 3), ("سومین", 3), ("بیستم", 20), ("بیست و یکم", 21),
    ("بیست و سوم", 23), ("نخستین", 1), ("دهم", 10), ("صدم", 100), ("۲۰مین", 20), ("سی‌ام", 30),
])
def test_ordinals(text, value):
    assert parse_ordinal(text) == value


def test_ordinal_rejects_words():
    assert parse_ordinal("مردم") is None and parse_ordinal("") is None


def test_find_numbers_offsets_and_boundaries():
    text = "تولید ۴۲ هزار تن و ۱۰ تا ۱۵ درصد؛ نه تنها دو میلیون و پانصد هزار نفر، بلکه ۲۰ و ۳۰."
    found = find_numbers(text)
    assert [m.value for m in found] == [42000, 10, 15, 2_500_000, 20, 30]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_find_numbers_is_linear_on_adversarial_input():
    from conftest import growth

    ratio, small, big = growth(lambda n: find_numbers("۱ و " * n), 5_000, 50_000, floor=1e-4)
    assert ratio < 30, (small, big)
