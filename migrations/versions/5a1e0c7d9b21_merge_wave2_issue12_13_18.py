"""Merge the parallel wave-2 branches: sessions/throttle, drafts, search, programme set-up and mail.

Revision ID: 5a1e0c7d9b21
Revises: e41a7c9d2f63, b13a28c64986, e7a4d2c9b130, 1f880f7532fa
Create Date: 2026-12-06
"""

revision = "5a1e0c7d9b21"
down_revision = ("e41a7c9d2f63", "b13a28c64986", "e7a4d2c9b130", "1f880f7532fa")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
