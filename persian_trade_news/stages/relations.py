"""The ``relations`` stage: runs the rule engine (built-in rule files, Python rules, rule files
added with ``Pipeline.add_rules``, and rule packages from the ``persian_trade_news.rules``
entry-point group)."""
from __future__ import annotations

from ..text.document import Document
from . import stage
from ..rules.engine import Engine


@stage("relations", provides=["records"], requires=["entities", "people"])
def make_relations(*, builtin: bool = True, entry_points: bool = True, rule_files: list[str] | tuple = ()):
    """Rule-based relation extraction into the contract's record lists."""
    engine = Engine(builtin=builtin, entry_points=entry_points)
    for path in rule_files:
        engine.load_path(path)

    def run(doc: Document) -> None:
        engine.run(doc)

    run.engine = engine  # type: ignore[attr-defined]
    return run
