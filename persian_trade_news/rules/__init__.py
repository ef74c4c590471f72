"""Rule-based relation extraction: the engine (``engine.py``), the pattern language
(``pattern.py``), the registries (``registry.py``), built-in rule files (``data/*.yaml``) and
Python actions (``actions/``)."""
from .registry import action, rule

__all__ = ["action", "rule"]
