"""The authorisation matrix: every route of the URL map, every method, every role.

Each endpoint has an entry in MATRIX: how to build its URL from the test world (a record of
theme 1, of theme 2 and of another programme where the route loads one) and the answer each
role must get. A route added without an entry fails `test_every_route_has_an_entry`, so no
page can go live without someone deciding who may use it.

Roles: anonymous, lid1 (member of theme 1), trekker1 (lead of theme 1), trekker2 (lead of
theme 2), bestuur (board), regisseur (coordinator), admin, netwerklezer (a monitoring network's
reader: no programme, so every programme page and programme API endpoint answers 403); on
/api/v1/ a bearer token of each of them too, and on the web pages a token alone must count for
nothing (same as anonymous).

Outcomes: ok (2xx/3xx; a POST of an empty form may also get 400 or 409), forbidden (403),
notfound (404: another programme's record is not disclosed), login (302 to /login),
unauth (401 JSON from the API). A refused request and every GET must store nothing.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from omtracker import audit, clock, onetime
from omtracker.api.auth import new_token, token_digest
from omtracker.extensions import db
from omtracker.models import (
    ApiToken,
    Invitation,
    Partner,
    Role,
    Theme,
    User,
)
from omtracker.programmes import invitations, services
from tests.authz_support import (
    ADMIN,
    ALL,
    ATTACHMENTS,
    BOARD,
    BOARD_AND_LEADERS,
    CLUB,
    COORD,
    EDIT,
    ELDERS,
    ELSEWHERE,
    ENGAGEMENTS,
    ENTRIES,
    EVERYONE,
    JOURNAL_USERS,
    LEADER_READS,
    LID1,
    LOGGED_OUT,
    MARKERS,
    NOW,
    OPGAVEN,
    OUTCOMES,
    PUBLIC,
    READ,
    REGISTRY,
    STRATEGIES,
    THEMES,
    TOKEN_ROLES,
    WRITE,
    Case,
    allow,
    api,
    api_pair,
    case,
    clients_for,
    hidden,
    import_case,
    judge,
    matrix_methods,
    own_and_other,
    owner_only,
    roles_for,
    themed,
    w,
)
from tests.confirmation_support import open_confirmation_link
from tests.trust_support import (
    ANON,
    OTHER_REPORT,
    OWN_REPORT,
    READER,
    ROLES,
    USERS,
    Records,
    audit_count,
    build_records,
    logged_in_client,
    remove_files,
    rolled_back,
    user_ids,
)

OBSERVATIONS = lambda r: r.observations  # noqa: E731


def author_only(owner: str) -> dict[str, str]:
    """A quick observation is changed by its author alone (while no journal took it)."""
    return {ANON: "login", **{u: "ok" if u == owner else "forbidden" for u in USERS}}


def by_author(post_only: bool = False) -> list[Case]:
    """lid1's observation (theme 1), trekker2's (theme 2), and one of another programme."""
    cases = []
    for index, owner in ((0, "lid1"), (1, "trekker2"), (2, None)):
        expect = author_only(owner) if owner else hidden()
        cases.append(
            case(
                lambda r, i=index: {"observation_id": r.observations[i]},
                get=None if post_only else expect,
                post=expect,
            )
        )
    return cases


# A one-time link that matches nothing: the same clear 404 page for everyone.
NO_SUCH_LINK = {role: "notfound" for role in ROLES}


def unsubscribe_link_token(user_id: int) -> str:
    from omtracker.reminders.services import unsubscribe_token

    return unsubscribe_token(db.session.get(User, user_id))


def invitation_in(programme_attribute: str):  # noqa: ANN201
    """An open invitation of this (or the other) programme, made when the case is built."""

    def make(r: Records) -> int:
        invitation = Invitation(
            programme_id=getattr(r.world, programme_attribute),
            email=f"matrix-{programme_attribute}@voorbeeld.nl",
            token_sha256=onetime.new_token()[1],
            expires_at=clock.utcnow() + timedelta(days=7),
        )
        with audit.suspended():
            db.session.add(invitation)
            db.session.commit()
        return invitation.id

    return make


def NETWORK(r: Records) -> dict[str, int]:  # noqa: N802
    return {"network_id": r.world.network_id}


MATRIX: dict[str, list[Case]] = {
    # --- accounts, memberships, programme settings, audit trail, personal data
    "admin.users": [case(get=allow(COORD))],
    "admin.new_user": [case(get=allow(ADMIN), post=allow(ADMIN))],
    "admin.user": [
        case(lambda r: {"user_id": LID1(r)}, get=allow(COORD), post=allow(ADMIN)),
        case(lambda r: {"user_id": ELSEWHERE(r)}, get=hidden(COORD), post=hidden(COORD)),
    ],
    "admin.add_membership": own_and_other("user_id", LID1, ELSEWHERE, post=COORD, gate=COORD),
    "admin.remove_membership": [
        case(lambda r: {"user_id": LID1(r), "membership_id": r.membership}, post=allow(COORD)),
        case(
            lambda r: {"user_id": ELSEWHERE(r), "membership_id": r.membership_x},
            post=hidden(COORD),
        ),
        case(lambda r: {"user_id": LID1(r), "membership_id": r.membership_x}, post=hidden(COORD)),
    ],
    "admin.reset_password": own_and_other("user_id", LID1, ELSEWHERE, post=ADMIN, gate=ADMIN),
    "admin.programme": [case(get=allow(ADMIN), post=allow(ADMIN))],
    "admin.audit_log": [case(get=allow(COORD))],
    "admin.privacy_search": [case(get=allow(COORD))],
    "admin.privacy_export": [case(post=allow(COORD))],
    "admin.privacy_erase": [case(post=allow(COORD))],
    "admin.sharing": [case(get=allow(COORD), post=allow(COORD))],
    "admin.mail_queue": [case(get=allow(ADMIN))],
    "admin.mail_retry": [case(post=allow(ADMIN))],
    # --- the programme's structure: themes under the building blocks, theme groups
    "admin.themes": [case(get=allow(COORD), post=allow(COORD))],
    "admin.edit_theme": own_and_other(
        "theme_id", w("theme1_id"), w("other_theme_id"), get=COORD, post=COORD, gate=COORD
    ),
    "admin.move_theme": [
        case(lambda r: {"theme_id": r.world.theme1_id, "direction": "omlaag"}, post=allow(COORD)),
        case(
            lambda r: {"theme_id": r.world.other_theme_id, "direction": "omhoog"},
            post=hidden(COORD),
        ),
    ],
    "admin.archive_theme": [
        case(lambda r: {"theme_id": r.world.theme1_id, "action": "archiveren"}, post=allow(COORD)),
        case(
            lambda r: {"theme_id": r.world.other_theme_id, "action": "archiveren"},
            post=hidden(COORD),
        ),
    ],
    "admin.theme_national_themes": own_and_other(
        "theme_id", w("theme1_id"), w("other_theme_id"), post=COORD, gate=COORD
    ),
    "admin.add_theme_member": own_and_other(
        "theme_id", w("theme1_id"), w("other_theme_id"), post=COORD, gate=COORD
    ),
    "admin.remove_theme_member": [
        case(
            lambda r: {"theme_id": r.world.theme1_id, "membership_id": r.membership},
            post=allow(COORD),
        ),
        case(
            lambda r: {"theme_id": r.world.other_theme_id, "membership_id": r.membership_x},
            post=hidden(COORD),
        ),
        case(
            lambda r: {"theme_id": r.world.theme1_id, "membership_id": r.membership_x},
            post=hidden(COORD),
        ),
    ],
    # --- monitoring networks and their readers: administrators
    "admin.networks_page": [case(get=allow(ADMIN), post=allow(ADMIN))],
    "admin.network": [case(NETWORK, get=allow(ADMIN), post=allow(ADMIN))],
    "admin.invite_network_reader": [case(NETWORK, post=allow(ADMIN))],
    "admin.remove_network_reader": [
        case(lambda r: {**NETWORK(r), "user_id": r.user_ids["netwerklezer"]}, post=allow(ADMIN)),
        case(lambda r: {**NETWORK(r), "user_id": LID1(r)}, post=hidden(ADMIN)),
    ],
    # --- programme set-up, the switcher, invitations and one-time links
    "programmes.index": [case(get=allow(ADMIN))],
    "programmes.new": [case(get=allow(ADMIN), post=allow(ADMIN))],
    "programmes.switch": [
        case(lambda r: {"programme_id": r.world.programme_id}, post=allow(ADMIN)),
    ],
    "programmes.begin": [case(get=allow(COORD))],
    "programmes.invitations_page": [case(get=allow(COORD), post=allow(COORD))],
    "programmes.resend_invitation": own_and_other(
        "invitation_id",
        invitation_in("programme_id"),
        invitation_in("other_programme_id"),
        post=COORD,
        gate=COORD,
    ),
    "programmes.withdraw_invitation": own_and_other(
        "invitation_id",
        invitation_in("programme_id"),
        invitation_in("other_programme_id"),
        post=COORD,
        gate=COORD,
    ),
    "programmes.accept": [case(lambda r: {"token": "A" * 43}, get=NO_SUCH_LINK, post=NO_SUCH_LINK)],
    "auth.forgot_password": [case(get=PUBLIC, post=PUBLIC)],
    "auth.reset_password": [
        case(lambda r: {"token": "A" * 43}, get=NO_SUCH_LINK, post=NO_SUCH_LINK)
    ],
    # --- the read API (bearer tokens only) and the token pages
    "api.openapi_document": [
        case(get={**PUBLIC, **{role: "ok" for role in TOKEN_ROLES}}),
    ],
    "api.me": [api()],
    "api.programmes": [api()],
    "api.programme": api_pair("programme_id", w("programme_id"), w("other_programme_id")),
    "api.themes": [api()],
    "api.theme": api_pair("theme_id", w("theme1_id"), w("other_theme_id")),
    "api.opgaven": [api()],
    "api.opgave": api_pair("opgave_id", w("opgave1_id"), w("other_opgave_id")),
    "api.partners": [api()],
    "api.partner": api_pair("partner_id", CLUB, ELDERS),
    "api.engagements": [api()],
    "api.engagement": api_pair("engagement_id", lambda r: r.engagement2, lambda r: r.engagement_x),
    "api.markers": [api()],
    "api.marker": api_pair("marker_id", lambda r: r.marker2, lambda r: r.marker_x),
    "api.journal_entries": [api()],
    "api.journal_entry": api_pair("entry_id", lambda r: r.entry2, lambda r: r.entry_x),
    "api.metric_values": [
        api(query=lambda r: {"scope": "theme", "id": r.world.theme2_id}),
        api(query=lambda r: {"scope": "theme", "id": r.world.other_theme_id}, found=False),
    ],
    "api.reports": [api()],
    "api.search": [api(query=lambda r: {"q": "testclub"})],
    "api.national_rollup": [
        case(
            get={
                **{role: "unauth" for role in ROLES},
                **{
                    role: "ok" if role in ("token:admin", "token:netwerklezer") else "forbidden"
                    for role in TOKEN_ROLES
                },
            }
        )
    ],
    "api.harvested_outcomes": [api()],
    "api.harvested_outcome": api_pair("outcome_id", lambda r: r.outcome1, lambda r: r.outcome_x),
    "api.performance_journal": [api()],
    "api.evaluation_plan": [api()],
    "api.monitoring_plans": [api()],
    "api.report": api_pair("period", lambda r: OWN_REPORT, lambda r: OTHER_REPORT),
    "api_tokens.index": [case(get=allow(EVERYONE))],
    "api_tokens.create": [case(post=allow(EVERYONE))],
    "api_tokens.revoke": [
        case(lambda r: {"token_id": r.token_ids["regisseur"]}, post=owner_only("regisseur")),
        case(lambda r: {"token_id": r.token_ids["anderregisseur"]}, post=hidden(EVERYONE)),
    ],
    # --- logging in and out, language, profile, overview, health
    "auth.login": [case(get=PUBLIC, post=PUBLIC)],
    "auth.logout": [case(post=LOGGED_OUT)],
    "auth.logout_everywhere": [case(post=LOGGED_OUT)],
    "auth.set_language": [case(post=PUBLIC)],
    "auth.profile": [case(get=allow(EVERYONE), post=allow(EVERYONE))],
    # --- reminder mails: the choice, the log, unsubscribing by a signed link without login
    "reminders.choose": [case(post=allow(ALL))],
    "reminders.log": [case(get=allow(COORD))],
    "reminders.unsubscribe": [
        case(lambda r: {"token": unsubscribe_link_token(LID1(r))}, get=PUBLIC, post=PUBLIC),
        case(lambda r: {"token": "MQ.tampered"}, get=NO_SUCH_LINK, post=NO_SUCH_LINK),
    ],
    # --- drafts of forms (each user's own) and keeping the session alive
    "drafts.show": [case(get=allow(EVERYONE), query=lambda r: {"key": "/mijn-maand"})],
    "drafts.keep": [case(post=allow(EVERYONE))],
    "drafts.discard": [case(post=allow(EVERYONE))],
    "drafts.keep_alive": [case(post=allow(EVERYONE))],
    "main.overview": [case(get=allow(EVERYONE))],
    "search.index": [case(get=allow(ALL), query=lambda r: {"q": "testclub"})],
    "main.healthz": [case(get=PUBLIC)],
    # --- dashboard: coordinators and the board; a theme leader reads their own theme's pages
    "dashboard.index": [case(get=allow(BOARD))],
    "dashboard.theme": themed("theme_id", THEMES, get=LEADER_READS),
    "dashboard.opgave": themed("opgave_id", OPGAVEN, get=LEADER_READS),
    # --- engagements and progress markers: read by all, kept by the theme's leaders
    "engagements.engagement": themed("engagement_id", ENGAGEMENTS, get=READ),
    "engagements.create": themed("opgave_id", OPGAVEN, get=EDIT, post=EDIT),
    "engagements.edit": themed("engagement_id", ENGAGEMENTS, get=EDIT, post=EDIT),
    "engagements.set_state": themed("engagement_id", ENGAGEMENTS, post=EDIT, action="stoppen"),
    "engagements.add_marker": themed("engagement_id", ENGAGEMENTS, get=EDIT, post=EDIT),
    "engagements.marker": themed("marker_id", MARKERS, get=READ),
    "engagements.edit_marker": themed("marker_id", MARKERS, get=EDIT, post=EDIT),
    "engagements.move_marker": themed("marker_id", MARKERS, post=EDIT, direction="omlaag"),
    "engagements.retire_marker": themed("marker_id", MARKERS, get=EDIT, post=EDIT),
    "engagements.unretire_marker": themed("marker_id", MARKERS, post=EDIT),
    # --- key indicators: read by all, kept by coordinators
    "indicators.index": [case(get=allow(ALL))],
    "indicators.create": [case(get=allow(COORD), post=allow(COORD))],
    "indicators.detail": own_and_other(
        "indicator_id", lambda r: r.indicator, lambda r: r.indicator_x, get=ALL
    ),
    "indicators.edit": own_and_other(
        "indicator_id", lambda r: r.indicator, lambda r: r.indicator_x, get=COORD, post=COORD
    ),
    "indicators.archive": own_and_other(
        "indicator_id", lambda r: r.indicator, lambda r: r.indicator_x, post=COORD
    ),
    "indicators.restore": own_and_other(
        "indicator_id", lambda r: r.indicator, lambda r: r.indicator_x, post=COORD
    ),
    "indicators.add_value": own_and_other(
        "indicator_id", lambda r: r.indicator, lambda r: r.indicator_x, get=COORD, post=COORD
    ),
    "indicators.edit_value": own_and_other(
        "value_id", lambda r: r.value, lambda r: r.value_x, get=COORD, post=COORD
    ),
    "indicators.archive_value": own_and_other(
        "value_id", lambda r: r.value, lambda r: r.value_x, post=COORD
    ),
    "indicators.restore_value": own_and_other(
        "value_id", lambda r: r.value, lambda r: r.value_x, post=COORD
    ),
    # --- outcome journals: written by the theme group, read by all
    "journals.form": themed("engagement_id", ENGAGEMENTS, get=WRITE, post=WRITE, period=NOW),
    "journals.entry": themed("entry_id", ENTRIES, get=READ),
    "journals.revisions": themed("entry_id", ENTRIES, get=READ),
    "journals.promote": themed("entry_id", ENTRIES, post=EDIT),
    "journals.attachment": themed("attachment_id", ATTACHMENTS, get=READ),
    "journals.archive_attachment": themed("attachment_id", ATTACHMENTS, post=WRITE),
    "journals.my_month": [case(get=allow(JOURNAL_USERS))],
    # --- quick observations: noted by the theme group, changed by their author, read by all
    "observations.index": [case(get=allow(JOURNAL_USERS))],
    "observations.create": themed("engagement_id", ENGAGEMENTS, get=WRITE, post=WRITE),
    "observations.edit": by_author(),
    "observations.archive": by_author(post_only=True),
    "observations.file": themed("observation_id", OBSERVATIONS, get=READ),
    # --- Outcome Mapping: read by all; programme plans kept by coordinators, a theme's plans
    #     and harvested outcomes by its leaders too; "Zo rekenen we" is public
    "plans.index": [case(get=allow(ALL))],
    "plans.how_we_count": [case(get=PUBLIC)],
    "plans.outcomes": [case(get=allow(ALL))],
    "plans.create_outcome": [case(get=allow(REGISTRY), post=allow(REGISTRY))],
    "plans.outcome": themed("outcome_id", OUTCOMES, get=READ),
    "plans.edit_outcome": themed("outcome_id", OUTCOMES, get=EDIT, post=EDIT),
    "plans.make_partner": themed("outcome_id", OUTCOMES, post=EDIT),
    "plans.archive_outcome": themed("outcome_id", OUTCOMES, post=EDIT),
    "plans.restore_outcome": themed("outcome_id", OUTCOMES, post=EDIT),
    "plans.harvest_from_journal": themed("entry_id", ENTRIES, get=EDIT, post=EDIT),
    "plans.monitoring_plan": [
        case(get=allow(ALL)),
        *themed("theme_id", THEMES, get=READ),
    ],
    "plans.edit_monitoring_plan": [
        case(get=allow(COORD), post=allow(COORD)),
        *themed("theme_id", THEMES, get=EDIT, post=EDIT),
    ],
    "plans.evaluation_plan": [case(get=allow(ALL))],
    "plans.create_evaluation": [case(get=allow(COORD), post=allow(COORD))],
    "plans.edit_evaluation": own_and_other(
        "item_id", lambda r: r.evaluation, lambda r: r.evaluation_x, get=COORD, post=COORD
    ),
    "plans.archive_evaluation": own_and_other(
        "item_id", lambda r: r.evaluation, lambda r: r.evaluation_x, post=COORD
    ),
    "plans.restore_evaluation": own_and_other(
        "item_id", lambda r: r.evaluation, lambda r: r.evaluation_x, post=COORD
    ),
    "plans.performance": [case(get=allow(ALL)), *themed("theme_id", THEMES, get=READ)],
    "plans.performance_entry": [
        case(lambda r: {"period": NOW}, get=allow(COORD), post=allow(COORD)),
        *themed("theme_id", THEMES, get=EDIT, post=EDIT, period=NOW),
    ],
    "plans.rubric": themed("engagement_id", ENGAGEMENTS, get=EDIT, post=EDIT),
    # --- "klopt dit?": writers of the theme send; the link opens without an account
    "confirmations.send": themed("entry_id", ENTRIES, post=WRITE),
    "confirmations.answer": [
        case(lambda r: {"token": open_confirmation_link(r)}, get=PUBLIC, post=PUBLIC),
        case(lambda r: {"token": "A" * 43}, get=NO_SUCH_LINK, post=NO_SUCH_LINK),
    ],
    # --- the partner network: everyone in a theme group, the board, coordinators
    "network.index": [case(get=allow(ALL))],
    "network.text": [case(get=allow(ALL))],
    "network.compare": [case(get=allow(ALL))],
    "network.suggested_links": [case(get=allow(ALL))],
    "network.export": [case(lambda r: {"name": "knopen.csv"}, get=allow(ALL))],
    # --- the national picture: the network's readers and administrators; the benchmark for a
    # programme's coordinator and board (a reader has no programme to compare)
    "national.index": [case(get=allow(ADMIN | {READER}))],
    "national.benchmark": [case(get=allow(BOARD))],
    # --- the partner registry: read by all, kept by coordinators and theme leaders
    "partners.index": [case(get=allow(ALL))],
    "partners.partner": own_and_other("partner_id", CLUB, ELDERS, get=ALL),
    "partners.create": [case(get=allow(REGISTRY), post=allow(REGISTRY))],
    "partners.edit": own_and_other("partner_id", CLUB, ELDERS, get=REGISTRY, post=REGISTRY),
    "partners.archive": own_and_other(
        "partner_id", lambda r: r.world.partner_ids["welzijn"], ELDERS, post=REGISTRY
    ),
    "partners.restore": own_and_other("partner_id", CLUB, ELDERS, post=REGISTRY),
    "partners.add_relation": own_and_other("partner_id", CLUB, ELDERS, post=REGISTRY),
    "partners.relation_state": [
        case(
            lambda r: {"partner_id": CLUB(r), "relation_id": r.relation, "action": "archiveren"},
            post=allow(REGISTRY),
        ),
        case(
            lambda r: {
                "partner_id": ELDERS(r),
                "relation_id": r.relation_x,
                "action": "herstellen",
            },
            post=hidden(),
        ),
        # Our partner with another programme's relation in the address.
        case(
            lambda r: {"partner_id": CLUB(r), "relation_id": r.relation_x, "action": "archiveren"},
            post=hidden(REGISTRY),
        ),
    ],
    "partners.merge_partner": own_and_other("partner_id", CLUB, ELDERS, get=COORD, post=COORD),
    "partners.import_start": [case(get=allow(REGISTRY))],
    "partners.import_upload": [
        import_case("partners", COORD),
        import_case("uitkomstuitdagingen", REGISTRY),
    ],
    "partners.import_confirm": [
        import_case("partners", COORD),
        import_case("uitkomstuitdagingen", REGISTRY),
    ],
    "partners.export_registry": [
        case(lambda r: {"fmt": "csv"}, get=allow(ALL)),
        case(lambda r: {"fmt": "xlsx"}, get=allow(ALL)),
    ],
    "partners.import_template": [
        case(lambda r: {"kind": "partners", "fmt": "csv"}, get=allow(ALL)),
        case(lambda r: {"kind": "uitkomstuitdagingen", "fmt": "xlsx"}, get=allow(ALL)),
    ],
    # --- monthly reports: coordinators and the board read, coordinators publish
    "reports.index": [case(get=allow(BOARD))],
    "reports.open_month": [case(get=allow(BOARD), query=lambda r: {"maand": OWN_REPORT})],
    "reports.month": [case(lambda r: {"period": OWN_REPORT}, get=allow(BOARD_AND_LEADERS))],
    "reports.print_month": [case(lambda r: {"period": OWN_REPORT}, get=allow(BOARD))],
    "reports.month_pdf": [case(lambda r: {"period": OWN_REPORT}, get=allow(BOARD))],
    "reports.month_xlsx": [case(lambda r: {"period": OWN_REPORT}, get=allow(BOARD))],
    "reports.publish": [case(lambda r: {"period": "2026-09"}, post=allow(COORD))],
    "reports.published": [
        case(lambda r: {"period": OWN_REPORT}, get=allow(BOARD_AND_LEADERS)),
        case(lambda r: {"period": OTHER_REPORT}, get=hidden(BOARD_AND_LEADERS)),
    ],
    "reports.compare": [case(get=allow(BOARD))],
    "reports.half_year": [case(lambda r: {"year": 2026, "half": "mei"}, get=allow(BOARD))],
    "reports.half_year_pdf": [case(lambda r: {"year": 2026, "half": "mei"}, get=allow(BOARD))],
    "reports.half_year_xlsx": [case(lambda r: {"year": 2026, "half": "mei"}, get=allow(BOARD))],
    # The national roll-up: network readers (netwerklezer, once the world has one) and
    # administrators only.
    "national.rollup": [case(get=allow(ADMIN | {"netwerklezer"}))],
    "national.rollup_download": [case(get=allow(ADMIN | {"netwerklezer"}))],
    # --- themes, opgaven and strategies: read by all, kept by the theme's leaders
    "themes.index": [case(get=allow(ALL))],
    "themes.theme": themed("theme_id", THEMES, get=READ),
    "themes.status": themed("theme_id", THEMES, get=EDIT, post=EDIT),
    "themes.export_csv": themed("theme_id", THEMES, get=READ),
    "themes.export_xlsx": themed("theme_id", THEMES, get=READ),
    "themes.opgave": themed("opgave_id", OPGAVEN, get=READ),
    "themes.create_opgave": themed("theme_id", THEMES, get=EDIT, post=EDIT),
    "themes.edit_opgave": themed("opgave_id", OPGAVEN, get=EDIT, post=EDIT),
    "themes.close_opgave": themed("opgave_id", OPGAVEN, post=EDIT),
    "themes.reopen_opgave": themed("opgave_id", OPGAVEN, post=EDIT),
    "themes.archive_opgave": themed("opgave_id", OPGAVEN, post=EDIT),
    "themes.restore_opgave": themed("opgave_id", OPGAVEN, post=EDIT),
    "themes.strategies": themed("opgave_id", OPGAVEN, get=READ),
    "themes.create_strategy": themed("opgave_id", OPGAVEN, get=EDIT, post=EDIT),
    "themes.strategy": themed("strategy_id", STRATEGIES, get=READ),
    "themes.edit_strategy": themed("strategy_id", STRATEGIES, get=EDIT, post=EDIT),
    "themes.archive_strategy": themed("strategy_id", STRATEGIES, post=EDIT),
    "themes.restore_strategy": themed("strategy_id", STRATEGIES, post=EDIT),
    "themes.pick_strategy_month": themed("strategy_id", STRATEGIES, get=READ),
    "themes.strategy_entry": themed("strategy_id", STRATEGIES, get=EDIT, post=EDIT, period=NOW),
    "themes.engagement_strategies": themed("engagement_id", ENGAGEMENTS, get=READ),
    "themes.create_engagement_strategy": themed("engagement_id", ENGAGEMENTS, get=EDIT, post=EDIT),
}


def test_every_route_has_an_entry_in_the_matrix(app):
    mapped = set(matrix_methods(app))
    assert not mapped - set(MATRIX), "routes without an entry in MATRIX"
    assert not set(MATRIX) - mapped, "MATRIX entries for routes that no longer exist"


def test_every_entry_covers_each_method_and_role_of_its_route(app):
    for endpoint, methods in matrix_methods(app).items():
        for entry in MATRIX[endpoint]:
            assert set(entry.expect) == methods, endpoint
            for method, expect in entry.expect.items():
                roles = set(ROLES) | (set(TOKEN_ROLES) if endpoint.startswith("api.") else set())
                assert set(expect) == roles, (endpoint, method)


@pytest.fixture
def records(app, world):  # noqa: ANN001, ANN201
    built: list[Records] = []

    def build(reports: bool) -> Records:
        built.append(build_records(app, world, reports=reports))
        return built[-1]

    yield build
    for made in built:
        remove_files(made)


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_answers_every_role_as_the_matrix_says(app, records, endpoint):
    if endpoint not in matrix_methods(app):
        pytest.fail(f"{endpoint} is in MATRIX but not in the URL map")
    built = records(reports=endpoint.startswith(("reports.", "api.report")))
    clients = clients_for(app, built)
    adapter = app.url_map.bind("localhost")
    failures = []
    for entry in MATRIX[endpoint]:
        values = {**entry.values(built), **(entry.query(built) if entry.query else {})}
        url = adapter.build(endpoint, values)
        for method, expect in entry.expect.items():
            for role, outcome in roles_for(endpoint, expect).items():
                client, headers = clients[role]
                with rolled_back():
                    before = audit_count()
                    if method == "GET":
                        response = client.get(url, headers=headers)
                    else:
                        response = client.post(url, data={}, headers=headers)
                    stored = audit_count() != before
                problem = judge(outcome, method, response, stored)
                response.close()  # a file download holds its file open until closed
                if problem:
                    failures.append(f"{method} {url} as {role}: {problem}")
    assert not failures, "\n".join(failures)


def test_the_matrix_sees_a_stored_write_and_undoes_it_before_the_next_role(app, records):
    built = records(reports=False)
    client = logged_in_client(app, "trekker1")
    before = audit_count()
    with rolled_back():
        response = client.post(
            f"/themas/{built.world.theme1_id}/status",
            data={"period": NOW, "rag": "on_track", "text": "Loopt.", "version": ""},
        )
        assert response.status_code == 302
        assert audit_count() > before
    assert audit_count() == before


def test_an_id_no_database_can_hold_answers_404_on_every_route(app, records):
    """Past the largest INTEGER the address matches no route: 404, not an overflow (500)."""
    built = records(reports=False)
    admin = logged_in_client(app, "admin")
    token = {"Authorization": f"Bearer {built.token_secrets['admin']}"}
    adapter = app.url_map.bind("localhost")
    checked = 0
    problems = []
    for rule in app.url_map.iter_rules():
        ids = re.findall(r"<int(?:\([^)]*\))?:(\w+)>", rule.rule)
        if not ids:
            continue
        for huge in (2**31, 10**20):
            values = {**MATRIX[rule.endpoint][0].values(built), **dict.fromkeys(ids, huge)}
            url = adapter.build(rule.endpoint, values)
            headers = token if rule.endpoint.startswith("api.") else {}
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                with rolled_back():
                    response = admin.open(url, method=method, data={}, headers=headers)
                checked += 1
                if response.status_code != 404:
                    problems.append(f"{method} {url}: {response.status_code}")
    assert checked > 50
    assert not problems, "\n".join(problems)


def test_coordinator_audit_log_shows_no_other_programmes_changes(app, world):
    """The matrix checks answers; this checks content: the trail holds contact details."""
    ids = user_ids()
    for username, partner_key, contact in (
        ("anderregisseur", "elders", "Geheim Elders"),
        ("regisseur", "club", "Eigen Contact"),
    ):
        audit.set_actor(ids[username])
        db.session.get(Partner, world.partner_ids[partner_key]).contact_name = contact
        db.session.flush()
    audit.set_actor(None)
    db.session.commit()
    for username in ("regisseur", "admin"):
        page = logged_in_client(app, username).get("/beheer/logboek").get_data(as_text=True)
        assert "Eigen Contact" in page
        assert "Geheim Elders" not in page, f"{username} sees another programme's changes"


def test_a_programme_made_through_the_set_up_flow_is_sealed_off_from_the_others(app, world):
    """A second programme, made as a municipality would (create-programme, invitation,
    acceptance): its coordinator sees nothing of the first programme, nor the reverse, on
    pages, exports and the API; an administrator sees only the programme switched to."""
    made = services.create_programme(
        name="Sportakkoord Nieuwdorp", municipality="Nieuwdorp", structure_key="sportakkoord-ii"
    )
    invitation = invitations.invite(made.programme, "regie@nieuwdorp.example", Role.coordinator)
    newcomer = invitations.accept(invitation, "regienieuw", "Regie Nieuwdorp", "Nieuw-dorp-2026")
    secret = new_token()
    db.session.add(ApiToken(user_id=newcomer.id, name="t", token_sha256=token_digest(secret)))
    db.session.commit()
    own_theme = made.themes[0]
    theirs = app.test_client()
    assert (
        theirs.post(
            "/login", data={"username": "regienieuw", "password": "Nieuw-dorp-2026"}
        ).status_code
        == 302
    )
    assert theirs.get(f"/themas/{own_theme.id}").status_code == 200
    assert "Sportakkoord Nieuwdorp" in theirs.get("/beginnen").get_data(as_text=True)
    lid1 = db.session.scalar(select(User.id).where(User.username == "lid1"))
    for url in (
        f"/themas/{world.theme1_id}",
        f"/themas/{world.theme1_id}/export.csv",
        f"/opgaven/{world.opgave1_id}",
        f"/partners/{world.partner_ids['club']}",
        f"/uitkomstuitdagingen/{world.engagement1_id}",
        f"/beheer/gebruikers/{lid1}",
        f"/beheer/themas/{world.theme1_id}",
    ):
        assert theirs.get(url).status_code == 404, url
    assert "trekker1" not in theirs.get("/beheer/gebruikers").get_data(as_text=True)
    api = theirs.get("/api/v1/themes", headers={"Authorization": f"Bearer {secret}"}).get_json()
    names = {item["name"] for item in api["items"]}
    assert "Inclusie en diversiteit" in names and "Jong geleerd" not in names
    ours = logged_in_client(app, "regisseur")
    assert ours.get(f"/themas/{own_theme.id}").status_code == 404
    assert ours.get(f"/beheer/themas/{own_theme.id}").status_code == 404
    admin = app.test_client()
    admin.post("/login", data={"username": "admin", "password": "test-password-1"})
    admin.post(f"/beheer/programmas/{made.programme.id}/kiezen")
    assert admin.get(f"/themas/{own_theme.id}").status_code == 200
    assert admin.get(f"/themas/{world.theme1_id}").status_code == 404
    assert db.session.get(Theme, own_theme.id).programme_id == made.programme.id
