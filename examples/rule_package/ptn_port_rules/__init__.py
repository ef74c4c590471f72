"""Rules shipped by a third-party package through the ``persian_trade_news.rules`` entry point."""
from pathlib import Path

RULE_FILES = [str(Path(__file__).resolve().parent / "ports.yaml")]
