from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL_DIR = SHARED / "eval" / "articles"
EXAMPLES = ROOT / "examples"


def eval_paths() -> list[Path]:
    """The real articles: ../shared/eval/articles when present, else the bundled examples."""
    paths = sorted(EVAL_DIR.glob("*.txt")) if EVAL_DIR.is_dir() else []
    return paths or sorted(EXAMPLES.glob("seed-*.txt"))


@pytest.fixture(scope="session")
def nlp():
    from persian_trade_news import Pipeline

    return Pipeline.default()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (EXAMPLES / "seed-lorestan.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def eval_articles(nlp):
    """(path, raw text, Article) for every real article."""
    out = []
    for p in eval_paths():
        text = p.read_text(encoding="utf-8")
        out.append((p, text, nlp(text, id=p.stem)))
    return out
