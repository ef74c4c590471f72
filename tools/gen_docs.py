"""Generate docs/records.md (from the dataclasses) and docs/builtin-rules.md (from the rules).

    python tools/gen_docs.py [--out docs]
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _type_name(t) -> str:
    s = str(t).replace("typing.", "").replace("persian_trade_news.records.", "")
    return s.replace("<class '", "").replace("'>", "")


def records_md() -> str:
    from persian_trade_news import records as R

    lines = ["# Records reference", "", "Generated from `persian_trade_news/records.py` by `tools/gen_docs.py`;",
             "the contract is `../shared/CONTRACT.md`. Every record of a list also has `evidence` (a `Span`),",
             "`rule` (the rule's name) and `confidence`.", ""]
    classes = [R.Article, R.Span, R.Place, R.Party, R.Money, R.Amount, R.Entity, R.Person,
               *[R.RECORD_TYPES[n] for n in R.RECORD_TYPES]]
    for cls in classes:
        lines += [f"## `{cls.__name__}`", ""]
        doc = (cls.__doc__ or "").strip()
        if doc and not doc.startswith(cls.__name__ + "("):
            lines += [doc, ""]
        hints = typing.get_type_hints(cls)
        lines += ["| field | type |", "|---|---|"]
        for f in dataclasses.fields(cls):
            lines.append(f"| `{f.name}` | `{_type_name(hints.get(f.name, f.type))}` |")
        lines.append("")
    lines += ["## Vocabularies", "", "Sector slugs (ISIC Rev.4): " +
              ", ".join(f"`{k}` [{v}]" for k, v in R.SECTORS.items()) + ".", "",
              "Units: " + ", ".join(f"`{u}`" for u in R.UNITS) + ".", "",
              "Currencies: " + ", ".join(f"`{c}`" for c in R.CURRENCIES) + ".", ""]
    return "\n".join(lines)


def rules_md() -> str:
    from persian_trade_news.rules.engine import Engine

    eng = Engine(entry_points=False)
    lines = ["# Built-in rules", "", "Generated from the rule files (`persian_trade_news/rules/data/*.yaml`) and the",
             "Python rules (`persian_trade_news/rules/actions/`) by `tools/gen_docs.py`. Rules run in priority order;",
             "each example is run by the test suite.", ""]
    by_record: dict[str, list] = {}
    for r in eng.all_rules():
        by_record.setdefault(r.record, []).append(r)
    for record in sorted(by_record):
        lines += [f"## {record}", "", "| rule | priority | confidence | where | what |", "|---|---|---|---|---|"]
        for r in sorted(by_record[record], key=lambda r: (r.priority, r.name)):
            where = Path(getattr(r, "source", "") or "").name or f"`{getattr(getattr(r, 'func', None), '__module__', '')}`"
            desc = (getattr(r, "description", "") or (getattr(getattr(r, "func", None), "__doc__", "") or "")).strip()
            desc = " ".join(desc.split())[:200].replace("|", "\\|")
            lines.append(f"| `{r.name}` | {r.priority} | {r.confidence} | {where} | {desc} |")
        lines.append("")
        for r in sorted(by_record[record], key=lambda r: (r.priority, r.name)):
            for ex in getattr(r, "examples", ()) or ():
                lines.append(f"- `{r.name}`: «{ex.get('text', '')}»")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "records.md").write_text(records_md(), encoding="utf-8")
    (args.out / "builtin-rules.md").write_text(rules_md(), encoding="utf-8")
    print(f"wrote {args.out / 'records.md'} and {args.out / 'builtin-rules.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
