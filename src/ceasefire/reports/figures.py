"""The report's chart (incidents per day, last 30 days) and map (the period's incidents).

Drawn with matplotlib's Agg canvas, no pyplot state, in DejaVu Sans (matplotlib ships it; it
has Cyrillic and Turkish letters). PNG metadata is left out, so the same data give the same
bytes. The map's basemap is the bundled Natural Earth outline file (scripts/build-basemap):
nothing is downloaded.
"""

from __future__ import annotations

import functools
import io
import json
import math
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import Any

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ceasefire.reports.model import DailyCount, IncidentLine

_STYLE: dict[Any, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "svg.hashsalt": "ceasefire",
    "path.simplify": True,
}
_DPI = 120
_VIOLATION_COLOUR = "#b2432f"
_OTHER_COLOUR = "#5c7a99"
#: Lon/lat frame of the map: Armenia and Azerbaijan with Nakhchivan.
_FRAME = (44.7, 38.3, 50.9, 41.95)


def daily_chart(counts: Sequence[DailyCount], labels: dict[str, str]) -> bytes:
    """A stacked bar chart of violations and other incidents per day, as PNG bytes."""
    with rc_context(_STYLE):
        figure = Figure(figsize=(7.0, 2.4), dpi=_DPI)
        axes = figure.add_subplot()
        days = list(range(len(counts)))
        violations = [c.violations.count for c in counts]
        other = [c.other.count for c in counts]
        axes.bar(days, violations, color=_VIOLATION_COLOUR, label=labels["chart_violations"])
        axes.bar(days, other, bottom=violations, color=_OTHER_COLOUR, label=labels["chart_other"])
        ticks = days[::5] + ([days[-1]] if days and days[-1] % 5 else [])
        axes.set_xticks(ticks, [counts[i].day.strftime("%d.%m") for i in ticks])
        axes.set_ylabel(labels["chart_ylabel"])
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper left", frameon=False)
        figure.tight_layout()
        return _png(figure)


def incident_map(incidents: Sequence[IncidentLine], labels: dict[str, str]) -> bytes:
    """The period's placed incidents on the Natural Earth outlines, as PNG bytes."""
    west, south, east, north = _FRAME
    with rc_context(_STYLE):
        figure = Figure(figsize=(6.0, 4.2), dpi=_DPI)
        axes = figure.add_subplot()
        for ring in _outline_rings():
            axes.plot(ring[0], ring[1], color="#777777", linewidth=0.6)
        placed = [
            (i.lon, i.lat, i.category == "violation")
            for i in incidents
            if i.lon is not None and i.lat is not None
        ]
        for violation, colour, label in (
            (True, _VIOLATION_COLOUR, labels["chart_violations"]),
            (False, _OTHER_COLOUR, labels["chart_other"]),
        ):
            points = [(lon, lat) for lon, lat, kind in placed if kind is violation]
            axes.scatter(
                [lon for lon, _ in points],
                [lat for _, lat in points],
                s=14,
                color=colour,
                edgecolors="white",
                linewidths=0.4,
                label=f"{label} ({len(points)})",
                zorder=3,
            )
        axes.set_xlim(west, east)
        axes.set_ylim(south, north)
        axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
        axes.tick_params(labelsize=6)
        axes.legend(loc="lower left", frameon=True, fontsize=7)
        figure.tight_layout()
        return _png(figure)


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


@functools.cache
def _basemap() -> dict[str, Any]:
    text = resources.files("ceasefire").joinpath("data", "basemap.geojson").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _outline_rings() -> Iterator[tuple[list[float], list[float]]]:
    """Each outer and inner ring of the basemap as (lons, lats)."""
    for feature in _basemap()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                yield [p[0] for p in ring], [p[1] for p in ring]
