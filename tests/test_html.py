"""``Article._repr_html_``: right-to-left text, every entity and evidence span highlighted,
overlaps nested properly, everything escaped, a summary table per record list."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from test_frames import TEXT, hand_built

import persian_trade_news as ptn
from persian_trade_news import records as R
from persian_trade_news.records.html import render_article

VOID = {"br", "meta", "img", "hr", "input", "link"}


class _Tree(HTMLParser):
    """Checks tags are balanced and collects (tag, attrs, text inside) of marks and evidence spans."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.marks: list[dict] = []
        self.evs: list[dict] = []
        self.text_of: dict[int, list[str]] = {}
        self.plain: list[str] = []
        self.in_text = 0
        self.in_style = False
        self.pos = 0  # characters of the article text seen so far

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        a["_pos"] = self.pos
        self.stack.append((tag, a))
        if tag == "style":
            self.in_style = True
        if a.get("class") == "ptn-text":
            self.in_text += 1
        if tag == "mark":
            self.marks.append(a)
        if tag == "span" and a.get("class") == "ev":
            self.evs.append(a)
        self.text_of[id(a)] = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        open_tag, a = self.stack.pop()
        assert open_tag == tag, (open_tag, tag)
        a["_end"] = self.pos
        if tag == "style":
            self.in_style = False
        if a.get("class") == "ptn-text":
            self.in_text -= 1

    def handle_data(self, data):
        if self.in_style:
            return
        for _, a in self.stack:
            self.text_of[id(a)].append(data)
        if self.in_text:
            self.plain.append(data)
            self.pos += len(data)


def _parse(markup: str) -> _Tree:
    t = _Tree()
    t.feed(markup)
    t.close()
    assert not t.stack, "unclosed tags"
    return t


def _whole(tree: _Tree, items: list[dict]) -> dict[tuple, str]:
    """(label or record, start, end) -> the characters of the article text its parts cover.

    A span split in parts (``data-cont``) or drawn twice (two records with the same evidence)
    covers the union of its parts, which must be exactly ``[start, end)``."""
    text = "".join(tree.plain)
    cover: dict[tuple, set[int]] = {}
    for a in items:
        key = (a.get("data-label") or a.get("data-record"), int(a["data-start"]), int(a["data-end"]))
        cover.setdefault(key, set()).update(range(a["_pos"], a["_end"]))
    out = {}
    for (kind, start, end), chars in cover.items():
        assert chars == set(range(start, end)), (kind, start, end)
        out[(kind, start, end)] = text[start:end]
    return out


def test_hand_built_article_view():
    a = hand_built()
    markup = a._repr_html_()
    assert markup == render_article(a)
    assert 'dir="rtl"' in markup and 'lang="fa"' in markup and "<script" not in markup
    tree = _parse(markup)
    assert "".join(tree.plain) == TEXT  # the text, whole and in order
    marks = _whole(tree, tree.marks)
    assert marks == {(e.label, e.start, e.end): e.text for e in a.entities}
    evs = _whole(tree, tree.evs)
    expected = {(name, r.evidence.start, r.evidence.end): r.evidence.text
                for name in R.RECORD_TYPES for r in getattr(a, name)}
    assert evs == expected
    for m in tree.marks:
        assert m["class"] == f"ent ent-{m['data-label']}" and "background" in m["style"]
    # summary table: one header row per non-empty list with its count, one row per record
    for name in R.RECORD_TYPES:
        n = len(getattr(a, name))
        assert f'<tr class="ptn-list" data-list="{name}"><th colspan="4">{name} ({n})</th></tr>' in markup
        assert markup.count(f'<tr class="ptn-rec" data-list="{name}">') == n
    assert "هیئت اقتصادی لرستان" in markup and "test.one" in markup


def test_overlapping_spans_nest_and_split():
    text = "استاندار لرستان و فارس گفت"
    ents = [R.Entity(text="استاندار لرستان", label="ROLE", start=0, end=15),
            R.Entity(text="لرستان", label="PROVINCE", start=9, end=15),
            R.Entity(text="لرستان و فارس", label="LOCATION", start=9, end=22),  # crosses the ROLE's end
            R.Entity(text="فارس", label="PROVINCE", start=18, end=22)]
    ev = R.Span(start=9, end=26, text=text[9:26])
    a = R.Article(id="o", text=text, entities=ents,
                  statements=[R.Statement(speaker="استاندار", cue="گفت", evidence=ev, rule="s")])
    tree = _parse(a._repr_html_())
    assert "".join(tree.plain) == text
    assert _whole(tree, tree.marks) == {(e.label, e.start, e.end): e.text for e in ents}
    assert _whole(tree, tree.evs) == {("statements", 9, 26): ev.text}
    assert any(m.get("data-cont") for m in tree.marks + tree.evs)  # something had to be split


def test_everything_is_escaped():
    text = '<b>استاندار</b> & <script>alert("x")</script> لرستان'
    start = text.index("لرستان")
    a = R.Article(id='<img src=x onerror="alert(1)">', agency="a&b", text=text,
                  entities=[R.Entity(text="لرستان", label="PROVINCE", start=start, end=start + 6)],
                  products=[R.Product(name="<i>x</i>", text="x", rule='r"><script>',
                                      evidence=R.Span(start=0, end=14, text=text[:14]))])
    markup = a._repr_html_()
    assert "<script" not in markup and "<b>" not in markup and "<img" not in markup and "<i>" not in markup
    tree = _parse(markup)
    assert html.unescape("".join(tree.plain)) == text or "".join(tree.plain) == text
    assert ("PROVINCE", start, start + 6) in _whole(tree, tree.marks)


def test_without_text_and_with_bad_offsets():
    a = hand_built()
    d = a.to_dict()
    d["text"] = ""
    bare = R.Article.from_dict(d)
    markup = bare._repr_html_()
    assert "(no text)" in markup and "<mark" not in markup and "ptn-rec" in markup
    # the caller can pass the text in
    tree = _parse(render_article(bare, text=TEXT))
    assert "".join(tree.plain) == TEXT and len(_whole(tree, tree.marks)) == len(a.entities)
    # spans outside the text are not drawn (and do not break the page)
    a.entities.append(R.Entity(text="x", label="CITY", start=10_000, end=10_001))
    _parse(a._repr_html_())
    empty = R.Article()._repr_html_()
    assert "no records" in empty


def test_real_article_view(seed_text):
    a = ptn.extract(seed_text, id="seed")
    tree = _parse(a._repr_html_())
    assert "".join(tree.plain) == seed_text
    assert _whole(tree, tree.marks) == {(e.label, e.start, e.end): e.text for e in a.entities}
    assert _whole(tree, tree.evs) == {(n, r.evidence.start, r.evidence.end): r.evidence.text
                                      for n in R.RECORD_TYPES for r in getattr(a, n) if r.evidence}
    assert re.search(r'<div class="ptn-text" dir="rtl" lang="fa">', a._repr_html_())
