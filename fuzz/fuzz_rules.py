"""Coverage-guided fuzzing of the rule-file loader: any input is either loaded or rejected
with RuleError (file and line); nothing else may escape, and nothing is executed.

    python fuzz/fuzz_rules.py -runs=20000
"""
import sys

import atheris

with atheris.instrument_imports(include=["persian_trade_news"]):
    from persian_trade_news.errors import PersianTradeNewsError
    from persian_trade_news.rules import pattern, registry  # noqa: F401
    from persian_trade_news.rules.engine import Engine

ENGINE = Engine(builtin=False, entry_points=False)
SEEDS = ["version: 1\nrules:\n  - name: a\n    record: sectors\n    pattern: [{key: x}]\n",
         "rules: [{name: b, record: visits, pattern: [{regex: '(a+)+'}]}]",
         "!!python/object/apply:os.system ['echo']", "{", "rules:\n - {name: c, record: sectors, pattern: [{op: '*'}]}"]


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeBool():
        text = SEEDS[fdp.ConsumeIntInRange(0, len(SEEDS) - 1)] + fdp.ConsumeUnicodeNoSurrogates(512)
    else:
        text = fdp.ConsumeUnicodeNoSurrogates(2048)
    engine = Engine(builtin=False, entry_points=False)
    try:
        engine.load_text(text, source="<fuzz>")
    except PersianTradeNewsError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
