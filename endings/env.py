"""Reading configuration from the environment.

Kept apart from settings.py so the parsing rules can be tested on their own and
so settings.py reads as a list of decisions rather than string handling.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def redis_url_with_db(url, db):
    """The same Redis server as `url`, but database number `db`."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))


def redis_db_of(url):
    path = urlsplit(url).path.strip("/")
    return int(path) if path.isdigit() else 0


def smtp_mailer_from_url(url, *, name="EMAIL_URL"):
    """A MAILERS entry for an `smtp://`, `smtp+tls://` or `smtps://` URL.

    smtp://user:password@host:25          plain (a relay on a private network)
    smtp+tls://user:password@host:587     STARTTLS
    smtps://user:password@host:465        implicit TLS
    Query options: ?timeout=10
    """
    parts = urlsplit(url)
    schemes = {"smtp": {}, "smtp+tls": {"use_tls": True}, "smtps": {"use_ssl": True}}
    if parts.scheme not in schemes:
        raise ValueError(f"{name} must start with smtp://, smtp+tls:// or smtps://, not {parts.scheme}://")
    if not parts.hostname:
        raise ValueError(f"{name} needs a host name, for example smtp+tls://mail.example.org:587")
    query = parse_qs(parts.query)
    options = {
        "host": parts.hostname,
        "port": parts.port or {"smtp": 25, "smtp+tls": 587, "smtps": 465}[parts.scheme],
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "timeout": int(query.get("timeout", ["10"])[0]),
        **schemes[parts.scheme],
    }
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}
