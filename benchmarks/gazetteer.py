"""How fast the gazetteer loads, looks names up and finds them in articles.

Baseline: a bare regex word scan of the same text (the least any mention finder must do);
the ratio shows what name matching adds. Articles: ../shared/eval/dev when present, else a
synthetic article. Usage: python benchmarks/gazetteer.py [ROUNDS]
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ceasefire.gazetteer import Gazetteer

SHARED = Path(__file__).resolve().parents[2] / "shared"
SYNTHETIC = (
    "The Defence Ministry said positions near Aghdam and Tartar came under mortar fire late "
    "Sunday. Armenian forces shelled Shosh and Taghavard villages of Khojavend region, "
    "according to the Azerbaijani side; officials in Stepanakert denied it. A mine exploded "
    "5 km north of Fuzuli, injuring two deminers near Garvand village (Aghdam region).\n"
) * 6


def articles() -> list[str]:
    path = SHARED / "eval" / "dev" / "articles.jsonl"
    if path.exists():
        return [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    return [SYNTHETIC] * 20


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    code = (
        "import time; t = time.perf_counter(); from ceasefire.gazetteer import Gazetteer;"
        "Gazetteer.bundled(); print(time.perf_counter() - t)"
    )
    load = min(
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    )
    print(f"cold import + load: {load * 1000:.0f} ms, best of 3 (target < 500 ms)")

    g = Gazetteer.bundled()
    names = ["Stepanakert", "Kelbajar", "Aghdam region", "Garvand", "Qırmızı Bazar", "Atlantis"]
    start = time.perf_counter()
    for _ in range(2000):
        for name in names:
            g.lookup(name)
    per_lookup = (time.perf_counter() - start) / (2000 * len(names))
    print(f"lookup: {per_lookup * 1e6:.1f} µs per name")

    texts = articles()
    chars = sum(map(len, texts))
    mentions = sum(len(g.find_mentions(text)) for text in texts)

    def resolve_all() -> None:
        for text in texts:
            for mention in g.find_mentions(text):
                g.resolve(mention, near_text=text[max(0, mention.start - 150) : mention.end + 150])

    word = re.compile(r"\w+")

    def scan_words() -> None:
        for text in texts:
            word.findall(text)

    # best of several repeats: the machine is shared, the best run is the least disturbed
    elapsed = best_time(resolve_all, rounds)
    baseline = best_time(scan_words, rounds)
    print(
        f"find_mentions + resolve: {len(texts) / elapsed:.0f} articles/s ({chars / len(texts):.0f}"
        f" chars each, {mentions / len(texts):.1f} mentions each); "
        f"{elapsed / baseline:.0f}x a bare word scan"
    )


def best_time(work: Callable[[], None], rounds: int, repeats: int = 5) -> float:
    """Seconds of one call of `work`: the mean over `rounds` calls, best of `repeats`."""
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(rounds):
            work()
        best = min(best, (time.perf_counter() - start) / rounds)
    return best


if __name__ == "__main__":
    main()
