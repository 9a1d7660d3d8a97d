"""Small, safe building blocks for inline SVG charts.

Every text and attribute value goes through `escape`; numbers through `num`, so output is
deterministic (no float noise) and identical for identical input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
Number = int | float | Fraction | Decimal


def escape(text: object) -> str:
    """XML-escape text or an attribute value (quotes included)."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def num(value: Number) -> str:
    """A coordinate with at most two decimals and no trailing zeros: 12.5, 40, 0.33."""
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, float):
        exact = Decimal(repr(value))
    else:
        exact = Decimal(value)
    text = format(round(exact, 2).normalize(), "f")
    return "0" if text == "-0" else text


def attrs(values: Mapping[str, object | None]) -> str:
    """` name="value"` pairs in the order given; None values are left out."""
    return "".join(
        f' {name}="{num(v) if isinstance(v, Number) and not isinstance(v, bool) else escape(v)}"'
        for name, v in values.items()
        if v is not None
    )


def element(tag: str, content: str = "", **attributes: object | None) -> str:
    """An SVG element; `content` must already be escaped SVG (use `text_element` for text).
    Attribute names use `_` for `-` (font_size -> font-size) and a trailing `_` for
    keywords (class_ -> class)."""
    names = {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()}
    if content:
        return f"<{tag}{attrs(names)}>{content}</{tag}>"
    return f"<{tag}{attrs(names)}/>"


def text_element(text: str, **attributes: object | None) -> str:
    """A `<text>` element holding escaped `text`."""
    return element("text", escape(text), **attributes)


def truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis; the full text belongs in the
    chart's text alternative."""
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def svg_document(
    *,
    width: Number,
    height: Number,
    title: str,
    desc: str,
    body: Iterable[str],
    id_prefix: str,
    class_: str = "chart",
) -> Markup:
    """A complete accessible `<svg role="img">` with `<title>` and `<desc>`, scaled to its
    container's width. `id_prefix` must be unique on the page."""
    ids = f"{id_prefix}-title {id_prefix}-desc"
    head = (
        f'<svg xmlns="{SVG_NS}"'
        + attrs({"class": class_, "viewBox": f"0 0 {num(width)} {num(height)}"})
        + f' role="img" aria-labelledby="{escape(ids)}" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{escape(id_prefix)}-title">{escape(title)}</title>'
        f'<desc id="{escape(id_prefix)}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")
