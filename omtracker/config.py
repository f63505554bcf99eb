"""Default settings. Overridden by instance/config.py, then OMTRACKER_* environment variables."""

from datetime import timedelta


class DefaultConfig:
    SECRET_KEY = "dev-only-change-me"
    # Filled in by create_app when left empty: sqlite file in the instance folder.
    SQLALCHEMY_DATABASE_URI = ""
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLALCHEMY_RECORD_QUERIES = False
    # SQLite: how long a save waits for the write lock before answering 503 "even druk"
    # (omtracker/write_lock.py). The lock is held only while writing, so waits are short.
    SQLITE_BUSY_TIMEOUT_SECONDS = 10.0
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = {"nl": "Nederlands", "en": "English"}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # A login ends 12 hours after it was made, or earlier after SESSION_IDLE_MINUTES without a
    # request (omtracker/auth/sessions.py).
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    SESSION_IDLE_MINUTES = 120
    # Warn this long before the idle limit, with "Ingelogd blijven" (static/js/drafts.js).
    SESSION_WARNING_SECONDS = 300
    # A form's draft goes to the server this often while it changes, and on leaving a field.
    DRAFT_SAVE_SECONDS = 30
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    # Evidence files; empty means instance/attachments.
    ATTACHMENT_DIR = ""
    # Behind a reverse proxy that terminates HTTPS: trust its X-Forwarded-For/-Proto/-Host/
    # -Port/-Prefix headers (true = one proxy, or the number of proxies in front of the app).
    # Leave off when the app is reachable directly: the headers could then be forged.
    PROXY_FIX = False
    # Login throttling within LOGIN_FAILURE_WINDOW_SECONDS: LOGIN_MAX_FAILURES wrong passwords for
    # one username from one address, or LOGIN_MAX_FAILURES_PER_ADDRESS for any usernames from one
    # address (password spraying), refuse further logins from that address.
    LOGIN_MAX_FAILURES = 10
    LOGIN_MAX_FAILURES_PER_ADDRESS = 30
    LOGIN_FAILURE_WINDOW_SECONDS = 300
    # A demo instance shows the demo accounts on the login page.
    DEMO_MODE = False
    # Leave start-up objects out of garbage-collection passes (not in tests, which make many apps).
    GC_FREEZE = True
    # Server-Timing and X-Query-Count headers on every response (benchmarks).
    INSTRUMENT = False
    # E-mail (Flask-Mailman over SMTP). Without MAIL_SERVER mails are written to
    # instance/outbox/ as .eml files and their links logged (a demo without internet).
    MAIL_SERVER = ""
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    # Where mails go without MAIL_SERVER; empty means instance/outbox.
    MAIL_OUTBOX_DIR = ""
    MAIL_DEFAULT_SENDER = "omtracker <noreply@localhost>"
    # Seconds an SMTP connection may take before the mail waits for `flask send-mail`.
    MAIL_TIMEOUT = 10
    # Where links in mails point, e.g. https://sportakkoord.example.nl (empty: the request's host;
    # on the command line http://127.0.0.1:5000).
    BASE_URL = ""
    INVITATION_DAYS = 7
    PASSWORD_RESET_HOURS = 2
    # One-time link mails per e-mail address per hour (invitation resends, reset requests).
    LINK_MAILS_PER_HOUR = 3
