"""A Python rule registered with a decorator: for what a token pattern cannot say.

    python examples/python_rule.py

The function receives the Document (tokens, sentences, entities, quantities, dates, records of
earlier rounds) and yields records; the engine fills in ``rule`` and ``confidence``.
"""
from persian_trade_news import Pipeline, rule
from persian_trade_news.records import Sector

KNOWLEDGE_WORDS = {"نوآفرین", "نوآفرینی"}


@rule(name="example.knowledge_based_ict", record="sectors", priority=90, confidence=0.6,
      examples=[{"text": "۲۰ شرکت نوآفرین در استان فعال است.", "expect": {"sector": "ict"}}])
def knowledge_based(doc, ctx):
    """Start-ups (شرکت نوآفرین) signal the ICT sector (a word the built-in lexicon lacks)."""
    for tok in doc.tokens:
        if tok.norm in KNOWLEDGE_WORDS or tok.text in KNOWLEDGE_WORDS:
            yield Sector(sector="ict", isic="J", text=tok.text, evidence=doc.span(tok.start, tok.end))


if __name__ == "__main__":
    article = Pipeline.default()("۲۰ شرکت نوآفرین در استان فعال است.")
    for s in article.sectors:
        print(s.sector, s.rule, repr(s.evidence.text))
    assert any(s.rule == "example.knowledge_based_ict" for s in article.sectors)
