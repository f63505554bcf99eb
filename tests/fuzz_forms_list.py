"""Every form the fuzz tests post to (tests/test_fuzz_forms.py), with a submission that saves.

Each entry names a user who may post there, the form's address in the test world, a valid
submission (which the fuzzer mutates field by field), the free-text fields that are shown after
saving (where the script payload goes), and the upload field with a file it accepts.
"""

from __future__ import annotations

from typing import Any

from omtracker.models import (
    Engagement,
    EvaluationPlanItem,
    HarvestedOutcome,
    Indicator,
    IndicatorValue,
    Opgave,
    Partner,
    Programme,
    ProgressMarker,
    Strategy,
    Theme,
    User,
)
from tests.confirmation_support import open_confirmation_link
from tests.factories import PASSWORD
from tests.fuzz_support import (
    ENGAGEMENT_HEADER,
    NOW,
    PARTNER_HEADER,
    SCRIPT,
    Form,
    import_csv,
    version,
)
from tests.trust_support import Records


def _w(r: Records) -> Any:
    return r.world


def _opgave(r: Records, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Zwemles",
        "description": "Alle kinderen leren zwemmen.",
        "vision": "Veilig water.",
        "work_agreements": "Maandelijks overleg.",
        "targets": "90% diploma.",
        "target_year": "2028",
        "status": "active",
        **extra,
    }


def _partner(**extra: Any) -> dict[str, Any]:
    return {
        "name": "Tennisclub Ace",
        "type": "club",
        "wijk": "Centrum",
        "website": "www.ace.nl",
        "contact_name": "Jan Jansen",
        "contact_email": "jan@ace.nl",
        "contact_phone": "0592 123456",
        "description": "Tennis voor iedereen.",
        **extra,
    }


def _indicator(**extra: Any) -> dict[str, Any]:
    return {
        "name": "Sportdeelname jeugd",
        "name_en": "Youth participation",
        "category": "",
        "unit": "%",
        "description": "Wekelijks sporten.",
        "baseline_value": "51,5",
        "baseline_year": "2022",
        "target_value": "60",
        "target_year": "2030",
        **extra,
    }


def _value(**extra: Any) -> dict[str, Any]:
    return {
        "year": "2024",
        "area": "municipality",
        "area_name": "Assen",
        "value": "48,2",
        "value_text": "",
        "source": "CBS",
        "note": "Gezondheidsmonitor.",
        **extra,
    }


def _outcome(r: Records, **extra: Any) -> dict[str, Any]:
    return {
        "theme_id": str(_w(r).theme1_id),
        "opgave_id": str(_w(r).opgave1_id),
        "partner_id": "",
        "actor_name": "Buurtvereniging Kloosterveen",
        "change": "Opent de zaal op woensdag.",
        "period": "2026-10",
        "place": "Kloosterveen",
        "significance": "Eerste aanbod in de wijk.",
        "contribution": "De coach legde contact.",
        "substantiation": "Verslag wijkoverleg.",
        **extra,
    }


OUTCOME_TEXTS = ("actor_name", "change", "place", "significance", "contribution")


def _journal(r: Records) -> dict[str, Any]:
    markers = _w(r).marker_ids
    return {
        "change_description": "De club hield een beweegles.",
        "contributing_factors": "Buurtsportcoach.",
        "evidence": "Verslag op https://example.org/verslag.",
        "unanticipated_change": "Ouders doen mee.",
        "lessons": "Eerder werven.",
        f"level_{markers['expect1']}": "3",
        f"note_{markers['expect1']}": "Vaste deelnemer.",
        "contributors": [str(_w(r).partner_ids["school"])],
        "highlight": "y",
        "version": "",
    }


def _observation(r: Records) -> dict[str, Any]:
    return {
        "text": "De voorzitter belde zelf de school.",
        "observed_on": "2026-11-10",
        "marker": str(_w(r).marker_ids["expect1"]),
        "significance": "medium",
    }


