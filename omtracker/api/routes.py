"""API routes for the document itself, the token's user and the programme's registry.

Every query is limited to the token's programme; the rest of the request flow (token, query
parameters) has been checked in the blueprint's before_request.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from omtracker.api import bp, openapi, serialize
from omtracker.api.auth import api_programme_id, api_token, api_user
from omtracker.api.listing import args, envelope, one_or_404, page_of
from omtracker.api.spec import MAX_ID
from omtracker.models import Opgave, Partner, Programme, Theme, ThemeMembership

ID = f"int(min=1, max={MAX_ID})"


@bp.get("/openapi.json")
def openapi_document() -> Any:
    return openapi.document()


@bp.get("/me")
def me() -> Any:
    user, token = api_user(), api_token()
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role.value,
        "programme_id": api_programme_id(),
        "themes": [
            {"theme_id": m.theme_id, "role": m.role.value}
            for m in sorted(user.memberships, key=lambda m: m.theme_id)
        ],
        "token": {
            "id": token.id,
            "name": token.name,
            "created_at": serialize.timestamp(token.created_at),
        },
    }


def _programmes() -> Any:
    return select(Programme).where(Programme.id == api_programme_id()).order_by(Programme.id)


@bp.get("/programmes")
def programmes() -> Any:
    rows, total = page_of(_programmes())
    return envelope(rows, total, serialize.programme)


@bp.get(f"/programmes/<{ID}:programme_id>")
def programme(programme_id: int) -> Any:
    found = one_or_404(_programmes().where(Programme.id == programme_id), "programme")
    return serialize.programme(found)


def _themes() -> Any:
    return select(Theme).where(Theme.programme_id == api_programme_id())


THEME_LOADS = (selectinload(Theme.memberships).selectinload(ThemeMembership.user),)


@bp.get("/themes")
def themes() -> Any:
    params = args()
    stmt = _themes().order_by(Theme.number, Theme.id)
    if params["building_block"]:
        stmt = stmt.where(Theme.building_block == params["building_block"])
    if not params["include_archived"]:
        stmt = stmt.where(Theme.archived.is_(False))
    rows, total = page_of(stmt, *THEME_LOADS)
    return envelope(rows, total, serialize.theme)


@bp.get(f"/themes/<{ID}:theme_id>")
def theme(theme_id: int) -> Any:
    found = one_or_404(_themes().where(Theme.id == theme_id).options(*THEME_LOADS), "theme")
    return serialize.theme(found)


def _opgaven() -> Any:
    return select(Opgave).join(Opgave.theme).where(Theme.programme_id == api_programme_id())


@bp.get("/opgaven")
def opgaven() -> Any:
    params = args()
    stmt = _opgaven().order_by(Theme.number, Opgave.id)
    if params["theme_id"]:
        stmt = stmt.where(Opgave.theme_id == params["theme_id"])
    if params["status"]:
        stmt = stmt.where(Opgave.status == params["status"])
    if not params["include_archived"]:
        stmt = stmt.where(Opgave.archived.is_(False))
    rows, total = page_of(stmt)
    return envelope(rows, total, serialize.opgave)


@bp.get(f"/opgaven/<{ID}:opgave_id>")
def opgave(opgave_id: int) -> Any:
    return serialize.opgave(one_or_404(_opgaven().where(Opgave.id == opgave_id), "opgave"))


def _partners() -> Any:
    return select(Partner).where(Partner.programme_id == api_programme_id())


@bp.get("/partners")
def partners() -> Any:
    params = args()
    stmt = _partners().order_by(Partner.name, Partner.id)
    if params["type"]:
        stmt = stmt.where(Partner.type == params["type"])
    if not params["include_archived"]:
        stmt = stmt.where(Partner.archived.is_(False))
    rows, total = page_of(stmt)
    return envelope(rows, total, serialize.partner)


@bp.get(f"/partners/<{ID}:partner_id>")
def partner(partner_id: int) -> Any:
    found = one_or_404(_partners().where(Partner.id == partner_id), "partner")
    return serialize.partner(found)
