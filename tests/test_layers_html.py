import pytest

from layers.html import escape_text


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "${alert(document.cookie)}",
        "`; alert(1); `",
        "\\${x}",
    ],
)
def test_escaped_text_cannot_open_tags_or_substitutions(raw: str) -> None:
    out = escape_text(raw)
    for bad in ("<", ">", "${", "`", '"', "\\"):
        assert bad not in out


def test_plain_text_survives() -> None:
    assert escape_text("Donetsk — 80 %") == "Donetsk — 80 %"
    assert escape_text(None) == ""
    assert escape_text(26517) == "26517"
