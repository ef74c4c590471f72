"""A minimal client of the HTTP service (standard library only).

    persian-trade-news serve --port 8000 &          # or: python -m persian_trade_news.interfaces.server --port 8000
    python examples/service_client.py examples/seed-lorestan.txt
    python examples/service_client.py examples/seed-*.txt --url http://127.0.0.1:8000   # one batch request

Prints a line per record; exits 1 when the service answers an error ({"error": {"type", "message"}}).
"""
from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path


def call(url: str, path: str, body: dict | None = None, timeout: float = 120) -> dict:
    """GET (no body) or POST JSON; returns the decoded answer, raises RuntimeError on an error answer."""
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url.rstrip("/") + path, data=data,
                                 headers={"content-type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        try:
            err = json.load(e)["error"]
        except (ValueError, KeyError):
            err = {"type": "http", "message": str(e)}
        raise RuntimeError(f"HTTP {e.code} {err['type']}: {err['message']}") from None


def show(article: dict) -> None:
    if "error" in article:
        print(f"[{article.get('id')}] error {article['error']['type']}: {article['error']['message']}")
        return
    print(f"[{article['id']}] {article['date']} {article['agency'] or ''}")
    for v in article["visits"]:
        print("  visit:", v["visitor"]["name"], "→", v["destination"]["name"], v["destination"]["id"] or "")
    for c in article["capacities"]:
        print("  capacity:", c["measure"], c["item"] or "", c["value"], c["unit"])
    for s in article["statements"]:
        print("  statement:", s["speaker"], "«" + (s["content"] or {}).get("text", "")[:60] + "»")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--date", help="publication date YYYY-MM-DD")
    args = ap.parse_args(argv)
    items = [{"text": p.read_text(encoding="utf-8"), "id": p.stem, "date": args.date} for p in args.files]
    try:
        print("service:", call(args.url, "/health"))
        if len(items) == 1:
            show(call(args.url, "/extract", items[0]))
        else:
            for article in call(args.url, "/extract/batch", {"articles": items})["articles"]:
                show(article)
    except (RuntimeError, urllib.error.URLError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
