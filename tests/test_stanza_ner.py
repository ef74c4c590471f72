"""The ``stanza_ner`` stage, run with a REAL (tiny) stanza NER model trained here.

A session fixture trains a tiny BiLSTM-CRF NER model with stanza's own training entry point
(``stanza.models.ner_tagger.main``) on a few dozen Persian sentences this file writes itself,
in seconds, on CPU, with a fixed seed. The stage then loads it through
``stanza.Pipeline(..., ner_model_path=...)`` from a temporary model directory whose
``resources.json`` is the minimal ``{"fa": {"lang_name": "Persian"}}`` (stanza reads a
resources file even for pretokenised input and an explicit model path; with
``tokenize_pretokenized=True`` the tokenize processor loads no model). Nothing here downloads:
``HF_HUB_OFFLINE=1`` is set and every stanza download function (and socket connects) is
wrapped with a guard that fails the test if called. stanza itself is not mocked.
"""
from __future__ import annotations

import contextlib
import json
import logging
import random
import socket
import sys
import types

import pytest

stanza = pytest.importorskip("stanza")

from persian_trade_news.text.document import Document  # noqa: E402
from persian_trade_news.errors import (  # noqa: E402
    MissingDependencyError, ModelNotFoundError, PipelineError,
)
from persian_trade_news.pipeline import Pipeline  # noqa: E402
from persian_trade_news.records import Entity  # noqa: E402
from persian_trade_news.stages import stanza_ner as sn  # noqa: E402

SEED = 1234

# ------------------------------------------------------------------ training data
PEOPLE = ["کوجی هاندا", "علی رضایی", "محمد کریمی", "سارا احمدی", "مریم حسینی", "رضا موسوی",
          "پیتر مولر", "احمد صادقی", "حسین نوری", "یوکو تاناکا", "ایوان پتروف", "فاطمه کاظمی"]
PLACES = ["ژاپن", "ماکو", "تبریز", "تهران", "ارومیه", "شیراز", "مشهد", "آلمان", "روسیه", "چین",
          "ترکیه", "بوشهر", "کرمان", "اصفهان"]
ORGS = ["اتاق بازرگانی", "بانک مرکزی", "سازمان توسعه تجارت", "شرکت ملی نفت", "گمرک"]
TEMPLATES = [
    "سفیر {L} {P} از {L} بازدید کرد .",
    "{P} در {L} گفت صادرات افزایش یافت .",
    "{P} با {P} در {L} دیدار کرد .",
    "هیئتی از {L} به {L} سفر کرد .",
    "صادرات {L} به {L} افزایش یافت .",
    "{P} رئیس {O} در {L} گفت .",
    "{O} در {L} نمایشگاه برگزار کرد .",
]
# the sentences the tests run on, always in the training set (the tests check plumbing and
# merging, not the model's generalisation)
FIXED = [
    [("سفیر", "O"), ("ژاپن", "LOC"), ("کوجی هاندا", "PER"), ("از", "O"), ("ماکو", "LOC"),
     ("بازدید", "O"), ("کرد", "O"), (".", "O")],
    [("هیئتی", "O"), ("از", "O"), ("ژاپن", "LOC"), ("به", "O"), ("تبریز", "LOC"), ("سفر", "O"),
     ("کرد", "O"), (".", "O")],
]
TEXT = "سفیر ژاپن کوجی هاندا از ماکو بازدید کرد.\nهیئتی از ژاپن به تبریز سفر کرد."


def _bioes(phrase: str, label: str) -> list[tuple[str, str]]:
    words = phrase.split()
    if label == "O":
        return [(w, "O") for w in words]
    if len(words) == 1:
        return [(words[0], "S-" + label)]
    return ([(words[0], "B-" + label)] + [(w, "I-" + label) for w in words[1:-1]]
            + [(words[-1], "E-" + label)])


def _sentences(n: int, seed: int = SEED) -> list[list[dict]]:
    """``n`` generated sentences plus the fixed ones (x3), in stanza's NER JSON format: a list of
    sentences, each a list of ``{"id", "text", "ner"}`` tokens with BIOES tags."""
    rng = random.Random(seed)
    tagged: list[list[tuple[str, str]]] = []
    for k in range(n):
        toks: list[tuple[str, str]] = []
        for piece in TEMPLATES[k % len(TEMPLATES)].split():
            if piece == "{P}":
                toks += _bioes(rng.choice(PEOPLE), "PER")
            elif piece == "{L}":
                toks += _bioes(rng.choice(PLACES), "LOC")
            elif piece == "{O}":
                toks += _bioes(rng.choice(ORGS), "ORG")
            else:
                toks.append((piece, "O"))
        tagged.append(toks)
    for sent in FIXED * 3:
        tagged.append([t for phrase, label in sent for t in _bioes(phrase, label)])
    return [[{"id": i + 1, "text": w, "ner": tag} for i, (w, tag) in enumerate(s)] for s in tagged]


