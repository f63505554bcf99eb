"""omtracker: Outcome Mapping for the theme groups of a local sports agreement."""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, g, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter

from omtracker import write_lock

ROOT = Path(__file__).resolve().parent.parent


TRUE_WORDS, FALSE_WORDS = {"true", "yes", "on"}, {"false", "no", "off"}


def _env_overrides(defaults: Mapping[str, Any]) -> dict[str, Any]:
    """OMTRACKER_SECRET_KEY=... becomes SECRET_KEY; OMTRACKER_DATABASE_URL the database URI.

    A value takes the type of the setting's default: OMTRACKER_MAX_CONTENT_LENGTH=5242880 is a
    number, OMTRACKER_DEMO_MODE=true a yes/no. A value that does not fit stops the start with
    a message naming the variable, rather than failing later on the first request.
    """
    out: dict[str, Any] = {}
    for key, value in os.environ.items():
        if not key.startswith("OMTRACKER_") or key.startswith("OMTRACKER_TEST"):
            continue
        name = key.removeprefix("OMTRACKER_")
        if name == "DATABASE_URL":
            out["SQLALCHEMY_DATABASE_URI"] = value
            continue
        default, word = defaults.get(name), value.strip().lower()
        try:
            unknown_yes_no = default is None and word in TRUE_WORDS | FALSE_WORDS
            if isinstance(default, bool) or unknown_yes_no:
                # yes/no, or a count where the setting allows one (PROXY_FIX=2: two proxies)
                if word in TRUE_WORDS | FALSE_WORDS:
                    out[name] = word in TRUE_WORDS
                else:
                    out[name] = int(word)
            elif isinstance(default, int):
                out[name] = int(word.replace("_", ""))
            elif isinstance(default, float):
                out[name] = float(word)
            else:
                out[name] = value
        except ValueError:
            kind = "true/false" if isinstance(default, bool) else "a number"
            raise RuntimeError(f"{key}={value!r}: expected {kind}") from None
    return out


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object("omtracker.config.DefaultConfig")
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(_env_overrides(app.config))
    if test_config:
        app.config.update(test_config)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + str(
            Path(app.instance_path) / "omtracker.sqlite"
        )
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgresql://"):
        # psycopg 3 is the driver we ship.
        app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri.removeprefix(
            "postgresql://"
        )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    write_lock.configure(app)
    _init_extensions(app)
    app.url_map.converters["int"] = _RecordIdConverter  # before any route is added
    _register_blueprints(app)
    _register_template_helpers(app)
    from omtracker.national import access as network_access

    network_access.install(app)  # network readers: the national pages only
    _register_error_pages(app)
    _register_security_headers(app)
    _drop_nul_bytes(app)

    from omtracker import cli, instrument

    instrument.install(app)

    cli.register(app)
    if app.config["GC_FREEZE"] and not app.testing:
        _freeze_startup_objects()
    return app


def _freeze_startup_objects() -> None:
    """Leave what start-up built (modules, templates, catalogues, mappers) out of every later
    garbage-collection pass.

    Python's full collection walks every object in the process: ~110 ms here, and a request that
    makes tens of thousands of objects (a 2,000-node network view, a big export) sets one off.
    The objects made at start-up live as long as the process, so walking them finds nothing;
    frozen, a full pass only walks what requests made (the gunicorn and Instagram recipe).
    """
    gc.collect()
    gc.freeze()


