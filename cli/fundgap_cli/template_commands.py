"""``fundgap new-agreement``: the template of a draft agreement, from the registry alone."""

from __future__ import annotations

from datetime import date

import click

from fundgap.i18n.message import label, message
from fundgap_cli.options import help_text, language_option, parse_day


@click.command(
    "new-agreement",
    help=help_text(
        message(
            "Write the template of a draft agreement between a county and its municipalities, "
            "with every grey-zone category as a clause to fill in and uncomment.\n\nThe "
            "period is the next calendar year unless --from or --until is given. Without "
            "--output the template is printed; a file given to --output must not exist yet: "
            "it is never overwritten."
        ),
        (
            "fundgap new-agreement --county Pirkanmaa --municipality Tampere --municipality Nokia",
            "fundgap new-agreement --county Kainuu --municipality Kuhmo --from 2027-01-01 "
            "--until 2028-12-31 -o agreements/kainuu/agreements/kuhmo-2027.toml",
        ),
    ),
)
@click.option(
    "--county",
    required=True,
    metavar=help_text(label("metavar", "COUNTY")),
    help=help_text(message("The county's name or code.")),
)
@click.option(
    "--municipality",
    "municipalities",
    required=True,
    multiple=True,
    metavar=help_text(label("metavar", "MUNICIPALITY")),
    help=help_text(message("A municipality of the county, by name or code; repeat for each.")),
)
@click.option(
    "--from",
    "valid_from",
    metavar=help_text(label("metavar", "DATE")),
    callback=parse_day,
    help=help_text(message("The first day of the agreement (default: the next 1 January).")),
)
@click.option(
    "--until",
    "valid_until",
    metavar=help_text(label("metavar", "DATE")),
    callback=parse_day,
    help=help_text(
        message("The last day of the agreement (default: 31 December of its first year).")
    ),
)
@click.option(
    "--title",
    metavar=help_text(label("metavar", "TEXT")),
    help=help_text(message("The agreement's title (default: one made from the parties).")),
)
@click.option(
    "--output",
    "-o",
    metavar=help_text(label("metavar", "FILE")),
    type=click.Path(readable=False, allow_dash=True, path_type=str),
    help=help_text(
        message(
            "Write the template to this new file instead of standard output; - is standard "
            "output. An existing file is never overwritten."
        )
    ),
)
@language_option
def new_agreement_command(
    county: str,
    municipalities: tuple[str, ...],
    valid_from: date | None,
    valid_until: date | None,
    title: str | None,
    output: str | None,
    lang: str,
) -> None:
    """``fundgap new-agreement``: nothing is read but the registry, and the template goes only
    to a new file, so no input can be replaced; a new file in a dataset's agreements/ folder is
    the point (a negotiator's draft), not a mistake."""
    from fundgap.commands import new_agreement_output

    if output is not None and output != "-":
        from fundgap.render.output import check_output

        check_output(output)  # a bad folder before the work
    text = new_agreement_output(
        county,
        municipalities,
        valid_from=valid_from,
        valid_until=valid_until,
        title=title,
        lang=lang,
    )
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from fundgap.render.output import write_new

    write_new(output, text)
