"""Coverage-guided fuzzing of extract() (atheris, the [fuzz] extra).

    python fuzz/fuzz_extract.py -runs=20000                 # short run (CI runs a few thousand)
    python fuzz/fuzz_extract.py -max_total_time=3600 corpus/   # the long run

Any exception other than a typed library error is a crash; every span must be exact and the
Article must round-trip through to_dict/from_dict.
"""
import sys

import atheris

with atheris.instrument_imports(include=["persian_trade_news"]):
    import persian_trade_news as ptn
    # the package imports lazily: import every stage module here so that all of it is instrumented
    from persian_trade_news import api, pipeline  # noqa: F401
    from persian_trade_news.errors import PersianTradeNewsError
    from persian_trade_news.lexicons import agencies, index, words  # noqa: F401
    from persian_trade_news.readers import dates, numbers, quantities  # noqa: F401
    from persian_trade_news.records import Article
    from persian_trade_news.rules import engine, pattern  # noqa: F401
    from persian_trade_news.rules.actions import (arguments, common, deals, lexical, meetings,  # noqa: F401
                                                  statements, visits)
    from persian_trade_news.stages import agency, entities, people, relations  # noqa: F401
    from persian_trade_news.stages import dates as dates_stage, quantities as quantities_stage  # noqa: F401
    from persian_trade_news.text import document, inputs, normalize, tokenize  # noqa: F401

NLP = ptn.Pipeline.default(max_chars=200_000)
PIECES = ["استان", "لرستان", "سفر", "۲روزه", " به ", "هزار", "تن", "میلیارد", "ریال", "درصد", " و ", "،", ".",
          "\u200c", "«", "»", "گفت:", "تفاهم‌نامه", "صادرات", "۴۲", "42,000", "۱۴۰۴/۰۶/۱۵", "<b>", "</p>", "\n",
          "سفیر", "بازدید", "را مورد بازدید قرار داد", "رتبه نخست", "وی افزود:", "هیئت", "دیدار با"]


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        text = fdp.ConsumeUnicodeNoSurrogates(4096)
    elif mode == 1:
        n = fdp.ConsumeIntInRange(0, 200)
        text = "".join(PIECES[fdp.ConsumeIntInRange(0, len(PIECES) - 1)] for _ in range(n))
    else:
        text = fdp.ConsumeBytes(4096)
    try:
        a = NLP(text)
    except PersianTradeNewsError:
        return
    raw = a.text
    for where, span in a.spans():
        if raw[span.start:span.end] != span.text:
            raise AssertionError(f"inexact span {where}: {span}")
    if Article.from_dict(a.to_dict()) != a:
        raise AssertionError("round trip changed the article")


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
