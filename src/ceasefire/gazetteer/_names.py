"""Place-name normalisation shared by the gazetteer and its build script.

Two keys per name: the *exact* key (transliterated, lower case, punctuation folded) and the
*loose* key, which also folds the spellings that parties and agencies mix (kh/x, sh/ş, ch/ç,
j/c/dzh, q/g, ə as a or e, ı/y/i, doubled letters, -kent/-kand), so that "Khankandi",
"Xankəndi" and "Khankendi" meet. Words that say what kind of place a name is ("Aghdam
region", "Taghavard village") are stripped and returned as a hint.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

from anyascii import anyascii


class KindHint(StrEnum):
    """What the words around a name say it is."""

    NONE = ""
    ADMIN = "admin"  # "... region", "... district", "... rayon", "... province", "... marz"
    SETTLEMENT = "settlement"  # "... village", "... town", "... city"


_APOSTROPHES = re.compile(r"['’ʼʻ`´‘\"]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
_KENT = re.compile(r"kant\b")

ADMIN_WORDS: Final = frozenset(
    {
        "region", "regions", "district", "districts", "rayon", "rayonu", "raion", "raioni",
        "province", "marz", "oblast", "sahari", "saheri", "municipality", "provisional",
    }
)  # fmt: skip
SETTLEMENT_WORDS: Final = frozenset(
    {"village", "villages", "town", "city", "settlement", "kendi", "qesebesi", "hamlet"}
)
_LEADING_KIND: Final = re.compile(r"^(?:the )?(?:village|town|city|settlement|district|region) of ")
_MULTIWORD_ADMIN: Final = ("autonomous republic", "economic region", "administrative district")

#: Leading words meaning upper/lower/big/small/new/old (Azerbaijani, Armenian, Russian):
#: "Bash Garvand" is also reported as "Garvand".
QUALIFIERS: Final = frozenset(
    {
        "yuxari", "yukhari", "yukhary", "asagi", "ashaghi", "ashagy", "orta", "bas", "bash",
        "bala", "boyuk", "beyuk", "kicik", "kichik", "yeni", "kohne", "kohna", "verin",
        "nerkin", "nor", "hin", "mets", "pokr", "verkhniy", "nizhniy", "novyy", "staryy",
        "bolshoy", "malyy", "upper", "lower", "old", "new",
    }
)  # fmt: skip

_LOOSE_DIGRAPHS: Final = (
    ("dzh", "c"), ("dj", "c"), ("tch", "c"), ("kh", "x"), ("gh", "g"), ("sh", "s"),
    ("ch", "c"), ("zh", "c"), ("j", "c"), ("q", "g"), ("w", "v"), ("y", "i"), ("e", "a"),
    ("ou", "u"),
)  # fmt: skip

# Azerbaijani Latin letters as English-language media write them (Çıraq → Chirag).
_ENGLISH_A: Final = str.maketrans(
    {"ə": "a", "Ə": "A", "ı": "i", "I": "I", "İ": "I", "ç": "ch", "Ç": "Ch", "ş": "sh",
     "Ş": "Sh", "ğ": "gh", "Ğ": "Gh", "x": "kh", "X": "Kh", "q": "g", "Q": "G", "c": "j",
     "C": "J", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U"}
)  # fmt: skip
_ENGLISH_E: Final = str.maketrans({"ə": "e", "Ə": "E"})
_AZERBAIJANI_LETTERS: Final = frozenset("əƏıİçÇşŞğĞöÖüÜ")


def name_key(name: str) -> str:
    """Exact key: "Xankəndi" → "xankendi", "Nagorno-Karabakh" → "nagorno karabakh"."""
    text = name if name.isascii() else anyascii(name)
    text = _APOSTROPHES.sub("", text.lower())
    return _NON_ALNUM.sub(" ", text).strip()


def loose_key(key: str) -> str:
    """Loose key of an exact key: folds the spellings parties and agencies mix."""
    text = key
    for written, folded in _LOOSE_DIGRAPHS:
        text = text.replace(written, folded)
    return _KENT.sub("kand", _DOUBLED.sub(r"\1", text))


def split_kind(key: str) -> tuple[str, KindHint]:
    """The key without words saying what kind of place it is, and the hint they give."""
    hint = KindHint.NONE
    leading = _LEADING_KIND.match(key)
    if leading:
        hint = (
            KindHint.ADMIN
            if leading.group(0).rstrip().endswith(("district of", "region of"))
            else KindHint.SETTLEMENT
        )
        key = key[leading.end() :]
    for phrase in _MULTIWORD_ADMIN:
        if key.endswith(" " + phrase):
            return key[: -len(phrase) - 1], KindHint.ADMIN
    words = key.split(" ")
    while len(words) > 1 and words[-1] in ADMIN_WORDS | SETTLEMENT_WORDS:
        hint = KindHint.ADMIN if words.pop() in ADMIN_WORDS else KindHint.SETTLEMENT
    return " ".join(words), hint


def without_qualifier(key: str) -> str | None:
    """ "bash karvend" → "karvend": the name without a leading upper/lower/new/old word."""
    first, _, rest = key.partition(" ")
    if first in QUALIFIERS and len(rest) >= 4 and rest.split(" ")[0] not in QUALIFIERS:
        return rest
    return None


def english_spellings(name: str) -> tuple[str, ...]:
    """English-media spellings of an Azerbaijani Latin name ("Qubadlı" → "Gubadli")."""
    if not _AZERBAIJANI_LETTERS.intersection(name):
        return ()
    with_a = name.translate(_ENGLISH_A)
    with_e = name.translate(_ENGLISH_E).translate(_ENGLISH_A)
    return (with_a,) if with_a == with_e else (with_a, with_e)


#: Words that are never a place in English text, though some gazetteer name folds to them.
NOT_PLACES: Final = frozenset(
    {
        "azerbaijani", "azerbaijanis", "azeri", "azeris", "armenian", "armenians", "russian",
        "russians", "turkish", "turk", "turks", "iranian", "georgian", "soviet", "karabakhi",
        "karabakhis", "artsakhi", "ottoman", "persian", "caucasian", "covid", "coronavirus",
    }
)  # fmt: skip
#: Capitalised words that may stand before a place name at the start of a sentence.
FUNCTION_WORDS: Final = frozenset(
    """a about above across after against along also although among an and around as at
    before behind below beside besides between beyond both but by despite down during each
    either even ever every except few following for from further hence here how however if in
    including inside into it its just last later like many meanwhile more most much near
    nearby neither next nor not now of off on once only onto or other outside over past per
    since so some still such than that the their then there these this those though through
    throughout thus till to today toward towards under unlike until up upon via when where
    whereas whether which while with within without yesterday yet northern southern eastern
    western central north south east west upper lower greater""".split()  # noqa: SIM905
)
#: Endings of surnames: a place-like word beside one is part of a person's name.
SURNAME_ENDINGS: Final = (
    "yan", "ian", "ov", "ova", "ev", "eva", "yev", "yeva", "zade", "zadeh", "shvili", "dze",
    "sky", "skiy", "enko", "ovich", "evich", "li", "ly", "lu",
)  # fmt: skip
