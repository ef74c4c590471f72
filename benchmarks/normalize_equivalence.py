"""Does the hot path give the normalised forms hazm's ``Normalizer.normalize`` gives? Measured on the corpus.

    python benchmarks/normalize_equivalence.py [--limit N]

The pipeline never calls ``Normalizer.normalize``: it normalises each distinct token once (hazm's
character table, its diacritics, Persian digits; cached) and keeps every offset. This script
checks, on the news corpora of ../shared/data/raw, that the forms are the same:

1. **Characters.** ``normalize(body)`` against the pipeline's token forms joined, both with
   spaces and ZWNJs taken out (those are where the two differ by design, see 2) and with hazm's
   punctuation *style* mapped back to plain forms (hazm writes ``«»`` for ``"…"``, ``…`` for
   ``...``, ``٫`` for a decimal point, ``٪`` for ``%``; the pipeline keeps punctuation as written
   because each mark is a token with its own offsets, and its match keys fold them anyway). Also
   folded: ة→ه and the bidi marks LRM/RLM/ZWJ, which the pipeline drops and hazm keeps.
2. **Word forms, ZWNJ included.** Every distinct word of the corpus through hazm's ``normalize``
   alone and through :func:`persian_trade_news.text.normalize.normalize_token`. Differences are
   counted by kind: the pipeline puts back ZWNJs that were stripped from the text
   (``ظرفیتهای`` → ``ظرفیت‌های``, which hazm leaves glued), and anything else.
3. hazm's spacing corrections that *join two tokens* (``انجام شده`` → ``انجام‌شده``) are not
   applied: tokens keep their offsets; match keys ignore spaces and ZWNJs, so both spellings meet
   the same lexicon entries.

Writes ``benchmarks/results/normalize_equivalence.json``.
"""
from __future__ import annotations

import argparse
import collections
import difflib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

STYLE = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "٫": ".", "٪": "%", "…": "...", "ة": "ه",
                       "\u200e": None, "\u200f": None, "\u200d": None})
SPACES = str.maketrans({c: None for c in " \t\n\r\xa0\u2009\u200a\u202f\ufeff\u200b\u200c"})


def plain(s: str) -> str:
    """Punctuation style folded, spaces and ZWNJs removed (see the module docstring)."""
    return s.translate(STYLE).translate(SPACES)


def char_diff(text: str, normalizer) -> tuple[int, int, collections.Counter]:
    """(characters compared, characters that differ, differences by (hazm, ours)) for one text."""
    from persian_trade_news.text.document import Document

    doc = Document.from_text(text)
    theirs = plain(normalizer.normalize(text[doc.body_start:]))
    ours = plain("".join(t.norm for t in doc.tokens))
    kinds: collections.Counter = collections.Counter()
    if theirs == ours:
        return len(theirs), 0, kinds
    diff = 0
    for op, a, b, c, d in difflib.SequenceMatcher(None, theirs, ours, autojunk=False).get_opcodes():
        if op != "equal":
            diff += max(b - a, d - c)
            kinds[(theirs[a:b][:8], ours[c:d][:8])] += 1
    return len(theirs), diff, kinds


def word_diff(word: str, normalizer) -> str:
    """``same``, ``zwnj_repaired`` (ours puts back a ZWNJ hazm leaves out; letters equal) or
    ``other`` for one word."""
    from persian_trade_news.text.normalize import normalize_token

    theirs = normalizer.normalize(word).translate(STYLE)
    ours = normalize_token(word).translate(STYLE)
    if theirs == ours:
        return "same"
    if theirs.replace("\u200c", "") == ours.replace("\u200c", "") and ours.count("\u200c") > theirs.count("\u200c"):
        return "zwnj_repaired"
    return "other"


def run(texts: list[str]) -> dict:
    from hazm import Normalizer

    from persian_trade_news.text.document import Document

    normalizer = Normalizer()
    res: dict = {"articles": len(texts)}
    same_articles = compared = differing = 0
    kinds: collections.Counter = collections.Counter()
    words: collections.Counter = collections.Counter()
    t_hazm = t_ours = 0.0
    for text in texts:
        t = time.perf_counter()
        normalizer.normalize(text)
        t_hazm += time.perf_counter() - t
        t = time.perf_counter()
        doc = Document.from_text(text)
        t_ours += time.perf_counter() - t
        n, d, k = char_diff(text, normalizer)
        compared += n
        differing += d
        same_articles += d == 0
        kinds.update(k)
        words.update(tok.text for tok in doc.tokens if tok.kind == "word")
    res["articles_identical_characters"] = same_articles
    res["characters_compared"] = compared
    res["characters_differing"] = differing
    res["character_agreement"] = 1 - differing / max(compared, 1)
    res["character_differences"] = [{"hazm": a, "ours": b, "count": c} for (a, b), c in kinds.most_common(10)]

    by_kind: collections.Counter = collections.Counter()
    by_kind_tokens: collections.Counter = collections.Counter()
    examples: dict[str, list] = collections.defaultdict(list)
    for w, freq in words.items():
        k = word_diff(w, normalizer)
        by_kind[k] += 1
        by_kind_tokens[k] += freq
        if k != "same" and len(examples[k]) < 15:
            from persian_trade_news.text.normalize import normalize_token

            examples[k].append([w, normalizer.normalize(w), normalize_token(w)])
    total_tokens = sum(by_kind_tokens.values())
    res["distinct_words"] = sum(by_kind.values())
    res["word_forms"] = {k: {"distinct": by_kind[k], "tokens": by_kind_tokens[k],
                             "token_share": by_kind_tokens[k] / max(total_tokens, 1)}
                         for k in ("same", "zwnj_repaired", "other")}
    res["word_examples"] = examples
    # the cost of getting those forms: whole-text normalize() against tokenising with per-token forms
    res["hazm_normalize_ms"] = 1000 * t_hazm / len(texts)
    res["tokens_with_forms_ms"] = 1000 * t_ours / len(texts)
    return res


def main(argv=None) -> int:
    from corpus import load_corpus

    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "normalize_equivalence.json")
    args = ap.parse_args(argv)
    res = run(load_corpus(args.limit))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    for k, v in res.items():
        if k not in ("word_examples",):
            print(f"{k}: {json.dumps(v, ensure_ascii=False) if not isinstance(v, float) else round(v, 4)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
