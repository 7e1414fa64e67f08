"""Geodesic areas on WGS84 against figures computed independently of pyproj."""

from __future__ import annotations

import itertools
import math

import pytest

from ceasefire.domain.geodesy import geodesic_area_m2, geodesic_circle
from mine_action_support import box

# WGS84, from its defining constants.
A = 6_378_137.0
F = 1 / 298.257223563
B = A * (1 - F)
E2 = F * (2 - F)
E = math.sqrt(E2)


def _q(lat: float) -> float:
    s = math.sin(math.radians(lat))
    return s / (1 - E2 * s * s) + math.log((1 + E * s) / (1 - E * s)) / (2 * E)


def cell_area(west: float, south: float, east: float, north: float) -> float:
    """Exact ellipsoidal area between two parallels and two meridians (authalic latitude)."""
    return B * B * math.radians(east - west) / 2 * (_q(north) - _q(south))


def _radii(lat: float) -> tuple[float, float]:
    """Meridional (M) and prime-vertical (N) radii of curvature at `lat`."""
    s2 = math.sin(math.radians(lat)) ** 2
    return A * (1 - E2) / (1 - E2 * s2) ** 1.5, A / math.sqrt(1 - E2 * s2)


def test_a_one_kilometre_square_near_40_north_is_one_square_kilometre() -> None:
    m, n = _radii(40.0)
    dlat = math.degrees(1000.0 / m)
    dlon = math.degrees(1000.0 / (n * math.cos(math.radians(40.0))))
    square = box(46.9, 40.0 - dlat / 2, 46.9 + dlon, 40.0 + dlat / 2)
    area = geodesic_area_m2(square)
    # The sides are geodesics, not parallels: a few cm² of 1 km², far below this tolerance.
    assert area == pytest.approx(
        cell_area(46.9, 40.0 - dlat / 2, 46.9 + dlon, 40.0 + dlat / 2), rel=1e-6
    )
    assert area == pytest.approx(1_000_000.0, rel=1e-4)


def test_a_one_degree_cell_matches_the_exact_ellipsoidal_formula() -> None:
    area = geodesic_area_m2(box(46.0, 39.5, 47.0, 40.5))
    assert area == pytest.approx(cell_area(46.0, 39.5, 47.0, 40.5), rel=1e-3)
    assert 9.45e9 < area < 9.5e9  # ~85 km x 111 km


def test_planar_degrees_would_be_far_wrong() -> None:
    area = geodesic_area_m2(box(46.93, 40.0, 46.94, 40.01))
    planar_as_if_equator = (0.01 * 111_320) ** 2
    assert abs(area - planar_as_if_equator) / area > 0.2


def test_a_geodesic_circle_matches_the_spherical_cap_of_the_local_radius() -> None:
    radius = 100_000.0
    circle = geodesic_circle(46.9, 40.0, radius, vertices=720)
    m, n = _radii(40.0)
    gaussian = math.sqrt(m * n)
    cap = 2 * math.pi * gaussian**2 * (1 - math.cos(radius / gaussian))
    assert geodesic_area_m2(circle) == pytest.approx(cap, rel=1e-3)


def test_a_small_circle_is_pi_r_squared() -> None:
    circle = geodesic_circle(46.93, 40.0, 250.0, vertices=360)
    assert geodesic_area_m2(circle) == pytest.approx(math.pi * 250.0**2, rel=1e-3)


def test_a_circle_ring_is_closed_and_anticlockwise() -> None:
    ring = geodesic_circle(46.93, 40.0, 250.0)["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 65
    shoelace = sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))
    assert shoelace > 0


def test_ring_orientation_does_not_change_the_area() -> None:
    square = box(46.93, 40.0, 46.94, 40.01)
    reversed_ring = {"type": "Polygon", "coordinates": [square["coordinates"][0][::-1]]}
    assert geodesic_area_m2(reversed_ring) == pytest.approx(geodesic_area_m2(square))


def test_holes_are_taken_out_and_parts_added_up() -> None:
    outer, inner = box(46.0, 40.0, 46.02, 40.02), box(46.005, 40.005, 46.015, 40.015)
    holed = {"type": "Polygon", "coordinates": outer["coordinates"] + inner["coordinates"]}
    expected = geodesic_area_m2(outer) - geodesic_area_m2(inner)
    assert geodesic_area_m2(holed) == pytest.approx(expected)
    twice = {"type": "MultiPolygon", "coordinates": [outer["coordinates"], inner["coordinates"]]}
    assert geodesic_area_m2(twice) == pytest.approx(
        geodesic_area_m2(outer) + geodesic_area_m2(inner)
    )
