"""OMTRACKER_* environment variables override settings with the type of the setting's default."""

from __future__ import annotations

import os

import pytest

from omtracker import _env_overrides, create_app
from omtracker.config import DefaultConfig

DEFAULTS = {k: getattr(DefaultConfig, k) for k in dir(DefaultConfig) if k.isupper()}


@pytest.fixture
def env(monkeypatch):
    def set_only(**variables: str) -> dict:
        for key in [k for k in os.environ if k.startswith("OMTRACKER_")]:
            if not key.startswith("OMTRACKER_TEST"):
                monkeypatch.delenv(key)
        for name, value in variables.items():
            monkeypatch.setenv(f"OMTRACKER_{name}", value)
        return _env_overrides(DEFAULTS)

    return set_only


def test_numbers_become_numbers(env):
    found = env(MAX_CONTENT_LENGTH="5242880", SESSION_IDLE_MINUTES="30")
    assert found == {"MAX_CONTENT_LENGTH": 5242880, "SESSION_IDLE_MINUTES": 30}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("False", False), ("yes", True), ("off", False), ("1", 1), ("2", 2)],
)
def test_yes_no_settings_take_words_or_a_count(env, value, expected):
    assert env(PROXY_FIX=value) == {"PROXY_FIX": expected}


def test_text_stays_text_and_the_database_url_is_renamed(env):
    found = env(SECRET_KEY="yes", DATABASE_URL="postgresql://db/omtracker")
    assert found == {"SECRET_KEY": "yes", "SQLALCHEMY_DATABASE_URI": "postgresql://db/omtracker"}


def test_an_unknown_setting_keeps_the_old_true_false_rule(env):
    assert env(SOMETHING_NEW="true", OTHER="hello") == {"SOMETHING_NEW": True, "OTHER": "hello"}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("MAX_CONTENT_LENGTH", "12MB", "OMTRACKER_MAX_CONTENT_LENGTH='12MB': expected a number"),
        ("DEMO_MODE", "misschien", "OMTRACKER_DEMO_MODE='misschien': expected true/false"),
    ],
)
def test_a_value_that_does_not_fit_stops_the_start_with_its_name(env, name, value, message):
    with pytest.raises(RuntimeError) as raised:
        env(**{name: value})
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("overrides", "frozen"),
    [({"TESTING": False}, True), ({"TESTING": True}, False), ({"GC_FREEZE": False}, False)],
)
def test_a_serving_app_leaves_its_start_up_objects_out_of_garbage_collection(
    monkeypatch, database_url, overrides, frozen
):
    import gc

    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    config = {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", **overrides}
    create_app({"TESTING": False, **config} if "TESTING" not in overrides else config)
    assert calls == (["freeze"] if frozen else [])
