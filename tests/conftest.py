from __future__ import annotations

import time
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


#: the real-article set (../shared/eval/articles, beside the repository in CI) is here; a public
#: clone has only the two bundled seed articles
HAVE_REAL_ARTICLES = EVAL_DIR.is_dir() and any(EVAL_DIR.glob("*.txt"))
needs_real_articles = pytest.mark.skipif(
    not HAVE_REAL_ARTICLES,
    reason=f"needs the real-article set at {EVAL_DIR} (../shared/eval/articles beside the repository, "
           "present in CI); a public clone has only the two bundled seed articles")


def at_least(real: int, bundled: int) -> int:
    """How many findings a test over :func:`eval_paths` must see: ``real`` on the real-article set,
    ``bundled`` on the two seed articles of a public clone."""
    return real if HAVE_REAL_ARTICLES else bundled


def growth(run, small, big, floor: float = 1e-3) -> tuple[float, float, float]:
    """``(ratio, t_small, t_big)``: the process CPU time of ``run(big)`` over that of ``run(small)``
    (after one warm-up call on ``small``). CPU time of this process, so another process on a shared
    host does not count; a big run that still looks stalled is measured once more and the faster
    kept. A linear rule gives about ``big / small``, a quadratic one its square."""

    def cpu(arg) -> float:
        t = time.process_time()
        run(arg)
        return time.process_time() - t

    cpu(small)
    t_small, t_big = cpu(small), cpu(big)
    if t_big > 2 * t_small * (_size(big) / _size(small)):
        t_big = min(t_big, cpu(big))
    return t_big / max(t_small, floor), t_small, t_big


def _size(arg) -> float:
    return float(arg if isinstance(arg, (int, float)) else len(arg))


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


def start_server(extra_env: dict[str, str]):
    """Start the service in a real uvicorn process on a free loopback port; returns (proc, base URL)."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT), **extra_env)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "persian_trade_news.interfaces.server:app_factory",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start: " + proc.stderr.read().decode()[-2000:])
