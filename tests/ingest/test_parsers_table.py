"""Dataset tables: the HXL row is skipped, rows keep their line and bytes, bad cells name fields."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ceasefire.domain.exchange import ACLED_REQUIRED
from ceasefire.errors import InvalidValue, ParseError
from ceasefire.ingest.parsers.acled import acled_event
from ceasefire.ingest.parsers.table import TableRow, read_table
from ceasefire.ingest.parsers.ucdp import ucdp_event

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(text: str, required: tuple[str, ...] = ()) -> list[TableRow]:
    return list(read_table(io.StringIO(text, newline=""), "sample.csv", required))


def test_the_hxl_hashtag_row_under_the_header_is_skipped() -> None:
    rows = _rows("event_id_cnty,notes\n#event+code,#description\nX1,calm\n")
    assert [r.values for r in rows] == [{"event_id_cnty": "X1", "notes": "calm"}]
    assert rows[0].line == 3


def test_a_row_keeps_its_first_line_and_its_bytes_with_the_header() -> None:
    rows = _rows('id,notes\r\n1,"two\r\nlines"\r\n2,one\r\n')
    assert [r.line for r in rows] == [2, 4]
    assert rows[0].raw == b'id,notes\r\n1,"two\r\nlines"\r\n'


def test_a_header_without_a_required_column_refuses_the_file() -> None:
    with pytest.raises(ParseError, match=r"line 1.*missing required column 'latitude'"):
        _rows("event_id_cnty,event_date\nX1,2021-03-04\n", ("event_id_cnty", "latitude"))


@pytest.mark.parametrize(
    ("cell", "value", "field"),
    [
        ("latitude", "north", "latitude"),
        ("event_date", "yesterday", "event_date"),
        ("fatalities", "many", "fatalities"),
        ("sub_event_type", "Skirmish", "sub_event_type"),
        ("event_id_cnty", "", "event_id_cnty"),
    ],
)
def test_a_bad_acled_cell_names_its_field(cell: str, value: str, field: str) -> None:
    sample = (DATA / "acled-sample.csv").read_text(encoding="utf-8")
    row = _rows(sample, ACLED_REQUIRED)[0]
    bad = TableRow(row.line, {**row.values, cell: value}, row.raw, row.read_bytes)
    with pytest.raises(InvalidValue) as error:
        acled_event(bad)
    assert error.value.field == field


def test_acled_dates_are_read_as_iso_or_as_day_month_year() -> None:
    row = _rows("event_date\n04 March 2021\n")[0]
    assert row.day("event_date").isoformat() == "2021-03-04"


def test_an_acled_row_becomes_one_claim_with_actors_claimant_and_quote() -> None:
    sample = (DATA / "acled-sample.csv").read_text(encoding="utf-8")
    event = acled_event(_rows(sample, ACLED_REQUIRED)[2])
    claim = event.claim
    assert (event.dataset, event.event_id, event.line) == ("acled", "XAZ9003", 5)
    assert (claim.category.value, claim.type) == ("explosive_ordnance", "mine_explosion")
    assert claim.perpetrator_alleged == "Unidentified Armed Group (Azerbaijan)"
    assert claim.target == "Civilians (Azerbaijan)" and claim.claimed_by == "Report.az"
    assert claim.evidence.quote.startswith("During the week of 10 March 2021")
    assert (claim.time.start.isoformat(), claim.time.end.isoformat()) == (
        "2021-03-07",
        "2021-03-13",
    )
    assert claim.place is not None and claim.place.precision.value == "district"
    assert (
        claim.casualties.killed.civilian is not None and claim.casualties.killed.civilian.min == 1
    )


def test_a_ucdp_row_becomes_one_claim_with_sides_and_deaths() -> None:
    sample = (DATA / "ucdp-ged-sample.csv").read_text(encoding="utf-8")
    event = ucdp_event(_rows(sample)[0])
    claim = event.claim
    assert event.event_id == "990001" and event.line == 3
    assert (claim.perpetrator_alleged, claim.target) == (
        "Government of Azerbaijan",
        "Government of Armenia",
    )
    killed = claim.casualties.killed
    assert killed.military is not None and killed.military.min == 2
    assert killed.unknown is not None and killed.unknown.max == 1  # high 3 over best 2
    assert claim.claimed_by == "Ministry of Defence of Armenia"
