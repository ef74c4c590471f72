"""The built-in evaluator (persian_trade_news.interfaces.evaluate): each list's matcher, the
once-per-article dedupe, greedy one-to-one matching, absent vs empty lists, text folding, the
CLI, and the same figures as ../shared/tools/score.py on ../shared/gold/dev."""
from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from persian_trade_news.errors import InputError
from persian_trade_news.interfaces import evaluate as ev
from persian_trade_news.interfaces.evaluate import evaluate, main, norm

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORE_PY = SHARED / "tools" / "score.py"
DEV = SHARED / "gold" / "dev"  # only dev: shared/gold/check is held out and never read here

needs_shared = pytest.mark.skipif(
    not (SCORE_PY.is_file() and DEV.is_dir()),
    reason=f"{SHARED} (shared/tools/score.py and shared/gold/dev) is not beside this repository "
           "(a public clone): the comparison with score.py needs it")

ZWNJ = "\u200c"


def counts(result: ev.Evaluation, name: str) -> tuple[int, int, int]:
    s = result.lists.get(name)
    return (s.tp, s.fp, s.fn) if s else (0, 0, 0)


def one(name: str, pred: list, gold: list) -> tuple[int, int, int]:
    """(tp, fp, fn) of one list of one article."""
    return counts(evaluate([{"id": "a", name: gold}], {"a": {name: pred}}), name)


def place(name, pid=None, kind="province"):
    return {"name": name, "kind": kind, "id": pid}


def party(name, kind="person", where=None):
    return {"name": name, "kind": kind, "place": where, "leader": None}


FARS = place("فارس", "IR-07")
LORESTAN = place("لرستان", "IR-15")
KZ = place("قزاقستان", "KZ", "country")


# ------------------------------------------------------------------ text
def test_norm_folds_letters_and_drops_zwnj_spaces_diacritics():
    assert norm(f"خرم{ZWNJ}آباد") == norm("خرم آباد") == norm("خرم-آباد") == "خرمآباد"
    assert norm("كرمانشاهي") == norm("کرمانشاهی")
    assert norm("سَرمایه") == norm("سرمایه")
    assert norm(None) == ""
    assert ev.words(f"سرمایه{ZWNJ}گذاری خارجی") == ["سرمایه", "گذاری", "خارجی"]


def test_entities_match_after_normalisation_same_label_only():
    gold = [{"label": "CITY", "text": f"خرم{ZWNJ}آباد"}, {"label": "CITY", "text": "کرمانشاه"},
            {"label": "PROVINCE", "text": "لرستان"}]
    pred = [{"label": "CITY", "text": "خرم آباد"}, {"label": "CITY", "text": "كرمانشاه"},  # Arabic ك
            {"label": "CITY", "text": "لرستان"}]  # wrong label
    assert one("entities", pred, gold) == (2, 1, 1)


def test_entities_unscored_labels_are_ignored_on_both_sides():
    gold = [{"label": "PERSON", "text": "علی"}, {"label": "LOCATION", "text": "دریاچه ارومیه"}]
    pred = [{"label": "PERSON", "text": "علی"}, {"label": "PRODUCT", "text": "انجیر"},
            {"label": "MONEY", "text": "۱۰ میلیون دلار"}]
    assert one("entities", pred, gold) == (1, 0, 0)


# ------------------------------------------------------------------ once per article
def test_once_per_article_lists_count_each_value_once():
    ents = [{"label": "PERSON", "text": "علی رضایی"}]
    assert one("entities", ents * 3 + [{"label": "PERSON", "text": "علي رضايي"}], ents * 2) == (1, 0, 0)
    assert one("sectors", [{"sector": "mining"}] * 4, [{"sector": "mining"}, {"sector": "tourism"}]) == (1, 0, 1)
    # products dedupe on name (or hs when the name is empty)
    assert one("products", [{"name": "انجیر", "hs": "0804"}, {"name": "انجير", "hs": None}],
               [{"name": "انجیر", "hs": "0804"}]) == (1, 0, 0)
    assert one("statements", [{"speaker": "حسینعلی امیری"}] * 3, [{"speaker": "حسینعلی امیری"}]) == (1, 0, 0)


