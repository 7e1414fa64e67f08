"""The bundled data file: its format, and loading it into places and name tables.

The file is gzip JSON whose big parts are tab-separated text: loading splits lines and
nothing more. A `Place` is made on first use, and a name's place list when it is looked up,
so a process pays for the places its documents name, not for all ten thousand.
"""

from __future__ import annotations

import gzip
import json
from functools import cached_property
from importlib import resources
from typing import Any, Final

from ceasefire.domain.model import Place
from ceasefire.errors import ConfigurationError

ATTRIBUTION: Final = "GeoNames (geonames.org), CC BY 4.0; aliases and extra places: ceasefire"
FORMAT_VERSION: Final = 2
DATA_FILE: Final = "gazetteer.json.gz"
PLACE_COLUMNS: Final = (
    "geonameid", "name", "lat", "lon", "feature_class", "feature_code", "country", "admin1",
    "admin2", "population", "aliases",
)  # fmt: skip

#: Flags stored with each (name key, place) pair: the low 3 bits of `id * 8 + flags`.
PREFERRED: Final = 1  # this place comes first for this name (our alias table says so)
ADMIN_ONLY: Final = 2  # the name means this admin unit only with "district", "region"...
PARTIAL: Final = 4  # the name without its upper/lower/new/old word ("Garvand" for Bash Garvand)


def _lines_by_key(text: str) -> dict[str, str]:
    """ "key<TAB>rest" lines as {key: rest}."""
    table: dict[str, str] = {}
    for line in text.split("\n"):
        key, _, rest = line.partition("\t")
        table[key] = rest
    return table


class Tables:
    """Places by id, ADM1 units by admin1 code, and the name tables of the data file."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT_VERSION:
            raise ConfigurationError(
                f"gazetteer data format {data.get('format')!r} is not {FORMAT_VERSION}; "
                "rebuild it with scripts/build_gazetteer.py"
            )
        self.attribution: str = data["attribution"]
        self.common_words: frozenset[str] = frozenset(data["common_words"])
        self.districts: dict[str, int] = data["districts"]
        self._rows = {int(key): rest for key, rest in _lines_by_key(data["places"]).items()}
        self._exact = _lines_by_key(data["exact"])
        self._loose = _lines_by_key(data["loose"])
        self._made: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, geonameid: int) -> bool:
        return geonameid in self._rows

    def ids(self) -> list[int]:
        return sorted(self._rows)

    def place(self, geonameid: int) -> Place:
        """The place with this id (KeyError if none)."""
        made = self._made.get(geonameid)
        if made is None:
            (name, lat, lon, f_class, f_code, country, admin1, admin2, population, aliases) = (
                self._rows[geonameid].split("\t")
            )
            made = Place(
                geonameid=geonameid,
                name=name,
                lat=float(lat),
                lon=float(lon),
                feature_class=f_class,
                feature_code=f_code,
                country=country,
                admin1=admin1,
                admin2=admin2,
                population=int(population),
                aliases=tuple(aliases.split("|")) if aliases else (),
            )
            self._made[geonameid] = made
        return made

    def knows(self, key: str, folded: str) -> bool:
        """Whether any place has exact key `key` or loose key `folded`."""
        return key in self._exact or folded in self._exact or folded in self._loose

    @cached_property
    def multiword_starts(self) -> frozenset[str]:
        """First words of the names of more than one word (exact or loose keys)."""
        return frozenset(
            key.partition(" ")[0]
            for table in (self._exact, self._loose)
            for key in table
            if " " in key
        )

    def exact(self, key: str) -> list[int]:
        """`id * 8 + flags` codes of the places whose exact name key is `key`, best first."""
        codes = self._exact.get(key)
        return [int(code) for code in codes.split(",")] if codes else []

    def loose(self, key: str) -> list[int]:
        """Codes of the places whose loose name key is `key` (and differs from exact)."""
        codes = self._loose.get(key)
        return [int(code) for code in codes.split(",")] if codes else []


def load_bundled() -> Tables:
    """Read the data file shipped in the package."""
    try:
        blob = resources.files("ceasefire.gazetteer").joinpath("data", DATA_FILE).read_bytes()
    except FileNotFoundError:
        raise ConfigurationError(
            f"the bundled gazetteer ceasefire/gazetteer/data/{DATA_FILE} is missing; "
            "run scripts/build_gazetteer.py"
        ) from None
    return Tables(json.loads(gzip.decompress(blob)))
