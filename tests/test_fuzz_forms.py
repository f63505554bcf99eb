"""Hostile input on every form: no 5xx, nothing stored half-way, user text always escaped.

Property-based (hypothesis, a bounded and derandomised number of examples per form): each
example posts a mutated version of a valid submission — overlong text, unicode (emoji, RTL,
NUL bytes, combining marks), HTML and script, SQL fragments, letters in number and date
fields, impossible months, missing fields, uploads just over the limit — as a user who may
post there. A 4xx leaves every table, the audit trail and the upload folders as they were;
a success is audited; a redirect stays on this site; no answer (nor the page it redirects
to) contains the raw script payload. The API's own fuzzing is in tests/test_api_openapi.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_forms_list import FORMS
from tests.fuzz_support import (
    ESCAPED,
    NOW,
    SCRIPT,
    UPLOAD_LIMIT,
    Form,
    as_files,
    row_counts,
    submissions,
    upload_strategy,
)
from tests.trust_support import (
    ANON,
    audit_count,
    build_records,
    logged_in_client,
    remove_files,
    rolled_back,
)

FUZZ = settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


@pytest.fixture
def records(app, world, monkeypatch, tmp_path):  # noqa: ANN001, ANN201
    """The matrix's records; small upload limits so "just over the limit" stays cheap."""
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", UPLOAD_LIMIT)
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", UPLOAD_LIMIT)
    monkeypatch.setitem(app.config, "IMPORT_DIR", str(tmp_path / "imports"))
    built = build_records(app, world)
    yield built
    remove_files(built)


def client_for(app, username: str):  # noqa: ANN001, ANN201
    return app.test_client() if username == ANON else logged_in_client(app, username)


def stored_files(app) -> set[str]:  # noqa: ANN001
    names: set[str] = set()
    for key in ("ATTACHMENT_DIR", "IMPORT_DIR"):
        folder = Path(app.config[key])
        if folder.exists():
            names |= {f"{key}/{p.name}" for p in folder.iterdir()}
    return names


def html_of(response: Any) -> str:
    return response.get_data(as_text=True) if response.mimetype == "text/html" else ""


def assert_local(location: str) -> None:
    parts = urlsplit(location)
    assert not parts.scheme and not parts.netloc, f"redirect off-site: {location!r}"


def post_and_check(app, client, url: str, form: Form, data: dict[str, Any], uploads: list) -> None:  # noqa: ANN001
    """Post inside a rolled-back savepoint and check the invariants of the module docstring."""
    payload = dict(data)
    if form.uploads:
        payload[form.uploads] = as_files(uploads)
    with rolled_back():
        audit_before, rows_before, files_before = audit_count(), row_counts(), stored_files(app)
        response = client.post(
            url, data=payload, content_type="multipart/form-data" if form.uploads else None
        )
        status = response.status_code
        assert status < 500, f"{status} for {_short(data)}"
        rows_after = row_counts()
        changed = {table for table, n in rows_after.items() if n != rows_before[table]}
        audited = audit_count() - audit_before
        page = html_of(response)
        assert SCRIPT not in page, "the script payload came back unescaped"
        if status >= 400:
            if status == 409 and form.endpoint == "journals.form":
                # Evidence is kept even when the texts conflict (journals/routes.py): the
                # attachments, each audited, are all that may be added.
                table = "journal_attachments"
                audited -= rows_after[table] - rows_before[table]
                changed -= {table}
            else:
                assert stored_files(app) == files_before, "a refused upload left a file"
            assert not changed, f"{status}, yet rows changed in {sorted(changed)}"
            assert audited == 0, f"{status}, yet {audited} audit events"
        else:
            assert audited or not changed, f"rows changed unaudited in {sorted(changed)}"
            location = response.headers.get("Location")
            if location:
                assert_local(location)
                shown = client.get(location)
                assert shown.status_code < 500
                assert SCRIPT not in html_of(shown), "the page after saving shows it unescaped"
        response.close()


def _short(data: dict[str, Any]) -> str:
    return repr(
        {k: (v[:60] + "…" if isinstance(v, str) and len(v) > 60 else v) for k, v in data.items()}
    )


