"""The bundled timeline, agreement files, and the stage that records the agreement in force."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ceasefire.domain.agreements import Point, in_force
from ceasefire.domain.model import Document, PlaceRef, TimeWindow
from ceasefire.domain.taxonomy import Category, PlacePrecision, TimePrecision
from ceasefire.errors import ParseError
from ceasefire.gazetteer import Gazetteer
from ceasefire.ingest.agreements import bundled, load
from ceasefire.ingest.stages import agreement as agreement_stage
from ceasefire.ingest.stages.reading import ExtractorConfig, Mention, MentionKind, Reading


def _point(name: str, country: str) -> Point:
    place = next(p for p in Gazetteer.bundled().lookup(name) if p.country == country)
    return (place.lon, place.lat)


def _id_on(day: date, point: Point | None = None) -> str | None:
    found = in_force(bundled(), day, day, point)
    return None if found is None else found.id


def test_border_incident_in_2024_falls_under_the_2022_ceasefire() -> None:
    tavush, syunik = _point("Chinari", "AM"), _point("Kapan", "AM")
    assert _id_on(date(2024, 2, 13), syunik) == "border-ceasefire-2022-09-14"
    assert _id_on(date(2024, 5, 2), tavush) == "border-ceasefire-2022-09-14"


def test_karabakh_incident_in_2024_falls_under_the_2023_cessation() -> None:
    khankendi = _point("Khankendi", "AZ")
    assert _id_on(date(2024, 3, 1), khankendi) == "cessation-of-hostilities-2023-09-20"


def test_karabakh_incident_in_2021_falls_under_the_trilateral_statement() -> None:
    assert _id_on(date(2021, 3, 4), _point("Shusha", "AZ")) == "trilateral-statement-2020-11-10"


def test_april_2016_is_under_1994_before_the_moscow_ceasefire_and_under_it_after() -> None:
    assert _id_on(date(2016, 4, 3)) == "ceasefire-1994-05-12"
    assert _id_on(date(2016, 4, 6)) == "moscow-ceasefire-2016-04-05"


def test_the_war_of_2020_before_the_first_truce_is_under_no_agreement() -> None:
    assert _id_on(date(2020, 10, 1)) is None
    # The first day of the war is the breach of the old ceasefire.
    assert _id_on(date(2020, 9, 27)) == "moscow-ceasefire-2016-04-05"


def test_each_october_truce_gives_way_to_the_next() -> None:
    assert _id_on(date(2020, 10, 12)) == "humanitarian-truce-2020-10-10"
    assert _id_on(date(2020, 10, 20)) == "humanitarian-truce-2020-10-18"
    assert _id_on(date(2020, 11, 9)) == "humanitarian-truce-2020-10-26"
    assert _id_on(date(2020, 11, 10)) == "trilateral-statement-2020-11-10"


def test_every_bundled_agreement_cites_sources_and_zones_say_they_are_approximate() -> None:
    for agreement in bundled():
        assert agreement.sources, agreement.id
        assert all("http" in source for source in agreement.sources), agreement.id
        if agreement.zone is not None:
            assert "approximate" in agreement.notes, agreement.id


def test_a_bad_file_names_the_item_and_the_field(tmp_path: Path) -> None:
    good = bundled()[0].to_json()
    bad = {**good, "id": "second", "name": "Second", "effective": "12 May 1994"}
    path = tmp_path / "agreements.json"
    path.write_text(json.dumps({"agreements": [good, bad]}))
    with pytest.raises(ParseError) as error:
        load(path)
    assert str(error.value).startswith(f"{path}: item 2: field 'effective': ")


def test_a_file_may_be_a_plain_list_and_ids_must_be_unique(tmp_path: Path) -> None:
    good = bundled()[0].to_json()
    path = tmp_path / "list.json"
    path.write_text(json.dumps([good]))
    assert load(path) == (bundled()[0],)
    path.write_text(json.dumps([good, {**good, "name": "Other"}]))
    with pytest.raises(ParseError, match=r"item 2: id 'ceasefire-1994-05-12' is already used"):
        load(path)


def test_a_file_that_is_not_a_list_of_agreements_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"
    path.write_text('{"truces": []}')
    with pytest.raises(ParseError, match="expected a JSON list of agreements"):
        load(path)
    with pytest.raises(ParseError, match=r"missing\.json"):
        load(tmp_path / "missing.json")


def _mention(kind: MentionKind, day: date, place: PlaceRef | None) -> Mention:
    category = Category.CONTEXT if kind is MentionKind.CONTEXT else Category.VIOLATION
    type_ = "statement" if kind is MentionKind.CONTEXT else "small_arms_fire"
    return Mention(
        kind=kind,
        category=category,
        type=type_,
        sentence=0,
        start=0,
        end=10,
        trigger=(0, 5),
        time=TimeWindow(day, day, TimePrecision.DAY),
        place=place,
    )


def test_the_stage_records_the_agreement_of_events_but_not_of_context() -> None:
    stage = agreement_stage.create(ExtractorConfig(use_gazetteer=False))
    shusha = PlaceRef("Shusha", None, 39.76, 46.75, PlacePrecision.SETTLEMENT)
    reading = Reading(
        document=Document(body="x" * 10),
        reference=None,
        mentions=(
            _mention(MentionKind.EVENT, date(2024, 3, 1), shusha),
            _mention(MentionKind.CONTEXT, date(2024, 3, 1), None),
        ),
    )
    event, context = stage(reading).mentions
    assert event.agreement == "Cessation of hostilities in Karabakh of 20 September 2023"
    assert context.agreement is None


def test_a_configured_timeline_replaces_the_bundled_one() -> None:
    only_1994 = (bundled()[0],)
    stage = agreement_stage.create(ExtractorConfig(use_gazetteer=False, agreements=only_1994))
    reading = Reading(
        document=Document(body="x" * 10),
        reference=None,
        mentions=(_mention(MentionKind.EVENT, date(2021, 3, 1), None),),
    )
    assert stage(reading).mentions[0].agreement is None
