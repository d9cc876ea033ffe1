"""Sessions end at logout and lapse after web.session_hours; wrong tokens are throttled
per client address (issue 9)."""

from __future__ import annotations

import re

import httpx

from babelwire.web.sessions import MAX_LOCKOUT, LoginThrottle, SessionBook

TOKEN = "correct horse battery staple"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def admin_login(server) -> tuple[httpx.Client, str, str]:
    """(client, session cookie, csrf token) after a right admin login."""
    http = httpx.Client(base_url=server.url, timeout=10)
    response = http.post("/admin/login", data={"token": TOKEN})
    assert response.status_code == 303
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', http.get("/admin").text).group(1)
    return http, http.cookies["bw_admin"], csrf


def is_admin_page(text: str) -> bool:
    return 'name="csrf"' in text and 'action="/admin/login"' not in text


def test_logout_revokes_the_session_server_side(make_server):
    server, _ = make_server(**{"web.admin_token": TOKEN})
    http, cookie, csrf = admin_login(server)
    other, other_cookie, _ = admin_login(server)  # a second session stays alive
    assert http.post("/admin/logout", data={"csrf": csrf}).status_code == 303
    with httpx.Client(base_url=server.url, timeout=10, cookies={"bw_admin": cookie}) as copied:
        assert not is_admin_page(copied.get("/admin").text)  # the old cookie is worthless now
        refused = copied.post("/admin/add", data={"csrf": csrf, "url": "https://x.example/f"})
        assert refused.status_code == 403
    assert is_admin_page(other.get("/admin").text)
    http.close()
    other.close()


def test_session_cookie_lasts_web_session_hours(make_server):
    server, _ = make_server(**{"web.admin_token": TOKEN, "web.session_hours": 2.0})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        response = http.post("/admin/login", data={"token": TOKEN})
        cookie = response.headers["set-cookie"]
        assert "Max-Age=7200" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_default_session_is_twelve_hours(make_server):
    server, _ = make_server(**{"web.private": True, "web.read_token": "let-me-read"})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        response = http.post("/login", data={"token": "let-me-read"})
        assert "Max-Age=43200" in response.headers["set-cookie"]


def test_forged_or_restarted_sessions_are_refused(make_server):
    server, _ = make_server(**{"web.admin_token": TOKEN})
    http, cookie, _ = admin_login(server)
    again, _ = make_server(**{"web.admin_token": TOKEN})  # same token, another server
    with httpx.Client(base_url=again.url, timeout=10, cookies={"bw_admin": cookie}) as other:
        assert not is_admin_page(other.get("/admin").text)
    http.close()


def test_session_book_lapses_and_revokes():
    clock = FakeClock()
    book = SessionBook(lifetime_seconds=60, clock=clock)
    nonce = book.issue("admin")
    assert book.alive(nonce, "admin") and not book.alive(nonce, "read")
    clock.now += 59
    assert book.alive(nonce, "admin")
    clock.now += 2
    assert not book.alive(nonce, "admin")
    other = book.issue("read")
    book.revoke(other)
    assert not book.alive(other, "read") and not book.alive("made-up", "read")


def test_throttle_doubles_the_wait_and_forgets():
    clock = FakeClock()
    throttle = LoginThrottle(free_failures=3, first_lockout=10, clock=clock)
    for _ in range(2):
        throttle.failed("10.0.0.9")
        assert throttle.retry_after("10.0.0.9") == 0
    throttle.failed("10.0.0.9")  # the third wrong token: wait 10 s
    assert throttle.retry_after("10.0.0.9") == 10 and throttle.retry_after("10.0.0.8") == 0
    clock.now += 10
    assert throttle.retry_after("10.0.0.9") == 0
    throttle.failed("10.0.0.9")
    assert throttle.retry_after("10.0.0.9") == 20  # doubled
    clock.now += 20
    throttle.failed("10.0.0.9")
    assert throttle.retry_after("10.0.0.9") == 40
    for _ in range(100):  # capped, never an overflow
        throttle.failed("10.0.0.9")
    assert throttle.retry_after("10.0.0.9") == MAX_LOCKOUT
    throttle.succeeded("10.0.0.9")
    assert throttle.retry_after("10.0.0.9") == 0


def test_admin_login_is_throttled(make_server):
    server, _ = make_server(**{"web.admin_token": TOKEN, "web.login_failures": 5,
                               "web.login_lockout": 30.0})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        for attempt in range(5):
            wrong = http.post("/admin/login", data={"token": f"guess-{attempt}"})
            assert wrong.status_code == 403, attempt
        locked = http.post("/admin/login", data={"token": TOKEN})  # even the right one waits
        assert locked.status_code == 429 and locked.headers["retry-after"] == "30"
        assert "try again in 30 s" in locked.text and "bw_admin" not in http.cookies
        reader = http.post("/login", data={"token": TOKEN})  # the same address, another form
        assert reader.status_code == 429


def test_bearer_tokens_are_throttled(make_server):
    server, _ = make_server(**{"web.private": True, "web.read_token": "let-me-read",
                               "web.login_failures": 3, "web.login_lockout": 60.0})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        for attempt in range(3):
            wrong = http.get("/api/articles", headers={"Authorization": f"Bearer no-{attempt}"})
            assert wrong.status_code == 401
        right = http.get("/api/articles", headers={"Authorization": "Bearer let-me-read"})
        assert right.status_code == 429 and right.headers["retry-after"] == "60"
        assert right.json()["error"]["code"] == "too_many_requests"
        feed = http.get("/feeds/en.atom", params={"token": "let-me-read"})
        assert feed.status_code == 429


def test_right_token_clears_the_count(make_server):
    server, _ = make_server(**{"web.admin_token": TOKEN, "web.login_failures": 3})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        for _ in range(2):
            assert http.post("/admin/login", data={"token": "nope"}).status_code == 403
        assert http.post("/admin/login", data={"token": TOKEN}).status_code == 303
        for _ in range(2):
            assert http.post("/admin/login", data={"token": "nope"}).status_code == 403
        assert http.post("/admin/login", data={"token": TOKEN}).status_code == 303


def test_reader_logout_ends_the_read_session(make_server):
    server, _ = make_server(**{"web.private": True, "web.read_token": "let-me-read"})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        assert http.post("/login", data={"token": "let-me-read"}).status_code == 303
        cookie = http.cookies["bw_read"]
        assert http.get("/api/articles").status_code == 200
        out = http.post("/logout")
        assert out.status_code == 303 and out.headers["location"] == "/login"
        assert http.get("/api/articles").status_code == 401
    with httpx.Client(base_url=server.url, timeout=10, cookies={"bw_read": cookie}) as copied:
        assert copied.get("/api/articles").status_code == 401  # the copied cookie is dead too
