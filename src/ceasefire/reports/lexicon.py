"""Loaded terms that a report never uses, in English, Russian and Turkish.

The report states facts in neutral words (OSCE SMM style); text that delegations or sources
wrote (a position's reason) passes through `neutral_text` before it is shown.
"""

from __future__ import annotations

import re
from typing import Final

from ceasefire.ingest.stages.summary import neutral

#: Stems: a word that starts with one of them is loaded ("occupied", "оккупантов", "işgalci").
LOADED_STEMS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "martyr", "liberat", "occupied", "occupation", "occupant", "occupier", "occupying",
        "terroris", "aggressor", "aggression", "genocid", "provocat", "enemy", "enemies",
        "separatist", "massacre", "bandit", "mercenar", "puppet", "junta", "fascis",
    ),
    "ru": (
        "мученик", "шехид", "освобожд", "освободил", "оккупац", "оккупир", "оккупант",
        "террорис", "агрессор", "агресси", "геноцид", "провокац", "враг", "сепаратист",
        "бандит", "наемник", "наёмник", "марионет", "фашист",
    ),
    "tr": (
        "şehit", "şehid", "kurtarıl", "kurtuluş", "işgal", "terörist", "terör", "saldırgan",
        "soykırım", "provokasyon", "düşman", "ayrılıkçı", "haydut", "paralı asker", "kukla",
        "faşist",
    ),
}  # fmt: skip

_LOADED: Final = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(s) for stems in LOADED_STEMS.values() for s in stems)
    + r")\w*",
    re.IGNORECASE,
)


def loaded_terms(text: str) -> list[str]:
    """The loaded words in `text`, as written: `loaded_terms("the aggressor fired")` is ["aggressor"]."""
    return [m.group(0) for m in _LOADED.finditer(text)]


def neutral_text(text: str) -> str:
    """`text` with loaded words replaced by neutral ones, and any left over withheld as "[…]"."""
    return _LOADED.sub("[…]", neutral(text))
