"""A "klopt dit?" link for the matrix and fuzz tests: an open request of theme 1's entry."""

from __future__ import annotations

from datetime import timedelta

from omtracker import audit, clock, onetime
from omtracker.extensions import db
from omtracker.models import PartnerConfirmation
from tests.trust_support import Records


def open_confirmation_link(r: Records) -> str:
    """A "klopt dit?" request of theme 1's entry, not yet answered; returns its link token."""
    token, digest = onetime.new_token()
    with audit.suspended():
        db.session.add(
            PartnerConfirmation(
                programme_id=r.world.programme_id,
                entry_id=r.world.entry_ids["2026-10"],
                partner_name="VV Testclub",
                period="2026-10",
                statement="Contactpersoon aangewezen.",
                recipient="contact@voorbeeld.nl",
                token_sha256=digest,
                expires_at=clock.utcnow() + timedelta(days=30),
            )
        )
        db.session.commit()
    return token