FORMS: list[Form] = [
    Form("plans.create_outcome", "trekker1", lambda r: {}, _outcome, texts=OUTCOME_TEXTS),
    Form(
        "plans.edit_outcome",
        "trekker1",
        lambda r: {"outcome_id": r.outcome1},
        lambda r: _outcome(r, version=version(HarvestedOutcome, r.outcome1)),
        texts=OUTCOME_TEXTS,
    ),
    Form(
        "plans.harvest_from_journal",
        "trekker1",
        lambda r: {"entry_id": _w(r).entry_ids["2026-10"]},
        lambda r: _outcome(
            r,
            partner_id=str(_w(r).partner_ids["club"]),
            actor_name="",
            marker_ids=[str(_w(r).marker_ids["like1"])],
        ),
        texts=("change", "place", "significance", "contribution", "substantiation"),
    ),
    Form(
        "plans.make_partner",
        "trekker1",
        lambda r: {"outcome_id": r.outcome1},
        lambda r: {"type": "club", "version": version(HarvestedOutcome, r.outcome1)},
    ),
    Form(
        "plans.edit_monitoring_plan",
        "trekker1",
        lambda r: {"theme_id": _w(r).theme1_id},
        lambda r: {
            "valid_from": NOW,
            "monitored": "De ladders.",
            "monitored_by": "De trekker.",
            "how_often": "Maandelijks.",
            "use_of_information": "Bespreken.",
            "journal_frequency_months": "3",
            "performance_rhythm_months": "1",
            "version": "",
        },
        texts=("monitored", "monitored_by", "how_often", "use_of_information"),
    ),
    Form(
        "plans.create_evaluation",
        "regisseur",
        lambda r: {},
        lambda r: {
            "question": "Werkt het?",
            "users": "Regiegroep",
            "uses": "Verlenging",
            "sources": "Logboeken",
            "methods": "Contributieanalyse",
            "start_date": "2027-01-01",
            "end_date": "2027-06-30",
            "cost_euros": "2500",
        },
        texts=("question", "users", "uses", "sources", "methods"),
    ),
    Form(
        "plans.edit_evaluation",
        "regisseur",
        lambda r: {"item_id": r.evaluation},
        lambda r: {
            "question": "Werkt het echt?",
            "start_date": "2027-01-01",
            "end_date": "",
            "cost_euros": "",
            "version": version(EvaluationPlanItem, r.evaluation),
        },
        texts=("question",),
    ),
    Form(
        "plans.performance_entry",
        "trekker1",
        lambda r: {"theme_id": _w(r).theme1_id, "period": NOW},
        lambda r: {
            "feedback_example": "Gesprek met de coaches.",
            "feedback_lessons": "Vaker doen.",
            "feedback_rating": "2",
            "reflection_rating": "1",
            "version": "",
        },
        texts=("feedback_example", "feedback_lessons"),
    ),
    Form(
        "plans.rubric",
        "trekker1",
        lambda r: {"engagement_id": _w(r).engagement1_id},
        lambda r: {"low": "Praat mee.", "medium": "Doet mee.", "high": "Trekt.", "version": ""},
        texts=("low", "medium", "high"),
        shown=lambda r: f"/uitkomstuitdagingen/{_w(r).engagement1_id}/logboek/{NOW}",
    ),
    Form(
        "themes.create_engagement_strategy",
        "trekker1",
        lambda r: {"engagement_id": _w(r).engagement1_id},
        lambda r: {
            "type": "I-3",
            "title": "Coaching bestuur",
            "description": "Maandelijks.",
            "marker_ids": [str(_w(r).marker_ids["like1"])],
        },
        texts=("title",),
    ),
    Form(
        "themes.status",
        "trekker1",
        lambda r: {"theme_id": _w(r).theme1_id},
        lambda r: {"period": NOW, "rag": "attention", "text": "Loopt.", "version": ""},
        texts=("text",),
    ),
    Form(
        "themes.create_opgave",
        "trekker1",
        lambda r: {"theme_id": _w(r).theme1_id},
        _opgave,
        texts=("title", "description", "vision", "work_agreements", "targets"),
    ),
    Form(
        "themes.edit_opgave",
        "trekker1",
        lambda r: {"opgave_id": _w(r).opgave1_id},
        lambda r: _opgave(r, version=version(Opgave, _w(r).opgave1_id)),
        texts=("title", "description", "vision", "work_agreements", "targets"),
    ),
    Form(
        "themes.create_strategy",
        "trekker1",
        lambda r: {"opgave_id": _w(r).opgave1_id},
        lambda r: {"type": "E-1", "title": "Trainersavond", "description": "Kader opleiden."},
        texts=("title",),
    ),
    Form(
        "themes.edit_strategy",
        "trekker1",
        lambda r: {"strategy_id": r.strategy1},
        lambda r: {
            "type": "I-1",
            "title": "Trainersavond",
            "description": "Kader opleiden.",
            "version": version(Strategy, r.strategy1),
        },
        texts=("title", "description"),
    ),
    Form(
        "themes.strategy_entry",
        "trekker1",
        lambda r: {"strategy_id": r.strategy1, "period": NOW},
        lambda r: {
            "resources": "Twee trainers.",
            "activities": "Avond gehouden.",
            "effectiveness": "Goed.",
            "outputs": "20 deelnemers.",
            "requirements": "Zaal.",
            "next_review_date": "2027-01-15",
            "version": "",
        },
        texts=("activities",),
    ),
    Form(
        "engagements.create",
        "trekker1",
        lambda r: {"opgave_id": _w(r).opgave1_id},
        lambda r: {
            "partner_id": str(_w(r).partner_ids["welzijn"]),
            "outcome_challenge": "Welzijn verwijst kinderen door.",
            "monitoring_frequency_months": "1",
            "start_date": "2026-02-01",
        },
        texts=("outcome_challenge",),
    ),
    Form(
        "engagements.edit",
        "trekker1",
        lambda r: {"engagement_id": _w(r).engagement1_id},
        lambda r: {
            "outcome_challenge": "De club biedt beweegles.",
            "monitoring_frequency_months": "3",
            "start_date": "2026-01-01",
            "version": version(Engagement, _w(r).engagement1_id),
        },
        texts=("outcome_challenge",),
    ),
    Form(
        "engagements.add_marker",
        "trekker1",
        lambda r: {"engagement_id": _w(r).engagement1_id},
        lambda r: {"tier": "like", "text": "Club deelt materiaal.", "first_period": NOW},
        texts=("text",),
    ),
    Form(
        "engagements.edit_marker",
        "trekker1",
        lambda r: {"marker_id": _w(r).marker_ids["expect1"]},
        lambda r: {
            "text": "Club neemt actief deel.",
            "version": version(ProgressMarker, _w(r).marker_ids["expect1"]),
        },
        texts=("text",),
    ),
    Form(
        "engagements.retire_marker",
        "trekker1",
        lambda r: {"marker_id": _w(r).marker_ids["love1"]},
        lambda r: {
            "retired_period": "2026-10",
            "version": version(ProgressMarker, _w(r).marker_ids["love1"]),
        },
    ),
    Form("indicators.create", "regisseur", lambda r: {}, lambda r: _indicator(), texts=("name",)),
    Form(
        "indicators.edit",
        "regisseur",
        lambda r: {"indicator_id": r.indicator},
        lambda r: _indicator(version=version(Indicator, r.indicator)),
        texts=("name", "description"),
    ),
    Form(
        "indicators.add_value",
        "regisseur",
        lambda r: {"indicator_id": r.indicator},
        lambda r: _value(),
        texts=("source",),
    ),
    Form(
        "indicators.edit_value",
        "regisseur",
        lambda r: {"value_id": r.value},
        lambda r: _value(version=version(IndicatorValue, r.value)),
        texts=("source",),
    ),
    Form(
        "journals.form",
        "lid1",
        lambda r: {"engagement_id": _w(r).engagement1_id, "period": NOW},
        _journal,
        texts=("change_description", "lessons"),
        uploads="files",
        upload=(b"Verslag van de les.\n", "verslag.txt"),
    ),
    Form(
        "observations.create",
        "lid1",
        lambda r: {"engagement_id": _w(r).engagement1_id},
        _observation,
        texts=("text",),
        uploads="file",
        upload=(b"Gezien op het veld.\n", "notitie.txt"),
    ),
    Form(
        "observations.edit",
        "lid1",
        lambda r: {"observation_id": r.observation1},
        _observation,
        texts=("text",),
        uploads="file",
        upload=(b"Gezien op het veld.\n", "notitie.txt"),
    ),
    Form(
        "journals.promote",
        "trekker1",
        lambda r: {"entry_id": _w(r).entry_ids["2026-10"]},
        lambda r: {"tier": "love", "text": "Ouders sporten mee.", "level": "2"},
        texts=("text",),
        shown=lambda r: f"/uitkomstuitdagingen/{_w(r).engagement1_id}",
    ),
    Form("partners.create", "trekker2", lambda r: {}, lambda r: _partner(), texts=("name",)),
    Form(
        "partners.edit",
        "trekker2",
        lambda r: {"partner_id": _w(r).partner_ids["club"]},
        lambda r: _partner(version=version(Partner, _w(r).partner_ids["club"])),
        texts=("name", "description"),
    ),
    Form(
        "partners.add_relation",
        "trekker2",
        lambda r: {"partner_id": _w(r).partner_ids["club"]},
        lambda r: {
            "other_partner_id": str(_w(r).partner_ids["welzijn"]),
            "type": "referral",
            "direction": "out",
            "note": "Verwijst door.",
        },
        texts=("note",),
    ),
    Form(
        "partners.merge_partner",
        "regisseur",
        lambda r: {"partner_id": _w(r).partner_ids["welzijn"]},
        lambda r: {"target_id": str(_w(r).partner_ids["school"]), "confirm": "y"},
    ),
    Form(
        "partners.import_upload",
        "regisseur",
        lambda r: {"kind": "partners"},
        lambda r: {},
        uploads="partners-file",
        upload=(import_csv([[f"{SCRIPT} club", "club", "Lorentz"]], PARTNER_HEADER), "p.csv"),
    ),
    Form(
        "partners.import_upload",
        "trekker1",
        lambda r: {"kind": "uitkomstuitdagingen"},
        lambda r: {},
        uploads="uitkomstuitdagingen-file",
        upload=(
            import_csv(
                [["Welzijn Test", "Beweegdiploma", f"{SCRIPT} doorverwijzen", "1", "2026-03-01"]],
                ENGAGEMENT_HEADER,
            ),
            "u.csv",
        ),
    ),
    Form(
        "partners.import_confirm",
        "regisseur",
        lambda r: {"kind": "partners"},
        lambda r: {"token": "0" * 32},
    ),
    Form(
        "admin.new_user",
        "admin",
        lambda r: {},
        lambda r: {
            "username": "nieuwkomer",
            "display_name": "Nieuw Komer",
            "email": "nieuw@example.org",
            "role": "user",
            "password": "Een-sterk-wachtwoord-42",
        },
        texts=("display_name",),
    ),
    Form(
        "admin.user",
        "admin",
        lambda r: {"user_id": r.user_ids["lid1"]},
        lambda r: {
            "display_name": "Lid Een",
            "email": "lid1@example.org",
            "role": "user",
            "is_active_account": "y",
            "version": version(User, r.user_ids["lid1"]),
        },
        texts=("display_name",),
    ),
    Form(
        "admin.add_membership",
        "regisseur",
        lambda r: {"user_id": r.user_ids["buiten"]},
        lambda r: {"m-theme_id": str(_w(r).theme2_id), "m-role": "member"},
    ),
    Form(
        "admin.reset_password",
        "admin",
        lambda r: {"user_id": r.user_ids["lid1"]},
        lambda r: {"password": "Nieuw-wachtwoord-2026"},
    ),
    Form(
        "admin.programme",
        "admin",
        lambda r: {},
        lambda r: {
            "name": "Testakkoord",
            "operating_name": "Testsportstad",
            "municipality": "Teststad",
            "ambition": "Iedereen beweegt.",
            "mission": "Samen.",
            "website": "www.test.nl",
            "version": version(Programme, _w(r).programme_id),
        },
        texts=("ambition",),
    ),
    Form(
        "admin.themes",
        "regisseur",
        lambda r: {},
        lambda r: {"name": "Sportief Dorp", "building_block": "orgware", "description": "Samen."},
        texts=("name",),
    ),
    Form(
        "admin.edit_theme",
        "regisseur",
        lambda r: {"theme_id": _w(r).theme1_id},
        lambda r: {
            "name": "Jong geleerd, oud gedaan",
            "building_block": "hardware",
            "description": "Bewegen vanaf het begin.",
            "version": version(Theme, _w(r).theme1_id),
        },
        texts=("name", "description"),
    ),
    Form(
        "admin.theme_national_themes",
        "regisseur",
        lambda r: {"theme_id": _w(r).theme1_id},
        lambda r: {"lt-national_themes": "movement_skills"},
    ),
    Form(
        "admin.sharing",
        "regisseur",
        lambda r: {},
        lambda r: {
            "shares_with_network": "y",
            "inhabitants": "68000",
            "version": version(Programme, _w(r).programme_id),
        },
    ),
    Form(
        "admin.networks_page",
        "admin",
        lambda r: {},
        lambda r: {
            "name": "Sportbureau Fuzz",
            "kind": "regional",
            "programme_ids": str(_w(r).programme_id),
        },
        texts=("name",),
    ),
    Form(
        "admin.network",
        "admin",
        lambda r: {"network_id": _w(r).network_id},
        lambda r: {"p-programme_ids": str(_w(r).other_programme_id)},
    ),
    Form(
        "admin.invite_network_reader",
        "admin",
        lambda r: {"network_id": _w(r).network_id},
        lambda r: {
            "r-email": "lezer@monitor.example",
            "r-display_name": "Lea Lezer",
            "r-username": "",
            "r-locale": "nl",
        },
        texts=("r-display_name",),
    ),
    Form(
        "programmes.invitations_page",
        "regisseur",
        lambda r: {},
        lambda r: {
            "email": "nieuw.lid@voorbeeld.nl",
            "display_name": "Nieuw Lid",
            "role": "user",
            "theme_id": str(_w(r).theme1_id),
            "theme_role": "member",
            "locale": "nl",
        },
        texts=("display_name",),
    ),
    Form(
        "programmes.new",
        "admin",
        lambda r: {},
        lambda r: {
            "name": "Sportakkoord Fuzzdorp",
            "municipality": "Fuzzdorp",
            "inhabitants": "12000",
            "ambition": "Iedereen beweegt.",
            "mission": "Samen.",
            "structure": "leeg",
            "coordinator_email": "",
            "coordinator_name": "",
        },
        texts=("name",),
    ),
    Form(
        "auth.forgot_password", "anonymous", lambda r: {}, lambda r: {"email": "lid1@voorbeeld.nl"}
    ),
    Form("admin.privacy_export", "regisseur", lambda r: {}, lambda r: {"q": "Jansen"}),
    Form("admin.privacy_erase", "regisseur", lambda r: {}, lambda r: {"q": "Jansen"}),
    Form(
        "api_tokens.create", "bestuur", lambda r: {}, lambda r: {"name": "Excel"}, texts=("name",)
    ),
    Form(
        "auth.login",
        "anonymous",
        lambda r: {},
        lambda r: {"username": "lid1", "password": PASSWORD, "remember": "y"},
    ),
    Form(
        "auth.profile",
        "lid1",
        lambda r: {},
        lambda r: {
            "current_password": "test-password-1",
            "new_password": "Een-nieuw-wachtwoord-7",
            "confirm": "Een-nieuw-wachtwoord-7",
        },
    ),
    Form("auth.set_language", "anonymous", lambda r: {}, lambda r: {"lang": "en", "next": "/"}),
    Form("reminders.choose", "lid1", lambda r: {}, lambda r: {"frequency": "weekly"}),
    Form(
        "confirmations.answer",
        "anonymous",
        lambda r: {"token": open_confirmation_link(r)},
        lambda r: {"answer": "commented", "comment": "Klopt grotendeels."},
    ),
    Form(
        "confirmations.send",
        "trekker1",
        lambda r: {"entry_id": r.world.entry_ids["2026-10"]},
        lambda r: {},
    ),
    Form(
        "reports.publish", "regisseur", lambda r: {"period": "2026-09"}, lambda r: {"confirm": "y"}
    ),
]
