"""Render a `Report` as Markdown, HTML or PDF (WeasyPrint) in English, Russian or Turkish.

The words come from `templates/{en,ru,tr}.json`, the layout from `report.md.j2` and
`report.html.j2` (the PDF prints the HTML). Each figure gets a number in the "incidents behind
each figure" annex (`Trace`), and in HTML links to it; the annex links to the incidents.
Nothing here reads the clock: the same report gives the same bytes.
"""

from __future__ import annotations

import base64
import functools
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ceasefire.errors import InvalidValue
from ceasefire.reports import figures
from ceasefire.reports.model import Estimate, Figure, Report

LANGUAGES = ("en", "ru", "tr")
_THOUSANDS = {"en": ",", "ru": "\u00a0", "tr": "."}
_ANNEX_CELL = 28  # characters: a longer place name is cut with "…" in the PDF annex


@dataclass
class Trace:
    """Numbers the distinct id sets of the figures a template shows, in order of first use."""

    entries: list[tuple[int, ...]] = field(default_factory=list)
    _numbers: dict[tuple[int, ...], int] = field(default_factory=dict)

    def ref(self, figure: Figure | Estimate) -> int:
        """The annex number of this figure's incidents (0 for a figure of no incidents)."""
        ids = figure.incident_ids
        if not ids:
            return 0
        if ids not in self._numbers:
            self.entries.append(ids)
            self._numbers[ids] = len(self.entries)
        return self._numbers[ids]


def id_ranges(ids: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted ids as runs: `id_ranges([1, 2, 3, 7])` is [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for n in ids:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


@functools.cache
def phrases(language: str) -> dict[str, Any]:
    """The report's words in `language` (en, ru, tr)."""
    if language not in LANGUAGES:
        raise InvalidValue("lang", f"use one of {', '.join(LANGUAGES)}, got {language!r}")
    text = resources.files("ceasefire.reports").joinpath("templates", f"{language}.json")
    loaded: dict[str, Any] = json.loads(text.read_text("utf-8"))
    return loaded


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("ceasefire.reports", "templates"),
        autoescape=select_autoescape(["html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(report: Report, output_format: str, language: str = "en") -> bytes:
    """The report as `md`, `html` or `pdf` bytes."""
    words = phrases(language)
    context: dict[str, Any] = {
        "r": report,
        "t": words,
        "lang": language,
        "trace": Trace(),
        "ranges": id_ranges,
        "period_ids": frozenset(line.id for line in report.incidents),
        "label": lambda code: words["labels"].get(code, code),
        "number": lambda value: _number(value, language),
        "moment": _moment,
        "delegations": sorted({p.delegation for d in report.disputed for p in d.positions}),
    }
    if output_format == "md":
        return _environment().get_template("report.md.j2").render(context).encode()
    if output_format not in ("html", "pdf"):
        raise InvalidValue("format", f"use md, html or pdf, got {output_format!r}")
    context["chart"] = _data_uri(figures.daily_chart(report.daily_counts, words))
    context["map"] = _data_uri(figures.incident_map(report.incidents, words))
    context["pdf"] = output_format == "pdf"
    context["annex_text"] = annex_text(report, words) if context["pdf"] else ""
    html = _environment().get_template("report.html.j2").render(context)
    if output_format == "html":
        return html.encode()
    return _pdf(html, report.issued_at)


def annex_text(report: Report, words: dict[str, Any]) -> str:
    """The incidents of the period as aligned columns of text (the PDF's annex table)."""
    labels: dict[str, str] = words["labels"]
    header = ["#", words["dates"], words["type"], words["status"], words["place"],
              words["district"], words["party"], words["killed"], words["injured"]]  # fmt: skip
    rows = [header]
    for i in report.incidents:
        dates = str(i.first_day) + ("" if i.last_day == i.first_day else f"–{i.last_day}")
        rows.append(
            [
                str(i.id),
                dates,
                labels.get(i.type, i.type),
                labels.get(i.status, i.status),
                i.place or words["no_place"],
                i.district or words["no_district"],
                labels.get(i.party, i.party),
                "—" if i.killed is None else str(i.killed),
                "—" if i.injured is None else str(i.injured),
            ]
        )
    cells = [[_clipped(cell) for cell in row] for row in rows]
    widths = [max(len(row[k]) for row in cells) for k in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in cells]  # fmt: skip
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def _clipped(text: str, width: int = _ANNEX_CELL) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _pdf(html: str, issued_at: datetime) -> bytes:
    """The PDF of the HTML. Its dates come from the page's dcterms meta (the issue time); the
    font subsets fontTools embeds carry a timestamp that it takes from SOURCE_DATE_EPOCH."""
    from weasyprint import HTML  # late: WeasyPrint is the `reports` extra and slow to import

    with _source_date_epoch(int(issued_at.timestamp())):
        pdf: bytes = HTML(string=html).write_pdf()
    return pdf


@contextmanager
def _source_date_epoch(seconds: int) -> Iterator[None]:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(seconds)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _number(value: float, language: str) -> str:
    """`_number(12500.0, "ru")` is "12 500" (no-break space): whole units, grouped."""
    return f"{round(value):,}".replace(",", _THOUSANDS[language])


def _moment(at: datetime) -> str:
    """`2021-03-09 19:30 (UTC+04:00)`: local time with its offset."""
    offset = at.strftime("%z")
    return f"{at:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"
