"""Articles as users have them: text and Markdown files, saved web pages, folders and zips.

:func:`read_articles` takes paths (files, folders, zips; ``-`` for standard input) and
gives one :class:`Article` per article, in name order, with every file it could not use
and why (never an exception for one bad file among many):

* ``.txt`` and ``.md``: UTF-8 text (:func:`geo.extract.text.decode_article`'s checks);
* ``.html`` / ``.htm``: a saved page; its article text is taken out by trafilatura
  (the page's navigation, "read also" boxes and comments left behind), and its
  publication date is kept when the page's metadata gives one;
* a folder: every such file in it and below it (hidden files and folders skipped);
* a ``.zip``: every such member, read within :mod:`geo.archive`'s budgets.

At most :data:`MAX_ARTICLES` articles in one call.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from geo.archive import member_problem, open_zip, read_member
from geo.errors import ArticleError, FrontlineError
from geo.extract.text import MAX_CHARS, check_article, decode_article

__all__ = ["Article", "read_articles", "article_text", "MAX_ARTICLES", "ARTICLE_SUFFIXES"]

#: Most articles read in one call.
MAX_ARTICLES = 5_000
#: The files read as articles.
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class Article:
    """One article: where it came from, its text, and the date its page gives (HTML
    metadata; None for text files, whose date comes from their dateline)."""

    name: str
    text: str
    kind: str
    page_date: dt.date | None = None


def article_text(raw: bytes, name: str) -> tuple[str, str, dt.date | None]:
    """``(text, kind, page date)`` of one file's bytes, by its suffix; an
    :class:`~geo.errors.ArticleError` names the file and what is wrong."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in (".html", ".htm"):
        return _html(raw, name)
    if suffix in (".txt", ".md", ""):
        text = decode_article(raw, label=name)
        return check_article(text, label=name), "text", None
    raise ArticleError(f"{name}: a {suffix} file is not read as an article; expected "
                       f"{', '.join(ARTICLE_SUFFIXES)} (or a folder or .zip of them).")


def _html(raw: bytes, name: str) -> tuple[str, str, dt.date | None]:
    import trafilatura

    page = decode_article(raw, label=name)
    text = trafilatura.extract(page, include_comments=False, include_tables=False,
                               favor_precision=True)
    if not text or not text.strip():
        raise ArticleError(f"{name}: no article text found in the page (trafilatura found "
                           "none: an index page, a page of scripts only?); save the "
                           "article's own page, or paste its text into a .txt file.")
    when = None
    meta = trafilatura.extract_metadata(page)
    if meta is not None and meta.date:
        try:
            when = dt.date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            when = None
    return check_article(text, label=name), "html", when


def read_articles(paths: list[str], *, stdin: bytes | None = None
                  ) -> tuple[list[Article], list[str]]:
    """Every article of ``paths`` and the problems of those that could not be read.

    Parameters
    ----------
    paths : list of str
        Files, folders, zips; ``-`` reads ``stdin`` (or standard input).
    stdin : bytes, optional, keyword-only
        What ``-`` reads (default the process's standard input).

    Returns
    -------
    (list of Article, list of str)
        The articles in name order; one message per file left out (``name: why``).

    Raises
    ------
    FrontlineError
        A path that does not exist, or more than :data:`MAX_ARTICLES` articles.
    """
    articles: list[Article] = []
    problems: list[str] = []

    def add(raw: bytes, name: str) -> None:
        try:
            text, kind, when = article_text(raw, name)
        except ArticleError as exc:
            problems.append(str(exc))
            return
        articles.append(Article(name, text, kind, when))
        if len(articles) > MAX_ARTICLES:
            raise FrontlineError(f"more than {MAX_ARTICLES:,} articles in one call; the "
                                 "limit keeps a run to minutes. Give fewer at once.")

    for p in paths:
        if p == "-":
            raw = stdin if stdin is not None else sys.stdin.buffer.read(4 * MAX_CHARS + 1)
            add(raw, "stdin")
            continue
        path = Path(p)
        if not path.exists():
            raise FrontlineError(f"{p}: not found; give article files (.txt, .md, .html), "
                                 "folders or zips of them, or - for standard input.")
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or not f.is_file():
                    continue
                if f.suffix.lower() in ARTICLE_SUFFIXES:
                    add(_read(f), f"{path.name}/{rel.as_posix()}")
        elif path.suffix.lower() == ".zip":
            _zip(path, add, problems)
        else:
            add(_read(path), path.name)
    return sorted(articles, key=lambda a: a.name), problems


def _read(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(4 * MAX_CHARS + 1)


def _zip(path: Path, add: Callable[[bytes, str], None], problems: list[str]) -> None:
    with open_zip(path, path.name, error=FrontlineError) as zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            name = f"{path.name}/{info.filename}"
            base = PurePosixPath(info.filename)
            if info.is_dir() or any(part.startswith((".", "__MACOSX")) for part in base.parts):
                continue
            if base.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            problem = member_problem(info)
            if problem:
                problems.append(f"{name}: {problem}")
                continue
            try:
                raw = read_member(zf, info, name, error=ArticleError)
            except ArticleError as exc:
                problems.append(str(exc))
                continue
            add(raw, name)
