"""One scanner for the outermost balanced spans of quotes and brackets."""

from babelwire.translate.spans import outer_spans

PAIRS = {"«": "»", '"': '"', "(": ")"}


def test_outermost_spans_only_with_marks_included():
    text = 'Il a dit « oui (enfin) » puis "non".'
    assert [text[a:b] for a, b in outer_spans(text, PAIRS)[0]] == ["« oui (enfin) »", '"non"']


def test_straight_quotes_open_before_a_word_and_close_after_one():
    assert outer_spans('a " b " c', PAIRS)[0] == []
    assert outer_spans('it"s "x"', PAIRS, word_start=True)[0] == [(5, 8)]
    assert outer_spans('it"s "x"', PAIRS) == ([], 2)  # opened inside the word, never closed


def test_unclosed_opener_and_minimum_content():
    spans, unclosed = outer_spans("(a) « b", PAIRS)
    assert spans == [(0, 3)] and unclosed == 4
    assert outer_spans("() (x)", PAIRS, min_inside=1) == ([(3, 6)], None)
