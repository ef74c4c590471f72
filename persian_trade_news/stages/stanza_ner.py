"""Statistical Persian NER with stanza (the optional ``[stanza]`` extra).

The ``stanza_ner`` stage runs stanza's Persian NER tagger over the document's *own* tokens
(stanza is fed pretokenised sentences, so its tokens are ours one-to-one and every entity gets
exact character offsets) and merges what it finds into ``doc.entities``::

    nlp = Pipeline.default().add_stage("stanza_ner", after="entities",
                                       config={"merge": "lexicon_first"})

Nothing is ever downloaded at import or extraction time: the models are fetched once, explicitly,
with ``persian-trade-news download-models [--model-dir DIR]`` (:func:`download_models`). The
model directory is ``model_dir``, else the environment variable
``PERSIAN_TRADE_NEWS_STANZA_DIR``, else ``~/stanza_resources``. A missing model raises
:class:`~persian_trade_news.errors.ModelNotFoundError` when the stage is built.

Labels
    stanza's Persian models are trained on the ArmanPersoNER / PEYMA tag sets; the tags are mapped
    to the library's labels by :data:`STANZA_LABELS`. Any other tag (``TIM``, ``MISC``...) is
    dropped.

Merge policy (``merge=``)
    ``"lexicon_first"`` (default)
        Lexicon and pattern entities are linked to ids and canonical names, so they win: a stanza
        entity overlapping any entity already in ``doc.entities`` is dropped; a non-overlapping
        one is added. A stanza ``LOCATION`` whose text equals (after the library's token
        normalisation) the text of a place entity (``COUNTRY``/``PROVINCE``/``CITY``/
        ``LOCATION``) found elsewhere in the document takes that entity's label, id and name.
    ``"stanza_first"``
        Lexicon entities labelled ``PERSON`` or ``ORG`` that overlap a stanza entity are replaced
        by it. Lexicon entities of every other label (places, dates, money...) are kept and a
        stanza entity overlapping one of them is dropped, so places keep the lexicon's ids. Added
        stanza ``LOCATION`` entities are linked to places elsewhere as above.
    ``"union"``
        Every stanza entity is added as it is; nothing is removed or relabelled (entities may
        then overlap).

    In every mode ``doc.entities`` stays sorted by ``(start, -end)``. Stanza entities carry
    ``source="stanza"``, ``rule="stanza.ner"`` and confidence :data:`CONFIDENCE`.

stanza needs a ``resources.json`` in the model directory even for a model given with
``ner_model_path`` (``download-models`` writes it). For a self-trained model without the
download, a one-line file ``{"fa": {"lang_name": "Persian"}}`` is enough (see docs/stanza.md).
"""
from __future__ import annotations

import json
import os
from typing import Any, Iterable, Optional

from ..text.document import Document
from ..errors import MissingDependencyError, ModelNotFoundError, PipelineError
from . import stage
from ..records import Entity

__all__ = [
    "STANZA_LABELS", "MERGE_MODES", "PLACE_LABELS", "REPLACEABLE_LABELS", "CONFIDENCE",
    "MODEL_DIR_ENV", "DOWNLOAD_COMMAND", "default_model_dir", "make_stanza_ner", "StanzaNER",
    "merge_entities", "download_models",
]

#: stanza (ArmanPersoNER / PEYMA) NER tag -> library label; tags not listed are dropped.
STANZA_LABELS: dict[str, str] = {
    "PER": "PERSON", "PERS": "PERSON", "PERSON": "PERSON",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOCATION", "LOCATION": "LOCATION", "GPE": "LOCATION",
    "FAC": "FACILITY",
    "EVE": "EVENT", "EVENT": "EVENT",
    "PRO": "PRODUCT", "PRODUCT": "PRODUCT",
    "DAT": "DATE", "DATE": "DATE",
    "MON": "MONEY", "MONEY": "MONEY",
    "PCT": "PERCENT", "PERCENT": "PERCENT",
}
MERGE_MODES = ("lexicon_first", "stanza_first", "union")
PLACE_LABELS = ("COUNTRY", "PROVINCE", "CITY", "LOCATION")
#: lexicon labels a stanza entity replaces with ``merge="stanza_first"``
REPLACEABLE_LABELS = ("PERSON", "ORG")
CONFIDENCE = 0.7
SOURCE = "stanza"
RULE = "stanza.ner"
MODEL_DIR_ENV = "PERSIAN_TRADE_NEWS_STANZA_DIR"
DOWNLOAD_COMMAND = "persian-trade-news download-models"
_LANG = "fa"
_PROCESSORS = "tokenize,ner"


