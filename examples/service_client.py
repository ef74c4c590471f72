"""A minimal client of the HTTP service (standard library only).

    persian-trade-news serve --port 8000 &
    python examples/service_client.py examples/seed-lorestan.txt --url http://127.0.0.1:8000
"""
import argparse
import json
import urllib.error
import urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--url", default="http://127.0.0.1:8000")
args = ap.parse_args()

body = json.dumps({"text": open(args.file, encoding="utf-8").read()}).encode()
req = urllib.request.Request(args.url + "/extract", data=body, headers={"content-type": "application/json"})
try:
    with urllib.request.urlopen(req, timeout=60) as r:
        article = json.load(r)
except urllib.error.HTTPError as e:
    raise SystemExit(f"{e.code}: {json.load(e)['error']}")
print(article["date"], article["agency"])
for v in article["visits"]:
    print("visit:", v["visitor"]["name"], "→", v["destination"]["name"])
