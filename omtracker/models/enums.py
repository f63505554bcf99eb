"""Closed vocabularies of the domain (DESIGN.md §2), stored as checked strings."""

from __future__ import annotations

import enum

from sqlalchemy import Enum as SAEnum


class StrEnum(enum.StrEnum):
    """Members compare equal to their stored string."""


class BuildingBlock(StrEnum):
    hardware = "hardware"
    orgware = "orgware"
    software = "software"


class Role(StrEnum):
    admin = "admin"
    coordinator = "coordinator"
    board = "board"
    user = "user"


class MembershipRole(StrEnum):
    lead = "lead"
    member = "member"


class OpgaveStatus(StrEnum):
    draft = "draft"
    active = "active"
    closed = "closed"


class EngagementStatus(StrEnum):
    """An engagement's state in a month (DESIGN.md §3a): paused still counts, but is not due."""

    active = "active"
    paused = "paused"
    stopped = "stopped"
    archived = "archived"


class PartnerType(StrEnum):
    club = "club"
    school = "school"
    welfare = "welfare"
    care = "care"
    municipality = "municipality"
    coach = "coach"
    company = "company"
    national_body = "national_body"
    knowledge_institute = "knowledge_institute"
    other = "other"


class Tier(StrEnum):
    expect = "expect"
    like = "like"
    love = "love"


TIER_ORDER = (Tier.expect, Tier.like, Tier.love)


class Level(enum.IntEnum):
    none = 0
    low = 1
    medium = 2
    high = 3


class StrategyType(StrEnum):
    i1 = "I-1"
    i2 = "I-2"
    i3 = "I-3"
    e1 = "E-1"
    e2 = "E-2"
    e3 = "E-3"


class NationalTheme(StrEnum):
    """The six themes of the Werkplan Sportakkoord II (werkplan-sportakkoord-ii-2023:33-36)."""

    inclusion = "inclusion"
    safe_sport = "safe_sport"
    vital_providers = "vital_providers"
    movement_skills = "movement_skills"
    space = "space"
    elite_sport = "elite_sport"


NATIONAL_THEME_ORDER = tuple(NationalTheme)  # the werkplan's numbering, 1-6


class NetworkKind(StrEnum):
    """Who reads across programmes: the national monitor, or a regional sports office."""

    national = "national"
    regional = "regional"


class Rag(StrEnum):
    on_track = "on_track"
    attention = "attention"
    off_track = "off_track"


class RelationType(StrEnum):
    cooperation = "cooperation"
    referral = "referral"
    funding = "funding"
    shared_facility = "shared_facility"


class IndicatorArea(StrEnum):
    municipality = "municipality"
    neighbourhood = "neighbourhood"
    province = "province"
    country = "country"
    benchmark = "benchmark"


def enum_column(enum_cls: type[enum.Enum], name: str) -> SAEnum:
    """A portable enum: VARCHAR plus a CHECK constraint, identical on SQLite and PostgreSQL."""
    return SAEnum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )
