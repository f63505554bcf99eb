"""Evidence strength per journal entry — none / described / document or link / confirmed by the
partner — one rule, shown on the engagement page, in the dashboard and in the monthly report."""

from __future__ import annotations

from datetime import timedelta

from omtracker import clock
from omtracker.evidence import strength_shares, strengths_of
from omtracker.extensions import db
from omtracker.metrics import Scope
from omtracker.models import JournalAttachment, JournalEntry, PartnerConfirmation


def _entry(world, period: str, evidence: str = "") -> JournalEntry:  # noqa: ANN001
    entry = JournalEntry(
        engagement_id=world.engagement1_id,
        period=period,
        change_description="De club gaf les.",
        evidence=evidence,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def _confirm(entry: JournalEntry, answer: str) -> None:
    db.session.add(
        PartnerConfirmation(
            programme_id=entry.engagement.opgave.theme.programme_id,
            entry_id=entry.id,
            partner_name="VV Testclub",
            period=entry.period,
            statement=entry.change_description,
            recipient="c@example.org",
            token_sha256=f"{entry.id:064d}",
            expires_at=clock.utcnow() + timedelta(days=30),
            answered_at=clock.utcnow() if answer else None,
            answer=answer or None,
        )
    )
    db.session.flush()


def test_each_entry_gets_the_strongest_evidence_it_has(app, world):
    none = _entry(world, "2026-01", "   ")
    described = _entry(world, "2026-02", "Verslag van het overleg bij de club.")
    linked = _entry(world, "2026-03", "Zie https://example.org/verslag")
    attached = _entry(world, "2026-04")
    db.session.add(
        JournalAttachment(
            entry_id=attached.id,
            filename="verslag.pdf",
            stored_name="x1",
            content_type="application/pdf",
            size_bytes=10,
        )
    )
    archived_only = _entry(world, "2026-05", "Foto's.")
    db.session.add(
        JournalAttachment(
            entry_id=archived_only.id,
            filename="oud.pdf",
            stored_name="x2",
            content_type="application/pdf",
            size_bytes=10,
            archived=True,
        )
    )
    confirmed = _entry(world, "2026-06")
    _confirm(confirmed, "confirmed")
    corrected = _entry(world, "2026-07", "Verslag.")
    _confirm(corrected, "corrected")
    waiting = _entry(world, "2026-08")
    _confirm(waiting, "")

    strengths = strengths_of(
        [
            e.id
            for e in (
                none,
                described,
                linked,
                attached,
                archived_only,
                confirmed,
                corrected,
                waiting,
            )
        ]
    )

    assert strengths == {
        none.id: "none",
        described.id: "described",
        linked.id: "document",
        attached.id: "document",
        archived_only.id: "described",  # an archived file no longer counts
        confirmed.id: "confirmed",
        corrected.id: "described",  # a correction is not a confirmation
        waiting.id: "none",
    }


def test_the_dashboard_and_the_report_show_the_share_per_strength(client, login, world):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    entry.evidence = "Notulen van 3 oktober."
    november = _entry(world, "2026-11")
    _confirm(november, "confirmed")
    db.session.commit()
    shares = strength_shares(Scope(world.programme_id), "2026-10")
    assert shares["total"] == 1 and shares["counts"]["described"] == 1

    login("bestuur")
    dashboard = client.get("/dashboard/?maand=2026-11").get_data(as_text=True)
    assert "Bewijs bij de logboeken van november 2026" in dashboard
    assert "bevestigd door de partner" in dashboard and "1 (100%)" in dashboard
    report = client.get("/rapportage/2026-10").get_data(as_text=True)
    assert "Bewijs bij de logboeken" in report and "Van de 1 logboeken" in report


def test_the_engagement_page_shows_each_entrys_strength(client, login, world):
    entry = db.session.get(JournalEntry, world.entry_ids["2026-10"])
    entry.evidence = "https://example.org/foto"
    db.session.commit()
    login("lid1")
    page = client.get(f"/uitkomstuitdagingen/{world.engagement1_id}").get_data(as_text=True)
    assert "Bewijs" in page and "document of link" in page and "geen bewijs" in page