# ------------------------------------------------------------------ network guard
@contextlib.contextmanager
def _no_network(calls: list[str]):
    """Fail the test if anything tries to download or open a network connection."""

    def guard(name):
        def fail(*args, **kwargs):
            calls.append(name)
            pytest.fail(f"{name} was called: the stanza stage must never download", pytrace=False)
        return fail

    import stanza.pipeline.core as core
    import stanza.resources.common as common

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        mp.setattr(stanza, "download", guard("stanza.download"))
        mp.setattr(common, "download", guard("stanza.resources.common.download"))
        mp.setattr(common, "download_file", guard("stanza.resources.common.download_file"))
        mp.setattr(common, "download_models", guard("stanza.resources.common.download_models"))
        mp.setattr(common, "download_resources_json", guard("download_resources_json"))
        mp.setattr(core, "download_models", guard("stanza.pipeline.core.download_models"))
        mp.setattr(core, "download_resources_json", guard("stanza.pipeline.core.download_resources_json"))
        mp.setattr(socket.socket, "connect", guard("socket.connect"))
        mp.setattr(socket, "create_connection", guard("socket.create_connection"))
        yield


NETWORK_CALLS: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def no_network():
    with _no_network(NETWORK_CALLS):
        yield
    assert NETWORK_CALLS == [], f"download/network functions were called: {NETWORK_CALLS}"


# ------------------------------------------------------------------ the tiny model
@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """Train a tiny stanza NER model (seconds, CPU, seeded) and lay out a model directory."""
    root = tmp_path_factory.mktemp("stanza_tiny")
    data = root / "data"
    data.mkdir()
    train, dev = data / "fa_tiny.train.json", data / "fa_tiny.dev.json"
    sentences = _sentences(70)
    train.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    dev.write_text(json.dumps(sentences[-6:], ensure_ascii=False), encoding="utf-8")
    model_dir = root / "stanza_resources"
    model_dir.mkdir()
    # stanza always reads <dir>/resources.json; this is the minimal one for a Persian pipeline
    # whose processors are given explicitly (no dependencies, nothing to download)
    (model_dir / "resources.json").write_text(json.dumps({"fa": {"lang_name": "Persian"}}),
                                              encoding="utf-8")
    save_dir = root / "ner"

    import numpy as np
    import torch

    stanza_logger = logging.getLogger("stanza")
    level = stanza_logger.level
    states = random.getstate(), np.random.get_state(), torch.get_rng_state()
    calls: list[str] = []
    try:
        with _no_network(calls):
            from stanza.models import ner_tagger

            ner_tagger.main([
                "--mode", "train", "--shorthand", "fa_tiny",
                "--train_file", str(train), "--eval_file", str(dev),
                "--no_pretrain",  # no word vectors: a delta embedding learnt from the data
                "--word_emb_dim", "16", "--char_emb_dim", "16", "--char_hidden_dim", "16",
                "--hidden_dim", "32", "--dropout", "0", "--word_dropout", "0",
                "--optim", "adam", "--lr", "0.01", "--batch_size", "16",
                # no dev evaluation before max_steps: the final model is saved
                "--max_steps", "200", "--eval_interval", "100000", "--log_step", "1000",
                "--save_dir", str(save_dir), "--save_name", "fa_tiny_nertagger.pt",
                "--cpu", "--seed", str(SEED),
            ])
    finally:  # ner_tagger seeds the global RNGs and sets stanza's logger to DEBUG
        stanza_logger.setLevel(level)
        random.setstate(states[0])
        np.random.set_state(states[1])
        torch.set_rng_state(states[2])
    path = save_dir / "fa_tiny_nertagger.pt"
    assert path.is_file()
    return types.SimpleNamespace(model_dir=str(model_dir), ner_model_path=str(path))


_STAGES: dict[str, sn.StanzaNER] = {}


@pytest.fixture(scope="module")
def stage_for(tiny_model, no_network):
    """The stanza_ner stage for a merge mode, built once per mode through the pipeline."""

    def get(merge: str = "lexicon_first"):
        if merge not in _STAGES:
            nlp = Pipeline().add_stage("stanza_ner", config={
                "model_dir": tiny_model.model_dir, "ner_model_path": tiny_model.ner_model_path,
                "merge": merge, "batch_size": 8})
            _STAGES[merge] = nlp.get_stage("stanza_ner")
        return _STAGES[merge]

    yield get
    _STAGES.clear()


