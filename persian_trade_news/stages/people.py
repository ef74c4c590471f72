"""The ``people`` stage: PERSON entities and one :class:`Person` per real person.

Names are found from (in order of confidence):

* a given name from ``given_names.txt`` (optionally after ``سید``) followed by a surname;
* an apposition: a name right before ``، <role>`` (``کوجی هاندا، سفیر ژاپن``), or a role
  followed by a two-word name (``سفیر ژاپن در ایران کوجی هاندا``);
* a single unknown word right before a role (``پزشکیان رئیس جمهور``);
* stanza's PERSON entities when the ``stanza_ner`` stage ran.

Mentions merge into one Person: the full name, the bare surname, and a bare title that
introduced the person (``مدیرکل ... گفت`` then ``کریم مجرب افزود``). ``وی``/``ایشان`` are
resolved later, by the rules, to the most recent person (see ``Document.meta['mentions']``).
"""
from __future__ import annotations

import threading
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.document import Document
from ..lexicons import lines
from ..lexicons.index import PLACE_LABELS, lexicon, phrase_keys, place_of
from ..lexicons.words import STOP_WORDS
from ..text.normalize import _hazm_dir, fold, match_key
from . import stage
from ..records import Entity, Person, Place

_lock = threading.Lock()
_SURNAME_TAILS = frozenset(("زاده", "نژاد", "پور", "فر", "راد", "نیا", "منش", "وند", "لو", "زاد", "ی"))
_REPORTING = frozenset(match_key(w) for w in (
    "گفت", "افزود", "اظهار", "تصریح", "بیان", "تاکید", "خاطرنشان", "ادامه", "اضافه", "عنوان",
    "اعلام", "یادآور", "توضیح", "اظهارکرد", "افزودند", "گفتند", "نوشت", "هم", "همچنین", "با", "در", "نیز"))
_DEICTIC = frozenset(("وی", "ایشان", "او"))
_ROLE_PERSON_KINDS = ("governor", "deputy", "director", "head", "ambassador", "minister",
                      "representative", "mayor", "other")


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    return frozenset(match_key(n) for n in lines("given_names.txt"))


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    return frozenset(match_key(n) for n in lines("name_prefixes.txt"))


@lru_cache(maxsize=1)
def _honorifics() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({phrase_keys(h) for h in lines("honorifics.txt")}, key=lambda k: -len(k)))


_FREQ: dict[str, int] | None = None


def word_freq(key: str) -> int:
    """hazm's corpus count of a word (0 for names hazm lists without a count; -1 if unknown)."""
    global _FREQ
    if _FREQ is None:
        with _lock:
            if _FREQ is None:
                freq: dict[str, int] = {}
                with open(_hazm_dir() / "data" / "words.dat", encoding="utf-8") as fh:
                    for line in fh:
                        parts = line.split("\t")
                        if len(parts) >= 2:
                            k = match_key(parts[0])
                            try:
                                c = int(parts[1])
                            except ValueError:
                                continue
                            if c > freq.get(k, -1):
                                freq[k] = c
                _FREQ = freq
    return _FREQ.get(key, -1)


@dataclass
class _Mention:
    first: int
    last: int
    rule: str
    confidence: float
    person: int = -1
    role: str | None = None


@dataclass
class _P:
    tokens: list[str]  # normalised name tokens
    keys: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char spans
    roles: list[tuple[str, Entity]] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5


@lru_cache(maxsize=1)
def _honorific_index():
    from ..lexicons import PhraseIndex

    return PhraseIndex((h, h) for h in _honorifics())


def _skip_honorifics(doc: Document, i: int) -> int:
    keys = doc.key_list()
    if i >= len(keys):
        return i
    hit = _honorific_index().match(keys, i)
    return hit[0] if hit else i


