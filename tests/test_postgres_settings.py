"""PostgreSQL sessions run without JIT compilation (issue 17: compiling a misjudged plan cost
more than running it)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from omtracker.extensions import db


def test_jit_is_off_for_every_connection_and_survives_a_rollback(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    assert db.session.scalar(text("SHOW jit")) == "off"
    db.session.rollback()
    with db.engine.connect() as connection:
        assert connection.scalar(text("SHOW jit")) == "off"
