"""Charts as inline SVG: no JavaScript, no external requests, accessible.

Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` (named through
`aria-labelledby`), and the page that shows it also gives the same figures as text (a table).
Shared building blocks are in `scorecard.charts.svg`; one module per chart:

- `bars.pillar_bars(result, t, lang)`: a scorecard's pillar scores.

Colours come from CSS classes (`chart-bar`, `chart-grid`, `chart-muted`...) that the page's
stylesheet sets for light and dark schemes; presentation attributes give sane defaults when
an SVG is used on its own.
"""
