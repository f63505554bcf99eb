"""`flask national-warm`: keep the counts behind the national pages in the database.

Run by cron (or a systemd timer) after a deploy and then every hour or so; running it again
writes only what changed since. A web worker that starts afterwards reads the stored counts in
one statement instead of recomputing every sharing programme (about 25 s at tier XL), and
recomputes only the programmes whose data changed since the last run.
"""

from __future__ import annotations

import click

from omtracker import clock
from omtracker.extensions import db
from omtracker.national import counts, figures, rollup, rollup_movement
from omtracker.periods import add_months


def warm(month: str | None = None) -> dict[str, int]:
    """Store this month's and last month's counts and the latest edition's (flushes)."""
    month = month or clock.this_month()
    ids = figures.sharing_programme_ids()
    written = {"programmes": len(ids), "month": 0, "half_year": 0}
    if not ids:
        return written
    edition = rollup.edition_of(month)
    for period in sorted({month, add_months(month, -1), edition}):
        written["month"] += counts.store_theme_rows(ids, period)
    since = add_months(edition, -rollup.HALF_YEAR)
    written["half_year"] += rollup_movement.store_rows(ids, edition, since)
    return written


@click.command("national-warm")
@click.option("--month", default=None, help="Maand JJJJ-MM (standaard: deze maand).")
def national_warm_command(month: str | None) -> None:
    """Keep the national pages' counts in the database (for cron; a rerun writes only changes)."""
    written = warm(month)
    db.session.commit()
    click.echo(
        f"Landelijke cijfers: {written['programmes']} delende programma's; "
        f"{written['month']} maandtellingen en {written['half_year']} halfjaartellingen "
        "opnieuw opgeslagen."
    )
