"""Check persian_trade_news/lexicons/data/organizations.tsv.

Run with the project's venv (the matching key comes from the library, which reads hazm's tables):

    .venv/bin/python tools/check_organizations.py [--file PATH] [--hazm [N]] [--verbose]

Checks (errors): the header row ``name kind aliases ambiguous``; four cells a row; ``kind`` one of
government, company, chamber, customs, zone, media, bank, university, association, international,
party, religious, military, other; ``ambiguous`` 0 or 1; names and aliases without Arabic ي/ك/ى/ة,
diacritics, tatweel, Latin letters, stray spaces or empty aliases, and with a matching key of at least
two characters (the gazetteer drops shorter ones); no form repeated in a row; no matching key
(``persian_trade_news.text.normalize.match_key``: no ZWNJ or spaces, ي/ك and hamza forms folded)
shared by two rows; no form of a row with ``ambiguous=0`` equal to a name in the place files
(countries.tsv, provinces.tsv, cities.tsv, foreign_places.tsv, capitals.tsv, places.tsv) or in
agencies.tsv.

Information (NOTE, with ``--verbose``): the collisions of ambiguous rows; forms that are also heads
in org_heads.tsv (the head pattern extends them with the words after). With ``--hazm [N]``: the
forms of unambiguous rows that hazm's words.dat counts more than N times (default 300000; hazm
has no proper-noun tag, so a high count is either a well-known name or an everyday word: judge it).

Prints rows per kind and exits 1 on any error.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import re
import sys
from pathlib import Path

from _tsv import read_tsv  # the checkers' shared reader (tools/ is the script's path)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from persian_trade_news.text.normalize import match_key

DATA = ROOT / "persian_trade_news" / "lexicons" / "data"
HEADER = ["name", "kind", "aliases", "ambiguous"]
KINDS = ("government", "company", "chamber", "customs", "zone", "media", "bank", "university",
         "association", "international", "party", "religious", "military", "other")
PLACE_FILES = ("countries.tsv", "provinces.tsv", "cities.tsv", "foreign_places.tsv", "capitals.tsv",
               "places.tsv")
ARABIC = "يكىة"
DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Persian letters (with hamza forms ء آ أ ؤ ئ), ZWNJ, space, hyphen, Persian digits, Persian comma, plus
ALLOWED = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
                     r"\u06f0-\u06f9\u200c \-\u060c+]+$")


def forms(row: dict[str, str], cols: tuple[str, ...] = ("name", "aliases")) -> list[str]:
    out = []
    for c in cols:
        out += [a.strip() for a in (row.get(c) or "").split("|") if a.strip()]
    return out


def other_names(files: tuple[str, ...], name_col: str = "name",
                cols: tuple[str, ...] = ("name", "aliases")) -> dict[str, list[tuple[str, str]]]:
    """match_key -> [(file, canonical name)] for the names and aliases of other lexicon files."""
    out: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for fname in files:
        path = DATA / fname
        if not path.exists():
            continue
        header, rows = read_tsv(path)
        for _, cells in rows:
            r = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            for a in forms(r, cols):
                out[match_key(a)].append((fname, r.get(name_col, "")))
    return out


def hazm_counts() -> dict[str, tuple[int, str]]:
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "words.dat"
    words: dict[str, tuple[int, str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 3 and p[1].isdigit():
                k = match_key(p[0])
                if k not in words or words[k][0] < int(p[1]):
                    words[k] = (int(p[1]), p[2])
    return words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", type=Path, default=DATA / "organizations.tsv")
    ap.add_argument("--hazm", type=int, nargs="?", const=300000, default=None, metavar="N",
                    help="list forms of unambiguous rows that hazm's words.dat counts more than N times")
    ap.add_argument("--verbose", "-v", action="store_true", help="print the NOTE lines")
    args = ap.parse_args(argv)

    errors: list[str] = []
    notes: list[str] = []

    def err(line: int, msg: str) -> None:
        errors.append(f"{args.file.name}:{line}: {msg}")

    header, raw = read_tsv(args.file)
    if header != HEADER:
        print(f"ERROR header is {header!r}, expected {HEADER!r}")
        return 1

    rows: list[tuple[int, dict[str, str]]] = []
    for n, cells in raw:
        if len(cells) != len(HEADER):
            err(n, f"{len(cells)} cells, expected {len(HEADER)}")
            continue
        r = dict(zip(HEADER, cells))
        for c, v in r.items():
            if v != v.strip():
                err(n, f"{c} has leading/trailing spaces: {v!r}")
        if not r["name"].strip():
            err(n, "empty name")
        if "|" in r["name"]:
            err(n, "name holds '|'")
        if r["kind"] not in KINDS:
            err(n, f"kind {r['kind']!r} not in {'|'.join(KINDS)}")
        if r["ambiguous"] not in ("0", "1"):
            err(n, f"ambiguous {r['ambiguous']!r} not 0/1")
        if r["aliases"] and "" in [a.strip() for a in r["aliases"].split("|")]:
            err(n, "empty alias")
        seen: set[str] = set()
        for a in forms(r):
            if a in seen:
                err(n, f"{a!r} repeated in the row")
            seen.add(a)
            if "  " in a:
                err(n, f"double space in {a!r}")
            if any(ch in a for ch in ARABIC):
                err(n, f"Arabic ي/ك/ى/ة in {a!r}")
            if DIACRITICS.search(a):
                err(n, f"diacritic or tatweel in {a!r}")
            elif not ALLOWED.match(a):
                bad = sorted({ch for ch in a if not ALLOWED.match(ch)})
                err(n, f"unexpected characters {bad!r} in {a!r}")
            if a.startswith("\u200c") or a.endswith("\u200c") or "\u200c " in a or " \u200c" in a:
                err(n, f"stray ZWNJ in {a!r}")
            if len(match_key(a)) < 2:
                err(n, f"{a!r}: matching key shorter than 2 characters (the gazetteer drops it)")
        rows.append((n, r))

    # matching keys shared between rows
    by_key: dict[str, list[tuple[int, dict[str, str], str]]] = collections.defaultdict(list)
    for n, r in rows:
        mine: dict[str, str] = {}
        for a in forms(r):
            mine.setdefault(match_key(a), a)
        for k, a in mine.items():
            by_key[k].append((n, r, a))
    for k, group in by_key.items():
        for i, (n1, r1, a1) in enumerate(group):
            for n2, r2, a2 in group[i + 1:]:
                err(n2, f"{a2!r} (key {k!r}) is also {a1!r} of line {n1} ({r1['name']}); "
                        "a form belongs to one row")

    # collisions with the place files and agencies.tsv
    places = other_names(PLACE_FILES)
    agencies = other_names(("agencies.tsv",))
    heads = other_names(("org_heads.tsv",), name_col="head", cols=("head",))
    collisions = collections.Counter()
    for n, r in rows:
        amb = r["ambiguous"] == "1"
        done: set[tuple[str, str]] = set()
        for a in forms(r):
            k = match_key(a)
            for fname, oname in places.get(k, []) + agencies.get(k, []):
                if (fname, oname) in done:
                    continue
                done.add((fname, oname))
                collisions[fname] += 1
                if amb:
                    notes.append(f"{args.file.name}:{n}: {a} is also {oname} in {fname} (row ambiguous)")
                else:
                    err(n, f"{a} is also {oname} in {fname}; mark the row ambiguous or drop the form")
            for _, head in heads.get(k, []):
                notes.append(f"{args.file.name}:{n}: {a} is also a head in org_heads.tsv ({head})")
                collisions["org_heads.tsv"] += 1

    if args.hazm is not None:
        words = hazm_counts()
        if not words:
            notes.append("hazm not installed: --hazm skipped")
        for n, r in rows:
            if r["ambiguous"] == "1":
                continue
            for a in forms(r):
                hit = words.get(match_key(a))
                if hit and hit[0] > args.hazm:
                    print(f"HAZM {args.file.name}:{n}: {a} count {hit[0]} ({hit[1]}), ambiguous=0")

    total = collections.Counter(r["kind"] for _, r in rows)
    amb = collections.Counter(r["kind"] for _, r in rows if r["ambiguous"] == "1")
    n_forms = sum(len(forms(r)) for _, r in rows)
    print(f"{args.file}: {len(rows)} rows, {n_forms} names and aliases, "
          f"{sum(amb.values())} ambiguous rows")
    print("rows per kind (ambiguous): " + ", ".join(f"{k} {total[k]} ({amb[k]})" for k in KINDS if total[k]))
    print("forms shared with other files: "
          + (", ".join(f"{f} {c}" for f, c in sorted(collisions.items())) or "none")
          + " (place files and agencies.tsv: only in ambiguous rows unless reported below)")
    if args.verbose:
        for m in notes:
            print("NOTE", m)
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
