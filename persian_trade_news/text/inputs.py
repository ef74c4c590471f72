"""Turning whatever the caller passed into text the pipeline can read, with typed errors.

* ``str``: used as is.
* ``bytes``: UTF-8 (with or without BOM), else Windows-1256 (the legacy encoding of older
  Persian files) when the result looks like text; otherwise :class:`EncodingError`.
* ``None`` or another type: :class:`InputError`.
* HTML: tags, comments, ``<script>``/``<style>`` bodies and character references are masked with
  spaces *of the same length*, so offsets still point into exactly what the caller passed.
* Above ``max_chars``: :class:`InputTooLargeError` naming the limit.
"""
from __future__ import annotations

import re

from ..errors import EncodingError, InputError, InputTooLargeError

DEFAULT_MAX_CHARS = 5_000_000

_HTML_HINT = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]{0,15}[\s/>]|/[a-zA-Z][a-zA-Z0-9]{0,15}\s*>|!--)")
# Linear scanners: no nested quantifiers.
_HTML_TAG = re.compile(r"</?[a-zA-Z!][^<>]{0,2000}>")
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});")
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> str:
    """UTF-8, else Windows-1256 when that gives text; else :class:`EncodingError`."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" in text or len(_BAD_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise EncodingError("bytes are neither UTF-8 nor Windows-1256 text; decode them first")
    return text


def coerce_text(value: object, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The input as ``str`` or a typed error (see module docstring)."""
    if value is None:
        raise InputError("text is None; pass a str (or UTF-8 / Windows-1256 bytes)")
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        if max_chars and len(raw) > 4 * max_chars:
            raise InputTooLargeError(len(raw), 4 * max_chars, "bytes")
        value = decode_bytes(raw)
    if not isinstance(value, str):
        raise InputError(f"text must be str or bytes, not {type(value).__name__}")
    if max_chars and len(value) > max_chars:
        raise InputTooLargeError(len(value), max_chars)
    return value


def looks_like_html(text: str) -> bool:
    return _HTML_HINT.search(text, 0, 200_000) is not None


def _blank(m: re.Match) -> str:
    # keep newlines so paragraph/sentence boundaries survive; everything else becomes spaces
    return "".join("\n" if ch == "\n" else " " for ch in m.group(0))


_BLOCK_TAGS = re.compile(r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|title)\b",
                         re.IGNORECASE)


def _blank_tag(m: re.Match) -> str:
    s = _blank(m)
    if _BLOCK_TAGS.match(m.group(0)):
        return "\n" + s[1:]
    return s


def _entity(m: re.Match) -> str:
    import html

    ch = html.unescape(m.group(0))
    if len(ch) != 1 or ch == "&":
        return " " * len(m.group(0))
    return ch + " " * (len(m.group(0)) - 1)


def _blank_str(s: str) -> str:
    return "".join("\n" if ch == "\n" else " " for ch in s)


def _mask_regions(text: str) -> str:
    """Blank ``<script>…</script>``, ``<style>…</style>`` and ``<!--…-->`` in one left-to-right
    pass with ``str.find`` (a regex with a lazy ``.*?`` would rescan the rest of the text for
    every unclosed opener: quadratic on ``<script>`` repeated)."""
    low = text.lower()
    pieces: list[str] = []
    pos = 0
    closed = {"<script": "</script", "<style": "</style", "<!--": "-->"}
    live = dict(closed)  # openers whose closer still occurs somewhere ahead
    next_at: dict[str, int] = {}
    while live:
        for o in list(live):  # each opener's next occurrence is searched again only once passed
            if next_at.get(o, -1) < pos:
                k = low.find(o, pos)
                if k < 0:
                    del live[o]
                    continue
                next_at[o] = k
        if not live:
            break
        i, opener = min((next_at[o], o) for o in live)
        closer = live[opener]
        j = low.find(closer, i + len(opener))
        if j < 0:
            del live[opener]  # no closer after here: no later opener of this kind can close either
            continue
        end = low.find(">", j) + 1 if closer != "-->" else j + 3
        if end <= 0:
            end = len(text)
        pieces.append(text[pos:i])
        pieces.append(_blank_str(text[i:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def mask_html(text: str) -> str:
    """Same-length copy of ``text`` with markup blanked (offsets unchanged)."""
    out = _mask_regions(text)
    out = _HTML_TAG.sub(_blank_tag, out)  # block-level tags end paragraphs (a line break)
    return _HTML_ENTITY.sub(_entity, out)
