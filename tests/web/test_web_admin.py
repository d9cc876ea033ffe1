"""The admin (token login, CSRF, source actions, OPML import) and the private reader."""

from __future__ import annotations

import re

import httpx

TOKEN = "correct horse battery staple"
OPML = """<?xml version="1.0"?><opml version="2.0"><body>
  <outline text="Folder"><outline text="Nueva Voz" xmlUrl="https://nueva.example/rss"/></outline>
  <outline text="Already" xmlUrl="https://gaceta.example/feed.xml"/>
  <outline text="Bad" xmlUrl="javascript:alert(1)"/></body></opml>"""


def logged_in(server) -> tuple[httpx.Client, str]:
    http = httpx.Client(base_url=server.url, timeout=10)
    response = http.post("/admin/login", data={"token": TOKEN})
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    page = http.get("/admin")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    return http, csrf


def test_admin_disabled_without_token(client):
    page = client.get("/admin")
    assert page.status_code == 403 and "web.admin_token" in page.text
    assert client.post("/admin/login", data={"token": ""}).status_code == 403
    assert client.post("/admin/add", data={"url": "https://x.example/"}).status_code == 403


def test_admin_login_and_wrong_token(make_server):
    server, _ = make_server(**{"web.admin_token": TOKEN})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        assert 'action="/admin/login"' in http.get("/admin").text
        wrong = http.post("/admin/login", data={"token": "guess"})
        assert wrong.status_code == 403 and "Wrong token" in wrong.text
        assert "bw_admin" not in http.cookies
    http, csrf = logged_in(server)
    cookie = http.cookies.jar
    assert any(c.name == "bw_admin" and c.has_nonstandard_attr("HttpOnly") for c in cookie)
    assert "Broken Feed" in http.get("/admin").text and len(csrf) == 64
    http.close()


def test_admin_actions_need_csrf(make_server):
    server, store = make_server(**{"web.admin_token": TOKEN})
    http, csrf = logged_in(server)
    for data in ({"url": "https://new.example/feed"}, {"url": "https://new.example/feed",
                                                       "csrf": "0" * 64}):
        response = http.post("/admin/add", data=data)
        assert response.status_code == 403 and "CSRF" in response.text
    with httpx.Client(base_url=server.url, timeout=10) as stranger:  # no session at all
        assert stranger.post("/admin/add", data={"csrf": csrf, "url": "https://x.example/"}
                             ).status_code == 403
    assert "new.example" not in http.get("/admin").text
    http.close()


def test_admin_add_pause_resume_remove_import(make_server):
    server, store = make_server(**{"web.admin_token": TOKEN})
    http, csrf = logged_in(server)
    added = http.post("/admin/add", data={"csrf": csrf, "url": "https://nuevo.example/feed",
                                          "name": "Nuevo", "kind": "feed"})
    assert added.status_code == 303
    page = http.get(added.headers["location"]).text
    assert "Source added." in page and "Nuevo" in page
    bad = http.post("/admin/add", data={"csrf": csrf, "url": "ftp://x", "kind": "feed"})
    assert bad.status_code == 400 and "not an http(s) URL" in bad.text
    gaceta = str(store.ids["gaceta"])
    assert http.post("/admin/pause", data={"csrf": csrf, "source": gaceta}).status_code == 303
    enabled = store.db.read().execute("SELECT enabled FROM sources WHERE id = ?", (gaceta,))
    assert enabled.fetchone()[0] == 0
    assert "(paused)" in http.get("/sources").text
    http.post("/admin/resume", data={"csrf": csrf, "source": gaceta})
    assert store.db.read().execute("SELECT enabled FROM sources WHERE id = ?",
                                   (gaceta,)).fetchone()[0] == 1
    imported = http.post("/admin/import", data={"csrf": csrf, "opml": OPML})
    assert "new=1&existing=1&skipped=1" in imported.headers["location"]
    assert "Nueva Voz" in http.get("/sources").text
    broken = http.post("/admin/import", data={"csrf": csrf, "opml": "<html>no</html>"})
    assert broken.status_code == 400 and "not OPML" in broken.text
    removed = http.post("/admin/remove", data={"csrf": csrf, "source": gaceta})
    assert removed.status_code == 303 and "La Gaceta" not in http.get("/sources").text
    assert http.post("/admin/remove", data={"csrf": csrf, "source": "999"}).status_code == 400
    assert http.post("/admin/explode", data={"csrf": csrf}).status_code == 404
    http.post("/admin/logout", data={"csrf": csrf})
    assert 'action="/admin/login"' in http.get("/admin").text
    http.close()


def test_private_reader(make_server):
    server, store = make_server(**{"web.private": True, "web.read_token": "let-me-read",
                                   "web.admin_token": TOKEN})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        page = http.get("/")
        assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
        for path in ("/api/articles", "/feeds/en.atom", "/sources.opml", "/api/openapi.json"):
            refused = http.get(path)
            assert refused.status_code == 401, path
            assert refused.json()["error"]["code"] == "unauthorized"
        assert http.get("/healthz").status_code == 200
        assert http.get("/static/style.css").status_code == 200
        bearer = http.get("/api/articles", headers={"Authorization": "Bearer let-me-read"})
        assert bearer.status_code == 200
        assert http.get("/feeds/en.atom", params={"token": "let-me-read"}).status_code == 200
        assert http.get("/api/articles", params={"token": "let-me-read"}).status_code == 401
        assert http.post("/login", data={"token": "nope"}).status_code == 403
        login = http.post("/login", data={"token": "let-me-read", "next": "/search?q=madrid"})
        assert login.status_code == 303 and login.headers["location"] == "/search?q=madrid"
        assert http.get("/").status_code == 200 and http.get("/api/articles").status_code == 200
    with httpx.Client(base_url=server.url, timeout=10) as http:
        off_site = http.post("/login", data={"token": TOKEN, "next": "//evil.example/"})
        assert off_site.headers["location"] == "/"  # the admin token reads too
        assert http.get("/").status_code == 200
