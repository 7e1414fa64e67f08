"""schemathesis against /openapi.json (ASGI, no network): no 5xx, no response off the schema.

Each operation gets a bounded number of valid and of invalid generated requests
(FUZZ_EXAMPLES each, as a signed-in admin), so the run stays well under a minute.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api_support import settings_for, stock_centre
from ceasefire.api import create_app
from ceasefire.domain.model import Claim, Document
from ceasefire.storage.sql import Database

FUZZ_EXAMPLES = int(os.environ.get("CEASEFIRE_FUZZ_EXAMPLES", "15"))
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)


@pytest.mark.slow
def test_generated_requests_get_no_5xx_and_only_documented_responses(
    database: Database, tmp_path: Path, fake_extract: Callable[[Document], list[Claim]]
) -> None:
    tokens = stock_centre(database, tmp_path, fake_extract)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings_for(database)))
    headers = {"Authorization": f"Bearer {tokens['head']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    statuses: Counter[int] = Counter()

    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(mode, headers=headers))
        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case: schemathesis.Case) -> None:
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            statuses[response.status_code] += 1

        try:
            conforms()
        except Unsatisfiable:
            if mode is GenerationMode.POSITIVE:
                raise  # an operation with no parameters has no invalid request
    assert statuses[200] > 0 and sum(statuses.values()) >= len(operations) * 2
    print(
        f"schemathesis: {len(operations)} operations, {sum(statuses.values())} requests,",
        dict(statuses),
    )
