"""Every setting, documented once. Read from the environment (CEASEFIRE_*) or passed in.

| setting              | env                     | default                     |
|----------------------|-------------------------|-----------------------------|
| database_url         | CEASEFIRE_DATABASE      | sqlite:///ceasefire.db      |
| max_input_bytes      | CEASEFIRE_MAX_INPUT     | 10 MiB: larger inputs are refused before parsing; an HTTP request whose body is larger gets 413 (web/security.py) |
| confirm_rule         | CEASEFIRE_CONFIRM_RULE  | all: an incident is confirmed when every delegation confirms; `majority`: more than half confirm; `any`: one confirms and none disputes (domain/verification.py) |
| public_read          | CEASEFIRE_PUBLIC_READ   | false: HTTP reads need a bearer token; `true` lets anyone read, without a token, confirmed incidents (API and OGC), places, zones and the hazard register, never internal fields (positions, history, link decisions, who recorded what); sources, claims, complaints and restrictions still need a token (api/resources.py) |
| link_threshold       | CEASEFIRE_LINK_THRESHOLD | 0.70: a claim scoring this against an incident joins it (domain/linking.py) |
| suggest_threshold    | CEASEFIRE_SUGGEST_THRESHOLD | 0.50: from here up to link_threshold an analyst is asked (a suggestion) |
| link_max_span_days   | CEASEFIRE_LINK_MAX_SPAN | 31: a claim whose time window is longer is not even compared by date; any window over 3 days, or a place coarser than a district, is only suggested (domain/linking.py, `LinkPolicy.firm_span_days`) |
| hazard_radius_m      | CEASEFIRE_HAZARD_RADIUS | 250: metres; an explosive-ordnance accident placed (site or settlement) outside every known hazardous area gets a suggested `suspected` area, a geodesic circle of this radius, for an analyst to accept or reject (services/accidents.py) |
| report_cutoff        | CEASEFIRE_REPORT_CUTOFF | 19:30: local time (HH:MM) at which a reporting day ends. The daily report for day D covers the 24 hours that end at the cut-off on D (at 00:00 the whole of D); the weekly one the 7 days that end there. Incidents are recorded to the day, so an incident counts in the report of the day its time window starts (services/reports.py) |
| report_time_zone     | CEASEFIRE_REPORT_TZ     | Asia/Baku: the IANA time zone of the cut-off, stated in every report header |
| place_names          | CEASEFIRE_PLACE_NAMES   | both: the naming policy of reports: the gazetteer's name and each party's where they differ, "Khankendi (Stepanakert)"; `gazetteer`: the gazetteer's name only; `azerbaijani` / `armenian`: that party's name where known (reports/naming.py) |
| tile_url             | CEASEFIRE_TILE_URL      | empty: the web map draws only the bundled basemap (country outlines, towns, zones) and requests nothing outside the server; set a tile-server URL template (`https://tile.example.org/{z}/{x}/{y}.png`) for offices with internet (web/map.py) |
| tile_attribution     | CEASEFIRE_TILE_ATTRIBUTION | empty: the credit line the tile server asks for, shown as text on the map |
| session_key          | CEASEFIRE_SESSION_KEY   | random per process: the secret that signs the web UI's session cookies (HMAC-SHA256); set it (32+ characters) so sessions survive a restart and are shared by several server processes (web/session.py) |
| session_hours        | CEASEFIRE_SESSION_HOURS | 12: a web session (cookie made at /login from a bearer token) lasts this long; revoking the token ends it at once |
| secure_cookies       | CEASEFIRE_SECURE_COOKIES | false: the session cookie is marked `Secure` when the request came over https; `true` marks it always (behind a TLS-terminating proxy that forwards plain http) |
| text_similarity      | CEASEFIRE_TEXT_SIMILARITY | words: the linker compares claim texts by shared words (rapidfuzz); `embeddings`: by sentence embeddings (all-MiniLM-L6-v2, needs `ceasefire[embeddings]`; embeddings.py) |
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ceasefire.errors import ConfigurationError

DEFAULT_DATABASE_URL = "sqlite:///ceasefire.db"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    max_input_bytes: int = 10 * 1024 * 1024
    confirm_rule: str = "all"
    public_read: bool = False
    link_threshold: float = 0.70
    suggest_threshold: float = 0.50
    link_max_span_days: int = 31
    text_similarity: str = "words"
    hazard_radius_m: float = 250.0
    report_cutoff: str = "19:30"
    report_time_zone: str = "Asia/Baku"
    place_names: str = "both"
    tile_url: str = ""
    tile_attribution: str = ""
    session_key: str = field(default_factory=lambda: secrets.token_hex(32))
    session_hours: int = 12
    secure_cookies: bool = False

    @classmethod
    def from_env(cls, database_url: str | None = None) -> Settings:
        """Settings from the environment; an explicit `database_url` wins over CEASEFIRE_DATABASE."""
        return cls(
            database_url=database_url or os.environ.get("CEASEFIRE_DATABASE", DEFAULT_DATABASE_URL),
            max_input_bytes=int(os.environ.get("CEASEFIRE_MAX_INPUT", 10 * 1024 * 1024)),
            confirm_rule=_choice("CEASEFIRE_CONFIRM_RULE", "all", ("all", "majority", "any")),
            public_read=_flag("CEASEFIRE_PUBLIC_READ"),
            link_threshold=_fraction("CEASEFIRE_LINK_THRESHOLD", 0.70),
            suggest_threshold=_fraction("CEASEFIRE_SUGGEST_THRESHOLD", 0.50),
            link_max_span_days=int(os.environ.get("CEASEFIRE_LINK_MAX_SPAN", 31)),
            text_similarity=_choice("CEASEFIRE_TEXT_SIMILARITY", "words", ("words", "embeddings")),
            hazard_radius_m=_metres("CEASEFIRE_HAZARD_RADIUS", 250.0),
            report_cutoff=_clock("CEASEFIRE_REPORT_CUTOFF", "19:30"),
            report_time_zone=_time_zone("CEASEFIRE_REPORT_TZ", "Asia/Baku"),
            place_names=_choice(
                "CEASEFIRE_PLACE_NAMES", "both", ("both", "gazetteer", "azerbaijani", "armenian")
            ),
            tile_url=_tile_url("CEASEFIRE_TILE_URL"),
            tile_attribution=os.environ.get("CEASEFIRE_TILE_ATTRIBUTION", "").strip(),
            session_key=_session_key("CEASEFIRE_SESSION_KEY"),
            session_hours=int(_number("CEASEFIRE_SESSION_HOURS", 12, 1, 24 * 30, "hours")),
            secure_cookies=_flag("CEASEFIRE_SECURE_COOKIES"),
        )


def _choice(env: str, default: str, allowed: tuple[str, ...]) -> str:
    value = os.environ.get(env, default).strip().lower()
    if value not in allowed:
        raise ConfigurationError(f"{env}={value!r}: use one of {', '.join(allowed)}")
    return value


def _fraction(env: str, default: float) -> float:
    return _number(env, default, 0.0, 1.0, "a number")


def _metres(env: str, default: float) -> float:
    return _number(env, default, 1.0, 100_000.0, "metres")


def _number(env: str, default: float, low: float, high: float, what: str) -> float:
    expected = f"expected {what} between {low:g} and {high:g}"
    try:
        value = float(os.environ.get(env, default))
    except ValueError:
        raise ConfigurationError(f"{env}: {expected}") from None
    if not low <= value <= high:
        raise ConfigurationError(f"{env}={value}: {expected}")
    return value


def _clock(env: str, default: str) -> str:
    value = os.environ.get(env, default).strip()
    try:
        time.fromisoformat(value)
    except ValueError:
        raise ConfigurationError(f"{env}={value!r}: expected a local time HH:MM") from None
    return value


def _time_zone(env: str, default: str) -> str:
    value = os.environ.get(env, default).strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(f"{env}={value!r}: not an IANA time zone") from None
    return value


def _tile_url(env: str) -> str:
    value = os.environ.get(env, "").strip()
    if value and not (
        value.startswith(("http://", "https://", "/")) and "{z}" in value and "{x}" in value
    ):
        raise ConfigurationError(
            f"{env}={value!r}: expected a URL template with {{z}}, {{x}} and {{y}}"
        )
    return value


def _session_key(env: str) -> str:
    value = os.environ.get(env, "").strip()
    if not value:
        return secrets.token_hex(32)  # sessions then end when the process does
    if len(value) < 32:
        raise ConfigurationError(f"{env}: use at least 32 characters (e.g. `openssl rand -hex 32`)")
    return value


def _flag(env: str) -> bool:
    value = os.environ.get(env, "false").strip().lower()
    if value not in ("1", "true", "yes", "0", "false", "no", ""):
        raise ConfigurationError(f"{env}={value!r}: use true or false")
    return value in ("1", "true", "yes")
