"""Time expressions in English news text, grounded on a reference (publication) day.

`find_times(text, reference)` returns every expression with the window of days it covers:
absolute dates ("Nov. 10", "on September 21", "20 and 21 February 2022", "2023-03-05"),
weekdays ("late Wednesday", "on Sunday and Monday", "Friday, February 19" even when the
weekday and the date disagree), and relative ones ("earlier this week", "last month",
"overnight", "in the past day", "over the weekend", "yesterday"). Times of day ("from 16:20
to 21:05") say nothing about the day and are skipped; "from 2220 on August 11 to 0005 on
August 12" gives both days. Plain day-month forms are parsed here; dateparser reads the
rarer absolute forms, without "late"/"early" and never over a whole sentence.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Final, NamedTuple

_MONTHS: Final[dict[str, int]] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

# Month names must be capitalised ("May 5", not "may"); upper case is fine (datelines).
_MONTH: Final = (
    r"(?-i:(?=[A-Z]))(?:(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"
)
_WEEKDAY: Final = r"(?-i:(?=[A-Z]))(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY: Final = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR: Final = r"(?:19|20)\d\d"
_PART: Final = r"(?:\s+(?:morning|afternoon|evening|night))?"

_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("dmy_numeric", rf"\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>{_YEAR})\b"),
    ("weekday_date",
     rf"\b(?:(?:late|early)\s+)?(?:on\s+)?(?P<w>{_WEEKDAY}){_PART},?\s+(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})|(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH}))(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("month_day_range",
     rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY})\s*(?:-|–|and|to|through|until)\s*(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("day_range_month",
     rf"\b(?P<d1>{_DAY})\s*(?:-|–|and|to|through|until)\s*(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("month_day", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?!\d)(?:,?\s+(?P<y>{_YEAR}))?\b(?!\s*(?:%|km))"),
    ("day_month", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("weekday_range",
     rf"\b(?:(?:on\s+)?the\s+night\s+(?:of|from)\s+)?(?:on\s+|late\s+|early\s+)?(?P<w1>{_WEEKDAY})(?:'s)?{_PART}\s*(?:and|to|into|-|–|or|through)\s*(?:on\s+)?(?P<w2>{_WEEKDAY}){_PART}\b"),
    ("weekday", rf"\b(?:(?P<mod>last|this|past|late|early|on|since)\s+)?(?P<w>{_WEEKDAY})(?:'s)?{_PART}\b"),
    ("month_year", rf"\b(?:(?:in|during|since|early|late|mid-?|earlier in|later in|throughout)\s+)?(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b(?!\s*\d)"),
    ("relative",
     r"\b(?:earlier|later)\s+today\b|\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\byesterday\b"
     r"|\blast night\b|\bovernight\b|\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:day|24 hours|twenty-four hours)\b"
     r"|\b(?:in|over|during)\s+(?:the\s+)?(?:recent|last few|past few)\s+days\b"
     r"|\b(?:earlier|later)\s+this\s+week\b|\bthis\s+week\b|\blast\s+week\b|\b(?:over|at|during)\s+the\s+weekend\b|\bthis\s+weekend\b|\blast\s+weekend\b"
     r"|\b(?:earlier\s+)?this\s+month\b|\blast\s+month\b|\b(?:in\s+)?the\s+past\s+(?:week|few days|two days|three days|48 hours)\b"
     r"|\b(?:a|one|two|three|four|five|six|\d+)\s+days?\s+ago\b|\ba\s+week\s+ago\b|\bthe\s+day\s+before\b|\bthe\s+previous\s+day\b"
     r"|\bthe\s+night\s+before\b"),
    ("year", rf"\b(?:in|during|since|of)\s+(?P<y>{_YEAR})\b|\b(?P<y2>{_YEAR})\s+(?:war|conflict)\b"),
)  # fmt: skip
_COMPILED: Final = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in _PATTERNS)
#: Cheap tests of what a text can hold, and which of them each pattern needs.
_HINTS: Final[dict[str, tuple[str, ...]]] = {
    "digit": tuple("0123456789"),
    "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "relative": (
        "today", "tonight", "yesterday", "night", "week", "month", "ago", "day", "morning",
        "afternoon", "evening", "before",
    ),
}  # fmt: skip
_NEEDS: Final[dict[str, frozenset[str]]] = {
    "iso": frozenset({"digit"}),
    "dmy_numeric": frozenset({"digit"}),
    "weekday_date": frozenset({"weekday", "month", "digit"}),
    "month_day_range": frozenset({"month", "digit"}),
    "day_range_month": frozenset({"month", "digit"}),
    "month_day": frozenset({"month", "digit"}),
    "day_month": frozenset({"month", "digit"}),
    "weekday_range": frozenset({"weekday"}),
    "weekday": frozenset({"weekday"}),
    "month_year": frozenset({"month"}),
    "relative": frozenset({"relative"}),
    "year": frozenset({"digit"}),
}
_NUMBERS: Final = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


class TimeExpression(NamedTuple):
    """A time expression: its offsets in the text, its window of days and how it was said."""

    start: int
    end: int
    first: date
    last: date
    kind: str  # the pattern that found it: "month_day", "weekday", "relative", "year"...
    text: str


def find_times(text: str, reference: date | None) -> list[TimeExpression]:
    """Every time expression of `text` that can be grounded, in text order, not overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    low = text.lower()
    present = {name for name, words in _HINTS.items() if any(w in low for w in words)}
    for kind, pattern in _COMPILED:
        if not _NEEDS[kind] <= present:
            continue  # cheap words first: most sentences name no day at all
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            window = _window(kind, match, reference, text)
            if window is None:
                continue
            taken.append((start, end))
            found.append(TimeExpression(start, end, window[0], window[1], kind, match.group(0)))
    found.sort()
    return found