def test_other_lists_are_not_deduplicated():
    cap = {"subject": None, "measure": "production", "value": 100.0, "unit": "t"}
    assert one("capacities", [cap, cap], [cap]) == (1, 1, 0)
    assert one("people", [{"name": "علی رضایی"}] * 2, [{"name": "علی رضایی"}]) == (1, 1, 0)


# ------------------------------------------------------------------ greedy one-to-one
def test_a_prediction_matches_at_most_one_gold_record():
    gold = [{"participants": [party("علی رضایی")]}, {"participants": [party("علی رضایی")]}]
    assert one("meetings", [{"participants": [party("علی رضایی")]}], gold) == (1, 0, 1)


def test_matching_is_greedy_in_gold_order_not_optimal():
    # g1 matches p1 and p2, g2 only p1: g1 takes the first match (p1), so g2 is missed and p2 is
    # a false alarm (an optimal assignment would find 2)
    a, b = party("علی رضایی"), party("حسن کریمی")
    gold = [{"participants": [a]}, {"participants": [b]}]
    pred = [{"participants": [a, b]}, {"participants": [a]}]
    assert one("meetings", pred, gold) == (1, 1, 1)
    assert one("meetings", list(reversed(pred)), gold) == (2, 0, 0)


# ------------------------------------------------------------------ absent vs empty
def test_absent_list_is_not_scored_empty_list_is():
    visit = {"visitor": party("علی رضایی"), "origin": None, "destination": FARS}
    absent = evaluate([{"id": "a", "sectors": []}], {"a": {"visits": [visit], "sectors": []}})
    assert "visits" not in absent.lists and absent.micro.fp == 0 and absent.false_alarms == []
    empty = evaluate([{"id": "a", "visits": []}], {"a": {"visits": [visit, visit]}})
    assert counts(empty, "visits") == (0, 2, 0)
    assert [(f.article_id, f.list_name) for f in empty.false_alarms] == [("a", "visits")] * 2


def test_missing_prediction_counts_as_predicting_nothing():
    result = evaluate([{"id": "a", "sectors": [{"sector": "mining"}]}], {})
    assert counts(result, "sectors") == (0, 0, 1)
    assert result.misses == [ev.Miss("a", "sectors", {"sector": "mining"})]
    assert (result.micro.precision, result.micro.recall, result.micro.f1) == (0.0, 0.0, 0.0)


# ------------------------------------------------------------------ per-list matchers
def test_people_same_name_allows_one_extra_word():
    gold = [{"name": "حسینعلی امیری"}]
    assert one("people", [{"name": "سید حسینعلی امیری"}], gold) == (1, 0, 0)
    assert one("people", [{"name": "آقای سید حسینعلی امیری"}], gold) == (0, 1, 1)  # two extra words
    assert one("people", [{"name": "امیری"}], gold) == (0, 1, 1)  # a gold word missing
    assert one("people", [{"name": "حسينعلي اميري"}], gold) == (1, 0, 0)


def test_visits_need_destination_and_visitor_or_origin():
    gold = [{"visitor": party("کوجی هاندا"), "origin": KZ, "destination": FARS}]
    by_visitor = {"visitor": party("کوجی هاندا"), "origin": None, "destination": place("استان فارس", "IR-07")}
    assert one("visits", [by_visitor], gold) == (1, 0, 0)
    wrong_dest = dict(by_visitor, destination=place("فارس", "IR-15"))  # ids differ: names are not used
    assert one("visits", [wrong_dest], gold) == (0, 1, 1)
    by_origin = {"visitor": party("هیات تجاری", "delegation"), "origin": KZ, "destination": FARS}
    assert one("visits", [by_origin], gold) == (1, 0, 0)
    by_visitor_place = {"visitor": party("هیات تجاری", "delegation", KZ), "origin": None, "destination": FARS}
    assert one("visits", [by_visitor_place], gold) == (1, 0, 0)
    no_origin_gold = [dict(gold[0], origin=None)]
    assert one("visits", [by_origin], no_origin_gold) == (0, 1, 1)


