"""`flask seed-demo`: the Assen Sportstad demo programme with its demo accounts."""

from __future__ import annotations

from omtracker import audit
from omtracker.demo import examples, facts
from omtracker.extensions import db
from omtracker.metrics import cache as metrics_cache
from omtracker.models import MembershipRole, Programme, Role, ThemeMembership, User
from omtracker.periods import current_period

DEMO_PASSWORD = "omtracker-demo"


def load_users(programme: Programme, themes: list, prefix: str = "") -> dict[str, User]:
    """Demo accounts named after their role; the documents name no people, so neither do we."""
    specs = [
        ("admin", "Beheerder (demo)", Role.admin),
        ("regisseur", "Programmaregisseur (demo)", Role.coordinator),
        ("bestuur", "Bestuurslid (demo)", Role.board),
    ]
    specs += [(f"trekker{t.number}", f"Thematrekker {t.number} (demo)", Role.user) for t in themes]
    specs.append(("lid1", "Themagroeplid 1 (demo)", Role.user))
    users = {}
    for username, name, role in specs:
        user = User(username=prefix + username, display_name=name, role=role, programme=programme)
        # A reserved domain (RFC 2606): reminders land in instance/outbox/ without SMTP.
        user.email = f"{prefix}{username}@example.org"
        user.set_password(DEMO_PASSWORD)
        users[username] = user
        db.session.add(user)
    db.session.flush()
    for theme in themes:
        db.session.add(
            ThemeMembership(
                user=users[f"trekker{theme.number}"], theme=theme, role=MembershipRole.lead
            )
        )
    db.session.add(ThemeMembership(user=users["lid1"], theme=themes[0], role=MembershipRole.member))
    db.session.flush()
    return users


def load_demo(months: int = 18, end: str | None = None, account_prefix: str = "") -> str:
    """Load the demo programme; returns a one-line summary. The caller commits."""
    with audit.suspended():
        programme = facts.load_programme()
        themes = facts.load_themes(programme)
        opgaven = facts.load_opgaven(themes)
        partners = facts.load_partners(programme)
        for number, partner in enumerate(partners[:5], start=1):
            # A reserved-domain address, no name: "klopt dit?" mails land in instance/outbox/.
            partner.contact_email = partner.contact_email or f"partner{number}@example.org"
        indicators = facts.load_indicators(programme)
        users = load_users(programme, themes, account_prefix)
        summary = examples.load_examples(
            themes, opgaven, partners, users, end or current_period(), months
        )
        metrics_cache.invalidate_all()  # ratings went in with a bulk insert
    return (
        f"Demo geladen: {programme.operating_name}: {len(themes)} thema's, {len(opgaven)} "
        f"opgaven, {len(partners)} partners, {len(indicators)} indicatoren; voorbeelddata: "
        f"{summary.engagements} uitkomstuitdagingen, {summary.markers} markeringen, "
        f"{summary.entries} logboeken, {summary.ratings} beoordelingen. Demo-accounts: "
        + ", ".join(u.username for u in users.values())
        + f" (wachtwoord {DEMO_PASSWORD})."
    )
