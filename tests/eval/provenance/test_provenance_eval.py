"""The provenance eval: `babelwire trace` over the hand-written corpus, with pinned floors.

The corpus and its answers are in this folder (corpus.jsonl, expected.json; see
README.md). Floors sit a little below what babelwire reaches, and at least at
the issue's: the original found for 90% of derived articles or more, 5% of
same-event distractors wrongly linked or fewer, relay sites flagged exactly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl"
EXPECTED = HERE / "expected.json"

ORIGINAL_FOUND_FLOOR = 0.96       # reached: 57/57 = 1.000 (issue 6: 45/46 of the first 86)
DISTRACTORS_LINKED_CEILING = 0.05  # reached: 0/19
RELATION_RIGHT_FLOOR = 0.93       # reached: 57/57 among originals found
STORY_PAIR_F1_FLOOR = 0.95        # reached: 1.00
SIBLINGS = {"pv-100": ("pv-101", "pv-102", "pv-103", "pv-104"),   # one speech, 4 translations
            "pv-095": ("pv-096", "pv-097", "pv-098"),             # three relays, two of a relay
            "pv-087": ("pv-088", "pv-089", "pv-090")}             # uk original: en, es, ru

pytestmark = pytest.mark.skipif(not (CORPUS.is_file() and EXPECTED.is_file()),
                                reason="provenance eval corpus not written yet")


@pytest.fixture(scope="module")
def traced():
    done = subprocess.run([sys.executable, "-m", "babelwire.cli.main", "trace", str(CORPUS)],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    articles = {r["id"]: r for r in records if "id" in r}
    sites = {r["site"]: r for r in records if "site" in r}
    return articles, sites, json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_every_input_line_gets_one_output_line(traced):
    articles, _, expected = traced
    assert set(articles) == set(expected["articles"])


def test_original_found_for_derived_articles(traced):
    articles, _, expected = traced
    derived = {k: v for k, v in expected["articles"].items() if v["derived_from"]}
    found = [k for k, v in derived.items() if articles[k]["derived_from"] == v["derived_from"]]
    share = len(found) / len(derived)
    print(f"original found: {len(found)}/{len(derived)} = {share:.3f}")
    assert share >= ORIGINAL_FOUND_FLOOR
    right = [k for k in found if articles[k]["relation"] == derived[k]["relation"]]
    print(f"relation right: {len(right)}/{len(found)}")
    assert len(right) / len(found) >= RELATION_RIGHT_FLOOR


def test_same_event_distractors_are_not_linked_as_derived(traced):
    articles, _, expected = traced
    distractors = expected["same_event_distractors"]
    linked = [k for k in distractors if articles[k]["derived_from"] is not None]
    print(f"distractors linked: {len(linked)}/{len(distractors)}")
    assert len(linked) / len(distractors) <= DISTRACTORS_LINKED_CEILING
    originals = [k for k, v in expected["articles"].items()
                 if v["derived_from"] is None and k not in distractors]
    assert [k for k in originals if articles[k]["derived_from"] is not None] == []


def test_relay_sites_flagged_correctly(traced):
    _, sites, expected = traced
    assert all(sites[host]["relay"] for host in expected["relay_sites"]), expected["relay_sites"]
    flagged = [host for host in expected["not_relay_sites"] if sites.get(host, {}).get("relay")]
    assert flagged == []
    for host in expected["relay_sites"]:
        assert sites[host]["share_derived"] >= 0.6 and len(sites[host]["evidence"]["signals"]) >= 1


def _pairs(groups) -> set[tuple[str, str]]:
    return {(a, b) for group in groups for a in group for b in group if a < b}


def test_stories_group_each_event(traced):
    articles, _, expected = traced
    stories: dict[int, list[str]] = {}
    for key, record in articles.items():
        if record["evidence"].get("story"):
            stories.setdefault(record["evidence"]["story"], []).append(key)
    truth, found = _pairs(expected["stories"]), _pairs(stories.values())
    common = len(truth & found)
    precision, recall = common / max(1, len(found)), common / max(1, len(truth))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"story pairs: precision {precision:.2f} recall {recall:.2f}")
    assert f1 >= STORY_PAIR_F1_FLOOR


def test_sibling_versions_point_at_the_first_original_with_both_lags(traced):
    articles, _, _ = traced
    for original, versions in SIBLINGS.items():
        for key in versions:
            assert articles[key]["derived_from"] == original, key
            evidence = articles[key]["evidence"]
            assert "lag_published_seconds" in evidence and "lag_seen_seconds" in evidence
    relay = articles["pv-088"]["evidence"]   # seen 4 s after its original, published 5 h 25 min
    assert relay["lag_seconds"] == relay["lag_published_seconds"] == 5 * 3600 + 25 * 60
    assert any(" / " in name for name in relay["shared_names"])
