"""The eval's scores mean what score.py says."""


from babelwire.models import Attribution, ExtractedArticle


import score  # noqa: E402  (this folder is on sys.path: pytest's default import mode)

TRUTH = {
    "id": "x", "title": "Ferry  fares rise", "body": ["One two three four five six.", "Seven eight."],
    "author": "Megan Hollis", "published": "2026-11-03T09:15:00+01:00",
    "attribution": [{"outlet": "Valmer Gazette", "kind": "cited"}],
}


def article(**changes):
    fields = dict(title="Ferry fares rise", standfirst="", body="One two three four five six.\n\n"
                  "Seven eight.", paragraphs=(), author="megan hollis",
                  published="2026-11-03T08:15:00Z",
                  attribution=(Attribution("valmer gazette", "cited", "..."),
                               Attribution("Relay Site", "site", "...")))
    fields.update(changes)
    return ExtractedArticle(**fields)


def test_body_f1_is_word_4gram_f1():
    assert score.body_f1("One two three four five six. Seven eight.", TRUTH["body"]) == 1.0
    assert score.body_f1("nine ten eleven twelve", TRUTH["body"]) == 0.0
    half = score.body_f1("one two three four five six seven eight extra words here too", TRUTH["body"])
    assert 0.5 < half < 1.0
    assert score.body_f1("two one", ["one two"]) == 1.0  # fewer than 4 words: unigrams


def test_a_perfect_article_scores_everywhere():
    result = score.score_page(TRUTH, article())
    assert (result.body_f1, result.title, result.date, result.attribution, result.author) == (
        1.0, True, True, True, True)


def test_each_field_can_fail():
    assert not score.score_page(TRUTH, article(title="Ferry fares rise | Site")).title
    assert not score.score_page(TRUTH, article(published="2026-11-03T09:15:00Z")).date
    assert not score.score_page(TRUTH, article(published=None)).date
    assert not score.score_page(TRUTH, article(attribution=())).attribution
    assert not score.score_page(TRUTH, article(author="")).author
    failed = score.score_page(TRUTH, None, error="error[extract.not_article]")
    assert failed.body_f1 == 0.0 and not failed.title


def test_averages():
    scores = [score.score_page(TRUTH, article()), score.score_page(TRUTH, None)]
    assert score.averages(scores)["title"] == 0.5
