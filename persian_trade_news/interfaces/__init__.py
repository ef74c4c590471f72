"""The ways in and out, each on top of the pipeline: the command line (``cli``), the HTTP service
(``server``), Spark (``spark``), pandas frames (``frames``), the evaluator (``evaluate``) and the
rule trace (``explain``). Nothing below this package imports it."""