def default_model_dir(model_dir: str | os.PathLike | None = None) -> str:
    """The stanza model directory: ``model_dir``, else ``$PERSIAN_TRADE_NEWS_STANZA_DIR``,
    else ``~/stanza_resources`` (user-expanded, absolute)."""
    chosen = model_dir or os.environ.get(MODEL_DIR_ENV) or os.path.join("~", "stanza_resources")
    return os.path.abspath(os.path.expanduser(os.fspath(chosen)))


def _import_stanza():
    try:
        import stanza  # noqa: PLC0415 - optional dependency, imported lazily
    except ImportError:
        raise MissingDependencyError("stanza", "stanza") from None
    return stanza


def _missing(model_dir: str, detail: str) -> ModelNotFoundError:
    return ModelNotFoundError(
        f"stanza's Persian NER model is not available: {detail}. Download it once with "
        f"`{DOWNLOAD_COMMAND} --model-dir {model_dir}` (or point ${MODEL_DIR_ENV} or the stage's "
        f"model_dir at a directory that has it); nothing is downloaded automatically."
    )


def download_models(model_dir: str | os.PathLike | None = None) -> str:
    """Download stanza's Persian ``tokenize`` and ``ner`` models (with their pretrained word
    vectors and character language models) into ``model_dir`` (default: see
    :func:`default_model_dir`) and return that directory.

    This is the one and only place the library downloads anything; it backs the CLI command
    ``persian-trade-news download-models [--model-dir DIR]``. The ``stanza_ner`` stage itself
    never downloads.
    """
    stanza = _import_stanza()
    directory = default_model_dir(model_dir)
    os.makedirs(directory, exist_ok=True)
    stanza.download(_LANG, processors=_PROCESSORS, model_dir=directory)
    return directory


# ---------------------------------------------------------------------- merging
def _overlaps(a: Entity, b: Entity) -> bool:
    return a.start < b.end and b.start < a.end


def _place_key(doc: Document, e: Entity) -> str:
    return doc.norm_text(e.start, e.end) or e.text


def merge_entities(doc: Document, found: Iterable[Entity], merge: str = "lexicon_first") -> None:
    """Merge ``found`` (stanza's entities) into ``doc.entities`` following the ``merge`` policy
    described in the module docstring; ``doc.entities`` ends sorted by ``(start, -end)``."""
    if merge not in MERGE_MODES:
        raise ValueError(f"merge must be one of {', '.join(MERGE_MODES)}, got {merge!r}")
    found = list(found)
    existing = list(doc.entities)
    if merge == "union":
        entities = existing + found
    else:
        places: dict[str, Entity] = {}
        for e in existing:
            if e.label in PLACE_LABELS and e.source != SOURCE:
                places.setdefault(_place_key(doc, e), e)
        entities = existing
        for s in found:
            clashes = [e for e in entities if _overlaps(s, e)]
            if merge == "lexicon_first":
                if clashes:
                    continue
            else:  # stanza_first
                if any(e.label not in REPLACEABLE_LABELS for e in clashes):
                    continue
                if clashes:
                    gone = {id(e) for e in clashes}
                    entities = [e for e in entities if id(e) not in gone]
            if s.label == "LOCATION":
                place = places.get(_place_key(doc, s))
                if place is not None:
                    s.label, s.id, s.name = place.label, place.id, place.name
            entities.append(s)
    entities.sort(key=lambda e: (e.start, -e.end))
    doc.entities = entities


