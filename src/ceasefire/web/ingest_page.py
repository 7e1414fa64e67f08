"""The ingest page `/ingest`: paste an article or upload a file, see the extracted claims,
correct or drop them, then save (services/ingest_review.py).

Step 1 (`POST /ingest/preview`) writes nothing; the preview carries the input's bytes in a
hidden field, so step 2 (`POST /ingest/save`) parses exactly what was previewed. Saving the
same input twice is a no-op, as with `ceasefire ingest`.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from ceasefire.config import Settings
from ceasefire.domain.taxonomy import TYPES, Category
from ceasefire.errors import Forbidden, InvalidInput, InvalidValue, ParseError
from ceasefire.ingest.parsers import FORMATS
from ceasefire.services import ingest_review
from ceasefire.services.ingest_review import Correction
from ceasefire.storage.sql import Database
from ceasefire.web.session import Visitor, render, require_csrf, to_login, visitor

router = APIRouter(include_in_schema=False)

_FIELD = re.compile(r"^d(\d{1,4})c(\d{1,5})\.(\w+)$")
_CORRECTABLE = frozenset(Correction.__dataclass_fields__) - {"drop"}
_PASTED_NAME = "pasted article"


def _state(request: Request) -> tuple[Settings, Database]:
    return request.app.state.settings, request.app.state.database


def _form_page(
    request: Request,
    who: Visitor,
    *,
    error: InvalidInput | None = None,
    status: int = 200,
    **kept: Any,
) -> Response:
    return render(
        request,
        "ingest.html",
        who,
        status_code=status,
        step="form",
        error=str(error) if error else None,
        error_field=getattr(error, "field", None),
        formats=FORMATS,
        kept=kept,
    )


def _signed_in(request: Request) -> Visitor | Response:
    who = visitor(request)
    return who if who.user is not None else to_login(request)


@router.get("/ingest", response_model=None)
def ingest_form(request: Request) -> Response:
    who = _signed_in(request)
    return who if isinstance(who, Response) else _form_page(request, who)


@router.post("/ingest/preview", response_model=None)
async def ingest_preview(
    request: Request,
    headline: Annotated[str, Form(max_length=2000)] = "",
    text: Annotated[str, Form()] = "",
    outlet: Annotated[str, Form(max_length=500)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    format: Annotated[str, Form(max_length=16)] = "auto",
    upload: Annotated[UploadFile | None, File()] = None,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Step 1: the extracted claims of the pasted article or uploaded file; nothing is saved."""
    who = _signed_in(request)
    if isinstance(who, Response):
        return who
    require_csrf(who.session, csrf_token)
    assert who.user is not None
    settings, database = _state(request)
    kept = {
        "headline": headline,
        "text": text,
        "outlet": outlet,
        "published": published,
        "url": url,
    }
    try:
        if upload is not None and upload.filename:
            raw = await upload.read(settings.max_input_bytes + 1)
            name = re.sub(r"[^\w.\- ]", "_", upload.filename)[:200]
        else:
            raw = ingest_review.article_envelope(
                headline=headline, text=text, outlet=outlet, published=published, url=url
            )
            name, format = _PASTED_NAME, "json"
        found = ingest_review.preview(
            database, raw, name=name, format=format, settings=settings, user=who.user
        )
    except InvalidInput as exc:
        return _form_page(request, who, error=exc, status=422, **kept)
    except Forbidden as exc:
        return render(request, "ingest.html", who, 403, step="denied", error=str(exc))
    return render(
        request,
        "ingest.html",
        who,
        step="preview",
        documents=found,
        raw=base64.b64encode(raw).decode(),
        name=name,
        format=format,
        categories=[c.value for c in Category],
        types=TYPES,
    )


def _corrections(form: Any) -> tuple[dict[tuple[int, int], Correction], dict[int, int]]:
    """Corrections by (document, claim) from fields `d0c1.place`...; counts from `d0.claims`."""
    fields: dict[tuple[int, int], dict[str, Any]] = {}
    counts: dict[int, int] = {}
    for key, value in form.multi_items():
        if not isinstance(value, str):
            continue
        if key.endswith(".claims") and key[1:-7].isdigit():
            counts[int(key[1:-7])] = int(value) if value.isdigit() else -1
            continue
        match = _FIELD.match(key)
        if match is None:
            continue
        number, index, name = int(match[1]), int(match[2]), match[3]
        if name == "drop":
            fields.setdefault((number, index), {})["drop"] = value == "on"
        elif name in _CORRECTABLE:
            fields.setdefault((number, index), {})[name] = value
    return {at: Correction(**given) for at, given in fields.items()}, counts


@router.post("/ingest/save", response_model=None)
async def ingest_save(request: Request) -> Response:
    """Step 2: store the previewed input with the corrections, in one transaction."""
    who = _signed_in(request)
    if isinstance(who, Response):
        return who
    assert who.user is not None
    settings, database = _state(request)
    form = await request.form()
    csrf = form.get("csrf_token")
    require_csrf(who.session, csrf if isinstance(csrf, str) else None)
    try:
        raw_text, name, format = (form.get(k) for k in ("raw", "name", "format"))
        if not isinstance(raw_text, str) or not raw_text:
            raise InvalidValue("raw", "the previewed input is missing; preview again")
        try:
            raw = base64.b64decode(raw_text, validate=True)
        except binascii.Error:
            raise InvalidValue("raw", "the previewed input is damaged; preview again") from None
        corrections, counts = _corrections(form)
        outcome = ingest_review.save(
            database,
            raw,
            name=name if isinstance(name, str) and name else _PASTED_NAME,
            format=format if isinstance(format, str) and format in FORMATS else "auto",
            corrections=corrections,
            expected_claims=counts,
            settings=settings,
            user=who.user,
        )
    except (InvalidValue, ParseError) as exc:
        return render(
            request,
            "ingest.html",
            who,
            422,
            step="failed",
            error=str(exc),
            error_field=getattr(exc, "field", None),
        )
    except InvalidInput as exc:
        return render(request, "ingest.html", who, 422, step="failed", error=str(exc))
    except Forbidden as exc:
        return render(request, "ingest.html", who, 403, step="denied", error=str(exc))
    return render(
        request,
        "ingest.html",
        who,
        step="saved",
        outcome=outcome,
        incidents=sorted(outcome.incident_ids),
    )
