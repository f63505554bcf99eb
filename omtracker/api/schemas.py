"""JSON schemas of the API's answers, as they appear under `components.schemas` in the document.

Written against `omtracker.api.serialize`; the OpenAPI-driven tests check every answer against
these, so a field added there and forgotten here fails a test.
"""

from __future__ import annotations

from typing import Any

from omtracker.api.spec import PERIOD_PATTERN
from omtracker.models import (
    BuildingBlock,
    NationalTheme,
    OpgaveStatus,
    PartnerType,
    Practice,
    Role,
    Tier,
)
from omtracker.search.index import KINDS as SEARCH_KINDS

STAGES = ["not_started", "expect", "like", "love"]


def _obj(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    out = {
        "type": "object",
        "required": sorted(properties),
        "properties": properties,
        "additionalProperties": False,
    }
    if description:
        out["description"] = description
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "nullable": True}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


ID = {"type": "integer", "minimum": 1}
TEXT = {"type": "string"}
BOOL = {"type": "boolean"}
PERIOD = {"type": "string", "pattern": PERIOD_PATTERN}
DATETIME = {"type": "string", "format": "date-time"}
LEVEL = {"type": "integer", "minimum": 0, "maximum": 3}
COUNT = {"type": "integer", "minimum": 0}
PCT = _nullable({"type": "integer", "minimum": 0, "maximum": 100})


def _enum(values: Any) -> dict[str, Any]:
    return {"type": "string", "enum": [v.value for v in values]}


ATTAINMENT = _obj(
    {"reached": COUNT, "total": COUNT, "pct": PCT},
    "Reached markers (level medium or high) out of the markers that count; pct null when none.",
)