def test_delegations_match_on_their_place():
    gold = [{"visitor": party("هیات اقتصادی استان فارس", "delegation", FARS), "origin": None,
             "destination": KZ}]
    pred = [{"visitor": party("هیئت فارس", "delegation", place("فارس", "IR-07")), "origin": None,
             "destination": place("قزاقستان", None, "country")}]  # destination by name (no id)
    assert one("visits", pred, gold) == (1, 0, 0)


def test_meetings_match_on_any_participant():
    gold = [{"participants": [party("علی رضایی"), party("سفیر قزاقستان")]}]
    assert one("meetings", [{"participants": [party("حسن کریمی"), party("سفیر قزاقستان")]}], gold) == (1, 0, 0)
    assert one("meetings", [{"participants": [party("حسن کریمی")]}], gold) == (0, 1, 1)


def test_capacities_value_tolerance_unit_and_subject():
    gold = [{"subject": LORESTAN, "measure": "production", "value": 1000.0, "unit": "t"}]
    ok = {"subject": place("لرستان", "IR-15"), "value": 1004.0, "unit": "t"}
    assert one("capacities", [ok], gold) == (1, 0, 0)
    assert one("capacities", [dict(ok, value=1006.0)], gold) == (0, 1, 1)  # beyond 0.5 %
    assert one("capacities", [dict(ok, unit="kg")], gold) == (0, 1, 1)
    assert one("capacities", [dict(ok, subject=FARS)], gold) == (0, 1, 1)
    assert one("capacities", [dict(ok, subject=party("هیات لرستان", "delegation", LORESTAN))], gold) == (1, 0, 0)
    no_subject = [dict(gold[0], subject=None)]
    assert one("capacities", [dict(ok, subject=FARS)], no_subject) == (1, 0, 0)
    assert one("capacities", [dict(ok, value="هزار")], gold) == (0, 1, 1)  # not a number


def test_shares_value_equal_and_subject():
    gold = [{"subject": LORESTAN, "value": 12.0, "of": "منابع آب کشور"}]
    assert one("shares", [{"subject": LORESTAN, "value": 12, "of": "آب"}], gold) == (1, 0, 0)
    assert one("shares", [{"subject": LORESTAN, "value": 12.1}], gold) == (0, 1, 1)
    assert one("shares", [{"subject": FARS, "value": 12.0}], gold) == (0, 1, 1)


def test_rankings_rank_or_top():
    gold = [{"subject": LORESTAN, "item": "انجیر", "rank": 1, "label": "نخست", "scope": "national"},
            {"subject": LORESTAN, "item": "گردو", "rank": None, "label": "top", "scope": "national"}]
    pred = [{"subject": LORESTAN, "rank": None, "label": "top"}, {"subject": LORESTAN, "rank": 1, "label": "اول"}]
    assert one("rankings", pred, gold) == (2, 0, 0)
    assert one("rankings", [{"subject": LORESTAN, "rank": 1, "label": "top"}], gold[1:]) == (0, 1, 1)
    assert one("rankings", [{"subject": FARS, "rank": 1}], gold[:1]) == (0, 1, 1)


