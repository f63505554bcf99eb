"""All models, imported here so Alembic and the app see the whole schema."""

from omtracker.models.audit import AuditEvent
from omtracker.models.base import Base
from omtracker.models.enums import (
    BuildingBlock,
    EngagementStatus,
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
from omtracker.models.markers import Engagement, EngagementState, ProgressMarker
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
    "EngagementState",
    "EngagementStatus",
    "Indicator",
    "IndicatorArea",
    "IndicatorValue",
    "JournalAttachment",
    "JournalContributor",
    "JournalEntry",
    "JournalRevision",
    "Level",
    "LoginAttempt",
    "MarkerRating",
    "MembershipRole",
    "MetricsGeneration",
    "MonthlyReport",
    "Opgave",
    "OpgaveStatus",
    "Partner",
    "PartnerRelation",
    "PartnerType",
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
