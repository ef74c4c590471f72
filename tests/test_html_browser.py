"""The notebook HTML view in a real browser (headless Chromium).

Checks, from the rendered DOM and computed styles: the text block is laid out right-to-left
(computed ``direction: rtl``, right-aligned), its text content is the article's text unchanged,
every entity is a visible highlighted ``<mark>`` with its label and offsets (the set of marks
equals the Article's entities), every record's evidence is an underlined ``span.ev`` (the set
equals the Article's evidence spans), and the first Persian word is drawn to the right of the
last one on the first line. PNG screenshots go to ``tests/output/`` for people to look at.

Needs ``/usr/bin/chromium`` (Debian: ``apt-get install -y chromium``); skipped without it.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from test_frames import hand_built

import persian_trade_news as ptn
from persian_trade_news.records import RECORD_TYPES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
OUT = Path(__file__).resolve().parent / "output"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--disable-extensions", "--mute-audio"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not found: apt-get install -y chromium (.ci/run does it)")

PROBE = """<script>
window.addEventListener('load', function () {
  var text = document.querySelector('.ptn-text');
  var marks = Array.from(text.querySelectorAll('mark.ent'));
  var evs = Array.from(text.querySelectorAll('span.ev'));
  function shown(el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
  var visible = marks.filter(function (m) {
    return getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)' && shown(m); });
  var underlined = evs.filter(function (e) {
    var cs = getComputedStyle(e); return cs.borderBottomStyle === 'solid' && parseFloat(cs.borderBottomWidth) > 0; });
  // two consecutive Persian words inside one text node (Latin runs such as the date header are
  // laid out left-to-right, so they are skipped)
  var range = document.createRange(), order = null;
  var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT), node;
  while (!order && (node = walker.nextNode())) {
    var re = /[\u0600-\u06FF\u200c]+/g, s = node.textContent, m, found = [];
    while ((m = re.exec(s)) && found.length < 2) {
      if (found.length && s.slice(found[0].index + found[0][0].length, m.index).trim() !== '') { found = []; }
      found.push(m);
    }
    if (found.length === 2) {
      range.setStart(node, found[0].index); range.setEnd(node, found[0].index + found[0][0].length);
      var first = range.getBoundingClientRect();
      range.setStart(node, found[1].index); range.setEnd(node, found[1].index + found[1][0].length);
      var second = range.getBoundingClientRect();
      if (Math.abs(first.top - second.top) < 5) {
        order = {words: [found[0][0], found[1][0]], first_right: first.right, second_right: second.right,
                 same_line: true};
      }
    }
  }
  var out = {direction: getComputedStyle(text).direction, textAlign: getComputedStyle(text).textAlign,
             lang: text.getAttribute('lang'), content: text.textContent,
             marks: marks.map(function (m) { return [m.dataset.label, +m.dataset.start, +m.dataset.end]; }),
             visible: visible.length,
             evs: evs.map(function (e) { return [e.dataset.record, +e.dataset.start, +e.dataset.end]; }),
             underlined: underlined.length, order: order,
             rows: document.querySelectorAll('tr.ptn-rec').length};
  var pre = document.createElement('pre'); pre.id = 'probe'; pre.style.display = 'none'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def _page(article) -> str:
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>persian_trade_news view</title>"
            "</head><body>" + article._repr_html_() + PROBE + "</body></html>")


def _chromium(args: list[str], profile: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], check=False, capture_output=True,
                          text=True, timeout=180)


def _render(article, name: str) -> dict:
    """Write the page, dump its DOM (with the probe's findings) and take a screenshot."""
    OUT.mkdir(exist_ok=True)
    page = OUT / f"{name}.html"
    page.write_text(_page(article), encoding="utf-8")
    png = OUT / f"{name}.png"
    if png.exists():
        png.unlink()
    with tempfile.TemporaryDirectory() as profile:
        r = _chromium(["--virtual-time-budget=5000", "--dump-dom", page.as_uri()], profile)
        m = re.search(r'<pre id="probe"[^>]*>(.*?)</pre>', r.stdout, re.DOTALL)
        assert m, "no probe output; chromium stderr: " + r.stderr[-2000:]
        probe = json.loads(html.unescape(m.group(1)))
    with tempfile.TemporaryDirectory() as profile:
        _chromium(["--window-size=1200,1600", f"--screenshot={png}", page.as_uri()], profile)
    assert png.exists() and png.stat().st_size > 10_000, "no screenshot"
    probe["png"] = png
    return probe


def _check(article, probe: dict) -> None:
    assert probe["direction"] == "rtl" and probe["textAlign"] in ("right", "start") and probe["lang"] == "fa"
    assert probe["content"] == article.text  # the whole text, unchanged and in order
    # of two consecutive Persian words on a line, the first is drawn to the right of the second
    assert probe["order"] is not None
    if probe["order"]["same_line"]:
        assert probe["order"]["first_right"] > probe["order"]["second_right"], probe["order"]
    # every entity highlighted (a mark split around an overlapping span keeps its offsets)
    assert {tuple(m) for m in probe["marks"]} == {(e.label, e.start, e.end) for e in article.entities}
    assert probe["visible"] == len(probe["marks"])
    # every record's evidence underlined
    expected = {(n, r.evidence.start, r.evidence.end) for n in RECORD_TYPES for r in getattr(article, n)
                if r.evidence is not None}
    assert {tuple(e) for e in probe["evs"]} == expected
    assert probe["underlined"] == len(probe["evs"])
    assert probe["rows"] == sum(len(getattr(article, n)) for n in RECORD_TYPES)


def test_hand_built_article_in_chromium():
    article = hand_built("hand-built")
    _check(article, _render(article, "hand-built"))


def test_seed_article_in_chromium(seed_text):
    article = ptn.extract(seed_text, id="seed-lorestan")
    assert article.entities and article.visits
    _check(article, _render(article, "seed-lorestan"))
