"""Writes the hostile fixture corpus (tests/hostile/fixtures/). Run it again after editing a case:

    python tests/hostile/make_fixtures.py

Every feed is a file served over 127.0.0.1 by the tests; links are relative to the feed, so
pages resolve on the same server. ``EXPECT`` (in expectations.py) says what each case must give.
All text is written for this project.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent / "fixtures"

PROSE = ("The harbour council met on Tuesday evening to debate the new ferry timetable, which "
         "residents say leaves the outer islands without a morning crossing for most of the "
         "winter. Council members heard from fishermen, teachers and a nurse who commutes daily. "
         "The operator said the change followed a shortage of qualified crew and rising fuel "
         "costs, and promised a review before the spring season begins.")


def page(title: str, head: str = "", extra: str = "") -> str:
    paragraphs = "".join(f"<p>{PROSE} ({title}, part {n}.)</p>" for n in range(1, 4))
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<meta property=\"og:type\" content=\"article\">{head}</head><body><article>"
            f"<h1>{title}</h1>{paragraphs}{extra}</article></body></html>")


def rss(items: str, title: str = "Hostile case") -> str:
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" "
            f"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
            f"<title>{title}</title><link>http://example.invalid/</link>{items}</channel></rss>")


def pages() -> dict[str, str]:
    return {
        "pages/good-types.html": page("Ferry timetable under review"),
        "pages/bad-canonical.html": page("Harbour dredging resumes",
                                         '<link rel="canonical" href="http://[::1">'),
        "pages/js-canonical.html": page(
            "Island school gets a new roof", '<link rel="canonical" href="javascript:alert(1)">',
            '<p>Source: <a href="javascript:alert(2)">Coastal Wire</a></p>'),
        "pages/escaped-title.html": page("Lighthouse keeper retires after forty years"),
        "pages/surrogate.html": page("Storm closes the northern pier"),
    }


def feeds() -> dict[str, str | bytes]:
    wrong_types = {"version": "https://jsonfeed.org/version/1.1", "title": "Wrong types",
                   "items": [{"id": 1, "url": 123, "title": "Number url"},
                             {"id": 2, "url": "pages/good-types.html", "authors": 5,
                              "date_published": 5, "title": ["not", "text"]},
                             {"id": 3, "url": None, "external_url": {"x": 1}, "author": "x"},
                             "not an object", 7, None]}
    surrogates = ('{"version": "https://jsonfeed.org/version/1.1", "title": "Bad \\ud800 text", '
                  '"items": [{"id": "s1", "url": "pages/surrogate.html", "title": "A \\udcff b"}, '
                  '{"id": "s2", "title": "Linkless \\ud83d note", "content_html": '
                  '"<p>Text with a lone \\udfff surrogate, a NUL \\u0000 and more words.</p>"}]}')
    return {
        "json-wrong-types.json": json.dumps(wrong_types),
        "json-surrogates.json": surrogates,
        "json-nesting-bomb.json": '{"items": ' + "[" * 50_000 + "]" * 50_000 + "}",
        "rss-bad-canonical.xml": rss('<item><title>Dredging</title><link>pages/bad-canonical.html'
                                     '</link></item>'),
        "rss-javascript-links.xml": rss(
            '<item><title>Script link</title><link>javascript:alert(1)</link>'
            '<description>&lt;p&gt;An item whose link is a script, kept from its text.&lt;/p&gt;'
            '</description></item><item><title>Data link</title><link>data:text/html,hi</link>'
            '</item><item><title>Page</title><link>pages/js-canonical.html</link></item>'),
        "rss-escaped-title.xml": rss(
            '<item><title>&lt;b&gt;Lighthouse&lt;/b&gt; keeper &amp;amp; the sea</title>'
            '<link>pages/escaped-title.html</link></item>'),
        "rss-linkless.xml": rss(
            '<item><title>Council notice</title><guid isPermaLink="false">notice-1</guid>'
            '<content:encoded><![CDATA[<p>The council publishes its notices only in this feed. '
            'Tonight the ferry leaves at nine.</p><script>alert(1)</script>'
            '<p>Bring a coat.</p>]]></content:encoded></item>'
            '<item><description>A summary only, with no title and no guid at all.</description>'
            '</item><item></item>'),
        "rss-quadratic-blowup.xml": (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "x" * 20_000 + '">]>'
            + rss("".join('<item><title>Blow</title><link>pages/good-types.html</link>'
                          '<description>' + "&a;" * 5_000 + '</description></item>'
                          for _ in range(4)).replace("good-types.html", "good-types.html?quadratic"))[len('<?xml version="1.0" encoding="utf-8"?>'):]),
        "rss-billion-laughs.xml": (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">'
            + "".join(f'<!ENTITY l{n} "' + f"&l{n - 1};" * 10 + '">' for n in range(1, 10))
            + ']>' + rss('<item><title>&l9;</title><link>pages/good-types.html?laughs</link></item>')
            [len('<?xml version="1.0" encoding="utf-8"?>'):]),
        "rss-external-entity.xml": (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + rss('<item><title>&xxe;</title><link>pages/good-types.html?xxe</link></item>')
            [len('<?xml version="1.0" encoding="utf-8"?>'):]),
        "rss-utf16-laughs.xml": (
            '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE rss [<!ENTITY l0 "ha">'
            + "".join(f'<!ENTITY l{n} "' + f"&l{n - 1};" * 10 + '">' for n in range(1, 10))
            + ']>' + rss('<item><title>&l9;</title><link>pages/good-types.html?utf16</link></item>')
            [len('<?xml version="1.0" encoding="utf-8"?>'):]).encode("utf-16"),
        "rss-truncated.xml": rss('<item><title>Cut</title><link>pages/good-types.html?cut</link>'
                                 '</item><item><title>Half')[:-30],
        "not-a-feed.html": "<!doctype html><html><body><p>No feed here.</p></body></html>",
        "empty.xml": "",
        "binary.xml": bytes(range(256)) * 4,
    }


def main() -> None:
    for name, text in {**pages(), **feeds()}.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


if __name__ == "__main__":
    main()
