"""Check persian_trade_news/lexicons/data/foreign_places.tsv.

Run with the project's venv (pycountry is needed; hazm only for ``--hazm``):

    .venv/bin/python tools/check_foreign_places.py [--file PATH] [--hazm]

Checks: the header row; kind in {province, city}; country a pycountry ISO 3166-1 alpha-2 code;
a province id a pycountry.subdivisions code of that country and of a first-level subdivision
(no parent, or - as Iraq's Kurdistan governorates under IQ-KR and Nakhchivan's rayons under
AZ-NX - a parent but the same subdivision type as the country's parentless ones); a city id
empty; ambiguous in {0, 1}; names and aliases without Arabic ي/ك, diacritics, tatweel, Latin
letters or stray spaces; no matching key (a name or alias with ZWNJ and spaces removed, ي/ك,
hamza forms and ۀ/ة folded as the gazetteer folds them) shared by two rows unless both rows
are ambiguous, except a province and a city of the same country, where the province row must be
ambiguous (the bare name is the city, «استان X» the province, as for Iran's کرمانشاه); no name
that collides with cities.tsv, provinces.tsv, countries.tsv, capitals.tsv or places.tsv unless the
row is ambiguous; no city repeated from the foreign rows of cities.tsv or from capitals.tsv.
Prints a summary (rows per country and kind) and exits 1 on any error.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import sys
from pathlib import Path

from _tsv import read_tsv  # the checkers' shared reader (tools/ is the script's path)

DATA = Path(__file__).resolve().parent.parent / "persian_trade_news" / "lexicons" / "data"
HEADER = ["name", "kind", "country", "id", "aliases", "ambiguous"]
KINDS = {"province", "city"}
ZWNJ = "\u200c"
# the gazetteer's matching key (persian_trade_news.normalize.match_key): no ZWNJ or spaces,
# Arabic ي/ك as Persian ی/ک, hamza forms and ۀ/ة unified
_KEY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
                      "ؤ": "و", "ئ": "ی", ZWNJ: None, " ": None})
ARABIC_LETTERS = "يكى"
DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ALLOWED = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c \-]+$")


def key(name: str) -> str:
    return name.translate(_KEY)


def names_of(row: dict[str, str], cols=("name", "aliases")) -> list[str]:
    out = []
    for c in cols:
        out += [a for a in row.get(c, "").split("|") if a.strip()]
    return out


def other_lexicons() -> dict[str, list[tuple[str, str, str, str]]]:
    """matching key -> [(file, country, kind, canonical name)] for the other place files."""
    out: dict[str, list[tuple[str, str, str, str]]] = collections.defaultdict(list)
    spec = {"cities.tsv": ("country", "kind"), "provinces.tsv": (None, None), "countries.tsv": ("id", None),
            "capitals.tsv": ("country", None), "places.tsv": (None, "kind")}
    for fname, (ccol, kcol) in spec.items():
        path = DATA / fname
        if not path.exists():
            continue
        header, rows = read_tsv(path)
        for _, cells in rows:
            r = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            cc = (r.get(ccol) or "") if ccol else ("IR" if fname == "provinces.tsv" else "")
            if fname == "cities.tsv" and not cc:
                cc = "IR"
            kind = r.get(kcol, "") if kcol else {"provinces.tsv": "province", "countries.tsv": "country",
                                                  "capitals.tsv": "capital"}.get(fname, "")
            for n in names_of(r):
                out[key(n.strip())].append((fname, cc, kind, r.get("name", "")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", type=Path, default=DATA / "foreign_places.tsv")
    ap.add_argument("--hazm", action="store_true",
                    help="also list unambiguous names that hazm's words.dat has with count > 2000 (information)")
    args = ap.parse_args(argv)

    import pycountry

    errors: list[str] = []
    warnings: list[str] = []

    def err(line: int, msg: str) -> None:
        errors.append(f"{args.file.name}:{line}: {msg}")

    header, raw = read_tsv(args.file)
    if header != HEADER:
        print(f"ERROR header is {header!r}, expected {HEADER!r}")
        return 1

    subdivisions: dict[str, dict[str, object]] = {}
    first_types: dict[str, set[str]] = collections.defaultdict(set)
    for s in pycountry.subdivisions:
        subdivisions[s.code] = s
        if not s.parent_code:
            first_types[s.country_code].add(s.type)

    rows: list[tuple[int, dict[str, str]]] = []
    seen_rows: set[tuple[str, str, str]] = set()
    seen_ids: dict[str, int] = {}
    for n, cells in raw:
        if len(cells) != len(HEADER):
            err(n, f"{len(cells)} cells, expected {len(HEADER)}")
            continue
        r = dict(zip(HEADER, cells))
        for c, v in r.items():
            if v != v.strip():
                err(n, f"{c} has leading/trailing spaces: {v!r}")
        kind, cc, ident, amb = r["kind"], r["country"], r["id"], r["ambiguous"]
        if not r["name"]:
            err(n, "empty name")
        if kind not in KINDS:
            err(n, f"kind {kind!r} not in {sorted(KINDS)}")
        if pycountry.countries.get(alpha_2=cc) is None or len(cc) != 2:
            err(n, f"country {cc!r} is not an ISO 3166-1 alpha-2 code")
        if amb not in ("0", "1"):
            err(n, f"ambiguous {amb!r} not 0/1")
        if kind == "province":
            sub = subdivisions.get(ident)
            if sub is None:
                err(n, f"province id {ident!r} is not a pycountry.subdivisions code")
            elif sub.country_code != cc:
                err(n, f"province id {ident} belongs to {sub.country_code}, not {cc}")
            elif sub.parent_code and sub.type not in first_types[cc]:
                err(n, f"province id {ident} ({sub.type}) is under {sub.parent_code}, not first-level")
            if ident in seen_ids:
                err(n, f"province id {ident} also on line {seen_ids[ident]}")
            seen_ids[ident] = n
        elif kind == "city" and ident:
            err(n, f"city with an id {ident!r}")
        for a in names_of(r):
            if a != a.strip() or "  " in a or not a.strip():
                err(n, f"stray spaces in {a!r}")
            if any(ch in a for ch in ARABIC_LETTERS):
                err(n, f"Arabic ي/ك/ى in {a!r}")
            if DIACRITICS.search(a):
                err(n, f"diacritic or tatweel in {a!r}")
            elif not ALLOWED.match(a):
                bad = sorted({ch for ch in a if not ALLOWED.match(ch)})
                err(n, f"unexpected characters {bad!r} in {a!r}")
        if "|" in r["name"]:
            err(n, "name holds '|'")
        if "" in r["aliases"].split("|") and r["aliases"]:
            err(n, "empty alias")
        rk = (key(r["name"]), kind, cc)
        if rk in seen_rows:
            err(n, f"row {r['name']} {kind} {cc} repeated")
        seen_rows.add(rk)
        rows.append((n, r))

    # keys shared between rows
    by_key: dict[str, list[tuple[int, dict[str, str]]]] = collections.defaultdict(list)
    for n, r in rows:
        for k in {key(a) for a in names_of(r)}:
            by_key[k].append((n, r))
    for k, group in by_key.items():
        if len(group) < 2:
            continue
        for i, (n1, r1) in enumerate(group):
            for n2, r2 in group[i + 1:]:
                if r1["ambiguous"] == "1" and r2["ambiguous"] == "1":
                    continue
                if r1["country"] == r2["country"] and {r1["kind"], r2["kind"]} == KINDS:
                    prov = r1 if r1["kind"] == "province" else r2
                    if prov["ambiguous"] == "1":
                        continue  # the bare name is the city; the province needs «استان»
                    err(n1 if prov is r1 else n2,
                        f"province {prov['name']} shares {k!r} with a city of {prov['country']}: mark the province ambiguous")
                    continue
                err(n2, f"{k!r} is on lines {n1} ({r1['name']}) and {n2} ({r2['name']}); "
                        "both rows must be ambiguous")

    # collisions with the other lexicons
    others = other_lexicons()
    collisions = 0
    for n, r in rows:
        for a in names_of(r):
            for fname, cc, okind, oname in others.get(key(a), []):
                if r["kind"] == "city" and fname in ("cities.tsv", "capitals.tsv") and cc == r["country"] and cc != "IR":
                    err(n, f"city {r['name']} ({a}) repeats {fname} {oname} {cc}; leave it out")
                    continue
                collisions += 1
                if r["ambiguous"] != "1":
                    err(n, f"{a} is also {oname} in {fname} ({okind} {cc}); mark the row ambiguous")

    if args.hazm:
        try:
            import hazm
            path = os.path.join(os.path.dirname(hazm.__file__), "data", "words.dat")
            words: dict[str, tuple[int, str]] = {}
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    p = line.rstrip("\n").split("\t")
                    if len(p) >= 3 and p[1].isdigit():
                        k = key(p[0])
                        if k not in words or words[k][0] < int(p[1]):
                            words[k] = (int(p[1]), p[2])
            for n, r in rows:
                if r["ambiguous"] == "1":
                    continue
                for a in names_of(r):
                    hit = words.get(key(a))
                    if hit and hit[0] > 2000:
                        warnings.append(f"{args.file.name}:{n}: {a} in hazm words.dat (count {hit[0]}, {hit[1]}), "
                                        "ambiguous=0 (hazm has no proper-noun tag: a place name, or an everyday word?)")
        except ImportError:
            warnings.append("hazm not installed: --hazm skipped")

    # summary
    table: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    amb = collections.Counter()
    for _, r in rows:
        table[r["country"]][r["kind"]] += 1
        amb[r["kind"]] += r["ambiguous"] == "1"
    total = collections.Counter(r["kind"] for _, r in rows)
    print(f"{args.file}: {len(rows)} rows, {len(table)} countries; "
          f"province {total['province']} ({amb['province']} ambiguous), city {total['city']} ({amb['city']} ambiguous); "
          f"{collisions} names shared with other lexicon files (all ambiguous unless reported)")
    print("rows per country (province/city):")
    cells = [f"{cc} {table[cc]['province']}/{table[cc]['city']}" for cc in sorted(table)]
    for i in range(0, len(cells), 10):
        print("  " + "  ".join(f"{c:10}" for c in cells[i:i + 10]).rstrip())
    for w in warnings:
        print("NOTE", w)
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
