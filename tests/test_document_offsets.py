"""Offset lookups on the document model: ``token_at`` and ``token_range`` agree on every span,
including spans that start or end inside a gap between tokens."""
from __future__ import annotations

import random

from conftest import at_least

from persian_trade_news.text.document import Document

TEXTS = [
    "استاندار لرستان گفت: تولید ۴۲ هزار تن ماهی قزل‌آلا در سال ۱۴۰۲ محقق شد.",
    "  صادرات 42,000 تن   به عراق،  ترکیه و افغانستان\nانجام شد.  ",
    "date 2024-05-01 سفیر ژاپن در تهران با وزیر صمت دیدار کرد",
]


def test_token_range_matches_token_at_for_every_span():
    rng = random.Random(7)
    for text in TEXTS:
        doc = Document.from_text(text)
        n = len(text)
        spans = [(t.start, t.end) for t in doc.tokens]
        spans += [(doc.tokens[a].start, doc.tokens[b].end) for a in range(len(doc.tokens))
                  for b in range(a, min(a + 4, len(doc.tokens)))]
        spans += [tuple(sorted(rng.sample(range(n + 1), 2))) for _ in range(300)]
        for start, end in spans:
            if end <= start:
                continue
            a, b = doc.token_at(start), doc.token_at(end - 1)
            expected = None if a is None or b is None else (a, b)
            assert doc.token_range(start, end) == expected, (text, start, end)


def test_token_range_follows_replaced_tokens():
    doc = Document.from_text("صادرات زعفران به چین")
    assert doc.token_range(doc.tokens[1].start, doc.tokens[1].end) == (1, 1)
    doc.tokens = doc.tokens[1:]  # a stage replacing the token list
    assert doc.token_range(doc.tokens[0].start, doc.tokens[0].end) == (0, 0)


def test_tokens_are_made_from_the_arrays_on_first_use():
    doc = Document.from_text("سفیر ژاپن در تهران، با وزیر صمت دیدار کرد.\nصادرات 42,000 تن بود.")
    assert doc._tokens is None  # nothing has asked for Token tuples yet
    assert doc.keys[1] == "ژاپن" and doc.token_sents[-1] == 1
    toks = doc.tokens
    assert toks is doc.tokens  # made once
    assert [t.key for t in toks] == doc.keys
    assert [t.start for t in toks] == doc.token_starts and [t.end for t in toks] == doc.token_ends
    assert [t.sent for t in toks] == doc.token_sents
    assert [t.i for t in toks] == list(range(len(toks)))
    assert all(doc.text[t.start:t.end] == t.text for t in toks)
    assert [t.kind for t in toks if t.text in ("42,000", "،")] == ["punct", "num"]


def test_replacing_tokens_updates_every_array():
    doc = Document.from_text("صادرات زعفران به چین")
    doc.tokens = doc.tokens[2:]
    assert doc.keys == ["به", "چین"]
    assert doc.token_starts == [t.start for t in doc.tokens]
    assert doc.token_at(doc.tokens[1].start) == 1


def test_number_and_date_readers_read_the_documents_arrays_like_its_tokens(eval_articles):
    from persian_trade_news.readers.dates import find_dates
    from persian_trade_news.readers.quantities import find_quantities

    found = 0
    for _, text, _ in eval_articles:
        doc = Document.from_text(text)
        arrays = dict(keys=doc.keys, kinds=doc.token_kinds)
        quantities = find_quantities(doc.text, doc.tokens, **arrays)
        assert quantities == find_quantities(doc.text, doc.tokens)
        assert find_dates(doc.text, None, doc.tokens, **arrays) == find_dates(doc.text, None, doc.tokens)
        found += len(quantities)
    assert found >= at_least(51, 5), found