def _is_sqlite(dbapi_connection: Any) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """SQLite: WAL so readers never block the writer, foreign keys enforced, a busy timeout.

    The driver's own transaction handling is switched off and SQLAlchemy emits BEGIN itself
    (the recipe in SQLAlchemy's SQLite docs; omtracker/write_lock.py), so SAVEPOINTs and
    rollbacks behave as documented.
    """
    if _is_sqlite(dbapi_connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # A timeout given in connect_args (SQLITE_BUSY_TIMEOUT_SECONDS) is kept; pysqlite's
        # own 5 s default becomes 10 s (omtracker/write_lock.py takes the lock for writes only).
        (current,) = cursor.execute("PRAGMA busy_timeout").fetchone()
        cursor.execute(f"PRAGMA busy_timeout={write_lock.busy_timeout_ms(int(current))}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@event.listens_for(Engine, "connect")
def _postgres_settings(dbapi_connection: Any, connection_record: Any) -> None:
    """PostgreSQL: no JIT compilation. Every query here reads one programme's rows through
    indexes in tens of milliseconds; when the planner's cost estimate passes jit_above_cost
    (a misjudged row count is enough), compiling the plan alone took 150 ms (bench/RESULTS.md,
    issue 17). Set for the session in autocommit, so no rollback undoes it."""
    if not type(dbapi_connection).__module__.startswith("psycopg"):
        return
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute("SET jit = off")
    finally:
        dbapi_connection.autocommit = autocommit


def _init_extensions(app: Flask) -> None:
    from omtracker import audit
    from omtracker.auth import sessions
    from omtracker.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    from omtracker.search import schema as search_schema

    migrate.init_app(
        app,
        db,
        directory=str(ROOT / "migrations"),
        include_object=search_schema.include_object,
        include_name=search_schema.include_name,
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "warning"
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Log in om deze pagina te bekijken.")

    login_manager.user_loader(sessions.load_user)  # checks the session epoch too

    def select_locale() -> str:
        if not has_request_context():  # CLI, exports built outside a request
            return app.config["BABEL_DEFAULT_LOCALE"]
        lang = session.get("lang")
        if lang in app.config["LANGUAGES"]:
            return lang
        return app.config["BABEL_DEFAULT_LOCALE"]

    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(Path(__file__).parent / "translations"),
    )
    from flask_sqlalchemy.session import Session as FlaskSession

    from omtracker.engagements import history as engagement_history

    engagement_history.install(FlaskSession)  # before the audit hook, so it records the rows
    audit.install(FlaskSession)
    from omtracker.metrics import cache as metrics_cache

    metrics_cache.install(FlaskSession)
    from omtracker import mailing

    mailing.install(app)


def _register_blueprints(app: Flask) -> None:
    from omtracker.auth import bp as auth_bp
    from omtracker.main import bp as main_bp

    app.config.setdefault("NAV", [])
    app.register_blueprint(auth_bp)
    app.register_blueprint(main_bp)
    from omtracker import main

    main.register(app)
    for module in (
        "themes",
        "partners",
        "engagements",
        "journals",
        "network",
        "dashboard",
        "reports",
        "indicators",
        "plans",
        "api",
        "admin",
        "drafts",
        "search",
        "programmes",
        "reminders",
        "confirmations",
        "national",
        "observations",
    ):
        if not (Path(__file__).parent / module / "__init__.py").exists():
            continue  # an area not (yet) part of this installation
        package = __import__(f"omtracker.{module}", fromlist=["bp"])
        app.register_blueprint(package.bp)
        if hasattr(package, "register"):
            package.register(app)


def _register_template_helpers(app: Flask) -> None:
    from flask_babel import format_date, format_datetime, get_locale
    from flask_wtf.csrf import generate_csrf

    from omtracker import labels, periods
    from omtracker.permissions import nav_items

    app.jinja_env.globals.update(
        labels=labels,
        format_period=periods.format_period,
        current_period=periods.current_period,
        get_locale=get_locale,
        csrf_token=generate_csrf,
        nav_items=nav_items,
        has_endpoint=lambda name: name in app.view_functions,
        upload_limit=lambda: app.config.get("MAX_CONTENT_LENGTH"),
        upload_limit_label=lambda: _upload_limit_label(app),
    )
    app.jinja_env.filters["date_nl"] = lambda d, fmt="d MMMM yyyy": format_date(d, fmt) if d else ""
    app.jinja_env.filters["datetime_nl"] = lambda d, fmt="d MMM yyyy HH:mm": (
        format_datetime(d, fmt) if d else ""
    )
    app.jinja_env.filters["period_nl"] = lambda p, fmt="MMMM yyyy": (
        periods.format_period(p, fmt) if p else ""
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _upload_limit_label(app: Flask) -> str | None:
    """MAX_CONTENT_LENGTH as "12 MB" in the page's language, or None without a limit."""
    from omtracker.journals.attachments import human_size

    limit = app.config.get("MAX_CONTENT_LENGTH")
    return human_size(int(limit)) if limit else None


def _same_origin_referrer() -> str | None:
    """The page the request came from, if it is one of ours (a link back from an error)."""
    referrer = request.referrer
    if not referrer or "\\" in referrer:
        return None
    parts, ours = urlsplit(referrer), urlsplit(request.host_url)
    if (parts.scheme, parts.netloc) != (ours.scheme, ours.netloc):
        return None
    return referrer


def _register_error_pages(app: Flask) -> None:
    from flask import render_template, url_for
    from flask_wtf.csrf import CSRFError
    from jinja2 import TemplateNotFound
    from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

    from omtracker.extensions import db

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):  # type: ignore[no-untyped-def]
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):  # type: ignore[no-untyped-def]
        # Keep the exception's own headers (Allow on a 405, WWW-Authenticate on a 401).
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        if request.path.startswith("/api/"):
            body = {"error": exc.name, "status": exc.code, "detail": exc.description}
            return body, exc.code, headers
        template = f"errors/{exc.code}.html"
        try:
            return render_template(template, error=exc), exc.code, headers
        except TemplateNotFound:
            return render_template("errors/generic.html", error=exc), exc.code, headers

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc: RequestEntityTooLarge):  # type: ignore[no-untyped-def]
        """413 (a body over MAX_CONTENT_LENGTH, usually a file): the limit and a way back.

        With scripts on, static/js/app.js usually refuses such a file before it is sent.
        """
        limit = int(app.config.get("MAX_CONTENT_LENGTH") or 0)
        # Werkzeug also answers 413 for too many or too long non-file form fields.
        body_too_large = bool(limit) and (
            request.content_length is None or request.content_length > limit
        )
        if request.path.startswith("/api/"):
            detail = exc.description
            if body_too_large:
                megabytes = f" ({round(limit / 2**20, 1):g} MB)" if limit >= 2**20 else ""
                detail = f"The request body is larger than the limit of {limit} bytes{megabytes}."
            return {"error": exc.name, "status": exc.code, "detail": detail}, exc.code
        back_url = _same_origin_referrer()
        page = render_template(
            "errors/413.html",
            error=exc,
            max_size=_upload_limit_label(app) if body_too_large else None,
            back_url=back_url or url_for("main.overview"),
            back_to_form=back_url is not None,
        )
        return page, exc.code

    @app.errorhandler(500)
    def server_error(exc: Exception):  # type: ignore[no-untyped-def]
        db.session.rollback()
        return render_template("errors/500.html"), 500


