"""Every demo newsroom page, fetched over HTTP, extracts exactly as the newsroom wrote it."""

import httpx
import pytest

from babelwire.demo.expected import expected_articles
from babelwire.demo.server import start_demo_newsroom
from babelwire.extract import extract_article


@pytest.fixture(scope="module")
def demo_pages():
    with start_demo_newsroom() as newsroom:
        truths = expected_articles(newsroom)
        with httpx.Client(timeout=30) as client:
            yield [(truth, client.get(truth.url).content) for truth in truths]


def test_demo_pages_extract_perfectly(demo_pages):
    assert len(demo_pages) >= 15
    for truth, page in demo_pages:
        article = extract_article(page, url=truth.url)
        assert article.title == truth.title, truth.url
        assert article.standfirst == truth.standfirst, truth.url
        assert article.paragraphs == truth.paragraphs, truth.url
        assert article.author == truth.author, truth.url
        credits = {(a.outlet, a.kind) for a in article.attribution}
        if truth.is_relay:
            assert (truth.credited_outlet, "title_suffix") in credits, truth.url
            links = [a for a in article.attribution if a.kind == "source_link"]
            assert links and links[0].url == truth.relays_url, truth.url
        else:
            assert not credits, (truth.url, credits)
        if truth.disclaimer:
            assert truth.disclaimer in article.disclaimers, truth.url
