"""The HTTP service, tested against a real uvicorn process on loopback (plus an in-process check
of the 500 answer, which needs a pipeline that fails on purpose)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

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


def _openapi_validator(doc: dict, name: str):
    """A JSON Schema validator for ``#/components/schemas/<name>`` of an OpenAPI 3.1 document."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    return jsonschema.Draft202012Validator(schema)


def test_health_schema_and_openapi(server):
    r = httpx.get(server + "/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["ready"] is True
    schema = httpx.get(server + "/schema").json()
    import persian_trade_news as ptn

    assert schema == json.loads(json.dumps(ptn.json_schema()))
    doc = httpx.get(server + "/openapi.json").json()
    comps = doc["components"]["schemas"]
    for name in ("Article", "Visit", "Span", "Place", "ExtractRequest", "BatchRequest", "ErrorResponse"):
        assert name in comps, name
    post = doc["paths"]["/extract"]["post"]
    assert post["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Article"}
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ExtractRequest"}
    for code in ("413", "422", "500"):
        assert post["responses"][code]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"}
    assert "/extract/batch" in doc["paths"] and "/health" in doc["paths"] and "/schema" in doc["paths"]
    # every $ref of the document resolves
    refs = set()

    def walk(x):
        if isinstance(x, dict):
            if isinstance(x.get("$ref"), str):
                refs.add(x["$ref"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(doc)
    assert all(r.startswith("#/components/schemas/") and r.split("/")[-1] in comps for r in refs), refs


def test_extract(server):
    r = httpx.post(server + "/extract", json={"text": SEED, "id": "seed"}, timeout=60)
    assert r.status_code == 200
    a = r.json()
    assert a["id"] == "seed" and a["date"] == "2025-10-04" and a["text"] == SEED
    assert a["visits"] and a["visits"][0]["destination"]["id"] == "IR-15"
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(a, httpx.get(server + "/schema").json())
    # the OpenAPI document describes the answer accurately
    doc = httpx.get(server + "/openapi.json").json()
    _openapi_validator(doc, "Article").validate(a)
    for _, rec in ((n, x) for n in ("visits", "capacities", "statements") for x in a[n]):
        ev = rec["evidence"]
        assert SEED[ev["start"]:ev["end"]] == ev["text"]
    r = httpx.post(server + "/extract", json={"text": "صادرات گندم", "date": "2025-01-02"})
    assert r.status_code == 200 and r.json()["date"] == "2025-01-02" and r.json()["id"] is None


def test_batch_keeps_order_and_reports_errors_in_place(server):
    body = {"articles": [{"text": "صادرات ۲۰۰ تن گندم از لرستان", "id": "a"},
                         {"text": "ا" * 600_000, "id": "big"},
                         {"text": 5, "id": "bad"},
                         {"text": "سلام", "id": "c", "date": "2025-01-01"},
                         "not an object",
                         {"text": SEED, "id": "seed"}]}
    r = httpx.post(server + "/extract/batch", json=body, timeout=60)
    assert r.status_code == 200, r.text
    out = r.json()["articles"]
    assert [o["id"] for o in out] == ["a", "big", "bad", "c", None, "seed"]
    assert out[1]["error"]["type"] == "InputTooLargeError" and out[1]["index"] == 1
    assert out[2]["error"]["type"] == "validation_error" and "text" in out[2]["error"]["message"]
    assert out[4]["error"]["type"] == "validation_error" and out[4]["index"] == 4
    assert "error" not in out[0] and out[3]["date"] == "2025-01-01"
    assert out[5]["visits"] and out[5]["text"] == SEED
    doc = httpx.get(server + "/openapi.json").json()
    batch_schema = doc["paths"]["/extract/batch"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator({**batch_schema, "components": doc["components"]}).validate(r.json())
    _no_trace(r)


@pytest.mark.parametrize("path,body", [
    ("/extract", b"{not json"), ("/extract", b'{"text": 5}'), ("/extract", b'{"txt": "x"}'),
    ("/extract", b'{"text": "x", "date": "soon"}'), ("/extract", b"[]"), ("/extract", b""),
    ("/extract", b'{"text": "x", "id": 7}'), ("/extract/batch", b'{"articles": "x"}'),
    ("/extract/batch", b'{"items": []}'), ("/extract/batch", b"\xff\xfe")])
def test_malformed_bodies_are_422(server, path, body):
    r = httpx.post(server + path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["type"] == "validation_error" and r.json()["error"]["message"]
    _no_trace(r)


def test_library_errors_are_typed_4xx(server):
    r = httpx.post(server + "/extract", json={"text": "x", "date": "2025-13-45"})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["type"] in ("InputError", "validation_error")
    r = httpx.get(server + "/nowhere")
    assert r.status_code == 404 and r.json()["error"]["type"] == "http_error"
    r = httpx.get(server + "/extract")
    assert r.status_code == 405 and "error" in r.json()


def test_oversized_body_and_batch_are_413(server):
    r = httpx.post(server + "/extract", content=b'{"text": "' + b"a" * 3_000_000 + b'"}',
                   headers={"content-type": "application/json"}, timeout=60)
    assert r.status_code == 413 and r.json()["error"]["type"] == "too_large"
    _no_trace(r)
    r = httpx.post(server + "/extract/batch", json={"articles": [{"text": "x"}] * 9})
    assert r.status_code == 413 and r.json()["error"]["type"] == "too_large"
    r = httpx.post(server + "/extract", json={"text": "ا" * 600_000}, timeout=60)
    assert r.status_code == 413 and r.json()["error"]["type"] == "InputTooLargeError"
    _no_trace(r)


def test_streamed_oversized_body_is_cut_off(server):
    """No Content-Length (chunked): the limit is enforced while the body is read."""
    def gen():
        yield b'{"text": "'
        for _ in range(30):
            yield b"a" * 100_000
        yield b'"}'

    try:
        r = httpx.post(server + "/extract", content=gen(), headers={"content-type": "application/json"}, timeout=60)
    except (httpx.WriteError, httpx.ReadError, httpx.RemoteProtocolError):
        return  # the server answered 413 and closed before the client finished sending
    assert r.status_code == 413
    _no_trace(r)


def test_slow_body_is_cut_off(server):
    """A client that announces a body and trickles it (slowloris) gets 408 after the body timeout."""
    u = urlparse(server)
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{\"text\": \"")
        t = time.perf_counter()
        data = b""
        while b"\r\n\r\n" not in data and time.perf_counter() - t < 8:
            try:
                chunk = s.recv(4096)
            except TimeoutError:
                break
            if not chunk:
                break
            data += chunk
    assert data.startswith(b"HTTP/1.1 408"), data[:200]
    assert time.perf_counter() - t < 8


def test_module_entry_point():
    """``python -m persian_trade_news.interfaces.server --host --port`` (the code path of the CLI's ``serve``)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "persian_trade_news.interfaces.server", "--host", "127.0.0.1",
                             "--port", str(port), "--max-batch", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("server did not start: " + proc.stderr.read().decode()[-2000:])
        r = httpx.post(base + "/extract/batch", json={"articles": [{"text": "x"}] * 3})
        assert r.status_code == 413  # --max-batch reached the app
        r = httpx.post(base + "/extract", json={"text": "استاندار لرستان"})
        assert r.status_code == 200 and r.json()["entities"]
    finally:
        proc.terminate()
        proc.wait(10)


def test_internal_errors_are_500_without_details():
    """A bug in the pipeline: 500 with a generic message (and, in a batch, an error in place)."""
    from fastapi.testclient import TestClient

    from persian_trade_news.records import Article
    from persian_trade_news.interfaces.server import create_app

    def pipeline(text, *, date=None, id=None):
        if "boom" in text:
            raise RuntimeError("secret detail /etc/passwd")
        return Article(id=id, date=date, text=text)

    with TestClient(create_app(pipeline), raise_server_exceptions=False) as client:
        r = client.post("/extract", json={"text": "boom"})
        assert r.status_code == 500
        assert r.json() == {"error": {"type": "internal", "message": "internal error"}}
        _no_trace(r)
        assert "secret" not in r.text
        r = client.post("/extract/batch", json={"articles": [{"text": "ok", "id": "1"}, {"text": "boom", "id": "2"}]})
        assert r.status_code == 200
        out = r.json()["articles"]
        assert out[0]["text"] == "ok" and out[1]["error"] == {"type": "internal", "message": "internal error"}
        assert "secret" not in r.text


def test_example_client(server):
    """``examples/service_client.py`` against the running service: one article, then a batch."""
    client = ROOT / "examples" / "service_client.py"
    seeds = [str(ROOT / "examples" / "seed-lorestan.txt"), str(ROOT / "examples" / "seed-fars.txt")]
    r = subprocess.run([sys.executable, str(client), seeds[0], "--url", server], check=False, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert "[seed-lorestan] 2025-10-04" in r.stdout and "visit:" in r.stdout
    r = subprocess.run([sys.executable, str(client), *seeds, "--url", server], check=False, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.index("[seed-lorestan]") < r.stdout.index("[seed-fars]")
    r = subprocess.run([sys.executable, str(client), seeds[0], "--url", server, "--date", "soon"],
                       check=False, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "422 validation_error" in r.stderr
