"""Charts as inline SVG: no JavaScript, no external requests, accessible.

Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` (named through
`aria-labelledby`), and the page that shows it also gives the same figures as text (a table).
Shared building blocks, the band palettes and the 11 px text floor are in
`scorecard.charts.svg`; one module per chart:

- `bars.pillar_bars(result, t, lang)`: a scorecard's pillar scores;
- `history.history_chart(results, t)`: a jurisdiction's overall score over its editions;
- `heatmap.pillar_heatmap(results, t, rubric=...)`: every jurisdiction's pillars on the index;
- `change.change_chart_svg(diff, lang)`: old and new scores of a diff.

Each is laid out to fit a phone (about 360 px) and is drawn between its own size and one and a
half times it, so its text is never under 11 CSS px on screen.

Colours come from CSS classes (`chart-bar`, `chart-grid`, `chart-muted`...) that the page's
stylesheet sets for light and dark schemes; presentation attributes give sane defaults when
an SVG is used on its own.
"""
