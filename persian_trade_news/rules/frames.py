"""Event frames as data (``rules/data/frames/*.yaml``): per event type, its triggers (words of
the sentence, each with its CAMEO code), the argument slots the shared resolver fills, the words
that cancel a trigger when they follow it, and examples; and, for every event type, the words after
which a named place objects to the event rather than takes part (``not_sides_after``: «فشارهای
آمریکا»), the words whose clause tells of no real event (``not_events_after``: «اگر») and
those whose clause gives advice, no meeting or trip (``modals``: «باید»).
Loaded safely and validated like rule
files (unknown keys, empty triggers and unknown slots are :class:`RuleError` with file and line);
``rules/actions/events.py`` turns each frame into a Python rule."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import RuleError
from ..records import RECORD_TYPES
from ..text.normalize import match_key
from ..text.tokenize import iter_token_spans
from .loading import parse, read_text, strip_lines

FRAMES_DIR = Path(__file__).resolve().parent / "data" / "frames"
FILE_KEYS = {"version", "description", "frames", "not_sides_after", "not_events_after", "modals"}
FRAME_KEYS = {"name", "record", "description", "min_sides", "slots", "triggers", "unless_next", "examples",
              "priority", "confidence"}
TRIGGER_KEYS = {"words", "cameo", "needs"}
SLOTS = ("subject", "with", "presence", "between", "genitive")


@dataclass(frozen=True)
class Trigger:
    keys: tuple[str, ...]  # the match keys of the trigger's tokens
    text: str
    cameo: str | None
    needs: frozenset[str] = frozenset()  # the sentence must hold one of these words (match keys)


@dataclass
class Frame:
    name: str
    record: str
    description: str
    min_sides: int
    slots: tuple[str, ...]
    triggers: tuple[Trigger, ...]
    unless_next: frozenset[str]
    examples: list = field(default_factory=list)
    priority: int = 35
    confidence: float = 0.6
    source: str = ""
    line: int | None = None

    @property
    def trigger_words(self) -> list[str]:
        return [t.text for t in self.triggers]

    def by_first_key(self) -> dict[str, list[Trigger]]:
        """Triggers by their first token's key, longest first (a sentence is scanned once)."""
        out: dict[str, list[Trigger]] = {}
        for t in sorted(self.triggers, key=lambda t: -len(t.keys)):
            out.setdefault(t.keys[0], []).append(t)
        return out


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(match_key(phrase[s:e]) for s, e, _ in iter_token_spans(phrase))


def _words(value, what: str, source: str, line) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise RuleError(f"{what} must be a non-empty list of words", path=source, line=line)
    return [w.strip() for w in value]


def load_frames_text(text: str, source: str = "<string>") -> list[Frame]:
    return _load(text, source)[0]


