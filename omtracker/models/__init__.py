"""All models, imported here so Alembic and the app see the whole schema."""

from omtracker.models.audit import AuditEvent
from omtracker.models.base import Base
from omtracker.models.confirmations import CONFIRMATION_ANSWERS, PartnerConfirmation
from omtracker.models.drafts import Draft
from omtracker.models.enums import (
    BuildingBlock,
    EngagementStatus,
    IndicatorArea,
    Level,
    MembershipRole,
    NationalTheme,
    NetworkKind,
    OpgaveStatus,
    PartnerType,
    Rag,
    RelationType,
    Role,
    StrategyType,
    Tier,
)
from omtracker.models.indicators import Indicator, IndicatorValue
from omtracker.models.invitations import Invitation, PasswordReset
from omtracker.models.journals import (
    JournalAttachment,
    JournalContributor,
    JournalEntry,
    JournalRevision,
    MarkerRating,
)
from omtracker.models.mail import OutgoingMail
from omtracker.models.markers import Engagement, EngagementState, ProgressMarker
from omtracker.models.national import (
    MonitoringNetwork,
    NetworkProgramme,
    NetworkReader,
    StoredCounts,
    ThemeNationalTheme,
)
from omtracker.models.observations import SIGNIFICANCES, Observation
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
from omtracker.models.reminders import REMINDER_CHOICES, ReminderLog
from omtracker.models.reports import MetricsGeneration, MonthlyReport
from omtracker.models.search import SearchDocument
from omtracker.models.strategies import Strategy, StrategyJournalEntry
from omtracker.models.themes import Opgave, Theme, ThemeMembership, ThemeStatus
from omtracker.models.users import ApiToken, LoginAttempt, User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Base",
    "Draft",
    "BuildingBlock",
    "Engagement",
    "EngagementState",
    "EngagementStatus",
    "EvaluationPlanItem",
    "HarvestedOutcome",
    "Indicator",
    "IndicatorArea",
    "IndicatorValue",
    "Invitation",
    "JournalAttachment",
    "JournalContributor",
    "JournalEntry",
    "JournalRevision",
    "LadderRubric",
    "Level",
    "LoginAttempt",
    "MarkerRating",
    "MembershipRole",
    "MonitoringNetwork",
    "NationalTheme",
    "NetworkKind",
    "NetworkProgramme",
    "NetworkReader",
    "Observation",
    "SIGNIFICANCES",
    "MetricsGeneration",
    "MonitoringPlan",
    "MonthlyReport",
    "Opgave",
    "OpgaveStatus",
    "PartnerConfirmation",
    "CONFIRMATION_ANSWERS",
    "REMINDER_CHOICES",
    "ReminderLog",
    "OutgoingMail",
    "Partner",
    "PartnerRelation",
    "PartnerType",
    "PasswordReset",
    "PerformanceJournalEntry",
    "Practice",
    "PracticeNote",
    "Programme",
    "ProgressMarker",
    "Rag",
    "RelationType",
    "Role",
    "SearchDocument",
    "StoredCounts",
    "Strategy",
    "StrategyJournalEntry",
    "StrategyType",
    "Theme",
    "ThemeNationalTheme",
    "ThemeMembership",
    "ThemeStatus",
    "Tier",
    "User",
]
