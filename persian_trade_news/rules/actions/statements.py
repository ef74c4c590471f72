"""Statements: reported speech (``گفت``, ``افزود``, ``اظهار کرد``, ``به گفته وی``...) with the
speaker resolved through ``وی``/``ایشان`` and bare titles to the person's name."""
from __future__ import annotations

from ...text.normalize import match_key

from ...records import Statement
from ..registry import action, finalizer
from .common import QUOTE_COLONS, entities_from, last_person_before, norm, person_index_at, role_person

_PRONOUNS = {"وی", "ایشان", "او"}
_THIS = {"این"}
# «این مسئول / این کارشناس ... گفت»: the person last named
_OFFICIAL = {match_key(w) for w in ("مسئول", "مسوول", "مقام", "مدیر", "مقام‌مسئول", "کارشناس", "نماینده", "عضو",
                                      "مشاور", "فعال", "استاد", "پژوهشگر", "مقام‌", "مسئولان", "تحلیلگر", "دیپلمات",
                                      "وزیر", "معاون", "رئیس", "مدیرکل", "سفیر", "استاندار", "فرماندار")}


def _speaker(doc, first: int, cue: int):
    """(person index or None, title text or None) for the subject of tokens [first, cue)."""
    toks = doc.tokens
    s_char, e_char = toks[first].start, toks[max(cue - 1, first)].end
    persons = [e for e in entities_from(doc, s_char, e_char, ("PERSON",)) if e.end <= e_char]
    if persons:
        idx = person_index_at(doc, persons[0].start, persons[0].end)
        if idx is not None:
            return idx, None
    for t in toks[first:min(cue, first + 4)]:
        if t.key in _PRONOUNS:
            return last_person_before(doc, t.start), None
    for i in range(first, min(cue, first + 4) - 1):
        if toks[i].key in _THIS and toks[i + 1].key in _OFFICIAL:
            return last_person_before(doc, toks[i].start), None
    # a title followed by «را» before the cue is the verb's object (این پیشنهاد رئیس جمهور را ...
    # عنوان کرد), not its subject
    roles = [e for e in entities_from(doc, s_char, e_char, ("ROLE",)) if e.end <= e_char and not _object(doc, e, cue)]
    if roles:
        r = roles[0]
        idx = role_person(doc, r)
        if idx is not None:
            return idx, None
        return None, norm(r.text)
    return None, None


def _object(doc, e, cue: int) -> bool:
    toks = doc.tokens
    end = doc.token_at(e.end - 1)
    return end is not None and any(t.key == "را" for t in toks[end + 1:cue])


#: A quote opened by a colon runs on to the end of its paragraph, but never past the next
#: sentence that opens a quote of its own, nor past this many sentences (an archive item with no
#: paragraph breaks would otherwise make every quote run to the end of the text).
MAX_QUOTE_SENTENCES = 12


def _quote_opening_sentences(doc) -> set[int]:
    """Indices of the sentences holding a colon token, computed once per document."""
    found = doc.meta.get("_colon_sentences")
    if found is None:
        sents = doc.token_sents
        found = doc.meta["_colon_sentences"] = {sents[i] for i, t in enumerate(doc.token_texts) if t in QUOTE_COLONS}
    return found


def _content(doc, sent, cue_end: int, cue_start: int):
    toks = doc.tokens
    if cue_end < sent.last and toks[cue_end].text in QUOTE_COLONS:
        a = cue_end + 1
        if a >= len(toks):
            return None
        para, b = sent.paragraph, sent.last
        sentences, opening = doc.sentences, _quote_opening_sentences(doc)
        for j in range(sent.i + 1, min(len(sentences), sent.i + MAX_QUOTE_SENTENCES)):
            s = sentences[j]
            if s.paragraph != para or j in opening:
                break
            b = s.last
        return doc.span(toks[a].start, toks[b - 1].end) if b > a else None
    if cue_start > sent.first:
        return doc.span(toks[sent.first].start, toks[cue_start - 1].end)
    return None


