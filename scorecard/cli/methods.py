"""`scorecard sensitivity` and `scorecard agreement`: how much a ranking depends on the
method, and how far independent coders agree."""

from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.app import (
    OutputOption,
    app,
    examples,
    format_option,
    lang_option,
    require_paths,
    set_language,
    workspace_for,
    write_report,
)


@app.command(
    short_help="How much the ranking depends on the method.",
    epilog=examples(
        "scorecard sensitivity",
        "scorecard sensitivity assessments/ --draws 5000 --seed 7 --format md -o sensitivity.md",
        "scorecard sensitivity --weight-spread 0.5 --band-shift 2.5 --format csv",
    ),
)
def sensitivity(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Assessment files or folders (default: the workspace's assessments); the "
            "latest edition of each jurisdiction is ranked.",
        ),
    ] = None,
    draws: Annotated[
        int, typer.Option("--draws", min=1, metavar="N", help="How many methods to draw.")
    ] = 1000,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", metavar="N", help="Seed of the draws: the same seed, the same report."
        ),
    ] = 1,
    weight_spread: Annotated[
        float,
        typer.Option(
            "--weight-spread",
            min=0,
            max=0.95,
            metavar="SHARE",
            help="Weights vary by up to this share of their value (0.25: ±25%).",
        ),
    ] = 0.25,
    band_shift: Annotated[
        float,
        typer.Option(
            "--band-shift",
            min=0,
            max=50,
            metavar="POINTS",
            help="Band boundaries move by up to this many points.",
        ),
    ] = 5.0,
    format: Annotated[str, format_option("sensitivity")] = "table",
    output: OutputOption = None,
    lang: Annotated[
        str, lang_option("Language of the table and Markdown (en, es); JSON keeps ids.")
    ] = "en",
) -> None:
    """How much the ranking depends on the method: median rank, 5-95% rank interval, chance
    of a band change and the assumption that moves each jurisdiction most, over draws of the
    weights, pillar aggregation (mean, weakest link, geometric), missing answers (left out,
    lowest, highest level) and band thresholds."""
    from scorecard.api import sensitivity_of
    from scorecard.sensitivity import SensitivitySettings

    set_language(lang)
    paths = paths or []
    require_paths(paths)
    workspace = workspace_for(paths, required=not paths)
    settings = SensitivitySettings(draws, seed, weight_spread, band_shift)
    found = sensitivity_of(paths, workspace, settings)
    inputs = paths or [workspace.assessments_dir]
    write_report("sensitivity", format, found, lang=lang, output=output, inputs=inputs)


@app.command(
    short_help="How far independent coders agree.",
    epilog=examples(
        "scorecard agreement codings/alice/XA/2024.yaml codings/bob/XA/2024.yaml",
        "scorecard agreement codings/alice codings/bob --format md",
        "scorecard agreement codings/ --format csv -o reconcile.csv",
    ),
)
def agreement(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Two or more independent codings (assessment files) of the same editions, "
            "or folders of them, such as codings/CODER/ (see docs/methodology.md).",
        ),
    ],
    format: Annotated[str, format_option("agreement")] = "table",
    output: OutputOption = None,
    lang: Annotated[
        str, lang_option("Language of the table and Markdown (en, es); JSON keeps ids.")
    ] = "en",
) -> None:
    """How far coders agree: Krippendorff's alpha (ordinal and nominal) and percent agreement,
    overall, per pillar and per indicator, and the answers to reconcile."""
    from scorecard.api import agreement_of

    set_language(lang)
    require_paths(paths)
    found = agreement_of(paths, workspace_for(paths))
    write_report("agreement", format, found, lang=lang, output=output, inputs=paths)
