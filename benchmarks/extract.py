"""Benchmark: extract claims from real articles, repeated to >= 2,000 documents, in one process.

Reads the evaluation articles from ../shared/eval/dev (or --articles FILE, JSON Lines), builds
the extractor once (gazetteer loaded once), then times `extract` over the documents. The
baseline is spaCy's blank English tokenizer over the same texts in the same run: it only
splits words, so the ratio says how many tokenizer passes one extraction costs.

    python benchmarks/extract.py                      # 2,000 documents
    python benchmarks/extract.py --count 5000
    python benchmarks/extract.py --big-mb 9           # also one 9 MB document, own process
Target: >= 100 articles/s on one core, peak RSS <= 300 MB (also for the 9 MB document; the
parsers refuse inputs above 10 MiB).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from ceasefire.domain.model import Document
from ceasefire.ingest.parsers import parse_bytes
from ceasefire.ingest.pipeline import build_extractor

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = REPO.parent / "shared" / "eval" / "dev" / "articles.jsonl"


def _documents(path: Path, count: int) -> list[Document]:
    parsed = [p.document for p in parse_bytes(path.read_bytes(), name=str(path), format="json")]
    if not parsed:
        sys.exit(f"error: {path}: no documents")
    repeats = -(-count // len(parsed))
    return (parsed * repeats)[:count]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--big-mb", type=float, default=0.0, help="also time one document this big")
    parser.add_argument("--one-big", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_big:
        _one_big(args.articles, args.one_big)
        return
    if not args.articles.is_file():
        sys.exit(f"error: {args.articles}: not found (the shared evaluation set)")
    documents = _documents(args.articles, max(args.count, 1))

    started = time.perf_counter()
    extract = build_extractor()
    extract(documents[0])  # the first call loads what the stages load lazily
    build_seconds = time.perf_counter() - started

    started, cpu_started = time.perf_counter(), time.process_time()
    claims = sum(len(extract(document)) for document in documents)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    # CPU time is the one-core figure: the machine may be shared with other work
    rate = len(documents) / cpu_seconds
    wall_rate = len(documents) / seconds
    rss = _peak_rss_mb()

    import spacy

    tokenizer = spacy.blank("en").tokenizer
    cpu_started = time.process_time()
    tokens = sum(len(tokenizer(document.body)) for document in documents)
    baseline_seconds = time.process_time() - cpu_started
    baseline_rate = len(documents) / baseline_seconds

    characters = sum(len(d.body) for d in documents)
    print(
        json.dumps(
            {
                "documents": len(documents),
                "characters": characters,
                "claims": claims,
                "build_seconds": round(build_seconds, 2),
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu_seconds, 2),
                "articles_per_second": round(rate, 1),
                "articles_per_wall_second": round(wall_rate, 1),
                "peak_rss_mb": round(rss, 1),
                "baseline": "spacy.blank('en') tokenizer over the same texts",
                "baseline_articles_per_second": round(baseline_rate, 1),
                "baseline_tokens": tokens,
                "ratio_extract_to_baseline_time": round(cpu_seconds / baseline_seconds, 2),
            },
            indent=2,
        )
    )
    print(
        f"extract: {rate:.0f} articles/s of CPU time on one core ({1000 / rate:.1f} ms each; "
        f"{wall_rate:.0f}/s wall clock), peak RSS {rss:.0f} MB; tokenizer alone: "
        f"{baseline_rate:.0f} articles/s; extraction costs {cpu_seconds / baseline_seconds:.1f}x "
        "the tokenizer. Target >= 100/s, <= 300 MB."
    )
    if args.big_mb:
        command = [sys.executable, __file__, "--articles", str(args.articles), "--one-big"]
        subprocess.run([*command, str(args.big_mb)], check=True)


def _one_big(path: Path, megabytes: float) -> None:
    """One document of the articles' bodies repeated to `megabytes`, in this fresh process."""
    bodies = [
        p.document.body for p in parse_bytes(path.read_bytes(), name=str(path), format="json")
    ]
    unit = "\n".join(bodies)
    body = (unit + "\n") * max(1, int(megabytes * 1_000_000 // (len(unit) + 1)))
    extract = build_extractor()
    started = time.process_time()
    claims = extract(Document(body=body, published=datetime(2023, 3, 7)))
    seconds = time.process_time() - started
    print(
        f"one {len(body) / 1e6:.1f} MB document: {len(claims)} claims in {seconds:.0f} s of CPU "
        f"time, peak RSS {_peak_rss_mb():.0f} MB (target <= 300 MB)"
    )


if __name__ == "__main__":
    main()
