"""Readers of numbers and dates on the raw text: Persian number words and digits (``numbers``),
quantities with units, money and percentages (``quantities``), Jalali, Gregorian, Hijri and
relative dates (``dates``). They know nothing of stages or rules; the ``quantities`` and ``dates``
stages call them."""
