"""The text model: decoding and size checks of the input (``inputs``), hazm-equivalent
normalisation per token (``normalize``), the tokeniser and sentence splitter (``tokenize``), and
the :class:`~persian_trade_news.text.document.Document` every stage reads and writes
(``document``), whose offsets always point into the text as the caller passed it."""
