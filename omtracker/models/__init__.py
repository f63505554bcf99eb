"""All models, imported here so Alembic and the app see the whole schema."""

from omtracker.models.audit import AuditEvent
from omtracker.models.base import Base
from omtracker.models.confirmations import CONFIRMATION_ANSWERS, PartnerConfirmation
from omtracker.models.drafts import Draft
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
from omtracker.models.invitations import Invitation, PasswordReset
from omtracker.models.journals import (
    JournalAttachment,
    JournalContributor,
    JournalEntry,
    JournalRevision,
    MarkerRating,
)
from omtracker.models.mail import OutgoingMail
from omtracker.models.markers import Engagement, ProgressMarker
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
    "Indicator",
    "IndicatorArea",
    "IndicatorValue",
    "Invitation",
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
    "PartnerConfirmation",
    "CONFIRMATION_ANSWERS",
    "REMINDER_CHOICES",
    "ReminderLog",
    "OutgoingMail",
    "Partner",
    "PartnerRelation",
    "PartnerType",
    "PasswordReset",
    "Programme",
    "ProgressMarker",
    "Rag",
    "RelationType",
    "Role",
    "SearchDocument",
    "Strategy",
    "StrategyJournalEntry",
    "StrategyType",
    "Theme",
    "ThemeMembership",
    "ThemeStatus",
    "Tier",
    "User",
]