# ---------------------------------------------------------------------- the stage
class StanzaNER:
    """The callable the ``stanza_ner`` factory returns: one loaded ``stanza.Pipeline``
    (attribute :attr:`nlp`) reused for every document."""

    def __init__(self, nlp: Any, *, merge: str, model_dir: str, ner_model_path: Optional[str]):
        self.nlp = nlp
        self.merge = merge
        self.model_dir = model_dir
        self.ner_model_path = ner_model_path

    def entities(self, doc: Document) -> list[Entity]:
        """stanza's entities for ``doc`` (not merged), with exact offsets into ``doc.raw``."""
        limits = doc.meta.get("limits")
        limit = max(1, int(getattr(limits, "max_sentence_tokens", 0) or 0)) if limits else 0
        chunks: list[tuple[int, int]] = []  # token ranges [first, last) fed as stanza sentences
        for s in doc.sentences:
            if s.last <= s.first:
                continue
            step = limit or (s.last - s.first)
            for a in range(s.first, s.last, step):
                chunks.append((a, min(a + step, s.last)))
        if not chunks:
            return []
        words = [[doc.tokens[i].text for i in range(a, b)] for a, b in chunks]
        result = self.nlp(words)
        if len(result.sentences) != len(chunks):  # pragma: no cover - stanza contract
            raise RuntimeError("stanza returned a different number of sentences than it was given")
        out: list[Entity] = []
        for (a, b), sent in zip(chunks, result.sentences):
            if len(sent.tokens) != b - a:  # pragma: no cover - stanza contract
                raise RuntimeError("stanza changed the pretokenised tokens of a sentence")
            for ent in sent.ents:
                label = STANZA_LABELS.get(str(ent.type).upper())
                if label is None or not ent.tokens:
                    continue
                idx = [t.id[0] - 1 for t in ent.tokens]  # 1-based ids within the sentence
                first, last = a + min(idx), a + max(idx)
                start, end = doc.tokens[first].start, doc.tokens[last].end
                out.append(Entity(text=doc.raw[start:end], label=label, start=start, end=end,
                                  source=SOURCE, rule=RULE, confidence=CONFIDENCE))
        return out

    def __call__(self, doc: Document) -> None:
        merge_entities(doc, self.entities(doc), self.merge)

    def __repr__(self) -> str:
        return f"StanzaNER(merge={self.merge!r}, model_dir={self.model_dir!r})"


@stage("stanza_ner", provides=["entities"], requires=["tokens"])
def make_stanza_ner(*, model_dir: str | None = None, ner_model_path: str | None = None,
                    use_gpu: bool = False, merge: str = "lexicon_first",
                    batch_size: int = 32) -> StanzaNER:
    """Persian NER with stanza (``[stanza]`` extra), merged into the lexicon's entities.

    ``model_dir``: stanza's model directory (default ``$PERSIAN_TRADE_NEWS_STANZA_DIR``, else
    ``~/stanza_resources``); ``ner_model_path``: a specific NER model file (e.g. self-trained);
    ``use_gpu``; ``merge``: ``lexicon_first``, ``stanza_first`` or ``union`` (see the module
    docstring); ``batch_size``: sentences per stanza batch. The model is loaded once, here; a
    missing model raises :class:`ModelNotFoundError`, nothing is downloaded.
    """
    if merge not in MERGE_MODES:
        raise PipelineError(f"stanza_ner: merge must be one of {', '.join(MERGE_MODES)}, got {merge!r}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise PipelineError(f"stanza_ner: batch_size must be a positive integer, got {batch_size!r}")
    stanza = _import_stanza()
    directory = default_model_dir(model_dir)
    if ner_model_path is not None:
        ner_model_path = os.path.abspath(os.path.expanduser(os.fspath(ner_model_path)))
        if not os.path.isfile(ner_model_path):
            raise _missing(directory, f"the NER model file {ner_model_path} does not exist")
    resources_json = os.path.join(directory, "resources.json")
    if not os.path.isfile(resources_json):
        raise _missing(directory, f"{directory} has no stanza resources.json")
    try:
        with open(resources_json, encoding="utf-8") as fh:
            resources = json.load(fh)
    except (OSError, ValueError) as exc:
        raise _missing(directory, f"{resources_json} is unreadable ({exc})") from exc
    if not isinstance(resources, dict) or _LANG not in resources:
        raise _missing(directory, f"{resources_json} has no Persian ({_LANG!r}) entry")
    options: dict[str, Any] = dict(
        lang=_LANG, processors=_PROCESSORS, tokenize_pretokenized=True, download_method=None,
        dir=directory, use_gpu=bool(use_gpu), ner_batch_size=batch_size, logging_level="WARN",
    )
    if ner_model_path is not None:
        options["ner_model_path"] = ner_model_path
    try:
        nlp = stanza.Pipeline(**options)
    except FileNotFoundError as exc:  # stanza's LanguageNotDownloaded/ResourcesFileNotFound/...
        raise _missing(directory, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    except ValueError as exc:  # "No processors to load for language fa..."
        if "No processors to load" not in str(exc):
            raise
        raise _missing(directory, str(exc)) from exc
    if "ner" not in getattr(nlp, "processors", {}):
        raise _missing(directory, f"{directory}/resources.json lists no Persian NER model")
    return StanzaNER(nlp, merge=merge, model_dir=directory, ner_model_path=ner_model_path)