RESOURCES: dict[str, dict[str, Any]] = {
    "Programme": _obj(
        {
            "id": ID,
            "slug": TEXT,
            "name": TEXT,
            "operating_name": _nullable(TEXT),
            "municipality": _nullable(TEXT),
            "ambition": TEXT,
            "mission": TEXT,
            "website": _nullable(TEXT),
            "archived": BOOL,
        }
    ),
    "Theme": _obj(
        {
            "id": ID,
            "programme_id": ID,
            "number": {"type": "integer"},
            "name": TEXT,
            "name_en": _nullable(TEXT),
            "building_block": _enum(BuildingBlock),
            "description": TEXT,
            "leaders": {"type": "array", "items": TEXT},
            "archived": BOOL,
        }
    ),
    "Opgave": _obj(
        {
            "id": ID,
            "theme_id": ID,
            "title": TEXT,
            "description": TEXT,
            "vision": TEXT,
            "work_agreements": TEXT,
            "targets": TEXT,
            "target_year": _nullable({"type": "integer"}),
            "status": _enum(OpgaveStatus),
            "archived": BOOL,
            "is_example": BOOL,
        }
    ),
    "Partner": _obj(
        {
            "id": ID,
            "name": TEXT,
            "type": _enum(PartnerType),
            "wijk": _nullable(TEXT),
            "website": _nullable(TEXT),
            "description": TEXT,
            "contact": _obj(
                {"name": _nullable(TEXT), "email": _nullable(TEXT), "phone": _nullable(TEXT)},
                "The partner's contact person (personal data: handle with care).",
            ),
            "merged_into_id": _nullable(ID),
            "archived": BOOL,
            "is_example": BOOL,
        }
    ),
    "Engagement": _obj(
        {
            "id": ID,
            "partner_id": ID,
            "partner_name": TEXT,
            "opgave_id": ID,
            "theme_id": ID,
            "outcome_challenge": TEXT,
            "monitoring_frequency_months": {"type": "integer", "minimum": 1, "maximum": 12},
            "start_date": {"type": "string", "format": "date"},
            "active": BOOL,
            "archived": BOOL,
            "is_example": BOOL,
        },
        "A boundary partner's outcome challenge within one opgave.",
    ),
    "Marker": _obj(
        {
            "id": ID,
            "engagement_id": ID,
            "tier": _enum(Tier),
            "position": {"type": "integer"},
            "text": TEXT,
            "first_period": PERIOD,
            "retired_period": _nullable(PERIOD),
            "origin_entry_id": _nullable(ID),
            "level_period": PERIOD,
            "current_level": _nullable(LEVEL),
            "is_example": BOOL,
        },
        "current_level: 0 none, 1 low, 2 medium, 3 high, as of level_period; null when the "
        "marker is not yet rated (never 0 for that), does not count in that month, or its "
        "engagement does not count in that month (stopped, archived).",
    ),
    "JournalEntry": _obj(
        {
            "id": ID,
            "engagement_id": ID,
            "period": PERIOD,
            "change_description": TEXT,
            "contributing_factors": TEXT,
            "evidence": TEXT,
            "unanticipated_change": TEXT,
            "lessons": TEXT,
            "highlight": BOOL,
            "author": _nullable(TEXT),
            "created_at": DATETIME,
            "updated_at": DATETIME,
            "ratings": {
                "type": "array",
                "items": _obj({"marker_id": ID, "level": LEVEL, "note": TEXT}),
            },
            "contributors": {
                "type": "array",
                "items": _obj({"partner_id": ID, "name": TEXT}),
            },
            "is_example": BOOL,
        }
    ),
    "SearchHit": _obj(
        {
            "kind": {"type": "string", "enum": list(SEARCH_KINDS)},
            "id": ID,
            "title": TEXT,
            "subtitle": TEXT,
            "passage": {"type": "string", "description": "The matching passage, plain text."},
            "passage_html": {
                "type": "string",
                "description": "The same passage escaped as HTML, the matching words in <mark>.",
            },
            "theme_id": _nullable(ID),
            "period": _nullable(PERIOD),
            "archived": {**BOOL, "description": "Archived, merged or retired: history."},
            "url": {"type": "string", "description": "The record's page in omtracker."},
        },
        "A record that matches the search.",
    ),
    "ReportSummary": _obj(
        {
            "period": PERIOD,
            "published_at": DATETIME,
            "published_by": _nullable(TEXT),
            "snapshot_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "url": TEXT,
        }
    ),
    "HarvestedOutcome": _obj(
        {
            "id": ID,
            "theme_id": _nullable(ID),
            "opgave_id": _nullable(ID),
            "partner_id": _nullable(ID),
            "actor": TEXT,
            "actor_is_partner": BOOL,
            "change": TEXT,
            "period": PERIOD,
            "place": TEXT,
            "significance": TEXT,
            "contribution": TEXT,
            "substantiation": TEXT,
            "marker_ids": {"type": "array", "items": ID},
            "origin_entry_id": _nullable(ID),
            "archived": BOOL,
            "created_at": DATETIME,
            "updated_at": DATETIME,
        },
        "Outcome Harvesting (Wilson-Grau): who changed what, when and where; its significance; "
        "how the programme contributed; substantiation. The actor may not be a boundary partner.",
    ),
    "PerformanceJournalEntry": _obj(
        {
            "id": ID,
            "theme_id": _nullable(ID),
            "period": PERIOD,
            "practices": {
                "type": "array",
                "items": _obj(
                    {
                        "practice": _enum(Practice),
                        "example": TEXT,
                        "lessons": TEXT,
                        "rating": _nullable(LEVEL),
                    }
                ),
            },
            "updated_at": DATETIME,
        },
        "The performance journal (Outcome Mapping step 11) of the programme (theme_id null) or a "
        "theme: per organisational practice an example, lessons and how well it was followed "
        "(0 not, 1 low, 2 medium, 3 high; null not rated).",
    ),
    "EvaluationPlanItem": _obj(
        {
            "id": ID,
            "question": TEXT,
            "users": TEXT,
            "uses": TEXT,
            "sources": TEXT,
            "methods": TEXT,
            "start_date": _nullable({"type": "string", "format": "date"}),
            "end_date": _nullable({"type": "string", "format": "date"}),
            "cost_euros": _nullable(COUNT),
            "archived": BOOL,
        },
        "One evaluation of the programme's evaluation plan (Outcome Mapping step 12).",
    ),
    "MonitoringPlan": _obj(
        {
            "id": ID,
            "theme_id": _nullable(ID),
            "valid_from": PERIOD,
            "monitored": TEXT,
            "monitored_by": TEXT,
            "how_often": TEXT,
            "use_of_information": TEXT,
            "journal_frequency_months": _nullable({"type": "integer", "minimum": 1, "maximum": 12}),
            "performance_rhythm_months": {"type": "integer", "enum": [1, 3]},
        },
        "A monitoring plan (Outcome Mapping step 8) of the programme (theme_id null) or a theme, "
        "valid from a month until the next plan of the same scope.",
    ),
}