def _register_security_headers(app: Flask) -> None:
    """Headers on every response; behind HTTPS also HSTS and cookies marked Secure.

    Scripts only from our own files (no inline code, no on*= attributes: tests/
    test_security_headers.py scans the templates), no framing, no referrer to other sites.
    """
    proxies = app.config.get("PROXY_FIX")
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = 1 if proxies is True else int(proxies)
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )

    app.session_interface = _HttpsAwareSessionInterface()

    @app.after_request
    def headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            "form-action 'self'",
        )
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response

    @app.before_request
    def fresh_request_globals() -> None:
        g.programme = None  # resolved lazily by context.current_programme()


def _drop_nul_bytes(app: Flask) -> None:
    """NUL bytes are never text anyone typed, and PostgreSQL refuses them in a text column (a
    500 on save, or on a search): they are removed from the query string and the form fields
    before any view or form reads them, and everything else the user typed is kept."""

    @app.before_request
    def drop_nul_bytes() -> None:
        for name in ("args", "form"):
            values = getattr(request, name)
            if any("\x00" in value for _key, value in values.items(multi=True)):
                cleaned = [(k, v.replace("\x00", "")) for k, v in values.items(multi=True)]
                setattr(request, name, type(values)(cleaned))


class _RecordIdConverter(IntegerConverter):
    """<int:...> in our addresses stops at the largest id a database INTEGER holds, so an
    absurd number answers 404 instead of overflowing in the database driver (a 500)."""

    def __init__(
        self,
        map: Any,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = 2**31 - 1,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, max, signed)


class _HttpsAwareSessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure when its answer goes out over HTTPS.

    Decided per request rather than by changing app.config, so one HTTPS request does not
    change the cookies of every later request (a plain-HTTP development server keeps working).
    SESSION_COOKIE_SECURE = True still forces it everywhere.
    """

    def get_cookie_secure(self, app: Flask) -> bool:
        return super().get_cookie_secure(app) or request.is_secure
