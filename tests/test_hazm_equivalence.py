"""The hot path's normalised forms against hazm's ``Normalizer.normalize`` (issue 8: "prove it on
the corpus"). ``benchmarks/normalize_equivalence.py`` runs the same comparison over the whole
news corpus and writes the figures; here it runs on the real articles the suite has."""
from __future__ import annotations

import collections
import sys

import pytest

from conftest import ROOT, eval_paths, needs_real_articles

sys.path.insert(0, str(ROOT / "benchmarks"))
import normalize_equivalence as eq  # noqa: E402

hazm = pytest.importorskip("hazm")

# hazm lists these ligatures in UNICODE_REPLACEMENTS as a regex ("ﻵ|ﻶ|...") but applies them with
# str.replace, so they never change; the pipeline spells them out (ﻻ → لا)
_HAZM_NOOP_LIGATURES = set("ﻵﻶﻷﻸﻹﻺﻻﻼ")


def article_texts():
    return [(p.stem, p.read_text(encoding="utf-8")) for p in eval_paths()]


@pytest.fixture(scope="module")
def normalizer():
    return hazm.Normalizer()


def test_same_characters_as_hazm_normalize(normalizer):
    compared = 0
    unexplained = collections.Counter()
    for name, text in article_texts():
        n, _, kinds = eq.char_diff(text, normalizer)
        compared += n
        for (theirs, ours), count in kinds.items():
            if not (set(theirs) <= _HAZM_NOOP_LIGATURES and ours.replace("لا", "") == ""):
                unexplained[(name, theirs, ours)] += count
    assert compared > 1_000
    assert not unexplained, unexplained.most_common(5)


@pytest.mark.parametrize("word, expected", [
    ("ظرفیتهای", "zwnj_repaired"),  # stripped ZWNJ put back; hazm leaves it glued
    ("رتبههای", "same"),  # hazm splits ه|ها too
    ("سالهای", "zwnj_repaired"),
    ("میشود", "same"),  # hazm's seperate_mi, done here too
    ("نمیدانم", "same"),
    ("میدان", "same"),  # a noun, not می + دان
    ("راستای", "same"),  # not راست‌ای
    ("نماید", "same"),  # not نم‌اید
    ("واحدهای", "same"),  # not واحده‌ای
    ("كشور", "same"),  # Arabic kaf
    ("۴۲", "same"),
])
def test_word_forms(normalizer, word, expected):
    assert eq.word_diff(word, normalizer) == expected


@needs_real_articles  # the seeds alone are ZWNJ-stripped: most of their words are repaired, unlike hazm
def test_word_forms_of_the_articles(normalizer):
    from persian_trade_news.text.document import Document

    words = collections.Counter()
    for _, text in article_texts():
        words.update(t.text for t in Document.from_text(text).tokens if t.kind == "word")
    kinds = collections.Counter()
    for w, freq in words.items():
        kinds[eq.word_diff(w, normalizer)] += freq
    total = sum(kinds.values())
    assert kinds["same"] / total > 0.97
    assert kinds["other"] / total < 0.002, kinds
