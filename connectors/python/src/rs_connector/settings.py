"""The environment, read in one place: the same variable names as the npm package's rs-connector."""
import os
from urllib.parse import quote, urlsplit, urlunsplit


class ConfigError(Exception):
    """A missing or bad setting; the message names the variable, never a secret's value."""


def read_secret(variable, path):
    try:
        with open(path, encoding="utf-8") as f:
            value = f.read().rstrip("\r\n")
    except OSError as error:
        raise ConfigError(f"{variable}: cannot read {path} ({error.strerror})") from None
    if not value:
        raise ConfigError(f"{variable}: {path} is empty")
    return value


def jobcentre_code(flag, env=os.environ):
    """--jobcentre, else JOBCENTRES (one three-digit code)."""
    raw = str(flag) if flag is not None else env.get("JOBCENTRES", "")
    if len(raw) != 3 or not raw.isdigit():
        raise ConfigError("JOBCENTRES: one three-digit jobcentre code, e.g. 147 (or --jobcentre)")
    return int(raw)


def broker_url(code, env=os.environ):
    """AMQP_URL (RS_AMQP_URL also read), with jobcentre-<code> and AMQP_PASSWORD_FILE's password when it carries no user."""
    url = env.get("AMQP_URL") or env.get("RS_AMQP_URL")
    if not url:
        raise ConfigError("AMQP_URL: is required but not set")
    parts = urlsplit(url)
    if parts.scheme not in ("amqp", "amqps"):
        raise ConfigError("AMQP_URL: must be an amqp or amqps URL")
    if parts.username:
        return url
    password_file = env.get("AMQP_PASSWORD_FILE")
    if not password_file:
        raise ConfigError("AMQP_URL: has no credentials; give them in the URL or in AMQP_PASSWORD_FILE")
    password = read_secret("AMQP_PASSWORD_FILE", password_file)
    netloc = f"jobcentre-{code}:{quote(password, safe='')}@{parts.netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def feed_settings(env=os.environ):
    """(FEED_URL, token) or None: FEED_TOKEN, else the content of FEED_TOKEN_FILE."""
    base = env.get("FEED_URL")
    if not base:
        return None
    if urlsplit(base).scheme not in ("http", "https"):
        raise ConfigError("FEED_URL: must be an http or https URL")
    token = env.get("FEED_TOKEN") or None
    if token is None and env.get("FEED_TOKEN_FILE"):
        token = read_secret("FEED_TOKEN_FILE", env["FEED_TOKEN_FILE"])
    return base, token


def number(env, name, default, low, high):
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}: must be a number") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}: must be between {low} and {high}")
    return value
