"""The one escaping helper for text shown on maps and in HTML.

Report text and uploaded properties are untrusted. folium puts tooltip and popup text
inside JavaScript template literals and escapes backticks but not ``${``, and the map
iframe can reach the whole page; so every displayed string is escaped here, for HTML
and for a template literal, before it reaches folium or ``st.markdown``.
"""

from __future__ import annotations

import html

__all__ = ["escape_text", "escape_markdown"]


def escape_text(value: object) -> str:
    """Escape any value for display as text inside HTML or a JS template literal.

    Parameters
    ----------
    value : object
        Anything; ``None`` becomes ``""``.

    Returns
    -------
    str
        ``<``, ``>``, ``&``, quotes, backticks, ``$``, ``{``, ``}`` and backslashes
        become HTML character references, so the text can neither open a tag nor
        start a ``${...}`` substitution nor end a template literal.

    Examples
    --------
    >>> escape_text("<img src=x onerror=alert(1)> ${1+1}")
    '&lt;img src=x onerror=alert(1)&gt; &#36;&#123;1+1&#125;'
    """
    if value is None:
        return ""
    text = html.escape(str(value), quote=True)
    return (
        text.replace("\\", "&#92;")
        .replace("`", "&#96;")
        .replace("$", "&#36;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


_MARKDOWN_SPECIALS = set("\\`*_[]()#+-.!|~{}$:")
_HTML_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#x27;"}


def escape_markdown(value: object) -> str:
    """Escape a value for Streamlit markdown (``st.markdown``, ``st.caption``, headers).

    HTML characters become entities and markdown punctuation (including ``$``, which
    Streamlit reads as LaTeX) is backslash-escaped, so report text can make neither
    tags nor links, images, emphasis, headings or formulas.

    Examples
    --------
    >>> print(escape_markdown("[x](javascript:y) <b>*z*</b> $1"))
    \\[x\\]\\(javascript\\:y\\) &lt;b&gt;\\*z\\*&lt;/b&gt; \\$1
    """
    if value is None:
        return ""
    out = []
    for ch in str(value):
        if ch in _HTML_ENTITIES:
            out.append(_HTML_ENTITIES[ch])
        elif ch in _MARKDOWN_SPECIALS:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
