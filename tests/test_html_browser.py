"""The notebook HTML view in a real browser (headless Chromium): right-to-left layout, every
entity and evidence span highlighted; a PNG is saved under tests/output/ for people to look at."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import persian_trade_news as ptn

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
OUT = Path(__file__).resolve().parent / "output"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (apt-get install chromium; .ci/run does it)")

PROBE = """<script>
window.addEventListener('load', function () {
  var text = document.querySelector('.ptn-text');
  var marks = Array.from(document.querySelectorAll('mark.ent'));
  var evs = Array.from(document.querySelectorAll('span.ev'));
  var visible = marks.filter(function (m) {
    var cs = getComputedStyle(m); var r = m.getBoundingClientRect();
    return cs.backgroundColor !== 'rgba(0, 0, 0, 0)' && r.width > 0 && r.height > 0; });
  var underlined = evs.filter(function (e) { return getComputedStyle(e).borderBottomStyle === 'solid'; });
  var out = {direction: getComputedStyle(text).direction, textAlign: getComputedStyle(text).textAlign,
             marks: marks.map(function (m) { return [m.dataset.label, +m.dataset.start, +m.dataset.end]; }),
             visible: visible.length, evs: evs.map(function (e) { return [e.dataset.record, +e.dataset.start, +e.dataset.end]; }),
             underlined: underlined.length};
  var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def _page(article) -> str:
    return ("<!doctype html><html><head><meta charset='utf-8'><title>ptn</title></head><body>"
            + article._repr_html_() + PROBE + "</body></html>")


def _chromium(args, tmp):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp}", *args], capture_output=True, text=True,
                          timeout=120)


def test_html_view_in_chromium(seed_text):
    article = ptn.extract(seed_text, id="seed-lorestan")
    OUT.mkdir(exist_ok=True)
    page = OUT / "seed-lorestan.html"
    page.write_text(_page(article), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        r = _chromium(["--virtual-time-budget=3000", "--dump-dom", page.as_uri()], tmp)
        m = re.search(r'<pre id="probe">(.*?)</pre>', r.stdout, re.S)
        assert m, r.stderr[-2000:]
        probe = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
        png = OUT / "seed-lorestan.png"
        _chromium(["--window-size=1200,2400", f"--screenshot={png}", page.as_uri()], tmp)
    assert probe["direction"] == "rtl" and probe["textAlign"] in ("right", "start")
    # every entity is a highlighted mark (a mark split by an overlapping span keeps its offsets)
    marked = {(l, s, e) for l, s, e in probe["marks"]}
    assert {(e.label, e.start, e.end) for e in article.entities} <= marked
    assert probe["visible"] == len(probe["marks"])
    evidence = {(n, s, e) for n, s, e in probe["evs"]}
    for name in ("visits", "meetings", "capacities", "shares", "rankings", "statements"):
        for rec in getattr(article, name):
            assert (name, rec.evidence.start, rec.evidence.end) in evidence
    assert probe["underlined"] == len(probe["evs"])
    assert png.exists() and png.stat().st_size > 10_000
