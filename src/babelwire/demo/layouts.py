"""Markup templates of the demo outlets: page chrome and article blocks.

Four flavours imitate common CMS output (a WordPress theme, Drupal, a
Ghost-like theme and a cheap "NewsBox" relay theme), so that extraction is
not fitted to a single template.  All text goes through :func:`esc`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping, Sequence

from .catalog import OutletContent

Links = Sequence[tuple[str, str]]


def esc(text: str) -> str:
    """Escape text for HTML element content and quoted attributes."""
    return html.escape(text, quote=True)


def slugify(text: str) -> str:
    """A crude URL slug for section/tag/author links."""
    kept = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in kept.split("-") if part)


def format_date(ui: Mapping[str, object], iso: str) -> str:
    """Human-readable local date in the outlet's language."""
    moment = datetime.fromisoformat(iso)
    return str(ui["date_format"]).format(
        day=moment.day, month=ui["months"][moment.month - 1], year=moment.year,
        hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}")


@dataclass(frozen=True)
class Chrome:
    """Page furniture of one theme, parameterised by CSS class names."""

    body_class: str
    cls: Mapping[str, str]
    css: str = "body{font-family:sans-serif;margin:0}"
    script: str = "document.documentElement.className+=' js';"
    sidebar_first: bool = False

    def cookie_banner(self, outlet: OutletContent) -> str:
        ui = outlet.ui
        return (f'<div id="cookie-consent" class="{self.cls["cookie"]}" role="dialog">'
                f'<p>{esc(ui["cookie_text"])}</p>'
                f'<button type="button" class="accept">{esc(ui["cookie_accept"])}</button> '
                f'<button type="button" class="settings">{esc(ui["cookie_settings"])}</button>'
                "</div>\n")

    def header(self, outlet: OutletContent) -> str:
        nav = "".join(
            f'<li class="menu-item"><a href="/{"" if i == 0 else slugify(label) + "/"}">'
            f"{esc(label)}</a></li>" for i, label in enumerate(outlet.ui["nav"]))
        return (f'<header class="{self.cls["header"]}"><div class="branding">'
                f'<p class="site-title"><a href="/" rel="home">{esc(outlet.name)}</a></p>'
                f'<p class="site-description">{esc(outlet.tagline)}</p></div>\n'
                f'<nav class="{self.cls["nav"]}" aria-label="Menu"><ul class="menu">{nav}</ul>'
                "</nav></header>\n")

    def breadcrumb(self, outlet: OutletContent, section: str, headline: str) -> str:
        home = esc(outlet.ui["breadcrumb_home"])
        return (f'<nav class="{self.cls["crumbs"]}" aria-label="breadcrumb">'
                f'<a href="/">{home}</a> &rsaquo; '
                f'<a href="/{slugify(section)}/">{esc(section)}</a> &rsaquo; '
                f'<span class="current">{esc(headline)}</span></nav>\n')

    def wrap(self, main: str, sidebar: str) -> str:
        main_html = f'<main id="main" class="{self.cls["main"]}">\n{main}</main>\n'
        inner = sidebar + main_html if self.sidebar_first else main_html + sidebar
        return f'<div id="content" class="{self.cls["content"]}">\n{inner}</div>\n'

    def sidebar(self, outlet: OutletContent, links: Links) -> str:
        items = "".join(f'<li><a href="{esc(p)}">{esc(t)}</a></li>' for p, t in links[:4])
        return (f'<aside class="{self.cls["sidebar"]}">'
                f'<section class="widget popular"><h3 class="widget-title">'
                f'{esc(outlet.ui["most_read"])}</h3><ol>{items}</ol></section>'
                f'<div class="ad-slot"><span>{esc(outlet.ui["advert"])}</span></div>'
                "</aside>\n")

    def share(self, outlet: OutletContent, url: str) -> str:
        buttons = "".join(
            f'<li><a class="share-{i}" href="https://share.invalid/?u={esc(url)}" '
            f'rel="nofollow">{esc(label)}</a></li>'
            for i, label in enumerate(outlet.ui["share_links"]))
        return (f'<div class="{self.cls["share"]}"><h4>{esc(outlet.ui["share_label"])}</h4>'
                f"<ul>{buttons}</ul></div>\n")

    def related(self, outlet: OutletContent, links: Links) -> str:
        items = "".join(f'<li><a href="{esc(p)}">{esc(t)}</a></li>' for p, t in links)
        return (f'<section class="{self.cls["related"]}"><h3>{esc(outlet.ui["related"])}</h3>'
                f"<ul>{items}</ul></section>\n")

    def newsletter(self, outlet: OutletContent) -> str:
        ui = outlet.ui
        return (f'<div class="{self.cls["newsletter"]}"><h3>{esc(ui["newsletter_title"])}</h3>'
                f'<p>{esc(ui["newsletter_text"])}</p><form action="/newsletter/" method="post">'
                '<input type="email" name="email" '
                f'placeholder="{esc(ui["newsletter_placeholder"])}">'
                f'<button type="submit">{esc(ui["newsletter_button"])}</button></form></div>\n')

    def comments(self, outlet: OutletContent) -> str:
        return (f'<div id="comments" class="comments-area"><h3>{esc(outlet.ui["comments_title"])}'
                f'</h3><p class="must-log-in">{esc(outlet.ui["comments_text"])}</p></div>\n')

    def footer(self, outlet: OutletContent) -> str:
        links = " · ".join(f'<a href="/{slugify(t)}/">{esc(t)}</a>'
                           for t in outlet.ui["footer_links"])
        return (f'<footer class="{self.cls["footer"]}"><nav class="footer-menu">{links}</nav>'
                f'<p class="copyright">{esc(outlet.ui["copyright"])}</p>'
                f'<p class="theme-credit">{esc(outlet.ui["theme_notice"])}</p></footer>\n')

    def back_to_top(self, outlet: OutletContent) -> str:
        return (f'<a href="#top" class="{self.cls["top"]}" aria-label="top">'
                f'{esc(outlet.ui["back_to_top"])}</a>\n')


def _chrome(body: str, prefix: str, sidebar_first: bool = False, **overrides: str) -> Chrome:
    names = ["cookie", "header", "nav", "crumbs", "content", "main", "sidebar",
             "share", "related", "newsletter", "footer", "top"]
    cls = {name: f"{prefix}-{name}" for name in names}
    cls.update(overrides)
    return Chrome(body_class=body, cls=cls, sidebar_first=sidebar_first)


CHROME: dict[str, Chrome] = {
    "wordpress": _chrome("wp-theme-periodico single-post", "wp", cookie="cookie-notice-container",
                         header="site-header", nav="main-navigation", crumbs="rank-math-breadcrumb",
                         sidebar="widget-area", share="sharedaddy sd-sharing",
                         related="jp-relatedposts", top="scroll-to-top"),
    "drupal": _chrome("path-node page-node-type-article", "block", sidebar_first=True,
                      cookie="eu-cookie-compliance-banner", nav="block-mainnavigation menu--main",
                      crumbs="breadcrumb block-system-breadcrumb-block",
                      content="layout-container"),
    "ghost": _chrome("post-template tag-news", "gh", cookie="gh-consent-bar",
                     newsletter="gh-subscribe", top="gh-back-to-top"),
    "newsbox": _chrome("newsbox single", "nb", cookie="cc-window cc-banner",
                       share="nb-social-share", related="nb-you-may-like"),
}