class _Finder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.toks = doc.tokens
        self.given = _given()
        self.block: dict[int, Entity] = {}
        self.role_at: dict[int, Entity] = {}
        self.role_end: dict[int, Entity] = {}
        for e in doc.entities:
            a, b = doc.token_at(e.start), doc.token_at(e.end - 1)
            if a is None or b is None:
                continue
            if e.label == "ROLE":
                self.role_at[a] = e
                self.role_end[b + 1] = e
            elif e.label in PLACE_LABELS or e.label in ("ORG", "DATE", "MONEY", "QUANTITY", "PERCENT"):
                for k in range(a, b + 1):
                    self.block[k] = e
        self.role_heads = lexicon().role_heads  # supports "key in": first words of titles

    def wordlike(self, i: int, max_freq: int) -> bool:
        if i < 0 or i >= len(self.toks):
            return False
        t = self.toks[i]
        if t.kind != "word" or t.key in STOP_WORDS or i in self.block or i in self.role_at:
            return False
        if t.key in self.role_heads or t.key in _DEICTIC or len(t.key) < 2:
            return False
        f = word_freq(t.key)
        return f < max_freq

    def given_len(self, i: int) -> int:
        toks = self.toks
        if i + 1 < len(toks) and toks[i + 1].sent == toks[i].sent and toks[i].kind == "word" \
                and toks[i + 1].kind == "word" and (toks[i].key + toks[i + 1].key) in self.given \
                and toks[i + 1].key in ("الله", "علی", "رضا", "حسین", "حسن", "محمد", "مهدی", "امیر"):
            return 2
        return 1 if toks[i].kind == "word" and toks[i].key in self.given and i not in self.block else 0

    def find(self) -> list[_Mention]:
        toks, out = self.toks, []
        i = 0
        n = len(toks)
        given, honorifics, prefixes = self.given, _honorific_index(), _prefixes()
        while i < n:
            key = toks[i].key
            if key not in given and key not in honorifics and key not in prefixes and not (
                    i + 1 < n and key + toks[i + 1].key in given):
                i += 1  # fast path: no name, honorific or name prefix can start here
                continue
            j = _skip_honorifics(self.doc, i)
            start = j
            has_prefix = j < n and toks[j].key in _prefixes()
            if has_prefix:
                j += 1
            g = self.given_len(j) if j < n else 0
            if g:
                g2 = self.given_len(j + g) if j + g < n else 0  # محمد حسین ...
                if g2 and j + g + g2 < n and self.wordlike(j + g + g2, 3_000_000):
                    g += g2
                s = j + g
                common_given = word_freq(toks[j].key) > 1_000_000
                limit = 1_500_000 if common_given and not has_prefix else 3_000_001
                if s < n and toks[s].sent == toks[j].sent and self.wordlike(s, limit) and toks[s].key not in self.given:
                    e = s + 1
                    if e < n and toks[e].sent == toks[s].sent and toks[e].key in _SURNAME_TAILS:
                        e += 1
                    out.append(_Mention(start, e, "people.given_name", 0.85))
                    i = e
                    continue
            i = j + 1 if j > i else i + 1
        taken = {k for m in out for k in range(m.first, m.last)}
        # apposition: NAME ، ROLE
        for a, role in self.role_at.items():
            if a >= 2 and toks[a - 1].text in ("،", ","):
                e = a - 1
                s = e
                while s > 0 and e - s < 3 and self.wordlike(s - 1, 1_000_000) and toks[s - 1].sent == toks[a].sent:
                    s -= 1
                if e - s >= 2 and not any(k in taken for k in range(s, e)):
                    out.append(_Mention(s, e, "people.apposition", 0.75, role=role.text))
                    taken.update(range(s, e))
        # ROLE NAME (two unknown words right after a role)
        for b, role in self.role_end.items():
            if b + 1 < n and self.wordlike(b, 300_000) and self.wordlike(b + 1, 300_000) \
                    and toks[b + 1].sent == toks[b].sent and not any(k in taken for k in (b, b + 1)):
                nxt = toks[b + 2] if b + 2 < n else None
                if nxt is None or nxt.kind == "punct" or nxt.key in _REPORTING or nxt.key in STOP_WORDS:
                    out.append(_Mention(b, b + 2, "people.role_name", 0.7, role=role.text))
                    taken.update((b, b + 1))
        # SURNAME ROLE (one unknown word right before a person title)
        for a, role in self.role_at.items():
            k = a - 1
            if k >= 0 and k not in taken and self.wordlike(k, 1) and toks[k].sent == toks[a].sent \
                    and (k == 0 or toks[k - 1].kind == "punct" or toks[k - 1].key in STOP_WORDS
                         or toks[k - 1].sent != toks[k].sent):
                if word_freq(toks[k].key) < 0 and len(toks[k].key) >= 4:
                    out.append(_Mention(k, k + 1, "people.surname_role", 0.55, role=role.text))
                    taken.add(k)
        # stanza's PERSON entities
        for e in self.doc.entities:
            if e.label == "PERSON" and e.source == "stanza":
                a, b = self.doc.token_at(e.start), self.doc.token_at(e.end - 1)
                if a is not None and b is not None and not any(k in taken for k in range(a, b + 1)):
                    out.append(_Mention(a, b + 1, "stanza.ner", e.confidence))
                    taken.update(range(a, b + 1))
        out.sort(key=lambda m: m.first)
        return out


