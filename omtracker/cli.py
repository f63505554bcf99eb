"""Command-line tasks: init-db, create-programme, create-user, create-network,
add-network-reader, seed-demo, send-mail, backup."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from omtracker import clock
from omtracker.extensions import db
from omtracker.models import Programme, Role, User


def register(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(create_user)
    app.cli.add_command(seed_demo)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    app.cli.add_command(generate_data)
    app.cli.add_command(create_programme)
    app.cli.add_command(send_mail)
    app.cli.add_command(create_network)
    app.cli.add_command(add_network_reader)


@click.command("create-network")
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice(["national", "regional"]),
    required=True,
    help="national: de landelijke monitor (alle programma's die delen); regional: een "
    "regionaal sportbureau (de programma's die je met --programme noemt).",
)
@click.option(
    "--programme",
    "programme_slugs",
    multiple=True,
    help="Slug van een programma dat een regionaal netwerk volgt (herhaalbaar).",
)
def create_network(name: str, kind: str, programme_slugs: tuple[str, ...]) -> None:
    """Create a monitoring network that reads the figures of the programmes that share."""
    from omtracker.admin import networks
    from omtracker.models import NetworkKind

    if kind == "national" and programme_slugs:
        raise click.ClickException("--programme: een landelijk netwerk volgt alle programma's.")
    programmes = []
    for slug in programme_slugs:
        programme = db.session.scalar(select(Programme).where(Programme.slug == slug))
        if programme is None:
            raise click.ClickException(f"--programme: programma {slug!r} bestaat niet.")
        programmes.append(programme)
    try:
        network = networks.create_network(name, NetworkKind(kind), programmes)
    except networks.NetworkError:
        db.session.rollback()
        raise click.ClickException(f"Er is al een netwerk met de naam {name!r}.") from None
    db.session.commit()
    covered = ", ".join(p.slug for p in programmes) or "alle programma's die delen"
    click.echo(f"Netwerk {network.name} ({kind}, nummer {network.id}) aangemaakt: {covered}.")


@click.command("add-network-reader")
@click.argument("network")
@click.argument("username")
@click.option("--email", required=True, help="E-mailadres van de lezer.")
@click.option("--name", "display_name", default="", help="Naam van de lezer.")
@click.option("--locale", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
def add_network_reader(
    network: str, username: str, email: str, display_name: str, locale: str
) -> None:
    """Give a network a reader: an account without a programme, and a one-time link (printed
    here and mailed) to choose a password."""
    from email_validator import EmailNotValidError, validate_email

    from omtracker import mailing
    from omtracker.admin import networks

    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        raise click.ClickException(f"--email: {exc}") from None
    found = networks.find_network(network)
    if found is None:
        raise click.ClickException(f"Netwerk {network!r} bestaat niet.")
    try:
        user, link = networks.invite_reader(
            found, email, display_name=display_name, username=username, locale=locale
        )
    except networks.NetworkError as exc:
        db.session.rollback()
        message = {
            "exists": f"--email: er is al een account met {email}.",
            "username": f"Gebruiker {username!r} bestaat al.",
            "throttled": f"--email: het afgelopen uur gingen al genoeg mails naar {email}.",
        }[exc.reason]
        raise click.ClickException(message) from None
    db.session.commit()
    mailing.deliver_committed()
    click.echo(f"Lezer {user.username} toegevoegd aan {found.name}.")
    click.echo(f"Eenmalige link om een wachtwoord te kiezen (ook gemaild naar {email}):")
    click.echo(link)


@click.command("create-programme")
@click.option("--name", required=True, help="Naam van het sportakkoord.")
@click.option("--municipality", required=True, help="Gemeente.")
@click.option("--inhabitants", type=click.IntRange(min=1), default=None, help="Aantal inwoners.")
@click.option("--ambition", default="", help="Ambitie (visie).")
@click.option("--mission", default="", help="Missie.")
@click.option(
    "--structure",
    type=click.Choice(["sportakkoord-ii", "assen", "leeg"]),
    default="leeg",
    show_default=True,
    help="Beginstructuur: landelijke thema's met opgaven, de Asser thema's, of leeg.",
)
@click.option("--slug", default=None, help="Korte naam in adressen (standaard: de gemeente).")
@click.option("--coordinator-email", default=None, help="Nodig de eerste programmaregisseur uit.")
@click.option("--coordinator-name", default="", help="Naam van die programmaregisseur.")
@click.option("--locale", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
def create_programme(
    name: str,
    municipality: str,
    inhabitants: int | None,
    ambition: str,
    mission: str,
    structure: str,
    slug: str | None,
    coordinator_email: str | None,
    coordinator_name: str,
    locale: str,
) -> None:
    """Create a programme with a starting structure; optionally invite its first coordinator."""
    from email_validator import EmailNotValidError, validate_email

    from omtracker import mailing
    from omtracker.programmes import invitations, services

    if coordinator_email:
        try:
            validate_email(coordinator_email, check_deliverability=False)
        except EmailNotValidError as exc:
            raise click.ClickException(f"--coordinator-email: {exc}") from None
    try:
        made = services.create_programme(
            name=name,
            municipality=municipality,
            inhabitants=inhabitants,
            ambition=ambition,
            mission=mission,
            structure_key=structure,
            slug=slug,
        )
        invitation = None
        if coordinator_email:
            invitation = invitations.invite(
                made.programme,
                coordinator_email,
                Role.coordinator,
                display_name=coordinator_name,
                locale=locale,
            )
    except services.SetupError as exc:
        db.session.rollback()
        raise click.ClickException(f"--{exc.field}: {exc.message}") from None
    except invitations.InvitationError as exc:
        db.session.rollback()
        raise click.ClickException(
            f"--coordinator-email: uitnodigen lukte niet ({exc.reason})."
        ) from None
    db.session.commit()
    click.echo(made.summary())
    if invitation is not None:
        counts = mailing.deliver_committed()
        if not current_app.config.get("MAIL_SERVER"):
            state = "in de outbox-map gezet (geen MAIL_SERVER ingesteld; de link staat in het log)"
        elif counts["sent"]:
            state = "verstuurd"
        else:
            state = "bewaard; `flask send-mail` probeert het opnieuw"
        click.echo(
            f"Uitnodiging voor programmaregisseur {invitation.email}: {state} "
            f"(geldig tot {clock.to_local(invitation.expires_at):%d-%m-%Y %H:%M})."
        )


@click.command("send-mail")
def send_mail() -> None:
    """Deliver every stored mail not yet delivered (for cron; safe to run at any time)."""
    from omtracker import mailing

    counts = mailing.deliver_due()
    click.echo(f"E-mail: {counts['sent']} verstuurd, {counts['failed']} mislukt.")
    if counts["failed"]:
        raise SystemExit(1)


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database schema to the latest migration."""
    upgrade()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


