"""Bodies and headlines of real pages (issue 10), each pattern reproduced by a hand-written page."""

from lxml import html as lxml_html

from babelwire.extract import extract_article
from babelwire.extract.body import choose_body
from babelwire.extract.dom import strip_clutter, text_blocks

PARAGRAPHS = [
    "The lighthouse keepers' logbooks were kept in the harbour office until the flood of "
    "1953, when the lower shelves were soaked and most of the early volumes were lost.",
    "Volunteers have now scanned the forty volumes that survived, page by page, and the "
    "archive will publish them in the spring together with a searchable index of ships.",
    "The entries record weather, passing ships and repairs, and a few keepers wrote longer "
    "notes about storms, rescues and the slow life of the island through the winters.",
    "Historians expect the logs to settle old questions about the wrecks on the northern "
    "reef, where three schooners were lost in a single night in the autumn of 1881.",
]


def page(body: str, head: str = "", h1: str = "The keepers' logbooks go online") -> str:
    return (f"<html lang='en'><head><title>The keepers' logbooks go online</title>{head}"
            f"</head><body><header><a href='/'>Island Archive</a></header>"
            f"<main><h1>{h1}</h1>{body}</main>"
            f"<footer><p>© Island Archive</p></footer></body></html>")


def test_a_custom_element_inside_a_paragraph_keeps_the_paragraph():
    """<side-note>, <copyable-code>: a page's own elements run inline unless they hold blocks."""
    first = PARAGRAPHS[0].replace("harbour office",
                                  "harbour <side-note>(see the map)</side-note> office")
    body = f"<article><p>{first}</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]) \
        + "</article>"
    article = extract_article(page(body))
    assert "(see the map)" in article.body
    assert "soaked and most of the early volumes" in article.body


def test_highlighted_code_keeps_its_comments():
    """Syntax highlighters name spans "comment" or "tag": inside code they are not furniture."""
    code = ("<pre><code><span class='hljs-comment'># fetch the scanned volumes</span>\n"
            "archive fetch --all\n<span class='hljs-comment'># build the index</span>\n"
            "archive index</code></pre>")
    body = "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + code + \
        "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]) + "</article>"
    article = extract_article(page(body))
    assert "# fetch the scanned volumes" in article.body and "archive index" in article.body


def test_sections_in_their_own_boxes_come_out_whole():
    """Each section's paragraphs sit in a classless box inside a "text-block" box, with image
    boxes between them: the boxes are one body, not rival containers."""
    sections = "".join(
        f"<div class='essay-text'><div><h2>Part {n}</h2><p>{p}</p></div></div>"
        f"<div class='essay-image'><div><img src='/{n}.jpg'><span>Scan {n} of the logbook, "
        f"shown at full size for the volunteers who are checking it.</span></div></div>"
        for n, p in enumerate(PARAGRAPHS, 1))
    html = page(f"<div class='essay'>{sections}</div>")
    assert all(p in extract_article(html).body for p in PARAGRAPHS)
    blocks = text_blocks(strip_clutter(lxml_html.fromstring(html)))
    chosen = [block.text for block in choose_body(blocks).blocks]  # the DOM reading alone
    assert all(p in chosen for p in PARAGRAPHS)


def test_a_list_of_links_inside_the_story_is_part_of_it():
    """The story's own references, between its paragraphs, are not navigation."""
    links = "<ul>" + "".join(
        f"<li><a href='/vol/{n}'>Logbook volume {n}, {1880 + n} to {1881 + n}</a></li>"
        for n in range(1, 5)) + "</ul>"
    body = "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + links + \
        "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]) + "</article>"
    article = extract_article(page(body))
    assert "Logbook volume 3, 1883 to 1884" in article.paragraphs


def test_a_date_and_a_label_inside_the_headline_are_not_the_title():
    h1 = ("<span class='descriptor'>Title:</span> <time datetime='2026-01-05'>Jan 5 2026</time>"
          " The keepers' logbooks go online<br>as a searchable archive")
    body = "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    article = extract_article(page(body, h1=h1))
    assert article.title == "The keepers' logbooks go online as a searchable archive"


def test_a_byline_swallowed_by_the_headline_is_not_the_title():
    h1 = "The keepers' logbooks go online<div class='rule'></div><h3>Posted on 5 January 2026</h3>"
    body = "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    assert extract_article(page(body, h1=h1)).title == "The keepers' logbooks go online"


def test_sections_beside_a_deep_region_join_it_inside_the_headlines_container():
    """The densest part (a checklist several boxes deep) is chosen first; the intro and the
    sections after it sit elsewhere in the container that also holds the headline."""
    items = "".join(f"<div class='item'><p>{p}</p></div>" for p in PARAGRAPHS[1:3])
    deep = f"<div class='media'><div class='box'><div class='inner'><div class='list'>{items}" \
        "</div></div></div></div>"
    after = ("<section class='more-text'><div class='col'><div class='row'>"
             "<h2>What the logs do not say</h2>"
             f"<p>{PARAGRAPHS[3]}</p></div></div></section>")
    html = (f"<html lang='en'><head><title>The keepers' logbooks go online</title></head><body>"
            f"<nav><a href='/'>Island Archive</a></nav><div class='story'>"
            f"<div class='story-header'><h1>The keepers' logbooks go online</h1></div>"
            f"<div class='story-content'><section class='intro'><div class='col'><div class='row'>"
            f"<p>{PARAGRAPHS[0]}</p></div></div></section>{deep}{after}</div></div>"
            f"<footer><p>© Island Archive</p></footer></body></html>")
    article = extract_article(html)
    assert PARAGRAPHS[0] in (article.standfirst, article.paragraphs[0])  # the intro
    assert all(p in article.body for p in PARAGRAPHS[1:])


def test_a_long_headline_does_not_make_its_own_box_the_story():
    """Headline and text boxes share a class ("rtf"); a heading casts no vote, so the text
    boxes, not the headline's, are the story."""
    h1 = "The keepers' logbooks of the northern lighthouse go online after seventy years"
    sections = "".join(f"<div class='rtf body'><h2>Part {n}</h2><p>{p}</p></div>"
                       for n, p in enumerate(PARAGRAPHS, 1))
    html = (f"<html lang='en'><head><title>Logbooks online</title></head><body><main>"
            f"<div class='rtf title'><h1>{h1}</h1></div>{sections}</main></body></html>")
    tree = lxml_html.fromstring(html)
    headline = tree.find(".//h1")
    blocks = text_blocks(strip_clutter(tree, headline))
    chosen = [block.text for block in choose_body(blocks, "", headline).blocks]
    assert all(p in chosen for p in PARAGRAPHS)