def _window(
    kind: str, match: re.Match[str], reference: date | None, text: str
) -> tuple[date, date] | None:
    groups = match.groupdict()
    if kind == "iso":
        return _same(_safe_date(int(groups["y"]), int(groups["m"]), int(groups["d"])))
    if kind == "dmy_numeric":
        return _same(_safe_date(int(groups["y"]), int(groups["m"]), int(groups["d"])))
    if kind in ("month_day", "day_month"):
        day = _day_of(groups["m"], groups["d"], groups.get("y"), reference)
        return _same(day)
    if kind in ("month_day_range", "day_range_month"):
        first = _day_of(groups["m"], groups["d1"], groups.get("y"), reference)
        last = _day_of(groups["m"], groups["d2"], groups.get("y"), reference)
        if first is None or last is None:
            return None
        return (first, last) if first <= last else (last, first)
    if kind == "weekday_date":
        month = groups["m1"] or groups["m2"]
        day = _day_of(month, groups["d1"] or groups["d2"], groups.get("y"), reference)
        if day is None:
            return None
        weekday = _WEEKDAYS[groups["w"].lower()]
        if day.weekday() == weekday:
            return day, day
        # the weekday and the date disagree: cover both, as the text does
        said = day
        nearest = min(
            (said + timedelta(days=k) for k in range(-3, 4)),
            key=lambda d: (d.weekday() != weekday, abs((d - said).days)),
        )
        return (min(said, nearest), max(said, nearest))
    if kind == "weekday_range":
        if reference is None:
            return None
        last = _last_weekday(reference, _WEEKDAYS[groups["w2"].lower()])
        first = _last_weekday(last, _WEEKDAYS[groups["w1"].lower()])
        return first, last
    if kind == "weekday":
        if reference is None:
            return None
        day = _last_weekday(reference, _WEEKDAYS[groups["w"].lower()])
        if (groups.get("mod") or "").lower() == "last" and day == reference:
            day -= timedelta(days=7)
        if (groups.get("mod") or "").lower() == "since":
            return day, reference
        return day, day
    if kind == "month_year":
        return _month_window(match, groups, reference, text)
    if kind == "relative":
        return None if reference is None else _relative(match.group(0).lower(), reference)
    if kind == "year":
        year = int(groups.get("y") or groups.get("y2") or 0)
        if reference is not None and year > reference.year:
            return None
        last = date(year, 12, 31)
        if reference is not None and last > reference:
            last = reference
        return date(year, 1, 1), last
    return None