def test_trade_flows_direction_and_value_or_quantity():
    gold = [{"direction": "export", "value": {"amount": 100.0, "currency": "USD"},
             "quantity": {"value": 2000.0, "unit": "t"}}]
    assert one("trade_flows", [{"direction": "export", "value": {"amount": 100.9, "currency": "USD"}}], gold) == (1, 0, 0)
    assert one("trade_flows", [{"direction": "export", "value": {"amount": 102.0, "currency": "USD"}}], gold) == (0, 1, 1)
    assert one("trade_flows", [{"direction": "export", "value": {"amount": 100.0, "currency": "EUR"}}], gold) == (0, 1, 1)
    assert one("trade_flows", [{"direction": "export", "value": None,
                                "quantity": {"value": 2010.0, "unit": "t"}}], gold) == (1, 0, 0)
    assert one("trade_flows", [{"direction": "import", "value": {"amount": 100.0, "currency": "USD"}}], gold) == (0, 1, 1)


def test_sectors_same_slug():
    assert one("sectors", [{"sector": "mining"}, {"sector": "trade"}], [{"sector": "mining"}]) == (1, 1, 0)


def test_products_same_name_or_hs():
    gold = [{"name": "انجیر", "hs": "0804"}, {"name": "گردو", "hs": None}]
    pred = [{"name": "انجیر خشک", "hs": "0804"}, {"name": "گردو", "hs": "0802"}, {"name": "پسته", "hs": None}]
    assert one("products", pred, gold) == (2, 1, 0)
    # a gold without hs does not match a prediction without hs on the (missing) code
    assert one("products", [{"name": "بادام", "hs": None}], [{"name": "گردو", "hs": None}]) == (0, 1, 1)


def test_projects_name_overlap_or_place_and_product():
    gold = [{"name": "کارخانه فرآوری انجیر استهبان", "products": ["انجیر"], "place": FARS}]
    assert one("projects", [{"name": "کارخانه فرآوری", "products": [], "place": None}], gold) == (1, 0, 0)  # 2/4
    assert one("projects", [{"name": "طرح جدید", "products": ["انجیر"], "place": FARS}], gold) == (1, 0, 0)
    assert one("projects", [{"name": "طرح جدید", "products": ["انجیر"], "place": LORESTAN}], gold) == (0, 1, 1)
    # 1 shared word of 5 distinct: Jaccard 0.2
    assert one("projects", [{"name": "کارخانه سیمان", "products": [], "place": FARS}], gold) == (0, 1, 1)


def test_cooperations_same_set_of_parties():
    gold = [{"parties": [LORESTAN, KZ], "areas": ["trade"], "status": "intent"}]
    assert one("cooperations", [{"parties": [KZ, place("لرستان", "IR-15")]}], gold) == (1, 0, 0)
    assert one("cooperations", [{"parties": [KZ]}], gold) == (0, 1, 1)
    assert one("cooperations", [{"parties": [KZ, LORESTAN, FARS]}], gold) == (0, 1, 1)
    assert one("cooperations", [{"parties": [KZ, KZ]}], gold) == (0, 1, 1)  # each gold party its own


def test_agreements_shared_party_and_kind():
    gold = [{"parties": [LORESTAN, KZ], "kind": "mou", "status": "planned"}]
    assert one("agreements", [{"parties": [KZ], "kind": "mou"}], gold) == (1, 0, 0)
    assert one("agreements", [{"parties": [KZ], "kind": "contract"}], gold) == (0, 1, 1)
    assert one("agreements", [{"parties": [FARS], "kind": "mou"}], gold) == (0, 1, 1)


def test_statements_same_speaker():
    gold = [{"speaker": "حسینعلی امیری"}, {"speaker": "استاندار لرستان"}]
    pred = [{"speaker": "سید حسینعلی امیری"}, {"speaker": "استاندار فارس"}]
    assert one("statements", pred, gold) == (1, 1, 1)


def test_places_match_on_name_containment_when_no_ids():
    assert ev.same_place(place("استان فارس"), place("فارس"))
    assert not ev.same_place(place("فا"), place("فارس"))  # shorter than 3 letters
    assert not ev.same_place(place("فارس", "IR-07"), place("فارس", "IR-15"))
    assert ev.same_place("خرم آباد", place(f"خرم{ZWNJ}آباد", None, "city"))
    assert not ev.same_place(None, FARS)


