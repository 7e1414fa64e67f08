"""The naming policy (setting `place_names`): how a report names a place.

`both` (the default): `place_label("Khankendi", 146970)` is "Khankendi (Stepanakert)", the
gazetteer's name first, then each party's name that the first does not already contain; a
place the parties name alike keeps its one name. `gazetteer`: the gazetteer's name only.
`azerbaijani` / `armenian`: that party's name where our alias table has one, else the
gazetteer's. This is the only place that decides how a report names a place.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

#: The alias table's usage codes of the two parties' own names.
_PARTY_USAGES = ("az", "am")
#: The policies `place_names` may take, and the party usage each one prefers.
POLICIES = {"both": None, "gazetteer": None, "azerbaijani": "az", "armenian": "am"}


@functools.cache
def _party_names() -> dict[int, dict[str, str]]:
    """For each place id, the first name each party uses (our alias table, usage az/am)."""
    text = resources.files("ceasefire.gazetteer").joinpath("aliases.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    names: dict[int, dict[str, str]] = {}
    for row in rows:
        if row["usage"] in _PARTY_USAGES:
            names.setdefault(int(row["geonameid"]), {}).setdefault(row["usage"], row["alias"])
    return names


def place_label(name: str | None, gazetteer_id: int | None, policy: str = "both") -> str:
    """How a report names a place under the naming policy; "" when there is no place."""
    if not name:
        return ""
    parties = _party_names().get(gazetteer_id or 0, {})
    if policy == "gazetteer":
        return name
    usage = POLICIES.get(policy)
    if usage is not None:
        return parties.get(usage, name)
    if len(set(parties.values())) < 2:
        return name
    others = [
        other
        for other in dict.fromkeys(parties[usage] for usage in _PARTY_USAGES if usage in parties)
        if other.casefold() not in name.casefold()
    ]
    return f"{name} ({' / '.join(others)})" if others else name
