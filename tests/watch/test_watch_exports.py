"""``babelwire export``: articles, stories and provenance links for a filter, CSV and JSON Lines."""

from __future__ import annotations

import csv
import json

from babelwire.cli.main import main
from babelwire.compose import open_store
from babelwire.settings import load_settings

from watchkit import save_article, save_translation


def build(tmp_path):
    settings = load_settings(None, environ={}, overrides={"data_dir": str(tmp_path / "data")})
    with open_store(settings) as db:
        gaceta, _ = db.sources.add("https://gaceta.test/feed", "Gaceta")
        relay, _ = db.sources.add("https://relay.test/feed", "Relay")
        first = save_article(db, "https://gaceta.test/1", title="Sequía en el sur",
                             body="La sequía, dicen, \"sigue\".", source_id=gaceta.id,
                             first_seen="2026-12-01T10:00:00Z")
        copy = save_article(db, "https://relay.test/1", title="Drought in the south",
                            body="The drought goes on.", language="en", source_id=relay.id,
                            first_seen="2026-12-02T10:00:00Z")
        other = save_article(db, "https://gaceta.test/2", title="Fútbol", body="Gol.",
                             source_id=gaceta.id, first_seen="2026-12-03T10:00:00Z")
        save_translation(db, other, "en", "Football", "Goal.")
        db.provenance.save_stories([[first, copy]], {first: "Sequía"}, "2026-12-02T11:00:00Z")
        with db.write() as conn:
            conn.execute("INSERT INTO provenance_links (article_id, derived_from, relation, "
                         "confidence, lag_seconds, created_at) VALUES (?, ?, 'translation', 0.9, "
                         "86400, '2026-12-02T11:00:00Z')", (copy, first))
    return ["--data", str(tmp_path / "data")], (first, copy, other), (gaceta.id, relay.id)


def test_articles_as_jsonl_and_csv_with_filters(tmp_path, capsys):
    cli, (first, copy, other), (gaceta, _) = build(tmp_path)
    assert main(cli + ["export", "articles", "--source", str(gaceta)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["id"] for row in rows] == [first, other]
    assert rows[0]["body"] == "La sequía, dicen, \"sigue\"." and rows[0]["source_name"] == "Gaceta"
    out = tmp_path / "a.csv"
    assert main(cli + ["export", "articles", "--format", "csv", "--from", "2026-12-02",
                       "--to", "2026-12-02", "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [int(row["id"]) for row in table] == [copy]
    assert main(cli + ["export", "articles", "-q", "football"]) == 0  # matches a translation
    assert [json.loads(l)["id"] for l in capsys.readouterr().out.splitlines()] == [other]


def test_stories_and_links_for_a_story(tmp_path, capsys):
    cli, (first, copy, _), _ = build(tmp_path)
    assert main(cli + ["export", "stories", "--language", "en"]) == 0
    [story] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert story["article_count"] == 2
    assert main(cli + ["export", "links", "--story", str(story["id"])]) == 0
    [link] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (link["article_id"], link["derived_from"], link["relation"]) == (copy, first, "translation")
    assert main(cli + ["export", "articles", "--from", "soon"]) == 2
    assert "error[config]: --from 'soon' is not a date" in capsys.readouterr().err


def test_exports_from_the_reader(tmp_path):
    import httpx

    from babelwire.web import BackgroundServer, create_app

    _, (first, copy, other), (gaceta, _) = build(tmp_path)
    settings = load_settings(None, environ={}, overrides={"data_dir": str(tmp_path / "data")})
    with open_store(settings) as db, BackgroundServer(create_app(db, settings), port=0) as server, \
            httpx.Client(base_url=server.url, timeout=20) as http:
        story = db.reader.stories_before(5)[0].id
        jsonl = http.get("/exports/articles.jsonl", params={"source": gaceta})
        table = http.get("/exports/links.csv", params={"story": story})
        searched = http.get("/exports/articles.jsonl", params={"q": "football"})
        story_page = http.get(f"/stories/{story}").text
        unknown = http.get("/exports/secrets.csv").status_code
        bad = http.get("/exports/articles.csv", params={"source": "x"}).status_code
    assert jsonl.headers["content-type"].startswith("application/jsonl")
    assert "attachment" in jsonl.headers["content-disposition"]
    assert sorted(json.loads(line)["id"] for line in jsonl.text.splitlines()) == [first, other]
    [link] = list(csv.DictReader(table.text.splitlines()))
    assert (int(link["article_id"]), int(link["derived_from"])) == (copy, first)
    assert [json.loads(line)["id"] for line in searched.text.splitlines()] == [other]
    assert f'/exports/links.csv?story={story}' in story_page
    assert (unknown, bad) == (404, 400)