def _role_org(role: Entity, doc: Document, starts: list[int]) -> str | None:
    """The organisation a role names: an ORG inside it, or its head turned into an office."""
    for i in range(bisect_left(starts, role.start), bisect_left(starts, role.end)):
        e = doc.entities[i]
        if e.label == "ORG" and e.end <= role.end:
            return fold(e.text)
    text = fold(role.text)
    kind = role.rule.rsplit(".", 1)[-1]
    parts = text.split(" ", 1)
    if len(parts) == 2:
        if kind == "governor" and parts[0] == "استاندار":
            return "استانداری " + parts[1]
        if kind == "director" and parts[0] in ("مدیرکل", "مدیر\u200cکل"):
            return "اداره کل " + parts[1]
    return None


def _role_place(role: Entity, doc: Document, starts: list[int]) -> Place | None:
    """The first place named inside a title (``doc.entities`` sorted by start, ``starts`` theirs)."""
    for i in range(bisect_left(starts, role.start), bisect_left(starts, role.end)):
        e = doc.entities[i]
        if e.label in PLACE_LABELS and e.end <= role.end:
            return place_of(e)
    return None


@stage("people", provides=["people"], requires=["entities"])
def make_people(*, min_confidence: float = 0.5):
    """PERSON entities and Person records with merged mentions, roles, organisation and place."""

    def run(doc: Document) -> None:
        finder = _Finder(doc)
        mentions = [m for m in finder.find() if m.confidence >= min_confidence]
        toks = doc.tokens
        persons: list[_P] = []
        by_surname: dict[str, int] = {}
        by_full: dict[str, int] = {}
        for m in mentions:
            names = [toks[k] for k in range(m.first, m.last)]
            keys = [t.key for t in names]
            full = "".join(keys)
            idx = by_full.get(full)
            if idx is None and len(keys) == 1:
                idx = by_surname.get(keys[0])
            if idx is None:
                # a longer name for someone known by surname only
                idx = by_full.get(keys[-1]) if len(keys) > 1 else None
                if idx is not None:
                    persons[idx].tokens = [t.norm for t in names]
                    persons[idx].keys = keys
            if idx is None:
                idx = len(persons)
                persons.append(_P([t.norm for t in names], keys, rule=m.rule, confidence=m.confidence))
            by_full[full] = idx
            by_surname.setdefault(keys[-1], idx)
            m.person = idx
            persons[idx].mentions.append((toks[m.first].start, toks[m.last - 1].end))
        # roles next to names: NAME، ROLE / NAME ROLE / ROLE NAME / ROLE، NAME
        for m in mentions:
            p = persons[m.person]
            for k in (m.last, m.last + 1):
                if k in finder.role_at and (k == m.last or toks[m.last].text in ("،", ",")):
                    p.roles.append((fold(finder.role_at[k].text), finder.role_at[k]))
                    break
            for k in (m.first, m.first - 1):
                if k in finder.role_end and (k == m.first or toks[m.first - 1].text in ("،", ",")):
                    p.roles.append((fold(finder.role_end[k].text), finder.role_end[k]))
                    break
        # a title that opens a report and a name that follows in the next sentences
        _link_titles(doc, finder, mentions, persons)
        # bare surnames anywhere are mentions too
        covered = {k for m in mentions for k in range(m.first, m.last)}
        surnames = {p.keys[-1] for p in persons if len(p.keys) >= 2}
        where: dict[str, list[int]] = {}
        for i, k in enumerate(doc.keys):
            if k in surnames:
                where.setdefault(k, []).append(i)
        for p_idx, p in enumerate(persons):
            if len(p.keys) < 2:
                continue
            for i in where.get(p.keys[-1], ()):
                t = toks[i]
                if t.i not in covered and t.i not in finder.block:
                    mentions.append(_Mention(t.i, t.i + 1, "people.surname", 0.7, person=p_idx))
                    p.mentions.append((t.start, t.end))
                    covered.add(t.i)
        # outputs
        for m in sorted(mentions, key=lambda m: m.first):
            s, e = toks[m.first].start, toks[m.last - 1].end
            p = persons[m.person]
            doc.entities.append(Entity(text=doc.raw[s:e], label="PERSON", start=s, end=e,
                                       name=" ".join(p.tokens), source="pattern" if not m.rule.startswith("stanza") else "stanza",
                                       rule=m.rule, confidence=m.confidence))
        doc.entities.sort(key=lambda e: (e.start, -e.end))
        out = []
        starts = [e.start for e in doc.entities]
        for p in persons:
            roles, seen = [], set()
            for text, _ in p.roles:
                if text not in seen:
                    seen.add(text)
                    roles.append(text)
            org = place = None
            for _, ent in p.roles:
                org = org or _role_org(ent, doc, starts)
                place = place or _role_place(ent, doc, starts)
            out.append(Person(name=" ".join(p.tokens), roles=roles, organization=org, place=place,
                              mentions=[doc.span(s, e) for s, e in sorted(set(p.mentions))],
                              rule=p.rule, confidence=p.confidence))
        doc.people = out
        doc.meta["mentions"] = sorted(((s, e, i) for i, p in enumerate(persons) for s, e in p.mentions))
        doc.meta["person_roles"] = [[ent for _, ent in p.roles] for p in persons]

    return run