# ------------------------------------------------------------------ results
def test_scores_micro_and_to_dict():
    gold = [{"id": "1", "sectors": [{"sector": "mining"}, {"sector": "trade"}], "people": [{"name": "علی رضایی"}]},
            {"id": "2", "sectors": [{"sector": "tourism"}]}]
    pred = {"1": {"sectors": [{"sector": "mining"}, {"sector": "energy"}], "people": [{"name": "علی رضایی"}]},
            "2": {"sectors": [{"sector": "tourism"}], "people": [{"name": "حسن کریمی"}]}}
    result = evaluate(gold, pred)
    assert counts(result, "sectors") == (2, 1, 1)
    assert counts(result, "people") == (1, 0, 0)  # article 2 has no people list: not scored
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (3, 1, 1)
    assert result.lists["sectors"].precision == pytest.approx(2 / 3)
    d = result.to_dict()
    assert d["articles"] == 2 and list(d) == ["lists", "micro", "articles"]
    assert d["lists"]["sectors"] == {"tp": 2, "fp": 1, "fn": 1, "precision": 0.667, "recall": 0.667, "f1": 0.667}
    assert d["micro"]["f1"] == 0.75
    full = result.to_dict(details=True, digits=None)
    assert full["lists"]["sectors"]["precision"] == 2 / 3
    assert full["misses"] == [{"article_id": "1", "list_name": "sectors", "record": {"sector": "trade"}}]
    assert full["false_alarms"] == [{"article_id": "1", "list_name": "sectors", "record": {"sector": "energy"}}]
    json.dumps(full, ensure_ascii=False)


def test_predictions_as_objects_iterables_and_jsonl(tmp_path):
    class FakeArticle:
        def __init__(self, d):
            self.d = d

        def to_dict(self):
            return self.d

    gold = [{"id": "x", "sectors": [{"sector": "mining"}]}]
    hit = {"id": "x", "sectors": [{"sector": "mining"}]}
    assert counts(evaluate(gold, {"x": FakeArticle(hit)}), "sectors") == (1, 0, 0)
    assert counts(evaluate(gold, [FakeArticle(hit)]), "sectors") == (1, 0, 0)
    jsonl = tmp_path / "pred.jsonl"
    jsonl.write_text(json.dumps(hit) + "\n\n", encoding="utf-8")
    assert counts(evaluate(gold, jsonl), "sectors") == (1, 0, 0)
    assert counts(evaluate(gold, str(jsonl)), "sectors") == (1, 0, 0)
    jsonl.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="pred.jsonl:1"):
        evaluate(gold, jsonl)


