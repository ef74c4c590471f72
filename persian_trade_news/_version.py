"""The package version (one place; ``persian_trade_news.__version__`` re-exports it)."""
__version__ = "0.1.0"