@click.command("create-user")
@click.option("--username", prompt="Gebruikersnaam")
@click.option("--name", "display_name", prompt="Naam")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default="user",
    show_default=True,
    prompt="Rol",
)
@click.option("--programme", "programme_slug", default=None, help="slug van het programma")
@click.password_option(prompt="Wachtwoord", confirmation_prompt="Herhaal wachtwoord")
def create_user(
    username: str, display_name: str, role: str, programme_slug: str | None, password: str
) -> None:
    """Create a user account; the password is asked twice and never echoed."""
    from omtracker.auth.forms import password_problem

    problem = password_problem(password, (username, display_name))
    if problem is not None:
        raise click.ClickException(str(problem))
    if db.session.scalar(select(User).where(func.lower(User.username) == username.lower())):
        raise click.ClickException(f"Gebruiker {username!r} bestaat al.")
    programme = None
    if programme_slug:
        programme = db.session.scalar(select(Programme).where(Programme.slug == programme_slug))
        if programme is None:
            raise click.ClickException(f"Programma {programme_slug!r} bestaat niet.")
    else:
        programme = db.session.scalars(select(Programme).order_by(Programme.id)).first()
    user = User(
        username=username,
        display_name=display_name,
        role=Role(role),
        programme_id=programme.id if programme else None,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Gebruiker {username} aangemaakt ({role}).")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only load when the database holds no programme.")
@click.option("--months", default=18, show_default=True, help="Months of example journals.")
def seed_demo(if_empty: bool, months: int) -> None:
    """Load the Assen Sportstad demo programme (facts from its documents + example journals)."""
    from omtracker.demo import seed

    if if_empty and db.session.scalar(select(func.count(Programme.id))):
        click.echo("Database already holds a programme; demo not loaded again.")
        return
    summary = seed.load_demo(months=months)
    db.session.commit()
    click.echo(summary)


@click.command("backup")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Target file (default: instance/backups/omtracker-<timestamp>.tar.gz)",
)
def backup(output: Path | None) -> None:
    """One archive with the database and every evidence file, while the app keeps running."""
    from omtracker.backup import BackupError, write_backup
    from omtracker.journals.attachments import attachment_dir

    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    target = output or Path(current_app.instance_path) / "backups" / f"omtracker-{stamp}.tar.gz"
    try:
        done = write_backup(url, attachment_dir(), target)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Backup geschreven naar {done.path}: {done.database_kind}-database en "
        f"{done.attachments} bijlagen ({done.size_bytes} bytes)"
    )


@click.command("generate")
@click.option("--tier", type=click.Choice(["S", "L", "XL"]), default="S", show_default=True)
@click.option("--programmes", type=int, default=None, help="Override the tier's programme count.")
@click.option("--end", default="2026-11", show_default=True, help="Last month of journals.")
def generate_data(tier: str, programmes: int | None, end: str) -> None:
    """Add deterministic scale data (DESIGN.md §5 tiers) for benchmarks."""
    import time

    from omtracker.generate import generate, reset_sequences
    from omtracker.metrics import cache as metrics_cache

    started = time.perf_counter()
    counts = generate(tier=tier, programmes=programmes, end=end)
    reset_sequences()
    metrics_cache.invalidate_all()
    db.session.commit()
    # Fresh statistics so the query planner knows the new table sizes.
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    click.echo(f"Tier {tier}: {counts} in {time.perf_counter() - started:.1f} s")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(source: Path, yes: bool) -> None:
    """Replace the database and the evidence files with a backup made by `flask backup`.

    Every file's checksum is verified before anything changes. Stop the app first.
    """
    from omtracker.backup import BackupError, restore_backup
    from omtracker.journals.attachments import attachment_dir
    from omtracker.metrics import cache as metrics_cache

    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    target = url.render_as_string(hide_password=True)
    if not yes:
        click.confirm(
            f"Alle gegevens in {target} en {attachment_dir()} vervangen door {source}?",
            abort=True,
        )
    db.session.remove()
    db.engine.dispose()
    try:
        done = restore_backup(url, attachment_dir(), source)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # e.g. the evidence folder is a mount point that cannot be renamed
        raise click.ClickException(f"Herstel afgebroken, er is niets veranderd: {exc}") from None
    metrics_cache.clear()
    click.echo(
        f"Database en {done.attachments} bijlagen hersteld uit {source}. "
        "Draai daarna `flask --app omtracker init-db` als de backup van een oudere versie is."
    )
