"""Monitoring networks and their readers, kept by administrators (Beheer → Netwerken, the CLI).

A network is the national monitor (it reads across every programme that shares) or a regional
sports office (it reads across the programmes it lists, of those that share). A reader is
invited by e-mail: the account is made at once, without a programme and never as an
administrator (omtracker.national.access relies on that), with an unguessable password; the
mail carries a one-time link (valid INVITATION_DAYS) to choose a password, the same kind of
link as "wachtwoord vergeten". Services flush; routes and commands commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from omtracker import clock, mailing, onetime
from omtracker.extensions import db
from omtracker.models import (
    MonitoringNetwork,
    NetworkKind,
    NetworkProgramme,
    NetworkReader,
    PasswordReset,
    Programme,
    Role,
    User,
)
from omtracker.programmes.invitations import suggested_username, throttled


class NetworkError(ValueError):
    """Refused: `reason` is name_taken, exists, throttled, username."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def all_networks() -> list[MonitoringNetwork]:
    return list(
        db.session.scalars(
            select(MonitoringNetwork)
            .options(
                selectinload(MonitoringNetwork.programme_links).selectinload(
                    NetworkProgramme.programme
                ),
                selectinload(MonitoringNetwork.readers).selectinload(NetworkReader.user),
            )
            .order_by(MonitoringNetwork.kind, MonitoringNetwork.name)
        )
    )


def networks_reading(programme: Programme) -> list[MonitoringNetwork]:
    """The networks that read this programme's figures while it shares: every national one and
    the regional ones that list it."""
    listed = select(NetworkProgramme.network_id).where(
        NetworkProgramme.programme_id == programme.id
    )
    return list(
        db.session.scalars(
            select(MonitoringNetwork)
            .where(
                (MonitoringNetwork.kind == NetworkKind.national) | MonitoringNetwork.id.in_(listed)
            )
            .order_by(MonitoringNetwork.kind, MonitoringNetwork.name)
        )
    )


def find_network(name_or_id: str) -> MonitoringNetwork | None:
    """By its name (any case) or its number, as the command line names it."""
    if name_or_id.isdigit():
        found = db.session.get(MonitoringNetwork, int(name_or_id))
        if found is not None:
            return found
    return db.session.scalar(
        select(MonitoringNetwork).where(
            func.lower(MonitoringNetwork.name) == name_or_id.strip().lower()
        )
    )


def create_network(
    name: str, kind: NetworkKind, programmes: Iterable[Programme] = ()
) -> MonitoringNetwork:
    name = name.strip()
    if find_network(name) is not None:
        raise NetworkError("name_taken")
    network = MonitoringNetwork(name=name[:200], kind=kind)
    db.session.add(network)
    db.session.flush()
    set_programmes(network, programmes)
    return network


def set_programmes(network: MonitoringNetwork, programmes: Iterable[Programme]) -> None:
    """The municipalities a regional network covers; a national network lists none (it covers
    every programme that shares)."""
    wanted = {p.id for p in programmes} if network.kind == NetworkKind.regional else set()
    for link in list(network.programme_links):
        if link.programme_id not in wanted:
            network.programme_links.remove(link)
    have = {link.programme_id for link in network.programme_links}
    for programme_id in sorted(wanted - have):
        network.programme_links.append(NetworkProgramme(programme_id=programme_id))
    db.session.flush()


def _free_username(wanted: str) -> str:
    taken = set(
        db.session.scalars(
            select(func.lower(User.username)).where(
                func.lower(User.username).like(f"{wanted.lower()}%")
            )
        )
    )
    candidate, number = wanted, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{wanted[:76]}{number}"
    return candidate


def invite_reader(
    network: MonitoringNetwork,
    email: str,
    *,
    display_name: str = "",
    username: str | None = None,
    invited_by: User | None = None,
    locale: str = "nl",
) -> tuple[User, str]:
    """The reader's account (no programme) and the link to choose a password; a mail with that
    link is queued. Returns the account and the link (the command line prints it)."""
    email = email.strip()
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email.lower())):
        raise NetworkError("exists")
    if throttled(email):
        raise NetworkError("throttled")
    if username:
        username = username.strip()
        if db.session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
            raise NetworkError("username")
    else:
        username = _free_username(suggested_username(email))
    user = User(
        username=username,
        display_name=(display_name or "").strip()[:120] or username,
        email=email,
        role=Role.user,  # never an administrator, never a programme: see omtracker.national.access
        programme_id=None,
        locale=locale,
    )
    user.set_password(onetime.new_token()[0])  # nobody knows it; the link sets the real one
    db.session.add(user)
    db.session.flush()
    db.session.add(NetworkReader(user_id=user.id, network_id=network.id))
    days = int(current_app.config["INVITATION_DAYS"])
    token, digest = onetime.new_token()
    db.session.add(
        PasswordReset(
            user_id=user.id, token_sha256=digest, expires_at=clock.utcnow() + timedelta(days=days)
        )
    )
    link = mailing.mail_link("auth.reset_password", token=token)
    mailing.queue_mail(
        email,
        "network_invitation",
        _l("Uitnodiging voor %(network)s in omtracker", network=network.name),
        locale=locale,
        user=user,
        network=network,
        inviter=invited_by.display_name if invited_by else None,
        link=link,
        days=days,
    )
    db.session.flush()
    return user, link


def remove_reader(reader: NetworkReader) -> None:
    """The person stops reading: their account is switched off and logged out everywhere (it
    has nothing else to open); the audit trail keeps who read when."""
    user = reader.user
    user.is_active_account = False
    user.end_sessions()
    db.session.delete(reader)
    db.session.flush()
