"""Guess the format of a document from its content (the `auto` format).

JSON is chosen only when the content parses as JSON: a text whose first line merely starts
with "[" or "{" ("[FICTIONAL DEMO] Shelling near ...") is sniffed like any other text.
"""

from __future__ import annotations

import json
import re

_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_ANYWHERE = re.compile(r"<(?:html|body|article|div|p)\b[^>]*>", re.IGNORECASE)
_LEADING_NOISE = re.compile(r"^(?:\s|<!--.*?-->)*", re.DOTALL)
_DECODER = json.JSONDecoder()
_SPACES = re.compile(r"\s*")


#: File name endings that settle the format before the content is looked at.
_BY_SUFFIX = {
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".html": "html",
    ".htm": "html",
}


def sniff_format(text: str, name: str = "") -> str:
    """`json`, `feed`, `html` or `text` for decoded `text`: the parser to use for `auto`.

    A telling file name ending (`.json`, `.jsonl`, `.rss`, `.html`...) wins, so that a broken
    JSON file gets the JSON error naming its line rather than being read as prose.
    """
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    head = text[:4096]
    start = _LEADING_NOISE.sub("", head, count=1)
    if start[:1] in ("{", "[") and is_json(text):
        return "json"
    if start.startswith("<"):
        after_declaration = _LEADING_NOISE.sub("", _XML_DECLARATION.sub("", start, count=1))
        if _FEED_ROOT.match(after_declaration) or (
            after_declaration.lower().startswith("<?xml-stylesheet")
            and _FEED_ROOT.search(after_declaration)
        ):
            return "feed"
        if _HTML_START.match(after_declaration) or _HTML_ANYWHERE.search(head):
            return "html"
        if _FEED_ROOT.search(head):
            return "feed"
    return "text"


def is_json(text: str) -> bool:
    """Whether `text` is one JSON object or array, or JSON Lines whose first line is an object."""
    begin = _after_spaces(text, 0)
    try:
        value, end = _DECODER.raw_decode(text, begin)
    except (ValueError, RecursionError):
        return False  # not even the first value parses: no JSON, and no JSON Lines either
    if isinstance(value, dict | list) and _after_spaces(text, end) == len(text):
        return True
    line_end = text.find("\n", begin)
    first_line = text[begin:] if line_end < 0 else text[begin:line_end]
    try:
        return isinstance(json.loads(first_line), dict)
    except (ValueError, RecursionError):
        return False


def _after_spaces(text: str, position: int) -> int:
    """The index of the first character at or after `position` that is not white space."""
    spaces = _SPACES.match(text, position)
    return spaces.end() if spaces else position