def _same(day: date | None) -> tuple[date, date] | None:
    return None if day is None else (day, day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_of(month: str, day: str, year: str | None, reference: date | None) -> date | None:
    number = _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return _parsed(f"{day} {month} {year or ''}".strip(), reference)
    d = int(re.sub(r"\D", "", day))
    if year:
        return _safe_date(int(year), number, d)
    if reference is None:
        return None
    candidate = _safe_date(reference.year, number, d)
    # a date without a year is the last one on or just after publication
    if candidate is not None and candidate > reference + timedelta(days=1):
        candidate = _safe_date(reference.year - 1, number, d)
    return candidate


@lru_cache(maxsize=512)
def _parsed(expression: str, reference: date | None) -> date | None:
    """dateparser for the forms the patterns above do not read (never a whole sentence)."""
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if reference is not None:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    value = dateparser.parse(expression, languages=["en"], settings=settings)
    return value.date() if value is not None else None


def _last_weekday(reference: date, weekday: int) -> date:
    """The last `weekday` on or before `reference`."""
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def _month_window(
    match: re.Match[str], groups: dict[str, str | None], reference: date | None, text: str
) -> tuple[date, date] | None:
    month_name = (groups["m"] or "").lower().rstrip(".")
    month = _MONTHS.get(month_name)
    if month is None:
        return None
    if (
        month == 5
        and not groups.get("y")
        and not re.match(r"(?:in|during|since|early|late|mid)", match.group(0), re.IGNORECASE)
    ):
        return None  # "May" alone is more often the verb
    if groups.get("y"):
        year = int(groups["y"] or 0)
    elif reference is not None:
        year = reference.year if month <= reference.month else reference.year - 1
    else:
        return None
    first = date(year, month, 1)
    last = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    if reference is not None and last > reference:
        last = max(reference, first)
    if match.group(0).lower().startswith("since") and reference is not None:
        return first, reference
    return first, last


def _relative(phrase: str, reference: date) -> tuple[date, date] | None:
    day = timedelta(days=1)
    if "today" in phrase or "tonight" in phrase or phrase.startswith("this "):
        if "week" in phrase:
            return reference - timedelta(days=reference.weekday()), reference
        if "month" in phrase:
            return reference.replace(day=1), reference
        if "weekend" in phrase:
            return _weekend(reference)
        return reference, reference
    if (
        "yesterday" in phrase
        or "day before" in phrase
        or "previous day" in phrase
        or "night before" in phrase
    ):
        return reference - day, reference - day
    if "last night" in phrase or "overnight" in phrase:
        return reference - day, reference
    if re.search(r"past|last", phrase) and re.search(r"\bday\b|24 hours|twenty-four", phrase):
        return reference - day, reference
    if "this week" in phrase:
        return reference - timedelta(days=reference.weekday()), reference
    if "last week" in phrase:
        monday = reference - timedelta(days=reference.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if "weekend" in phrase:
        if "last" in phrase:
            saturday, sunday = _weekend(reference)
            return saturday - timedelta(days=7), sunday - timedelta(days=7)
        return _weekend(reference)
    if "this month" in phrase:
        return reference.replace(day=1), reference
    if "last month" in phrase:
        end = reference.replace(day=1) - day
        return end.replace(day=1), end
    if "past week" in phrase:
        return reference - timedelta(days=7), reference
    if re.search(r"few days|two days|three days|48 hours|recent days", phrase):
        span = 2 if ("two" in phrase or "48" in phrase) else 3 if "three" in phrase else 4
        return reference - timedelta(days=span), reference
    if "week ago" in phrase:
        return reference - timedelta(days=7), reference - timedelta(days=7)
    ago = re.match(r"(\w+)\s+days?\s+ago", phrase)
    if ago:
        count = _NUMBERS.get(ago.group(1)) or (int(ago.group(1)) if ago.group(1).isdigit() else 0)
        return reference - timedelta(days=count), reference - timedelta(days=count)
    return None


def _weekend(reference: date) -> tuple[date, date]:
    sunday = _last_weekday(reference, 6)
    return sunday - timedelta(days=1), sunday


def precision_of(first: date, last: date) -> str:
    """Our precision word for a window: day, days (2-6), week (7-13), month (14-62), year."""
    days = (last - first).days + 1
    if days <= 1:
        return "day"
    if days <= 6:
        return "days"
    if days <= 13:
        return "week"
    if days <= 62:
        return "month"
    return "year"
