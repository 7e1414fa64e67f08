"""How fast the gazetteer loads, looks names up and finds them in articles.

Baseline: a bare regex word scan of the same text (the least any mention finder must do);
the ratio shows what name matching adds. Articles: ../shared/eval/dev when present, else a
synthetic article. Usage: python benchmarks/gazetteer.py [ROUNDS]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
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
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    load = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t = time.perf_counter(); from ceasefire.gazetteer import Gazetteer;"
            "Gazetteer.bundled(); print(time.perf_counter() - t)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"cold import + load: {float(load.stdout) * 1000:.0f} ms (target < 500 ms)")

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
    start = time.perf_counter()
    mentions = 0
    for _ in range(rounds):
        for text in texts:
            found = g.find_mentions(text)
            mentions += len(found)
            for mention in found:
                g.resolve(mention, near_text=text[max(0, mention.start - 150) : mention.end + 150])
    elapsed = time.perf_counter() - start
    word = re.compile(r"\w+")
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            word.findall(text)
    baseline = time.perf_counter() - start
    per_second = rounds * len(texts) / elapsed
    print(
        f"find_mentions + resolve: {per_second:.0f} articles/s ({chars / len(texts):.0f} chars "
        f"each, {mentions / rounds / len(texts):.1f} mentions each); "
        f"{elapsed / baseline:.0f}x a bare word scan"
    )


if __name__ == "__main__":
    main()
