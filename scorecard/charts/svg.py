"""Small, safe building blocks for inline SVG charts.

Every text and attribute value goes through `escape`; numbers through `num`, so output is
deterministic (no float noise) and identical for identical input.

Sizes are in CSS pixels at the chart's own size. A chart is never shown smaller than that
(`svg_document` sets its minimum width), so no text is ever under MIN_FONT pixels on screen:
`text_element` refuses smaller font sizes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
Number = int | float | Fraction | Decimal

MIN_FONT = 11  # the smallest text a chart draws, in CSS px at its own size
MAX_SCALE = Fraction(3, 2)  # how much larger than its own size a chart may be drawn
CHAR_WIDTH = Fraction(62, 100)  # a generous average glyph width, in ems, to fit text


def text_width(text: str, font_size: Number) -> Fraction:
    """An estimate of the width of `text` at `font_size` px (no font metrics: deterministic)."""
    return len(text) * CHAR_WIDTH * Fraction(font_size)


def fit(text: str, width: Number, font_size: Number) -> str:
    """`text` truncated (with an ellipsis) to fit `width` px at `font_size`."""
    return truncate(text, max(int(Fraction(width) / (CHAR_WIDTH * Fraction(font_size))), 2))


# Band colours, from the lowest band to the highest. The heat-map's shades make the worst band
# the most salient (dark red, white text), paling towards the middle and ending in a moderate
# green; every pair of fill and text keeps AA contrast. Badges keep white text on all five.
HEAT_SHADES = (
    ("#a50f15", "#ffffff"),
    ("#ef8a62", "#111111"),
    ("#fddbc7", "#111111"),
    ("#d9f0d3", "#111111"),
    ("#a6dba0", "#111111"),
    ("#5aae61", "#111111"),
)
BADGE_COLOURS = ("#b42318", "#b54708", "#8a6100", "#3b7a1e", "#1a7f37")
NO_BAND = ("#e5e7eb", "#111111")


def band_slot(band_ids: Sequence[str], band_id: str | None, slots: int) -> int | None:
    """Which of `slots` palette entries a band gets: bands spread from the first slot (the
    lowest band) to the last (the highest); None for no band."""
    if band_id not in band_ids:
        return None
    rank = list(band_ids).index(band_id)  # type: ignore[arg-type]
    return round(rank * (slots - 1) / max(len(band_ids) - 1, 1))


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
    """A `<text>` element holding escaped `text`; its `font_size` is at least MIN_FONT."""
    size = attributes.get("font_size")
    if not isinstance(size, int | float | Fraction | Decimal) or size < MIN_FONT:
        raise ValueError(f"chart text needs a font_size of at least {MIN_FONT}: {size!r}")
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
    container's width between its own size and MAX_SCALE times it. `id_prefix` must be unique
    on the page."""
    ids = f"{id_prefix}-title {id_prefix}-desc"
    sizes = f"min-width:{num(width)}px;max-width:{num(Fraction(width) * MAX_SCALE)}px"
    head = (
        f'<svg xmlns="{SVG_NS}"'
        + attrs({"class": class_, "viewBox": f"0 0 {num(width)} {num(height)}", "style": sizes})
        + f' role="img" aria-labelledby="{escape(ids)}" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{escape(id_prefix)}-title">{escape(title)}</title>'
        f'<desc id="{escape(id_prefix)}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")