def _link_titles(doc: Document, finder: _Finder, mentions: list[_Mention], persons: list[_P]) -> None:
    """``<title> ... گفت`` in one sentence and ``<name> افزود`` in one of the next three:
    the title is the person's role (the usual lead/body pattern of Persian news)."""
    toks = doc.tokens
    by_sent: dict[int, list[_Mention]] = {}
    for m in mentions:
        by_sent.setdefault(toks[m.first].sent, []).append(m)
    roles_by_sent: dict[int, list[Entity]] = {}
    for a, r in finder.role_at.items():
        roles_by_sent.setdefault(toks[a].sent, []).append(r)
    pending: list[tuple[int, Entity]] = []
    for s in doc.sentences:
        roles_here = roles_by_sent.get(s.i, [])
        named = by_sent.get(s.i, [])
        if roles_here and not named:
            rk = roles_here[0].rule.rsplit(".", 1)[-1]
            if rk in _ROLE_PERSON_KINDS:
                pending.append((s.i, min(roles_here, key=lambda r: r.start)))
        # a title named again after «با» in the person's own sentence is the other side there
        # («X ضمن دیدار با استاندار ... گفت»): X does not hold it
        here = set()
        for r in roles_here:
            i = doc.token_at(r.start)
            if i and toks[i - 1].key == "با":
                here.add(fold(r.text))
        for m in named:
            p = persons[m.person]
            if p.roles:
                continue
            for si, role in reversed(pending):
                if s.i - si <= 3:
                    if fold(role.text) not in here:
                        p.roles.append((fold(role.text), role))
                    break
        pending = [(si, r) for si, r in pending if s.i - si <= 3]