def _load(text: str, source: str) -> tuple[list[Frame], list[str], list[str], list[str]]:
    data = parse(text, source)
    if not isinstance(data, dict) or not isinstance(data.get("frames"), list):
        raise RuleError("a frame file is a mapping with a 'frames' list", path=source, line=1)
    unknown = set(data) - FILE_KEYS - {"__line__"}
    if unknown:
        raise RuleError(f"unknown key(s) {sorted(map(str, unknown))}; allowed: {sorted(FILE_KEYS)}", path=source,
                        line=data.get("__line__", 1))
    frames = []
    for spec in data["frames"]:
        line = spec.get("__line__") if isinstance(spec, dict) else None
        if not isinstance(spec, dict):
            raise RuleError("each frame is a mapping", path=source, line=line)
        unknown = set(spec) - FRAME_KEYS - {"__line__"}
        if unknown:
            raise RuleError(f"frame {spec.get('name')!r}: unknown key(s) {sorted(map(str, unknown))}; allowed: "
                            f"{sorted(FRAME_KEYS)}", path=source, line=line)
        name, record = spec.get("name"), spec.get("record")
        if not isinstance(name, str) or not name:
            raise RuleError("a frame needs a 'name'", path=source, line=line)
        if record not in RECORD_TYPES:
            raise RuleError(f"frame {name!r}: 'record' must be one of {', '.join(RECORD_TYPES)}", path=source, line=line)
        slots = spec.get("slots") or list(SLOTS)
        bad = [s for s in slots if s not in SLOTS]
        if bad:
            raise RuleError(f"frame {name!r}: unknown slot(s) {bad}; slots are {', '.join(SLOTS)}", path=source,
                            line=line)
        triggers = []
        for t in spec.get("triggers") or []:
            tline = t.get("__line__", line) if isinstance(t, dict) else line
            if not isinstance(t, dict) or set(t) - TRIGGER_KEYS - {"__line__"}:
                raise RuleError(f"frame {name!r}: a trigger is {{words: [...], cameo: code, needs: [...]}}",
                                path=source, line=tline)
            needs = frozenset(match_key(w) for w in _words(t["needs"], f"frame {name!r}: trigger 'needs'", source,
                                                            tline)) if "needs" in t else frozenset()
            for w in _words(t.get("words"), f"frame {name!r}: trigger 'words'", source, tline):
                keys = _keys(w)
                if keys:
                    triggers.append(Trigger(keys, w, str(t["cameo"]) if t.get("cameo") is not None else None, needs))
        if not triggers:
            raise RuleError(f"frame {name!r}: needs triggers", path=source, line=line)
        unless = spec.get("unless_next") or []
        if unless:
            unless = _words(unless, f"frame {name!r}: 'unless_next'", source, line)
        min_sides = spec.get("min_sides", 2)
        if not isinstance(min_sides, int) or min_sides < 1:
            raise RuleError(f"frame {name!r}: 'min_sides' must be a positive integer", path=source, line=line)
        frames.append(Frame(name=name, record=record, description=str(spec.get("description") or ""),
                            min_sides=min_sides, slots=tuple(slots), triggers=tuple(triggers),
                            unless_next=frozenset(match_key(w) for w in unless),
                            examples=strip_lines(spec.get("examples") or []),
                            priority=int(spec.get("priority", 35)), confidence=float(spec.get("confidence", 0.6)),
                            source=source, line=line))
    lists = []
    for key in ("not_sides_after", "not_events_after", "modals"):
        words = data.get(key) or []
        lists.append(_words(words, f"{key!r}", source, data.get("__line__", 1)) if words else [])
    return frames, lists[0], lists[1], lists[2]


def load_frames(path: str | os.PathLike) -> list[Frame]:
    return load_frames_text(read_text(path), source=str(path))


@lru_cache(maxsize=1)
def _builtin() -> tuple[tuple[Frame, ...], frozenset[str], frozenset[str], frozenset[str]]:
    frames: list[Frame] = []
    lists: tuple[set[str], set[str], set[str]] = (set(), set(), set())
    for p in sorted(FRAMES_DIR.glob("*.yaml")):
        f, *words = _load(read_text(p), str(p))
        frames.extend(f)
        for into, ws in zip(lists, words):
            into.update(match_key(w) for w in ws)
    return (tuple(frames), *(frozenset(x) for x in lists))


def builtin_frames() -> tuple[Frame, ...]:
    """The frames of ``rules/data/frames/*.yaml``, loaded once per process."""
    return _builtin()[0]


def builtin_frame(name: str) -> Frame:
    """The built-in frame called ``name`` (``cooperation.frame``)."""
    return next(f for f in builtin_frames() if f.name == name)


def not_sides_after() -> frozenset[str]:
    """The match keys of the words after which a named place is no side of an event."""
    return _builtin()[1]


def not_events_after() -> frozenset[str]:
    """The match keys of the words whose clause tells of no real event (a condition: «اگر»)."""
    return _builtin()[2]


def modals() -> frozenset[str]:
    """The match keys of the words whose clause gives advice (``باید``): no meeting or trip."""
    return _builtin()[3]
