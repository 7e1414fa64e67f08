"""Every setting, documented once. Read from the environment (CEASEFIRE_*) or passed in.

| setting              | env                     | default                     |
|----------------------|-------------------------|-----------------------------|
| database_url         | CEASEFIRE_DATABASE      | sqlite:///ceasefire.db      |
| max_input_bytes      | CEASEFIRE_MAX_INPUT     | 10 MiB: larger inputs are refused before parsing |
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///ceasefire.db"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    max_input_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_env(cls, database_url: str | None = None) -> Settings:
        """Settings from the environment; an explicit `database_url` wins over CEASEFIRE_DATABASE."""
        return cls(
            database_url=database_url or os.environ.get("CEASEFIRE_DATABASE", DEFAULT_DATABASE_URL),
            max_input_bytes=int(os.environ.get("CEASEFIRE_MAX_INPUT", 10 * 1024 * 1024)),
        )
