"""How long each parser takes on an input just under the 10 MiB limit, and on one article.

Baseline: decoding the same bytes as UTF-8 (the least any parser does). Usage:
python benchmarks/parsers.py
"""

from __future__ import annotations

import json
import time

from ceasefire.ingest.parsers import DEFAULT_MAX_BYTES, parse_bytes

PARAGRAPH = "The Defence Ministry said positions near Aghdam came under mortar fire overnight. " * 8


def inputs(size: int) -> dict[str, bytes]:
    line = json.dumps({"text": PARAGRAPH, "published": "2021-01-01"}) + "\n"
    item = f"<item><title>Fire</title><description>{PARAGRAPH}</description></item>\n"
    para = f"<p>{PARAGRAPH}</p>\n"
    return {
        "text": ("Headline\n" + (PARAGRAPH + "\n") * (size // (len(PARAGRAPH) + 1))).encode(),
        "json": (line * (size // len(line))).encode(),
        "feed": (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
            + item * (size // len(item) - 1)
            + "</channel></rss>"
        ).encode(),
        "html": (
            "<html><head><title>T</title></head><body><article>"
            + para * (size // len(para) - 1)
            + "</article></body></html>"
        ).encode(),
    }


def main() -> None:
    for label, size in (
        ("one article (8 KB)", 8_000),
        ("near the limit (10 MB)", DEFAULT_MAX_BYTES - 4096),
    ):
        print(label)
        for fmt, raw in inputs(size).items():
            start = time.perf_counter()
            raw.decode("utf-8")
            baseline = time.perf_counter() - start
            start = time.perf_counter()
            documents = parse_bytes(raw, name=f"bench.{fmt}")
            elapsed = time.perf_counter() - start
            print(
                f"  {fmt:5} {len(raw) / 1e6:6.2f} MB  {elapsed * 1000:8.1f} ms  "
                f"{len(documents):6d} documents  {elapsed / max(baseline, 1e-9):8.0f}x decoding"
            )


if __name__ == "__main__":
    main()