def form_id(form: Form) -> str:
    return f"{form.endpoint}[{form.user}]"


@pytest.mark.parametrize("form", FORMS, ids=form_id)
@FUZZ
@given(data=st.data())
def test_hostile_input_never_breaks_a_form_nor_stores_half(app, records, form, data):
    client = client_for(app, form.user)
    url = app.url_map.bind("localhost").build(form.endpoint, form.values(records))
    submission = data.draw(submissions(form.valid(records)), label="form")
    uploads = data.draw(upload_strategy(form), label="uploads") if form.uploads else []
    post_and_check(app, client, url, form, submission, uploads)


BAD_MONTHS = [
    "2026-13",
    "0000-00",
    "9999-99",
    "2026-1",
    "2026-00",
    "abcd-ef",
    "2026-10-01",
    "9999-12",
]
BAD_DATES = ["2026-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "99999-01-01", "2026-13-01"]
BAD_NUMBERS = ["99999999999999999999", "-99999999999999999999", "2147483648", "-1", "1e309", "abc"]


def wrong_values(value: Any) -> list[str]:
    """Values of the wrong size or kind for a field, judged by the shape of its valid value."""
    text = value if isinstance(value, str) else ""
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return BAD_MONTHS
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return BAD_DATES
    if re.fullmatch(r"-?\d+(,\d+)?", text):
        return BAD_NUMBERS
    return []


@pytest.mark.parametrize("form", FORMS, ids=form_id)
def test_wrong_numbers_dates_and_months_in_any_field_never_break_a_form(app, records, form):
    """Every number, date and month field, one at a time, with the rest of the form valid."""
    client = client_for(app, form.user)
    url = app.url_map.bind("localhost").build(form.endpoint, form.values(records))
    valid = form.valid(records)
    for name, value in valid.items():
        for wrong in wrong_values(value):
            post_and_check(app, client, url, form, valid | {name: wrong}, [])


@pytest.mark.parametrize("form", FORMS, ids=form_id)
def test_each_form_saves_its_valid_submission_and_shows_typed_script_escaped(app, records, form):
    """The fuzzer's starting points really save; script typed into them comes back as text."""
    client = client_for(app, form.user)
    url = app.url_map.bind("localhost").build(form.endpoint, form.values(records))
    data = form.valid(records) | {name: f"{SCRIPT} tekst" for name in form.texts}
    if form.upload:
        data[form.uploads] = as_files([form.upload])
    with rolled_back():
        response = client.post(url, data=data)
        assert response.status_code in (200, 201, 302, 303), response.status_code
        if not (form.texts or (form.upload and SCRIPT.encode() in form.upload[0])):
            return
        if form.shown is not None:
            shown = client.get(form.shown(records))
        elif response.headers.get("Location"):
            shown = client.get(response.headers["Location"])
        else:
            shown = response
        page = shown.get_data(as_text=True)
        assert SCRIPT not in page
        assert ESCAPED in page, "the saved text is not on the page it should show on"


@pytest.mark.parametrize("form", FORMS, ids=form_id)
def test_nul_bytes_in_every_field_are_dropped_and_the_rest_is_saved(app, records, form):
    """PostgreSQL refuses NUL in text: a form full of them still saves what was typed."""
    client = client_for(app, form.user)
    url = app.url_map.bind("localhost").build(form.endpoint, form.values(records))
    valid = form.valid(records)
    data = {k: f"\x00{v}\x00" if isinstance(v, str) else v for k, v in valid.items()}
    if form.upload:
        data[form.uploads] = as_files([form.upload])
    with rolled_back():
        response = client.post(url, data=data)
        assert response.status_code in (200, 201, 302, 303), response.status_code


def test_nul_bytes_in_a_search_are_dropped(app, records):
    with rolled_back():
        response = client_for(app, "lid1").get("/partners/?q=Test%00club&wijk=%00")
        assert response.status_code == 200


# GET forms: filters and month pickers read from the query string.
QUERY_FORMS = [
    ("network.index", "bestuur", {}, {"thema": "1", "bouwsteen": "orgware", "maand": NOW}),
    ("network.text", "lid1", {}, {"type": "club", "maand": NOW, "venster": "12"}),
    ("network.compare", "regisseur", {}, {"van": "2026-05", "tot": NOW}),
    ("network.suggested_links", "trekker1", {}, {"maand": NOW, "alle": "themes"}),
    ("network.export", "regisseur", {"name": "knopen.csv"}, {"maand": NOW, "venster": "24"}),
    ("dashboard.index", "bestuur", {}, {"maand": NOW, "periode": "12"}),
    ("reports.compare", "bestuur", {}, {"van": "2026-09", "tot": "2026-10"}),
    ("reports.open_month", "regisseur", {}, {"maand": "2026-10"}),
    ("journals.my_month", "lid1", {}, {"maand": NOW, "thema": "1"}),
    ("partners.index", "trekker1", {}, {"q": "club", "type": "club", "wijk": "Pittelo"}),
    ("admin.privacy_search", "regisseur", {}, {"q": "Jansen"}),
    ("themes.theme", "trekker1", {"theme_id": 1}, {"maand": "2026-10"}),
    ("engagements.create", "trekker1", {"opgave_id": 1}, {"partner": "1"}),
]


@pytest.mark.parametrize(
    ("endpoint", "user", "values", "valid"), QUERY_FORMS, ids=[q[0] for q in QUERY_FORMS]
)
@FUZZ
@given(data=st.data())
def test_hostile_filters_and_months_in_the_query_string_never_break_a_page(
    app, records, endpoint, user, values, valid, data
):
    client = client_for(app, user)
    ids = {"theme_id": records.world.theme1_id, "opgave_id": records.world.opgave1_id}
    url = app.url_map.bind("localhost").build(
        endpoint, {k: ids.get(k, v) for k, v in values.items()}
    )
    params = data.draw(submissions(valid), label="query")
    with rolled_back():
        before = audit_count()
        response = client.get(url, query_string=params)
        assert response.status_code < 500, (response.status_code, params)
        assert SCRIPT not in html_of(response)
        assert audit_count() == before
        response.close()


MONTH_ROUTES = [
    ("journals.form", "lid1", lambda r: {"engagement_id": r.world.engagement1_id}),
    ("themes.strategy_entry", "trekker1", lambda r: {"strategy_id": r.strategy1}),
    ("reports.month", "regisseur", lambda r: {}),
    ("reports.published", "regisseur", lambda r: {}),
    ("reports.print_month", "regisseur", lambda r: {}),
    ("reports.month_pdf", "regisseur", lambda r: {}),
    ("reports.month_xlsx", "regisseur", lambda r: {}),
    ("reports.publish", "regisseur", lambda r: {}),
    ("api.report", None, lambda r: {}),
]


@pytest.mark.parametrize(
    ("endpoint", "user", "values"), MONTH_ROUTES, ids=[m[0] for m in MONTH_ROUTES]
)
def test_an_impossible_month_in_the_address_answers_400_or_404(
    app, records, endpoint, user, values
):
    adapter = app.url_map.bind("localhost")
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    headers = {}
    if user is None:
        client = app.test_client()
        headers = {"Authorization": f"Bearer {records.token_secrets['regisseur']}"}
    else:
        client = client_for(app, user)
    for month in BAD_MONTHS:
        if endpoint == "api.report" and len(month) != 7:
            continue  # the route only matches seven characters; others are plain 404s
        url = adapter.build(endpoint, {**values(records), "period": month})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            with rolled_back():
                before = audit_count()
                response = client.open(url, method=method, data={}, headers=headers)
                assert response.status_code in (400, 404), (method, url, response.status_code)
                assert audit_count() == before
                response.close()


def test_a_request_body_over_the_size_limit_is_refused_without_an_error(app, records, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 256 * 1024)
    client = client_for(app, "lid1")
    url = f"/uitkomstuitdagingen/{records.world.engagement1_id}/logboek/{NOW}"
    with rolled_back():
        before = audit_count()
        response = client.post(
            url,
            data={"change_description": "x", "files": as_files([(b"a" * 300 * 1024, "groot.txt")])},
            content_type="multipart/form-data",
        )
        assert response.status_code == 413
        assert audit_count() == before
