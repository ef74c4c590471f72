"""Old import paths of modules that moved into subpackages in 0.2, kept for one release.

``import persian_trade_news.document`` still works and gives ``persian_trade_news.text.document``
itself (the same module object), with a :class:`DeprecationWarning` naming the new path."""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

_P = "persian_trade_news"
MOVED = {f"{_P}.{old}": f"{_P}.{new}" for old, new in {
    "inputs": "text.inputs", "normalize": "text.normalize", "tokenize": "text.tokenize", "document": "text.document",
    "numbers": "readers.numbers", "quantities": "readers.quantities", "dates": "readers.dates",
    "events": "records.events", "html": "records.html", "schema": "records.schema",
    "agency": "stages.agency", "entities": "stages.entities", "people": "stages.people",
    "stanza_ner": "stages.stanza_ner", "rules.stage": "stages.relations",
    "cli": "interfaces.cli", "server": "interfaces.server", "spark": "interfaces.spark", "frames": "interfaces.frames",
}.items()}


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        new = MOVED[spec.name]
        warnings.warn(f"{spec.name} moved to {new}; the old path will be removed in 0.3",
                      DeprecationWarning, stacklevel=2)
        return importlib.import_module(new)

    def exec_module(self, module) -> None:
        pass  # the module at the new path is already executed


def install() -> None:
    if not any(isinstance(f, _MovedModules) for f in sys.meta_path):
        sys.meta_path.append(_MovedModules())