@action("statement")
def statement(m):
    doc = m.doc
    a = m.captures.get("cue_noun", m.captures["cue"])[0]
    b = m.captures["cue"][1]
    first = m.sentence.first
    idx, title = _speaker(doc, first, a)
    if idx is None and title is None:
        return []
    content = _content(doc, m.sentence, b, a)
    if content is None:
        return []
    if idx is not None:
        p = doc.people[idx]
        speaker, role = p.name, (p.roles[0] if p.roles else None)
    else:
        speaker, role = title, title
    cue = doc.raw[doc.tokens[a].start:doc.tokens[b - 1].end]
    return [Statement(speaker=speaker, role=role, cue=cue, content=content)]


@action("statement_according")
def statement_according(m):
    """``به گفته وی، ...`` / ``به گفته X``."""
    doc = m.doc
    who = m.captures["who"]
    t = doc.tokens[who[0]]
    idx = None
    if t.key in _PRONOUNS:
        idx = last_person_before(doc, t.start)
    else:
        idx = person_index_at(doc, t.start, doc.tokens[who[1] - 1].end)
    if idx is None:
        return []
    p = doc.people[idx]
    sent = m.sentence
    end = sent.last
    start = m.last
    while start < end and doc.tokens[start].kind == "punct":
        start += 1
    if start >= end:
        return []
    content = doc.span(doc.tokens[start].start, doc.tokens[end - 1].end)
    return [Statement(speaker=p.name, role=p.roles[0] if p.roles else None, cue="به گفته", content=content)]


@finalizer("statements")
def _statements(doc, records):
    """A title used as the speaker (``مدیرکل دامپزشکی آذربایجان‌شرقی اظهار داشت``) is the named
    person who holds that title in the article, when one does: the speaker becomes the name."""
    holders = [(p.name, [_words(r) for r in p.roles]) for p in doc.people if p.roles]
    for r in records:
        if not r.speaker or not r.role or match_key(r.speaker) != match_key(r.role):
            continue
        title = _words(r.role)
        best, best_score = None, 0.0
        for name, roles in holders:
            for words in roles:
                if not words or not title or words[0] != title[0]:
                    continue  # the same head (مدیرکل, رئیس, معاون...)
                score = len(set(words) & set(title)) / len(set(words) | set(title))
                if score > best_score:
                    best, best_score = name, score
        if best is not None and best_score >= 0.5:
            r.speaker = best
    _continued_by_title(doc, records)
    return records


# the verbs that go on with what the last speaker said: a bare title that «افزود» right after a
# named speaker is that speaker under another of his titles («محمد راستاد ... گفت: ... معاون وزیر
# راه و شهرسازی افزود: ...»), unless «نیز»/«هم» says another person speaks too
_CONTINUING = frozenset(match_key(w) for w in ("افزود", "ادامه", "اضافه", "خاطرنشان", "یادآور", "تصریح", "یادآوری"))
_ALSO = frozenset(match_key(w) for w in ("نیز", "هم"))
_CONTINUE_WITHIN = 2  # sentences


def _continued_by_title(doc, records) -> None:
    named = {match_key(p.name) for p in doc.people}
    last = None  # (sentence index, speaker, role) of the last statement by a named person
    for r in sorted(records, key=lambda r: r.evidence.start if r.evidence else -1):
        if r.evidence is None:
            continue
        si = doc.token_sents[doc.token_at(r.evidence.start) or 0]
        if match_key(r.speaker or "") in named:
            last = (si, r.speaker, r.role)
            continue
        if last is None or si - last[0] > _CONTINUE_WITHIN or not r.role or match_key(r.speaker) != match_key(r.role):
            continue
        cue_words = {match_key(w) for w in (r.cue or "").split()}
        if not cue_words & _CONTINUING:
            continue
        a = doc.token_at(r.evidence.start)
        cue_at = next((i for i in range(a, min(len(doc.keys), a + 30)) if doc.keys[i] in _CONTINUING), None)
        if a is None or cue_at is None or any(doc.keys[i] in _ALSO for i in range(a, cue_at)):
            continue
        r.speaker = last[1]
        last = (si, last[1], last[2])


def _words(text: str) -> list[str]:
    return [match_key(w) for w in text.replace("،", " ").replace(",", " ").split() if match_key(w)]