def _gold_tree(root: Path) -> Path:
    """root/gold/dev/{a,b}.json whose articles are root/eval/articles/{a,b}.txt."""
    dev = root / "gold" / "dev"
    dev.mkdir(parents=True)
    (root / "eval" / "articles").mkdir(parents=True)
    for stem, sector in (("a", "mining"), ("b", "tourism")):
        (root / "eval" / "articles" / f"{stem}.txt").write_text(f"متن {stem}", encoding="utf-8")
        gold = {"article": f"eval/articles/{stem}.txt", "sectors": [{"sector": sector}],
                "people": [{"name": "علی رضایی"}]}
        (dev / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return dev


def test_pipeline_reads_articles_from_the_base_dir(tmp_path):
    dev = _gold_tree(tmp_path)
    seen = []

    def pipeline(text, *, id=None):
        seen.append((id, text))
        return {"id": id, "sectors": [{"sector": "mining"}], "people": []}

    result = evaluate(dev, pipeline=pipeline)  # base_dir: dev/../.. = tmp_path
    assert seen == [("a", "متن a"), ("b", "متن b")]
    assert result.article_ids == ("a", "b") and result.articles == 2
    assert counts(result, "sectors") == (1, 1, 1)
    assert counts(result, "people") == (0, 0, 2)
    assert ev.default_base_dir(dev) == tmp_path.resolve()

    # another base_dir: the article is not found there
    with pytest.raises(InputError, match="not found"):
        evaluate(dev, pipeline=pipeline, base_dir=tmp_path / "elsewhere")
    # a gold's own text wins over its article file
    seen.clear()
    evaluate([{"id": "t", "text": "متن درون", "article": "missing.txt", "sectors": []}], pipeline=pipeline)
    assert seen == [("t", "متن درون")]


def test_gold_folder_errors(tmp_path):
    with pytest.raises(InputError, match="not found"):
        evaluate(tmp_path / "nope", {})
    with pytest.raises(InputError, match="no gold files"):
        evaluate(tmp_path, {})
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        evaluate(tmp_path, {})


# ------------------------------------------------------------------ CLI
def test_cli_json_details_and_table(tmp_path, capsys):
    dev = _gold_tree(tmp_path)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in (
        {"id": "a", "sectors": [{"sector": "mining"}, {"sector": "mining"}], "people": [{"name": "علي رضايي"}]},
        {"id": "b", "sectors": [{"sector": "trade"}], "people": [],
         "entities": [{"label": "CITY", "text": "شیراز", "start": 0, "end": 5}]},
    )), encoding="utf-8")

    assert main(["--gold", str(dev), "--pred", str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 2
    assert {k: (v["tp"], v["fp"], v["fn"]) for k, v in out["lists"].items()} == {
        "people": (1, 0, 1), "sectors": (1, 1, 1)}  # entities absent from gold: not scored
    assert (out["micro"]["tp"], out["micro"]["fp"], out["micro"]["fn"]) == (2, 1, 2)

    assert main(["--gold", str(dev), "--pred", str(pred), "--details"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        'b people MISS  {"name": "علی رضایی"}',
        'b sectors MISS  {"sector": "tourism"}',
        'b sectors FALSE {"sector": "trade"}',
    ]
    assert lines[3].split() == ["list", "tp", "fp", "fn", "P", "R", "F1"]
    assert lines[4].split() == ["people", "1", "0", "1", "1.000", "0.500", "0.667"]
    assert lines[-2].split()[:4] == ["micro", "2", "1", "2"]
    assert lines[-1] == "articles: 2"


def test_cli_usage_errors(tmp_path, capsys):
    assert main(["--gold", str(tmp_path / "missing")]) == 2
    assert "gold folder not found" in capsys.readouterr().err
    assert main(["--gold", str(tmp_path)]) == 2
    assert "no gold files" in capsys.readouterr().err
    assert main([]) == 2  # --gold is required
    dev = _gold_tree(tmp_path / "t")
    assert main(["--gold", str(dev), "--pred", str(tmp_path / "none.jsonl")]) == 2
    assert main(["--gold", str(dev), "--base-dir", str(tmp_path / "elsewhere")]) == 2
    assert "not found" in capsys.readouterr().err


def test_subcommand_reuse():
    import argparse

    parser = argparse.ArgumentParser(prog="persian-trade-news")
    sub = parser.add_subparsers(dest="command")
    ev.add_arguments(sub.add_parser("evaluate"))
    args = parser.parse_args(["evaluate", "--gold", "g", "--pred", "p.jsonl", "--base-dir", "b", "--json"])
    assert args.func is ev.run
    assert (args.gold, args.pred, args.base_dir, args.json, args.details) == (Path("g"), Path("p.jsonl"), Path("b"), True, False)


def test_module_imports_nothing_of_the_package():
    # the extractor (api, pipeline, lexicons...) is imported only when evaluate() runs it
    code = ("import sys; import persian_trade_news.interfaces; before = set(sys.modules); "
            "import persian_trade_news.interfaces.evaluate; "
            "print(sorted(m for m in set(sys.modules) - before if m.startswith('persian_trade_news')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       cwd=Path(__file__).resolve().parents[1])
    assert set(json.loads(r.stdout.replace("'", '"'))) <= {"persian_trade_news.interfaces.evaluate",
                                                          "persian_trade_news.errors"}


# ------------------------------------------------------------------ the same figures as score.py
def _score_py(*args: str) -> str:
    r = subprocess.run([sys.executable, str(SCORE_PY), "--gold", str(DEV), *args],
                       capture_output=True, text=True, timeout=600, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


def _dev_gold() -> list[dict]:
    return ev.load_gold(DEV)


def _assert_same(ours: ev.Evaluation, theirs: dict) -> None:
    assert ours.to_dict() == theirs  # every list's tp/fp/fn and scores, micro and articles
    assert list(ours.lists) == list(theirs["lists"])


@pytest.fixture(scope="module")
def dev_predictions(tmp_path_factory) -> Path:
    """The library's predictions on every dev article, as JSONL."""
    from persian_trade_news import extract

    out = tmp_path_factory.mktemp("pred") / "dev.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for g in _dev_gold():
            text = (SHARED / g["article"]).read_text(encoding="utf-8")
            fh.write(extract(text, id=str(g["id"])).to_json(ensure_ascii=False) + "\n")
    return out


@needs_shared
def test_same_figures_as_score_py_on_dev(dev_predictions):
    theirs = json.loads(_score_py("--pred", str(dev_predictions), "--json"))
    assert theirs["articles"] == len(list(DEV.glob("*.json")))
    _assert_same(evaluate(DEV, dev_predictions), theirs)
    _assert_same(evaluate(DEV), theirs)  # running the extractor itself on the articles under shared/


@needs_shared
def test_same_details_as_score_py_on_dev(dev_predictions):
    theirs = [ln for ln in _score_py("--pred", str(dev_predictions), "--details").splitlines()
              if " MISS  " in ln or " FALSE " in ln]
    ours = [f.line() for f in evaluate(DEV, dev_predictions).details()]
    assert ours == theirs


def _perturb(gold: dict, rng: random.Random) -> dict:
    """A prediction made from a gold file: records dropped, duplicated, renamed, re-valued."""
    pred = {"id": gold["id"]}
    for name in ev.LISTS:
        out = []
        for r in copy.deepcopy(gold.get(name) or []):
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.3:
                out.append(copy.deepcopy(r))
            if roll < 0.45:
                for key in ("value", "rank"):
                    if isinstance(r.get(key), (int, float)):
                        r[key] = r[key] * rng.choice((1.003, 1.02, 2))
                for key in ("name", "text", "speaker"):
                    if isinstance(r.get(key), str):
                        r[key] = rng.choice(("سید ", "", "آقای دکتر ")) + r[key].replace("ی", "ي")
            elif roll < 0.55 and name == "entities":
                r["label"] = "CITY" if r.get("label") != "CITY" else "ORG"
            out.append(r)
        if rng.random() < 0.2:
            out.append({"name": "چیز دیگر", "label": "ORG", "text": "سازمان دیگر", "sector": "ict"})
        pred[name] = out
    return pred


@needs_shared
def test_same_figures_as_score_py_on_perturbed_gold(tmp_path):
    rng = random.Random(20251004)
    preds = [_perturb(g, rng) for g in _dev_gold()]
    jsonl = tmp_path / "perturbed.jsonl"
    jsonl.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in preds), encoding="utf-8")
    theirs = json.loads(_score_py("--pred", str(jsonl), "--json"))
    ours = evaluate(DEV, jsonl)
    _assert_same(ours, theirs)
    assert 0 < ours.micro.precision < 1 and 0 < ours.micro.recall < 1  # the perturbations bite
    assert evaluate(DEV, {p["id"]: p for p in preds}).to_dict() == theirs
