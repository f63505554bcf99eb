"""All models, imported here so Alembic and the app see the whole schema."""

from omtracker.models.audit import AuditEvent
from omtracker.models.base import Base
from omtracker.models.enums import (
    BuildingBlock,
    IndicatorArea,
    Level,
    MembershipRole,
    OpgaveStatus,
    PartnerType,
    Rag,
    RelationType,
    Role,
    StrategyType,
    Tier,
)
from omtracker.models.indicators import Indicator, IndicatorValue
from omtracker.models.journals import (
    JournalAttachment,
    JournalContributor,
    JournalEntry,
    JournalRevision,
    MarkerRating,
)
from omtracker.models.markers import Engagement, ProgressMarker
from omtracker.models.outcome_mapping import (
    EvaluationPlanItem,
    HarvestedOutcome,
    LadderRubric,
    MonitoringPlan,
    PerformanceJournalEntry,
    Practice,
    PracticeNote,
)
from omtracker.models.partners import Partner, PartnerRelation
from omtracker.models.programme import Programme
from omtracker.models.reports import MetricsGeneration, MonthlyReport
from omtracker.models.strategies import Strategy, StrategyJournalEntry
from omtracker.models.themes import Opgave, Theme, ThemeMembership, ThemeStatus
from omtracker.models.users import ApiToken, LoginAttempt, User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Base",
    "BuildingBlock",
    "Engagement",
    "EvaluationPlanItem",
    "HarvestedOutcome",
    "Indicator",
    "IndicatorArea",
    "IndicatorValue",
    "JournalAttachment",
    "JournalContributor",
    "JournalEntry",
    "JournalRevision",
    "LadderRubric",
    "Level",
    "LoginAttempt",
    "MarkerRating",
    "MembershipRole",
    "MetricsGeneration",
    "MonitoringPlan",
    "MonthlyReport",
    "Opgave",
    "OpgaveStatus",
    "Partner",
    "PartnerRelation",
    "PartnerType",
    "PerformanceJournalEntry",
    "Practice",
    "PracticeNote",
    "Programme",
    "ProgressMarker",
    "Rag",
    "RelationType",
    "Role",
    "Strategy",
    "StrategyJournalEntry",
    "StrategyType",
    "Theme",
    "ThemeMembership",
    "ThemeStatus",
    "Tier",
    "User",
]
