"""The stream format: encoding a batch, splitting the answer, unknown-word marks."""

from __future__ import annotations

from babelwire.translate.apertium_stream import clean_segment, decode_record, encode_batch, split_records


def test_clean_segment_makes_one_line():
    assert clean_segment("  Uno\ndos\t\ttres \0 ") == "Uno dos tres"


def test_encode_escapes_reserved_characters_and_ends_each_record():
    data = encode_batch(["a [b] c/d", "x@y"])
    assert data == b"a \\[b\\] c\\/d.[]\0x\\@y.[]\0"


def test_split_records_ignores_trailing_flush_nuls():
    assert split_records(b"Hello.[]\0Bye!.[]\0\0\0\0", 2) == ["Hello", "Bye!"]


def test_split_records_refuses_short_or_truncated_answers():
    assert split_records(b"Hello.[]\0\0\0", 2) is None
    assert split_records(b"Hello.[]\0Bye", 2) is None
    assert split_records(b"Hello.[]\0\0Bye.[]\0", 2) is None  # a record came back empty


def test_decode_strips_marks_and_reports_unknown():
    assert decode_record("The *Zorbaquildo arrived", "El Zorbaquildo llegó") == ("The Zorbaquildo arrived", True)
    assert decode_record("a @foo and #bar", "a foo y bar") == ("a foo and bar", True)
    assert decode_record("The house", "La casa") == ("The house", False)


def test_decode_keeps_literal_marks_from_the_source():
    text, unknown = decode_record("Price *g with #Ukraine and \\@user", "Precio *g con #Ucrania y @usuario")
    assert (text, unknown) == ("Price *g with #Ukraine and @user", False)
    text, unknown = decode_record("*g and *Zorbaquildo", "*g y Zorbaquildo")
    assert (text, unknown) == ("*g and Zorbaquildo", True)


def test_decode_removes_superblank_brackets_and_escapes():
    assert decode_record("a\\[b\\][ ]c\\/d", "") == ("a[b] c/d", False)


def test_decode_marks_before_punctuation_and_leaked_tags():
    assert decode_record("#¿Qué?", "¿Qué?") == ("¿Qué?", True)
    assert decode_record("x#<prn>", "x~y") == ("x", True)
    assert decode_record("a #\\<prn\\> b", "a ~ b") == ("a b", True)
    assert decode_record("x#\\<prn\\>", "x~y") == ("x", True)
    assert decode_record("#\\<b\\>", "#<b>") == ("#<b>", False)
    assert decode_record("a \\<b\\>", "a <b>") == ("a <b>", False)


def test_decode_literal_mark_next_to_an_engine_mark():
    assert decode_record("**g and ***", "*g y ***") == ("*g and ***", True)
    assert decode_record("5*3 is *Foo", "5*3 es Foo") == ("5*3 is Foo", True)
