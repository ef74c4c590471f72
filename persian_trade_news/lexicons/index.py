"""The lexicons compiled into matchers, once per process: the place gazetteer (countries,
provinces, cities, regions and zones), the things gazetteer (products and sectors) and the heads
of organisation names and titles; and :func:`place_of`, the contract Place of a place entity."""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from ..records import SECTORS, Entity, Place
from ..text.normalize import add_words, fold, match_key
from . import Entry, Gazetteer, PhraseIndex, aliases, rows

__all__ = ["PLACE_LABELS", "Lexicon", "lexicon", "phrase_keys", "place_of"]

_lock = threading.Lock()

PLACE_LABELS = ("COUNTRY", "PROVINCE", "CITY", "LOCATION")
_PLURALS = ("ها", "های", "هایی", "ی")  # not "ات": مالیات is no مالی+ات, حملات no حمل+ات
_PRODUCT_SUFFIXES = ("ها", "های", "هایی", "ات")  # not "ی": دامی, دارویی are adjectives


@dataclass
class Lexicon:
    places: Gazetteer
    things: Gazetteer
    org_heads: PhraseIndex  # payload: (keys, kind)
    role_heads: PhraseIndex  # payload: (keys, kind, org_required)
    orgs: Gazetteer = None  # type: ignore[assignment]  # known organisations (organizations.tsv)


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The matching keys of a phrase's tokens (as the document's tokeniser would cut them)."""
    from ..text.tokenize import iter_token_spans

    phrase = fold(phrase)
    return tuple(match_key(phrase[s:e]) for s, e, _ in iter_token_spans(phrase))


_LEX: Lexicon | None = None


def lexicon() -> Lexicon:
    """Build (once per process) the gazetteers and pattern heads from ``lexicons/data``."""
    global _LEX
    if _LEX is not None:
        return _LEX
    with _lock:
        if _LEX is not None:
            return _LEX
        places, things = Gazetteer(), Gazetteer()
        names: list[str] = []
        for r in rows("countries.tsv"):
            e = Entry("COUNTRY", fold(r["name"]), r["id"], "country", priority=2,
                      ambiguous=r.get("ambiguous", "0") == "1")
            for a in aliases(r):
                places.add(a, e)
                names.append(a)
        province_names: set[str] = set()
        for r in rows("provinces.tsv"):
            e = Entry("PROVINCE", fold(r["name"]), r["id"], "province", priority=3)
            # a bare name that is an everyday word (مرکزی) needs «استان»; «استان مرکزی» does not
            bare = replace(e, ambiguous=True) if r.get("ambiguous", "0") == "1" else e
            for a in aliases(r):
                places.add(a, bare if len(a.split()) == 1 else e)
                province_names.add(match_key(a))
                names.append(a)
        for r in rows("cities.tsv"):
            amb = r.get("ambiguous", "0") == "1"
            country = r.get("country") or "IR"
            kind = r.get("kind") or "city"
            e = Entry("CITY", fold(r["name"]), None, kind,
                      data=(("province", r.get("province_id") or None), ("country", country)),
                      ambiguous=amb, priority=1)
            for a in aliases(r):
                places.add(a, e)
                names.append(a)
        country_words: dict[str, set[str]] = {}
        for r in rows("countries.tsv"):
            country_words.setdefault(r["id"], set()).update(match_key(w) for a in aliases(r) for w in a.split())
        for r in rows("foreign_places.tsv"):
            # foreign provinces (ISO 3166-2 ids) and cities: ambiguous ones need «استان/شهر X» or
            # their country named in the sentence (see stages/entities.py)
            country = r["country"]
            amb = r.get("ambiguous", "0") == "1"
            # («context»: an ambiguous one needs its country in its own sentence, not only in the article)
            if r["kind"] == "province":
                e = Entry("PROVINCE", fold(r["name"]), r.get("id") or None, "province",
                          data=(("country", country), ("context", "sentence")), ambiguous=amb, priority=3)
            else:
                e = Entry("CITY", fold(r["name"]), None, "city",
                          data=(("province", None), ("country", country), ("context", "sentence")),
                          ambiguous=amb, priority=1)
            for a in aliases(r):
                if len(a.split()) > 1 and {match_key(w) for w in a.split()[1:]} & country_words.get(country, set()):
                    continue  # «سند پاکستان»: the place, then the country entity (stages/entities.py)
                places.add(a, e)
                names.append(a)
        for r in rows("places.tsv"):
            e = Entry("LOCATION", fold(r["name"]), r.get("id") or None, r.get("kind") or "region",
                      data=(("province", r.get("province_id") or None),), priority=4)
            for a in aliases(r):
                places.add(a, e)
                names.append(a)
        for r in rows("products.tsv"):
            e = Entry("PRODUCT", fold(r["name"]), r.get("hs") or None, "product",
                      data=(("sector", r.get("sector") or None),), suffixes=_PRODUCT_SUFFIXES,
                      ambiguous=r.get("ambiguous", "0") == "1")
            for a in aliases(r):
                things.add(a, e)
                names.append(a)
        for r in rows("sectors.tsv"):
            slug = r["slug"]
            e = Entry("SECTOR", slug, SECTORS.get(slug, r.get("isic") or ""), "sector", suffixes=_PLURALS)
            for a in r.get("triggers", "").split("|"):
                if a.strip():
                    things.add(fold(a.strip()), e)
        org_heads = sorted(((phrase_keys(r["head"]), r.get("kind") or "other") for r in rows("org_heads.tsv")),
                           key=lambda x: -len(x[0]))
        role_heads = sorted(((phrase_keys(r["title"]), r.get("kind") or "other", r.get("org_required") == "1")
                             for r in rows("roles.tsv")), key=lambda x: -len(x[0]))
        add_words(names)
        orgs = Gazetteer()
        for r in rows("organizations.tsv"):
            amb = r.get("ambiguous", "0") == "1"
            forms = aliases(r)
            if amb and len(forms) == 1 and len(forms[0].split()) == 1:
                continue  # «دولت»: a bare everyday word with no longer form to anchor it
            for a in forms:
                # in an ambiguous row the short forms (مجلس, جهاد کشاورزی) need context; the long ones do not
                e = Entry("ORG", fold(r["name"]), None, r.get("kind") or "other", priority=1,
                          ambiguous=amb and len(a.split()) <= 2)
                orgs.add(a, e)
        _LEX = Lexicon(places, things, PhraseIndex((h[0], h) for h in org_heads),
                       PhraseIndex((h[0], h) for h in role_heads), orgs)
        return _LEX


def place_of(entity: Entity) -> Place | None:
    """The contract Place of a place entity."""
    kind = {"COUNTRY": "country", "PROVINCE": "province"}.get(entity.label)
    if entity.label == "CITY":
        kind = entity.rule.rsplit(".", 1)[-1] if entity.rule.startswith("gazetteer.city.") else "city"
    if entity.label == "LOCATION":
        kind = entity.rule.rsplit(".", 1)[-1] if entity.rule.startswith("gazetteer.location.") else "other"
    if kind is None:
        return None
    return Place(name=entity.name or fold(entity.text), kind=kind, id=entity.id)
