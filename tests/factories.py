"""A small, hand-made programme whose numbers are known: the tests' shared world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from omtracker import audit
from omtracker.extensions import db
from omtracker.models import (
    BuildingBlock,
    Engagement,
    JournalEntry,
    MarkerRating,
    MembershipRole,
    MonitoringNetwork,
    NetworkKind,
    NetworkReader,
    Opgave,
    Partner,
    PartnerType,
    Programme,
    ProgressMarker,
    Role,
    Theme,
    ThemeMembership,
    Tier,
    User,
)

PASSWORD = "test-password-1"


@dataclass
class World:
    programme_id: int
    other_programme_id: int
    theme1_id: int
    theme2_id: int
    other_theme_id: int
    opgave1_id: int
    opgave2_id: int
    other_opgave_id: int
    partner_ids: dict[str, int]
    engagement1_id: int
    marker_ids: dict[str, int]
    entry_ids: dict[str, int]
    network_id: int = 0  # the national monitor; its reader "netwerklezer" has no programme


def make_user(username: str, role: Role, programme: Programme | None) -> User:
    user = User(username=username, display_name=username.title(), role=role, programme=programme)
    user.set_password(PASSWORD)
    db.session.add(user)
    return user


def build_world() -> World:
    """Two programmes; in the first, two themes. trekker1 leads theme 1, lid1 is a member;
    netwerklezer reads for the national monitor (no programme)."""
    with audit.suspended():
        prog = Programme(
            slug="testprog",
            name="Testakkoord",
            operating_name="Testsportstad",
            ambition="Iedereen beweegt.",
        )
        other = Programme(slug="anderprog", name="Ander akkoord")
        db.session.add_all([prog, other])
        db.session.flush()
        t1 = Theme(
            programme=prog, number=1, name="Jong geleerd", building_block=BuildingBlock.software
        )
        t2 = Theme(
            programme=prog, number=2, name="Sportparken", building_block=BuildingBlock.hardware
        )
        tx = Theme(programme=other, number=1, name="Elders", building_block=BuildingBlock.orgware)
        db.session.add_all([t1, t2, tx])
        o1 = Opgave(theme=t1, title="Beweegdiploma", description="Kinderen leren bewegen.")
        o2 = Opgave(theme=t2, title="Sportpark overdag", description="Meer activiteiten overdag.")
        ox = Opgave(theme=tx, title="Andere opgave")
        db.session.add_all([o1, o2, ox])
        partners = {
            "club": Partner(
                programme=prog, name="VV Testclub", type=PartnerType.club, wijk="Pittelo"
            ),
            "school": Partner(programme=prog, name="Basisschool De Test", type=PartnerType.school),
            "welzijn": Partner(programme=prog, name="Welzijn Test", type=PartnerType.welfare),
            "elders": Partner(programme=other, name="Club Elders", type=PartnerType.club),
        }
        db.session.add_all(partners.values())
        users = {
            "admin": make_user("admin", Role.admin, prog),
            "regisseur": make_user("regisseur", Role.coordinator, prog),
            "bestuur": make_user("bestuur", Role.board, prog),
            "trekker1": make_user("trekker1", Role.user, prog),
            "trekker2": make_user("trekker2", Role.user, prog),
            "lid1": make_user("lid1", Role.user, prog),
            "buiten": make_user("buiten", Role.user, prog),
            "anderregisseur": make_user("anderregisseur", Role.coordinator, other),
            "netwerklezer": make_user("netwerklezer", Role.user, None),
        }
        network = MonitoringNetwork(name="Landelijke monitor", kind=NetworkKind.national)
        db.session.add(network)
        db.session.flush()
        db.session.add(NetworkReader(user_id=users["netwerklezer"].id, network_id=network.id))
        db.session.add_all(
            [
                ThemeMembership(user=users["trekker1"], theme=t1, role=MembershipRole.lead),
                ThemeMembership(user=users["trekker2"], theme=t2, role=MembershipRole.lead),
                ThemeMembership(user=users["lid1"], theme=t1, role=MembershipRole.member),
            ]
        )
        e1 = Engagement(
            partner=partners["club"],
            opgave=o1,
            start_date=date(2026, 1, 1),
            outcome_challenge="De club biedt beweegles aan kleuters.",
        )
        db.session.add(e1)
        markers = {
            "expect1": ProgressMarker(
                engagement=e1,
                tier=Tier.expect,
                position=0,
                text="Club neemt deel aan overleg",
                first_period="2026-01",
            ),
            "expect2": ProgressMarker(
                engagement=e1,
                tier=Tier.expect,
                position=1,
                text="Club wijst contactpersoon aan",
                first_period="2026-01",
            ),
            "like1": ProgressMarker(
                engagement=e1,
                tier=Tier.like,
                position=0,
                text="Club organiseert les met school",
                first_period="2026-01",
            ),
            "love1": ProgressMarker(
                engagement=e1,
                tier=Tier.love,
                position=0,
                text="Club borgt de aanpak",
                first_period="2026-01",
            ),
        }
        db.session.add_all(markers.values())
        db.session.flush()
        entries = {
            "2026-09": JournalEntry(
                engagement=e1,
                period="2026-09",
                change_description="Start.",
                author_id=users["trekker1"].id,
            ),
            "2026-10": JournalEntry(
                engagement=e1,
                period="2026-10",
                change_description="Contactpersoon aangewezen.",
                author_id=users["trekker1"].id,
            ),
        }
        db.session.add_all(entries.values())
        db.session.flush()
        for period, levels in (
            ("2026-09", {"expect1": 2, "expect2": 1}),
            ("2026-10", {"expect1": 3, "expect2": 2, "like1": 1}),
        ):
            for key, level in levels.items():
                db.session.add(
                    MarkerRating(entry=entries[period], marker=markers[key], level=level)
                )
        db.session.flush()
        return World(
            programme_id=prog.id,
            other_programme_id=other.id,
            theme1_id=t1.id,
            theme2_id=t2.id,
            other_theme_id=tx.id,
            opgave1_id=o1.id,
            opgave2_id=o2.id,
            other_opgave_id=ox.id,
            partner_ids={k: p.id for k, p in partners.items()},
            engagement1_id=e1.id,
            marker_ids={k: m.id for k, m in markers.items()},
            entry_ids={k: e.id for k, e in entries.items()},
            network_id=network.id,
        )
