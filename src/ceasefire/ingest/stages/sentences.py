"""Stage 1, sentences: split the body into paragraphs, headings, sentences and clauses.

A regex splitter (no model): it knows agency datelines ("MOSCOW, September 14. /TASS/."),
headings and cross-heads (which separate the incidents of a round-up), "READ MORE" links,
editorial brackets ("[(Artsakh)]", blanked but kept in the offsets) and who a quotation is
given to (`"...," the statement reads.`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from ceasefire.ingest.lexicon import OUTLET_SIDES, REPORT_VERBS, fold, folded
from ceasefire.ingest.stages.reading import Clause, Reading, Sentence

_BRACKETS: Final = re.compile(r"\[[^\[\]\n]{0,300}\]")
_URLS: Final = re.compile(r"\b(?:https?://|www\.|pic\.twitter\.com/)\S+")
_ABBREVIATIONS: Final = frozenset(
    {
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "gen", "col", "lt", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr", "st", "no", "jr",
        "sr", "vs", "etc", "prof", "gov", "sen", "rep", "u.s", "a.m", "p.m", "i.e", "e.g",
        "approx", "lieut", "cpl", "pvt", "adm", "brig", "gens", "rev", "hon", "art", "para",
        "fig", "nos", "inc", "ltd", "co", "corp",
    }
)  # fmt: skip
_BOUNDARY: Final = re.compile(
    r"[.!?]+[\"”’']*(?=\s+[\"“‘'(]?[A-Z0-9#])"
    # a full stop glued to the next sentence by a lost space: "the ministry said.Mines were"
    r"|(?<=[a-z]{2})\.(?=[A-Z][a-z]{2,}\s)"
)
_CLAUSE_SPLIT: Final = folded(
    r";\s+|:\s+(?=[a-z])|,[\"”’']?\s+(?:while|whereas|with)\s+"
    r"|,\s+and\s+(?=(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|an?|no|another)\b)",
    re.IGNORECASE,
)
_TERMINAL: Final = re.compile(r"[.!?\"”’':;)]\s*$")
_DATE_LINE: Final = re.compile(
    r"^\W*(?:\w+day,?\s+)?(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\W*$"
    r"|^\W*\d{1,2}[./]\d{1,2}[./]\d{2,4}\W*$|^\W*\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}\W*$"
)
_TITLE_TAG: Final = re.compile(
    r"\s*\((?:update[d]?|video|photos?|live|updated?\s*\d*)\)\s*$", re.IGNORECASE
)
_BYLINE: Final = re.compile(r"^by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$", re.IGNORECASE)
_CAPS_DATELINE: Final = re.compile(
    # "BAKU/YEREVAN, Nov 12 (Reuters) -": a joint dateline names two cities
    r"^\s*(?P<place>[A-Z][A-Z'’-]{2,}(?:[ /-][A-Z][A-Z'’-]{1,})*)"
    r"(?P<rest>(?:\s*,\s*[A-Za-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?)?(?:\s*,\s*[A-Za-z][\w.]+)?"
    r"(?:\s*\([^)]{1,40}\))?(?:\s*/[^/\n]{1,30}/)?)\s*(?:[.:]|[—–-])\s*(?:/[^/\n]{1,30}/\.?\s*)?"
)
_AGENCY_DATELINE: Final = re.compile(r"^\s*(?P<agency>[A-Z][\w]*(?:\.[A-Za-z]{2,4})?)\s+[—–-]\s+")
_CITY_AGENCY_DATELINE: Final = re.compile(
    r"^\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*\([^()\n]{3,80}\)\s*:\s*"
)
_AGENCY_WORD: Final = re.compile(r"\b([A-Z][A-Za-z]*(?:\.[A-Za-z]{2,4})?|[A-Z]{2,})\b")
_QUOTATIONS: Final = (
    re.compile(r"[\"“](?P<q>[^\"“”]{20,})[\"”]"),
    re.compile(r"(?:(?<=^)|(?<=\s))'(?P<q>[^'\n]{20,}?)'(?=[\s,.])", re.MULTILINE),
)
_ENDS_CLAUSE: Final = re.compile(r"[.,!?]\s*$")
_SPEAKER_AFTER: Final = re.compile(
    r"[\"”’']?\s*,?\s*(?P<speaker>[^\"“”.!?\n]{2,120}?)\s*(?:[.!?]|$)"
)
_SPEAKER_BEFORE: Final = re.compile(r"(?P<speaker>[^\"“”.!?\n]{2,120}?)\s*[:,]\s*$")
_REPORTING: Final = re.compile(r"\b" + REPORT_VERBS + r"\b", re.IGNORECASE)

Stage = Callable[[Reading], Reading]


def create(config: object = None) -> Stage:
    """The sentence stage; it needs no configuration."""
    return split_sentences


def split_sentences(reading: Reading) -> Reading:
    """Fill `text`, `dateline` and `sentences` of the reading."""
    body = reading.document.body
    text = _blank(body)
    dateline, agency = _dateline(text)
    if dateline is not None:
        text = text[: dateline[0]] + " " * (dateline[1] - dateline[0]) + text[dateline[1] :]
    headline = reading.document.headline.strip().lower()
    low = fold(text)
    sentences: list[Sentence] = []
    section = 0
    paragraph = 0
    for start, end in _paragraphs(text):
        chunk = text[start:end]
        if _is_heading(chunk, headline):
            section += 1
            continue
        paragraph += 1
        quotes = _quotes(text, start, end)
        for s_start, s_end in _split(text, start, end):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=s_start,
                    end=s_end,
                    text=text[s_start:s_end],
                    paragraph=paragraph,
                    section=section,
                    clauses=_clauses(low, s_start, s_end),
                    quote_speaker=_speaker_of(s_start, quotes),
                )
            )
    return replace(
        reading,
        text=text,
        folded=fold(text),
        sentences=tuple(sentences),
        dateline=dateline,
        dateline_agency=agency,
    )


def _blank(body: str) -> str:
    """Editorial brackets and links become spaces, so offsets stay those of the body."""

    def spaces(match: re.Match[str]) -> str:
        return " " * (match.end() - match.start())

    return _URLS.sub(spaces, _BRACKETS.sub(spaces, body))


def _dateline(text: str) -> tuple[tuple[int, int] | None, str | None]:
    """The agency dateline at the start of the first text paragraph, and the agency it names."""
    for start, end in _paragraphs(text)[:4]:
        chunk = text[start:end]
        if len(chunk.split()) < 6:
            continue
        match = _CAPS_DATELINE.match(chunk)
        if match and len(match.group("place")) >= 3 and not _looks_like_sentence(match.group(0)):
            return (start, start + match.end()), _agency_in(match.group(0))
        match = _AGENCY_DATELINE.match(chunk)
        if match and _agency_in(match.group("agency")):
            return (start, start + match.end()), match.group("agency")
        match = _CITY_AGENCY_DATELINE.match(chunk)
        if match:  # "Baku, (UrduPoint / Pakistan Point News - 23rd Jul, 2021 ) :"
            return (start, start + match.end()), None
    return None, None


def _looks_like_sentence(prefix: str) -> bool:
    # "NATO SAID ..." in an upper-case lede is not a dateline: datelines are short
    return len(prefix.split()) > 12


def _agency_in(dateline: str) -> str | None:
    for word in _AGENCY_WORD.findall(dateline):
        for _, pattern in OUTLET_SIDES:
            if re.search(pattern, word, re.IGNORECASE):
                return str(word).strip("./")
    return None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a plain text, paragraph by paragraph, with the
    splitter the extractor uses ("Gen. Hasanov" stays one sentence)."""
    return [span for start, end in _paragraphs(text) for span in _split(text, start, end)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _is_heading(chunk: str, headline: str) -> bool:
    """Headlines, cross-heads, bylines, bare dates and "READ MORE" links carry no events."""
    # "... hit by mine in Aghdam (UPDATE)", "Statement of the Ministry (video)": still a title
    stripped = _TITLE_TAG.sub("", chunk.strip())
    low = stripped.lower()
    if low.startswith(("read more", "read also", "see also", "related:", "also read")):
        return True
    if headline and low == headline:
        return True
    if _BYLINE.match(stripped) or _DATE_LINE.match(stripped):
        return True
    if len(stripped.split()) >= 2 and stripped.isupper():
        return True  # an upper-case cross-head
    return not _TERMINAL.search(stripped) and len(stripped.split()) <= 14


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, cursor, match.start()):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > sentence_start and (
        text[word_start - 1].isalnum() or text[word_start - 1] == "."
    ):
        word_start -= 1
    word = text[word_start:dot].lower().rstrip(".")
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # an initial: "J. Smith"


