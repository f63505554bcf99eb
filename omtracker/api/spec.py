"""The read API's operations and their query parameters, declared once.

The same declarations validate each request (`omtracker.api.params`) and build the OpenAPI
document (`omtracker.api.openapi`), so what the document promises is what the API checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from omtracker.models import BuildingBlock, OpgaveStatus, PartnerType, Tier
from omtracker.search.index import KINDS as SEARCH_KINDS

# Ids are 32-bit integers on PostgreSQL; anything larger cannot exist and is refused early.
MAX_ID = 2_147_483_647
MAX_PAGE = 1_000_000
MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
PERIOD_PATTERN = "^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"
EDITION_PATTERN = "^(19|20)[0-9]{2}-(05|11)$"  # the national roll-up: every May and November
METRIC_SCOPES = ("programme", "building_block", "theme", "opgave", "engagement")


@dataclass(frozen=True)
class Param:
    """One query parameter: its JSON schema is both the documentation and the validation rule."""

    name: str
    schema: dict[str, Any]
    description: str
    required: bool = False


@dataclass(frozen=True)
class Operation:
    path: str  # OpenAPI form: /api/v1/themes/{theme_id}
    operation_id: str
    summary: str
    tag: str
    response: str  # name of the component schema answered with 200
    params: tuple[Param, ...] = ()
    paginated: bool = False
    public: bool = False
    not_found: bool = False  # may answer 404 (an object of another programme, an unknown id)
    description: str = ""
    path_params: dict[str, dict[str, Any]] = field(default_factory=dict)
    network: bool = False  # read across programmes: network readers and administrators only


def _id_param(name: str, what: str) -> Param:
    schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    return Param(name, schema, f"Only {what}.")


def _enum_param(name: str, values: list[str], what: str) -> Param:
    return Param(name, {"type": "string", "enum": values}, f"Only {what}.")


def _bool_param(name: str, description: str, default: bool = False) -> Param:
    return Param(name, {"type": "boolean", "default": default}, description)


def _period_param(name: str, description: str, required: bool = False) -> Param:
    schema = {"type": "string", "pattern": PERIOD_PATTERN, "example": "2026-10"}
    return Param(name, schema, description, required)


PAGE = Param(
    "page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    "Page number, from 1. A page past the end answers an empty list.",
)
PER_PAGE = Param(
    "per_page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
    f"Items per page (at most {MAX_PER_PAGE}).",
)
INCLUDE_ARCHIVED = _bool_param(
    "include_archived", "Also list archived records (they stay readable as history)."
)
ID_PATH = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
PERIOD_PATH = {"type": "string", "pattern": PERIOD_PATTERN, "example": "2026-10"}


def _list(path: str, op_id: str, summary: str, tag: str, item: str, *params: Param, **kw: Any):
    return Operation(
        path, op_id, summary, tag, f"{item}Page", (*params, PAGE, PER_PAGE), paginated=True, **kw
    )


def _item(path: str, op_id: str, summary: str, tag: str, schema: str, id_name: str, **kw: Any):
    return Operation(
        path, op_id, summary, tag, schema, not_found=True, path_params={id_name: ID_PATH}, **kw
    )


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "/api/v1/openapi.json",
        "getOpenApi",
        "This OpenAPI 3 document",
        "meta",
        "OpenApiDocument",
        public=True,
    ),
    Operation("/api/v1/me", "getMe", "The token's user, role and theme groups", "meta", "Me"),
    _list(
        "/api/v1/programmes",
        "listProgrammes",
        "The token user's programme",
        "programme",
        "Programme",
    ),
    _item(
        "/api/v1/programmes/{programme_id}",
        "getProgramme",
        "One programme",
        "programme",
        "Programme",
        "programme_id",
    ),
    _list(
        "/api/v1/themes",
        "listThemes",
        "Themes of the programme",
        "programme",
        "Theme",
        _enum_param(
            "building_block", [b.value for b in BuildingBlock], "themes of this building block"
        ),
        INCLUDE_ARCHIVED,
    ),
    _item("/api/v1/themes/{theme_id}", "getTheme", "One theme", "programme", "Theme", "theme_id"),
    _list(
        "/api/v1/opgaven",
        "listOpgaven",
        "Opgaven (challenges) of the programme",
        "programme",
        "Opgave",
        _id_param("theme_id", "opgaven of this theme"),
        _enum_param("status", [s.value for s in OpgaveStatus], "opgaven with this status"),
        INCLUDE_ARCHIVED,
    ),
    _item(
        "/api/v1/opgaven/{opgave_id}", "getOpgave", "One opgave", "programme", "Opgave", "opgave_id"
    ),
    _list(
        "/api/v1/partners",
        "listPartners",
        "The programme's boundary partner registry",
        "partners",
        "Partner",
        _enum_param("type", [t.value for t in PartnerType], "partners of this type"),
        INCLUDE_ARCHIVED,
        description="Each partner carries its contact person, as on the partner page: "
        "personal data, so keep what you fetch safe.",
    ),
    _item(
        "/api/v1/partners/{partner_id}",
        "getPartner",
        "One boundary partner",
        "partners",
        "Partner",
        "partner_id",
    ),
    _list(
        "/api/v1/engagements",
        "listEngagements",
        "Engagements (partner × opgave) with their outcome challenge",
        "progress",
        "Engagement",
        _id_param("partner_id", "engagements of this partner"),
        _id_param("opgave_id", "engagements of this opgave"),
        _id_param("theme_id", "engagements in opgaven of this theme"),
        _bool_param("active_only", "Only active engagements."),
        INCLUDE_ARCHIVED,
    ),
    _item(
        "/api/v1/engagements/{engagement_id}",
        "getEngagement",
        "One engagement",
        "progress",
        "Engagement",
        "engagement_id",
    ),
    _list(
        "/api/v1/markers",
        "listMarkers",
        "Progress markers with their tier and current level",
        "progress",
        "Marker",
        _id_param("engagement_id", "markers of this engagement"),
        _enum_param("tier", [t.value for t in Tier], "markers of this tier"),
        _period_param(
            "period",
            "Month the current level is computed for (default: this "
            "month). Markers that do not count in that month have level null.",
        ),
        _bool_param("counting_only", "Only markers that count in `period` (started, not retired)."),
    ),
    _item(
        "/api/v1/markers/{marker_id}",
        "getMarker",
        "One progress marker with its current level this month",
        "progress",
        "Marker",
        "marker_id",
    ),
    _list(
        "/api/v1/journal-entries",
        "listJournalEntries",
        "Outcome journal entries with marker ratings and contributing partners",
        "progress",
        "JournalEntry",
        _id_param("engagement_id", "entries of this engagement"),
        _id_param("opgave_id", "entries of engagements in this opgave"),
        _id_param("theme_id", "entries of engagements in this theme"),
        _id_param("partner_id", "entries about this partner"),
        _period_param("period_from", "First month (inclusive)."),
        _period_param("period_to", "Last month (inclusive); not before `period_from`."),
        _bool_param("highlight_only", "Only entries marked as highlight."),
    ),
    _item(
        "/api/v1/journal-entries/{entry_id}",
        "getJournalEntry",
        "One outcome journal entry",
        "progress",
        "JournalEntry",
        "entry_id",
    ),
    Operation(
        "/api/v1/metrics",
        "getMetrics",
        "Tier attainment, stage distribution, journal coverage and movement for a scope and month",
        "metrics",
        "Metrics",
        (
            Param(
                "scope",
                {"type": "string", "enum": list(METRIC_SCOPES)},
                "What the numbers are about.",
                required=True,
            ),
            Param(
                "id",
                {"type": "string", "minLength": 1, "maxLength": 20},
                "The scope's id: a building block name (hardware, orgware, software) or the "
                "numeric id of the theme, opgave or engagement. Optional for scope=programme. "
                "An id that names nothing in your programme answers 404.",
            ),
            _period_param(
                "period",
                "Month (default: this month). Movement is measured since the month before.",
            ),
        ),
        not_found=True,
        description="Computed by the same functions as the dashboard (DESIGN.md §3): attainment "
        "pooled over the scope's active engagements, never an average of percentages.",
    ),
    _list(
        "/api/v1/search",
        "search",
        "Full-text search over the programme's partners, opgaven, engagements, markers, "
        "journal entries, strategies and strategy journal entries",
        "search",
        "SearchHit",
        Param(
            "q",
            {"type": "string", "minLength": 1, "maxLength": 200},
            "Words to find. Each word matches its Dutch stem (zwemmen finds zwem) or, from "
            "three letters on, the beginning of a word; accents are ignored; every word must "
            "be found.",
            required=True,
        ),
        _enum_param("kind", list(SEARCH_KINDS), "results of this kind"),
        _id_param("theme_id", "results in this theme"),
        _period_param("period_from", "First month (inclusive); undated records are left out."),
        _period_param("period_to", "Last month (inclusive); not before `period_from`."),
        description="Finds what the token's user may read: their own programme only. Results "
        "come in the order partner, opgave, engagement, marker, journal, strategy, "
        "strategy_journal; within a kind newest month first.",
    ),
    _list(
        "/api/v1/reports",
        "listReports",
        "Published monthly reports, newest first",
        "reports",
        "ReportSummary",
    ),
    Operation(
        "/api/v1/reports/{period}",
        "getReport",
        "A published monthly report: its frozen snapshot",
        "reports",
        "Report",
        not_found=True,
        path_params={"period": PERIOD_PATH},
        description="Answers the snapshot as published; it never changes afterwards.",
    ),
)

# Outcome Mapping beyond the ladder: harvested outcomes, the performance journal, the plans.
OPERATIONS += (
    _list(
        "/api/v1/harvested-outcomes",
        "listHarvestedOutcomes",
        "Harvested outcomes (Outcome Harvesting), newest first",
        "plans",
        "HarvestedOutcome",
        _id_param("theme_id", "outcomes of this theme"),
        _id_param("partner_id", "outcomes of this boundary partner"),
        _period_param("period_from", "First month (inclusive)."),
        _period_param("period_to", "Last month (inclusive); not before `period_from`."),
        INCLUDE_ARCHIVED,
    ),
    _item(
        "/api/v1/harvested-outcomes/{outcome_id}",
        "getHarvestedOutcome",
        "One harvested outcome",
        "plans",
        "HarvestedOutcome",
        "outcome_id",
    ),
    _list(
        "/api/v1/performance-journal",
        "listPerformanceJournal",
        "Performance journal entries (organisational practices), newest first",
        "plans",
        "PerformanceJournalEntry",
        _id_param("theme_id", "entries of this theme"),
        _bool_param("programme_only", "Only the programme's own entries (no theme)."),
    ),
    _list(
        "/api/v1/evaluation-plan",
        "listEvaluationPlan",
        "The programme's evaluation plan",
        "plans",
        "EvaluationPlanItem",
        INCLUDE_ARCHIVED,
    ),
    _list(
        "/api/v1/monitoring-plans",
        "listMonitoringPlans",
        "Monitoring plans of the programme and its themes, newest first",
        "plans",
        "MonitoringPlan",
        _id_param("theme_id", "plans of this theme"),
        _bool_param("programme_only", "Only the programme's own plans (no theme)."),
    ),
)

# The national picture (issue 17): pooled figures of the programmes that share them.
OPERATIONS += (
    Operation(
        "/api/v1/landelijk/rapportage",
        "getNationalRollup",
        "The national May or November roll-up across the programmes that share their figures",
        "national",
        "NationalRollup",
        (
            Param(
                "editie",
                {"type": "string", "pattern": EDITION_PATTERN, "example": "2026-11"},
                "Edition: a May (YYYY-05, mostly quantitative) or November (YYYY-11, mostly "
                "qualitative) that has come; it covers the six months up to and including its "
                "month. Default: the latest.",
            ),
        ),
        network=True,
        description="For readers of a monitoring network (the programmes of their network "
        "that share) and administrators (every programme that shares). Figures at the "
        "edition month per national theme, per building block and per programme; movement "
        "since the previous edition. Counts are pooled over programmes, never averaged; a "
        "figure fewer than `min_programmes` programmes stand behind has every number null. "
        "No texts, partners or people.",
    ),
)

BY_PATH = {op.path: op for op in OPERATIONS}
