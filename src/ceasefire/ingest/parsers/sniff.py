"""Guess the format of a document from its first characters (the `auto` format)."""

from __future__ import annotations

import re

_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_ANYWHERE = re.compile(r"<(?:html|body|article|div|p)\b[^>]*>", re.IGNORECASE)
_LEADING_NOISE = re.compile(r"^(?:\s|<!--.*?-->)*", re.DOTALL)


def sniff_format(text: str) -> str:
    """`json`, `feed`, `html` or `text` for decoded `text`: the parser to use for `auto`."""
    head = text[:4096]
    start = _LEADING_NOISE.sub("", head, count=1)
    if start[:1] in ("{", "["):
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
