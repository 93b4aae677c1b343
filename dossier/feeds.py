"""RSS 2.0 feeds of the articles: one of them all and one per theme.

Deterministic: no build time anywhere (RSS makes ``lastBuildDate`` optional, and we leave it out); an
item's ``pubDate`` is the article's own date, and only when the article gives a full one. Links are
relative to the feed's own URL, since the site's address is not known at build time; feed readers
resolve them against the URL they fetched the feed from.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from .index import KnowledgeBase
from .model import Article

FEED_DIR = "feeds"
#: at the site's root: Material fetches ``sitemap.xml`` next to every ``<link rel="alternate">`` target (it
#: takes them for language versions), and only the root has one; elsewhere that is a 404 in the console
ALL_ARTICLES = "feed.xml"
DC = "http://purl.org/dc/elements/1.1/"
SUMMARY_CHARS = 400
FEED_ITEMS = 50  # the newest articles; a feed is for following what is new, not an archive


def theme_feed_path(theme_slug: str) -> str:
    return f"{FEED_DIR}/themes/{theme_slug}.xml"


def _link(feed_path: str, page_src: str) -> str:
    """The page's directory URL relative to the feed file's folder (articles/x.md -> ../articles/x/)."""
    target = page_src[: -len(".md")] + "/"
    return posixpath.relpath(target, posixpath.dirname(feed_path) or ".") + "/"


def summary(article: Article) -> str:
    text = next((b.text for b in article.blocks if b.kind == "paragraph"), "")
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"
    return text


def _pub_date(article: Article) -> str:
    if article.date is None or article.date.value is None:
        return ""
    day = article.date.value
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))


def rss(kb: KnowledgeBase, feed_path: str, title: str, description: str, articles: list[Article]) -> str:
    """One RSS 2.0 document of the first FEED_ITEMS ``articles`` (give them newest first)."""
    ET.register_namespace("dc", DC)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = posixpath.relpath(".", posixpath.dirname(feed_path) or ".") + "/"
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = "en"
    newest = next((d for d in map(_pub_date, articles[:FEED_ITEMS]) if d), "")
    if newest:
        ET.SubElement(channel, "pubDate").text = newest
    for article in articles[:FEED_ITEMS]:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = article.title
        link = _link(feed_path, article.path)
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = f"dossier:{article.id}"
        ET.SubElement(item, "description").text = summary(article)
        if article.author:
            ET.SubElement(item, f"{{{DC}}}creator").text = article.author
        date = _pub_date(article)
        if date:
            ET.SubElement(item, "pubDate").text = date
        for theme_id in kb.article_entities[article.id]["theme"]:
            ET.SubElement(item, "category").text = kb.entities[theme_id].name
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def feeds(kb: KnowledgeBase, site_name: str = "Dossier", only: set[str] | None = None) -> dict[str, str]:
    """{path under docs/: RSS text}: every article, and every theme's articles; only the feeds of ``only``
    (paths) when given (an incremental build's, whose edits change some feeds' items)."""
    out = {}
    if only is None or ALL_ARTICLES in only:
        out[ALL_ARTICLES] = rss(kb, ALL_ARTICLES, f"{site_name}: articles", "Every article in the knowledge base",
                                kb.articles)
    by_id = kb.article_by_id
    for theme in kb.of_type("theme"):
        path = theme_feed_path(theme.slug)
        if only is None or path in only:
            out[path] = rss(kb, path, f"{site_name}: {theme.name}", f"Articles about {theme.name}",
                            [by_id[a] for a in kb.entity_articles.get(theme.id, [])[:FEED_ITEMS]])
    return out