def _clauses(low: str, start: int, end: int) -> tuple[Clause, ...]:
    clauses = []
    cursor = start
    for match in _CLAUSE_SPLIT.finditer(low, start, end):
        if match.start() - cursor >= 12 and end - match.end() >= 12:
            clauses.append(Clause(cursor, match.start()))
            cursor = match.end()
    clauses.append(Clause(cursor, end))
    return tuple(clauses)


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int, tuple[int, int] | None]]:
    """Quotations of a paragraph: (open, close, speaker span) for quotes of a sentence or more."""
    found: list[tuple[int, int, tuple[int, int] | None]] = []
    chunk = text[start:end]
    if '"' not in chunk and "“" not in chunk and "'" not in chunk:
        return found
    for pattern in _QUOTATIONS:
        for match in pattern.finditer(chunk):
            q_start, q_end = start + match.start(), start + match.end()
            quoted = match.group("q")
            if not _ENDS_CLAUSE.search(quoted) and "." not in quoted:
                continue  # a quoted phrase inside a sentence, not a quoted statement
            found.append((q_start, q_end, _speaker(text, start, end, q_start, q_end)))
    return found


def _speaker(text: str, start: int, end: int, q_start: int, q_end: int) -> tuple[int, int] | None:
    after = _SPEAKER_AFTER.match(text, q_end, end)
    if after and _REPORTING.search(after.group("speaker")):
        return after.start("speaker"), after.end("speaker")
    sentence_start = max(text.rfind(". ", start, q_start) + 2, start, q_start - 130)
    before = _SPEAKER_BEFORE.search(text, sentence_start, q_start)
    if before and _REPORTING.search(before.group("speaker")):
        return before.start("speaker"), before.end("speaker")
    return None


def _speaker_of(
    sentence_start: int, quotes: list[tuple[int, int, tuple[int, int] | None]]
) -> tuple[int, int] | None:
    for q_start, q_end, speaker in quotes:
        if q_start <= sentence_start < q_end:
            return speaker
    return None
