"""Bundled demo sources: a FICTIONAL scenario set in real places, written for ceasefire.

File names start with the source kind (`media--`, `party_statement--`, `patrol--`); every
source says that it is fictional. `ceasefire demo` ingests them through the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

from ceasefire.domain.taxonomy import SourceKind

SOURCES_DIR = Path(__file__).resolve().parent
_SUFFIXES = (".json", ".jsonl", ".txt", ".html", ".xml")


def source_files() -> list[Path]:
    """Every bundled demo source, sorted by name."""
    return sorted(p for p in SOURCES_DIR.iterdir() if p.suffix in _SUFFIXES)


def sources_by_kind() -> dict[SourceKind, list[Path]]:
    """The demo sources grouped by the kind their file name starts with."""
    grouped: dict[SourceKind, list[Path]] = {}
    for path in source_files():
        kind = SourceKind(path.name.split("--", 1)[0])
        grouped.setdefault(kind, []).append(path)
    return grouped
