"""The ``agency`` stage: the news agency named in the attribution (``به گزارش خبرگزاری فارس``,
``خبرگزاری فارس:``, ``خبرنگار فارس``) becomes ``Article.agency`` (canonical name from
``lexicons/data/agencies.tsv``) and an ORG entity spanning the name as written
(``خبرگزاری صدا و سیمای استان لرستان``)."""
from __future__ import annotations

from ..text.document import Document
from ..text.normalize import match_key
from ..lexicons.agencies import candidates as _candidates, match_at as _match_at
from ..lexicons.index import lexicon
from ..lexicons.words import STOP_WORDS, word_freq
from . import stage
from ..records import Entity

_CUES = ("بهگزارش", "گزارش", "خبرنگار", "خبرگزاری")
_EXTEND_HEADS = {"مرکز", "استان"}
_SCAN_SENTENCES = 4


@stage("agency", provides=["agency"], requires=["tokens"])
def make_agency():
    """Find the news agency of the attribution (به گزارش ...) and tag it as an ORG."""

    def run(doc: Document) -> None:
        if not doc.sentences:
            return
        last_tok = doc.sentences[min(len(doc.sentences), _SCAN_SENTENCES) - 1].last
        toks = doc.tokens
        for i in range(last_tok):
            key = toks[i].key
            cue = key in _CUES or (key == "به" and i + 1 < len(toks) and toks[i + 1].key == "گزارش")
            if not cue:
                continue
            window_end = min(last_tok, i + 10)
            for j in range(i, window_end):
                for _, keys, canonical in _candidates(doc, j):
                    end = _match_at(doc, j, keys)
                    if end is None:
                        continue
                    # a bare alias (فارس) only right after a cue word; a full name anywhere near
                    full = keys[0] == "خبرگزاری" or len(keys) > 1
                    if not full:
                        nxt = toks[end] if end < len(toks) else None
                        after = toks[end + 1] if end + 1 < len(toks) else None
                        closes = nxt is None or nxt.kind == "punct" or nxt.key in ("از", "در") or (
                            nxt.key == "به" and after is not None and after.key == "نقل")  # «فارس به نقل از»
                        if toks[j - 1].key not in ("خبرنگار", "گزارش") and not closes:
                            continue
                    if end < len(toks) and toks[end].key in _EXTEND_HEADS and end + 1 < len(toks) \
                            and toks[end + 1].kind == "word" and toks[end + 1].sent == toks[j].sent:
                        end += 2
                        if end < len(toks) and toks[end].key in ("رضوی", "شرقی", "غربی", "شمالی", "جنوبی"):
                            end += 1
                    start_tok = j
                    doc.agency = canonical
                    span = doc.token_span(start_tok, end)
                    doc.entities.append(Entity(text=span.text, label="ORG", start=span.start, end=span.end,
                                               source="pattern", name=canonical, rule="agency.attribution",
                                               confidence=0.95))
                    _later_mentions(doc)
                    _sources(doc)
                    return
        _later_mentions(doc)
        _sources(doc)

    return run


# the desks a reporter writes for: «خبرنگار اقتصادی فارس», «خبرنگار گروه سیاسی مهر»
_DESKS = frozenset(match_key(w) for w in ("اجتماعی", "اقتصادی", "سیاسی", "فرهنگی", "ورزشی", "بین‌الملل", "بین‌المللی",
                                          "پارلمانی", "علمی", "دانشگاهی", "گروه", "حوزه", "استان‌ها", "شهری"))


def _later_mentions(doc: Document) -> None:
    """``خبرنگار فارس`` / ``خبرگزاری مهر`` anywhere in the body: the agency, not a place."""
    toks = doc.tokens
    taken = [(e.start, e.end) for e in doc.entities if e.label == "ORG"]
    heads = ("خبرنگار", "خبرگزاری", "خبرنگاران", "گزارش", "بهگزارش")
    doc_keys = doc.key_list()
    for i in [i for i, k in enumerate(doc_keys[:-1]) if k in heads]:
        reported = doc_keys[i] in ("گزارش", "بهگزارش")
        if reported and doc_keys[i] == "گزارش" and not (i and doc_keys[i - 1] == "به"):
            continue
        # aliases starting with خبرگزاری match at i, the others right after it (or after the desk:
        # «خبرنگار اجتماعی فارس»); in _agencies' order
        after = i + 1
        while after < len(doc_keys) - 1 and after - i <= 2 and doc_keys[after] in _DESKS and not reported:
            after += 1
        cands = sorted([c for c in _candidates(doc, i) if c[1][0] == "خبرگزاری" and not reported]
                       + [c for c in _candidates(doc, after) if c[1][0] != "خبرگزاری"])
        for _, keys, canonical in cands:
            j = after if keys[0] != "خبرگزاری" else i
            end = _match_at(doc, j, keys)
            if end is None:
                continue
            if reported and end < len(toks) and toks[end].kind != "punct" and toks[end].key not in STOP_WORDS \
                    and toks[end].key != "و":
                continue  # «به گزارش فارس به نقل از ...», «به گزارش فارس با توجه به ...», «به گزارش ایرنا،»;
                # not «به گزارش فارس ۴۰ درصد ...», «به گزارش سازمان ...»
            start_tok = i if toks[i].key == "خبرگزاری" else j
            span = doc.token_span(start_tok, end)
            if any(a < span.end and span.start < b for a, b in taken):
                break
            doc.entities.append(Entity(text=span.text, label="ORG", start=span.start, end=span.end,
                                       source="pattern", name=canonical, rule="agency.mention", confidence=0.9))
            taken.append((span.start, span.end))
            break


_SOURCE_WORDS = 3  # «به نقل از پاکستان تودی،»: a medium's name is short


def _sources(doc: Document) -> None:
    """``به نقل از <medium>،``: the medium a report is quoted from (a paper, a foreign agency
    the agency list does not hold) is an ORG, when its name is short, closes with punctuation
    and opens with a place's name, a word hazm hardly knows or Latin letters (not ``منابع آگاه``,
    ``وی``, nor an organisation or a title, which the entities stage reads)."""
    keys, kinds, texts = doc.key_list(), doc.token_kinds, doc.token_texts
    sents = doc.token_sents
    lex = lexicon()
    taken = [(e.start, e.end) for e in doc.entities if e.label == "ORG"]
    n = len(keys)
    for i in range(n - 3):
        if not (keys[i] == "به" and keys[i + 1] == "نقل" and keys[i + 2] == "از"):
            continue
        a = i + 3
        b = a
        while b < n and b - a < _SOURCE_WORDS + 1 and kinds[b] == "word" and sents[b] == sents[a] \
                and keys[b] not in STOP_WORDS:
            b += 1
        if b == a or b - a > _SOURCE_WORDS or b >= n or kinds[b] != "punct" or texts[b] not in ("،", ",", ":", "."):
            continue
        first = keys[a]
        if first in lex.org_heads or first in lex.role_heads or _candidates(doc, a):
            continue
        placed = bool(lex.places.find(keys[a:a + 1], [0]))
        if not (placed or word_freq(first) <= 200 or first.isascii()):
            continue
        span = doc.token_span(a, b)
        if any(s < span.end and span.start < e for s, e in taken):
            continue
        doc.entities.append(Entity(text=span.text, label="ORG", start=span.start, end=span.end, source="pattern",
                                   name=span.text, rule="agency.quoted_source", confidence=0.6))
        taken.append((span.start, span.end))