def _span(doc: Document, text: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = doc.raw.index(text, at + 1)
    return at, at + len(text)


def _summary(doc: Document) -> list[tuple]:
    return [(e.text, e.label, e.start, e.source, e.id) for e in doc.entities]


def _check_invariants(doc: Document) -> None:
    for e in doc.entities:
        assert doc.raw[e.start:e.end] == e.text
    keys = [(e.start, -e.end) for e in doc.entities]
    assert keys == sorted(keys)


# ------------------------------------------------------------------ (a) the stage runs
def test_stage_finds_people_and_places(stage_for):
    doc = Document.from_text(TEXT)
    stage_for()(doc)
    _check_invariants(doc)
    found = [(e.text, e.label) for e in doc.entities]
    assert found == [("ژاپن", "LOCATION"), ("کوجی هاندا", "PERSON"), ("ماکو", "LOCATION"),
                     ("ژاپن", "LOCATION"), ("تبریز", "LOCATION")]
    for e in doc.entities:
        assert (e.source, e.rule, e.confidence, e.id) == ("stanza", "stanza.ner", 0.7, None)
    person = doc.entities[1]
    assert (person.start, person.end) == _span(doc, "کوجی هاندا")


def test_offsets_are_exact_with_header_and_odd_spacing(stage_for):
    text = " date 2025-10-04 سفیر ژاپن کوجی  هاندا از ماکو بازدید کرد."
    doc = Document.from_text(text)
    stage_for()(doc)
    _check_invariants(doc)
    person = [e for e in doc.entities if e.label == "PERSON"]
    assert [p.text for p in person] == ["کوجی  هاندا"]  # raw text, double space kept
    assert {e.text for e in doc.entities if e.label == "LOCATION"} == {"ژاپن", "ماکو"}


def test_runs_in_a_pipeline_with_sentence_limit(tiny_model):
    nlp = Pipeline(max_sentence_tokens=4).add_stage("stanza_ner", config={
        "model_dir": tiny_model.model_dir, "ner_model_path": tiny_model.ner_model_path})
    doc = nlp.run(nlp.make_doc(TEXT))
    _check_invariants(doc)
    assert {e.label for e in doc.entities} <= {"PERSON", "LOCATION", "ORG"}
    assert any(e.label == "LOCATION" for e in doc.entities)


def test_empty_document(stage_for):
    doc = Document.from_text("")
    stage_for()(doc)
    assert doc.entities == []


# ------------------------------------------------------------------ (b) merging
def _lexicon_doc() -> Document:
    """TEXT with two lexicon entities: COUNTRY on the first ژاپن, PERSON on هاندا only."""
    doc = Document.from_text(TEXT)
    s, e = _span(doc, "ژاپن")
    doc.entities.append(Entity(text=doc.raw[s:e], label="COUNTRY", start=s, end=e, id="JP",
                               name="ژاپن", source="gazetteer", rule="lexicon.country"))
    s, e = _span(doc, "هاندا")
    doc.entities.append(Entity(text=doc.raw[s:e], label="PERSON", start=s, end=e,
                               source="gazetteer", rule="lexicon.person"))
    return doc


def test_merge_lexicon_first(stage_for):
    doc = _lexicon_doc()
    stage_for("lexicon_first")(doc)
    _check_invariants(doc)
    japan1, handa = _span(doc, "ژاپن")[0], _span(doc, "هاندا")[0]
    japan2 = _span(doc, "ژاپن", 1)[0]
    assert _summary(doc) == [
        ("ژاپن", "COUNTRY", japan1, "gazetteer", "JP"),       # overlap: stanza's LOC dropped
        ("هاندا", "PERSON", handa, "gazetteer", None),        # overlap: stanza's PER dropped
        ("ماکو", "LOCATION", _span(doc, "ماکو")[0], "stanza", None),
        ("ژاپن", "COUNTRY", japan2, "stanza", "JP"),          # linked to the lexicon's ژاپن
        ("تبریز", "LOCATION", _span(doc, "تبریز")[0], "stanza", None),
    ]
    assert doc.entities[3].name == "ژاپن"


def test_merge_default_is_lexicon_first(tiny_model):
    stage = sn.make_stanza_ner(model_dir=tiny_model.model_dir,
                               ner_model_path=tiny_model.ner_model_path)
    assert isinstance(stage, sn.StanzaNER) and stage.merge == "lexicon_first"
    doc = _lexicon_doc()
    stage(doc)
    assert [e.source for e in doc.entities if e.text == "ژاپن"] == ["gazetteer", "stanza"]


def test_merge_stanza_first(stage_for):
    doc = _lexicon_doc()
    stage_for("stanza_first")(doc)
    _check_invariants(doc)
    japan1, japan2 = _span(doc, "ژاپن")[0], _span(doc, "ژاپن", 1)[0]
    assert _summary(doc) == [
        ("ژاپن", "COUNTRY", japan1, "gazetteer", "JP"),       # places keep the lexicon's id
        ("کوجی هاندا", "PERSON", _span(doc, "کوجی")[0], "stanza", None),  # replaced هاندا
        ("ماکو", "LOCATION", _span(doc, "ماکو")[0], "stanza", None),
        ("ژاپن", "COUNTRY", japan2, "stanza", "JP"),
        ("تبریز", "LOCATION", _span(doc, "تبریز")[0], "stanza", None),
    ]


def test_merge_union(stage_for):
    doc = _lexicon_doc()
    stage_for("union")(doc)
    _check_invariants(doc)
    japan1, japan2 = _span(doc, "ژاپن")[0], _span(doc, "ژاپن", 1)[0]
    assert sorted(_summary(doc), key=lambda r: (r[2], r[3])) == [
        ("ژاپن", "COUNTRY", japan1, "gazetteer", "JP"),
        ("ژاپن", "LOCATION", japan1, "stanza", None),
        ("کوجی هاندا", "PERSON", _span(doc, "کوجی")[0], "stanza", None),
        ("هاندا", "PERSON", _span(doc, "هاندا")[0], "gazetteer", None),
        ("ماکو", "LOCATION", _span(doc, "ماکو")[0], "stanza", None),
        ("ژاپن", "LOCATION", japan2, "stanza", None),         # union relabels nothing
        ("تبریز", "LOCATION", _span(doc, "تبریز")[0], "stanza", None),
    ]


def test_label_map():
    assert sn.STANZA_LABELS["PER"] == sn.STANZA_LABELS["PERS"] == "PERSON"
    assert sn.STANZA_LABELS["GPE"] == sn.STANZA_LABELS["LOC"] == "LOCATION"
    assert sn.STANZA_LABELS["FAC"] == "FACILITY" and sn.STANZA_LABELS["EVE"] == "EVENT"
    assert sn.STANZA_LABELS["PRO"] == "PRODUCT" and sn.STANZA_LABELS["PCT"] == "PERCENT"
    assert "MISC" not in sn.STANZA_LABELS and "TIM" not in sn.STANZA_LABELS


# ------------------------------------------------------------------ (c) missing models
def test_missing_model_dir_raises(tmp_path):
    with pytest.raises(ModelNotFoundError) as info:
        Pipeline().add_stage("stanza_ner", config={"model_dir": str(tmp_path / "nothing")})
    message = str(info.value)
    assert "persian-trade-news download-models" in message
    assert "--model-dir" in message and str(tmp_path / "nothing") in message


def test_missing_model_dir_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSIAN_TRADE_NEWS_STANZA_DIR", str(tmp_path / "env_dir"))
    assert sn.default_model_dir() == str(tmp_path / "env_dir")
    with pytest.raises(ModelNotFoundError, match="persian-trade-news download-models"):
        sn.make_stanza_ner()


def test_missing_ner_model_file_raises(tiny_model, tmp_path):
    with pytest.raises(ModelNotFoundError, match="persian-trade-news download-models"):
        sn.make_stanza_ner(model_dir=tiny_model.model_dir,
                           ner_model_path=str(tmp_path / "absent.pt"))


def test_default_ner_model_not_downloaded(tiny_model):
    # resources.json present but no Persian NER model downloaded (no ner_model_path given)
    with pytest.raises(ModelNotFoundError, match="persian-trade-news download-models"):
        sn.make_stanza_ner(model_dir=tiny_model.model_dir)


def test_resources_without_persian_raises(tiny_model, tmp_path):
    (tmp_path / "resources.json").write_text('{"en": {"lang_name": "English"}}', encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="persian-trade-news download-models"):
        sn.make_stanza_ner(model_dir=str(tmp_path), ner_model_path=tiny_model.ner_model_path)


def test_bad_config():
    with pytest.raises(PipelineError, match="merge"):
        Pipeline().add_stage("stanza_ner", config={"merge": "stanza_only"})
    with pytest.raises(PipelineError, match="batch_size"):
        sn.make_stanza_ner(batch_size=0)


def test_missing_stanza_raises_missing_dependency(monkeypatch):
    monkeypatch.setitem(sys.modules, "stanza", None)  # makes `import stanza` fail
    with pytest.raises(MissingDependencyError) as info:
        sn.make_stanza_ner()
    assert "persian_trade_news[stanza]" in str(info.value)


# ------------------------------------------------------------------ (d) explicit download only
def test_download_models_is_the_explicit_download(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(stanza, "download", lambda *a, **k: seen.append((a, k)))
    target = tmp_path / "models"
    assert sn.download_models(str(target)) == str(target)
    assert target.is_dir()
    assert seen == [(("fa",), {"processors": "tokenize,ner", "model_dir": str(target)})]


def test_nothing_touched_the_network():
    assert NETWORK_CALLS == []