OTHERS: dict[str, dict[str, Any]] = {
    "Report": _obj(
        {
            **RESOURCES["ReportSummary"]["properties"],
            "snapshot": {"type": "object", "description": "The content frozen at publication."},
        }
    ),
    "Attainment": ATTAINMENT,
    "Metrics": _obj(
        {
            "scope": {"type": "string"},
            "id": _nullable(TEXT),
            "period": PERIOD,
            "tier_attainment": _obj({t.value: _ref("Attainment") for t in Tier}),
            "stage_distribution": _obj({s: COUNT for s in STAGES}),
            "coverage": _obj({"written": COUNT, "due": COUNT, "pct": PCT}),
            "movement": _obj(
                {"from": PERIOD, "to": PERIOD, "up": COUNT, "down": COUNT, "same": COUNT}
            ),
        }
    ),
    "Me": _obj(
        {
            "id": ID,
            "username": TEXT,
            "display_name": TEXT,
            "role": _enum(Role),
            "programme_id": ID,
            "themes": {
                "type": "array",
                "items": _obj({"theme_id": ID, "role": {"type": "string"}}),
            },
            "token": _obj({"id": ID, "name": TEXT, "created_at": DATETIME}),
        }
    ),
    "OpenApiDocument": {"type": "object", "description": "An OpenAPI 3 document."},
    "Error": _obj(
        {
            "error": TEXT,
            "status": {"type": "integer"},
            "detail": _nullable(TEXT),
        }
    ),
}


# The national roll-up (issue 17): a figure pooled over programmes, withheld below a minimum.
NATIONAL_FIGURE = {
    "withheld": BOOL,
    "programmes": _nullable(COUNT),
    "engagements": _nullable(COUNT),
    "tier_attainment": _nullable(_obj({t.value: _nullable(ATTAINMENT) for t in Tier})),
    "stage_distribution": _nullable(_obj({s: COUNT for s in STAGES})),
    "coverage": _nullable(_obj({"written": COUNT, "due": COUNT, "pct": PCT})),
    "movement": _nullable(
        _obj({"from": PERIOD, "to": PERIOD, "up": COUNT, "down": COUNT, "same": COUNT})
    ),
}
NATIONAL_THEME = _enum(NationalTheme)
OTHERS["NationalFigure"] = _obj(
    NATIONAL_FIGURE,
    "Pooled over programmes (counts summed before a percentage is taken); every number null "
    "when withheld, and a tier, coverage or movement null when only one or two programmes "
    "have it.",
)
OTHERS["NationalRollup"] = _obj(
    {
        "editions": {"type": "array", "items": PERIOD, "description": "Newest first."},
        "edition": PERIOD,
        "kind": {"type": "string", "enum": ["quantitative", "qualitative"]},
        "start": PERIOD,
        "end": PERIOD,
        "movement_since": PERIOD,
        "programmes": COUNT,
        "min_programmes": COUNT,
        "national_themes": {
            "type": "array",
            "items": _obj(
                {
                    "national_theme": NATIONAL_THEME,
                    "label": TEXT,
                    "total": _ref("NationalFigure"),
                    "building_blocks": {
                        "type": "array",
                        "items": _obj({"building_block": _enum(BuildingBlock), **NATIONAL_FIGURE}),
                    },
                }
            ),
        },
        "programme_rows": {
            "type": "array",
            "items": _obj(
                {
                    "programme_id": ID,
                    "municipality": TEXT,
                    "size_class": _nullable(
                        {"type": "string", "enum": ["small", "medium", "large", "city"]}
                    ),
                    "national_themes": {
                        "type": "array",
                        "items": _obj({"national_theme": NATIONAL_THEME, **NATIONAL_FIGURE}),
                    },
                }
            ),
        },
    },
    "The edition's figures at its month and the movement since the previous edition.",
)


def page_schema(item: str) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "items": {"type": "array", "items": _ref(item)},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1},
        "total": COUNT,
        "next": _nullable({"type": "string", "description": "URL of the next page."}),
    }
    required = sorted(properties)
    if item == "Marker":
        properties["period"] = PERIOD
        required.append("period")
    return {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


def components() -> dict[str, Any]:
    schemas = {**RESOURCES, **OTHERS}
    for name in RESOURCES:
        schemas[f"{name}Page"] = page_schema(name)
    return schemas
