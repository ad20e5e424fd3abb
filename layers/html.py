"""The one escaping helper for text shown on maps and in HTML.

Report text and uploaded properties are untrusted. folium puts tooltip and popup text
inside JavaScript template literals and escapes backticks but not ``${``, and the map
iframe can reach the whole page; so every displayed string is escaped here, for HTML
and for a template literal, before it reaches folium or ``st.markdown``.
"""

from __future__ import annotations

import html

__all__ = ["escape_text"]


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
