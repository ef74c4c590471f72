"""The HTTP service, tested against a real uvicorn process on loopback."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "seed-lorestan.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server():
    from conftest import start_server

    proc, base = start_server({"PTN_MAX_BATCH": "8", "PTN_MAX_BODY_BYTES": "2000000", "PTN_MAX_CHARS": "500000",
                               "PTN_BODY_TIMEOUT": "2"})
    yield base
    proc.terminate()
    proc.wait(10)


def _no_trace(r):
    assert "Traceback" not in r.text and 'File "' not in r.text


def test_health_and_schema(server):
    r = httpx.get(server + "/health")
    assert r.json()["status"] == "ok"
    r = httpx.get(server + "/schema")
    assert r.json()["title"] == "Article"
    doc = httpx.get(server + "/openapi.json").json()
    assert "Article" in doc["components"]["schemas"] and "Visit" in doc["components"]["schemas"]
    ok = doc["paths"]["/extract"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/Article"}


def test_extract(server):
    r = httpx.post(server + "/extract", json={"text": SEED, "id": "seed"}, timeout=60)
    assert r.status_code == 200
    a = r.json()
    assert a["id"] == "seed" and a["date"] == "2025-10-04"
    assert a["visits"][0]["destination"]["id"] == "IR-15"
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(a, httpx.get(server + "/schema").json())
    for rec in a["visits"] + a["capacities"]:
        ev = rec["evidence"]
        assert SEED[ev["start"]:ev["end"]] == ev["text"]


def test_batch_keeps_order_and_reports_errors_in_place(server):
    body = {"articles": [{"text": "صادرات ۲۰۰ تن گندم از لرستان", "id": "a"},
                         {"text": "ا" * 600_000, "id": "big"},
                         {"text": "سلام", "id": "c", "date": "2025-01-01"}]}
    r = httpx.post(server + "/extract/batch", json=body, timeout=60)
    assert r.status_code == 200
    out = r.json()["articles"]
    assert [o["id"] for o in out] == ["a", "big", "c"]
    assert out[1]["error"]["type"] == "InputTooLargeError" and "error" not in out[0]


@pytest.mark.parametrize("body", [b"{not json", b'{"text": 5}', b'{"txt": "x"}', b'{"text": "x", "date": "soon"}', b"[]"])
def test_malformed_bodies_are_422(server, body):
    r = httpx.post(server + "/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["type"] == "validation_error"
    _no_trace(r)


def test_oversized_body_and_batch_are_413(server):
    r = httpx.post(server + "/extract", content=b'{"text": "' + b"a" * 3_000_000 + b'"}',
                   headers={"content-type": "application/json"}, timeout=60)
    assert r.status_code == 413
    _no_trace(r)
    r = httpx.post(server + "/extract/batch", json={"articles": [{"text": "x"}] * 9})
    assert r.status_code == 413 and r.json()["error"]["type"] == "too_large"
    r = httpx.post(server + "/extract", json={"text": "ا" * 600_000}, timeout=60)
    assert r.status_code == 413


def test_streamed_oversized_body_is_cut_off(server):
    def gen():
        yield b'{"text": "'
        for _ in range(30):
            yield b"a" * 100_000
        yield b'"}'

    r = httpx.post(server + "/extract", content=gen(), headers={"content-type": "application/json"}, timeout=60)
    assert r.status_code == 413


def test_slow_body_is_cut_off(server):
    """A client that announces a body and trickles it (slowloris) gets 408 after the body timeout."""
    import socket
    import time
    from urllib.parse import urlparse

    u = urlparse(server)
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{\"text\": \"")
        t = time.perf_counter()
        data = b""
        while b"\r\n\r\n" not in data and time.perf_counter() - t < 8:
            try:
                chunk = s.recv(4096)
            except socket.timeout:
                break
            if not chunk:
                break
            data += chunk
    assert data.startswith(b"HTTP/1.1 408"), data[:200]
    assert time.perf_counter() - t < 8
