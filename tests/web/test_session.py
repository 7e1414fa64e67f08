"""Login, sessions, CSRF, security headers and the body size limit (TestClient, both backends)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from ceasefire.web.session import COOKIE, Session, seal, unseal
from web_support import Site


def _position(site: Site, incident: int, **headers: str) -> int:
    body = {"position": "confirms", "reason": "patrol saw the craters"}
    response = site.client.post(
        f"/api/v1/incidents/{incident}/positions", json=body, headers=headers
    )
    return response.status_code


def test_login_sets_an_httponly_strict_cookie_and_redirects(site: Site) -> None:
    response = site.client.post(
        "/login", data={"token": site.tokens["aziz"], "next": "/review"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/review"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "samesite=strict" in cookie.lower()
    assert "Secure" not in cookie  # plain http (TestClient) and secure_cookies off
    assert site.tokens["aziz"] not in cookie


def test_login_over_https_marks_the_cookie_secure(site: Site) -> None:
    response = site.client.post(
        "https://testserver/login", data={"token": site.tokens["aziz"]}, follow_redirects=False
    )
    assert "Secure" in response.headers["set-cookie"]


def test_login_with_a_bad_token_is_refused_and_sets_no_cookie(site: Site) -> None:
    response = site.client.post("/login", data={"token": "cf_nope"}, follow_redirects=False)
    assert response.status_code == 401 and "not valid" in response.text
    assert "set-cookie" not in response.headers


def test_login_never_redirects_off_the_server(site: Site) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil"):
        response = site.client.post(
            "/login", data={"token": site.tokens["vic"], "next": target}, follow_redirects=False
        )
        assert response.headers["location"] == "/"


def test_logout_clears_the_cookie(site: Site) -> None:
    csrf = site.login("aziz")
    response = site.client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert COOKIE not in site.client.cookies
    assert site.client.get("/review", follow_redirects=False).status_code == 303


def test_logout_without_the_csrf_token_is_refused(site: Site) -> None:
    site.login("aziz")
    assert site.client.post("/logout", data={}, follow_redirects=False).status_code == 403


def test_api_with_the_cookie_needs_the_csrf_header_on_a_post(site: Site) -> None:
    incident = site.incident_ids()[0]
    csrf = site.login("aziz")
    refused = site.client.post(
        f"/api/v1/incidents/{incident}/positions",
        json={"position": "confirms", "reason": "seen"},
    )
    assert refused.status_code == 403
    assert (
        refused.json()["error"]["code"] == "forbidden"
        and "CSRF" in refused.json()["error"]["message"]
    )
    assert _position(site, incident, **{"X-CSRF-Token": "wrong"}) == 403
    assert _position(site, incident, **{"X-CSRF-Token": csrf}) == 201


def test_api_reads_with_the_cookie_need_no_csrf(site: Site) -> None:
    site.login("vic")
    assert site.client.get("/api/v1/incidents").status_code == 200


def test_bearer_needs_no_csrf(site: Site) -> None:
    incident = site.incident_ids()[0]
    assert _position(site, incident, **site.bearer("aziz")) == 201


def test_api_without_credentials_is_401_and_pages_redirect_to_login(site: Site) -> None:
    assert site.client.get("/api/v1/incidents").status_code == 401
    for page in ("/review", "/ingest", f"/incidents/{site.incident_ids()[0]}"):
        response = site.client.get(page, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=/")


def test_pages_accept_the_bearer_header(site: Site) -> None:
    page = site.client.get("/review", headers=site.bearer("aziz"))
    assert page.status_code == 200 and "aziz" in page.text


def test_a_forged_or_expired_cookie_is_no_session(site: Site) -> None:
    key = site.settings.session_key
    live = Session(1, "x", int(time.time()) + 60)
    assert unseal(seal(live, key), key) == live
    assert unseal(seal(live, "another key" * 4), key) is None
    assert unseal(seal(Session(1, "x", int(time.time()) - 1), key), key) is None
    site.client.cookies.set(COOKIE, seal(live, "another key" * 4))
    assert site.client.get("/api/v1/incidents").status_code == 401


def test_revoking_the_token_ends_the_session(site: Site) -> None:
    from ceasefire.services import users

    site.login("vic")
    assert site.client.get("/api/v1/incidents").status_code == 200
    users.revoke_tokens(site.database, secret=site.tokens["vic"])
    assert site.client.get("/api/v1/incidents").status_code == 401


def test_pages_send_the_security_headers(site: Site) -> None:
    page = site.client.get("/login")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "img-src 'self' data:" in csp
    assert "script-src" not in csp or "'unsafe-inline'" not in csp.split("script-src")[1]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"]
    assert "<script>" not in page.text  # no inline script anywhere


def test_a_body_over_the_limit_is_413_by_content_length(site: Site) -> None:
    big = b"x" * (site.settings.max_input_bytes + 1)
    response = site.client.post("/login", content=big, headers=site.bearer("ana"))
    assert response.status_code == 413
    error = response.json()["error"]
    assert set(error) >= {"code", "message", "field"} and "limit" in error["message"]


def test_a_streamed_body_over_the_limit_is_413(site: Site) -> None:
    limit = site.settings.max_input_bytes
    chunk = b"y" * (1024 * 1024)

    def chunks() -> Iterator[
        bytes
    ]:  # no Content-Length: the limit is checked while the body streams in
        for _ in range(limit // len(chunk) + 2):
            yield chunk

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    response = site.client.post("/login", content=chunks(), headers=form)
    assert response.status_code == 413 and response.json()["error"]["code"] == "input_too_large"


def test_routes_that_take_a_body_declare_413(site: Site) -> None:
    paths = site.client.get("/openapi.json").json()["paths"]
    assert "413" in paths["/api/v1/incidents/{incident_id}/positions"]["post"]["responses"]
    assert "413" in paths["/api/v1/suggestions/{suggestion_id}/accept"]["post"]["responses"]
