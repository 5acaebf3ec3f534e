"""What stands between the API and a hostile network: write tokens, CORS, size and rate limits, safe errors.

Installed on the app by ``install(app, …)`` (one call in ``create_app``). Every limit has a setting,
read from the environment unless given in code (docs/security.md lists them):

- ``MARSAD_API_TOKEN``: the bearer token of the write endpoints (HTTP ingest, event merge/split).
  Without it the API is read-only: the write routes are not mounted at all. Compared in constant time.
- ``MARSAD_API_CORS_ORIGINS``: comma-separated origins allowed to call from a browser (default: none).
- ``MARSAD_API_MAX_BODY``: largest request body in bytes (default 2 MiB), enforced while it streams.
- ``MARSAD_API_RATE_LIMIT`` / ``MARSAD_API_WRITE_RATE_LIMIT``: requests per minute per client address
  for reads and for writes (defaults 1200 and 30; 0 turns a limit off).

Responses never carry a stack trace: an unexpected error is logged here and answered with a plain
500 JSON body. Every response says ``X-Content-Type-Options: nosniff`` so a browser renders JSON as
data, and non-HTML responses also carry a ``default-src 'none'`` Content-Security-Policy.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import DataError
from sqlalchemy.exc import TimeoutError as PoolTimeout

log = logging.getLogger("marsad.api")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MIN_TOKEN_LENGTH = 16
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


class ConfigError(ValueError):
    """A security setting that cannot be used (the server refuses to start with it)."""


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a whole number") from None
    if number < 0:
        raise ConfigError(f"{name}={value!r} must not be negative")
    return number


@dataclass(frozen=True)
class SecurityConfig:
    api_token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 2 * 1024 * 1024
    rate_limit: int = 1200  # read requests per minute per client; 0 = no limit
    write_rate_limit: int = 30  # write requests per minute per client; 0 = no limit
    # Distinct clients remembered by the rate limiter (oldest forgotten first), so memory stays bounded.
    max_clients: int = 10_000

    def __post_init__(self) -> None:
        if self.api_token is not None and len(self.api_token) < MIN_TOKEN_LENGTH:
            raise ConfigError(f"the API token must be at least {MIN_TOKEN_LENGTH} characters long")
        if "*" in self.cors_origins and self.api_token:
            raise ConfigError("CORS origin '*' cannot be combined with write endpoints (an API token)")

    @property
    def writable(self) -> bool:
        return bool(self.api_token)

    @classmethod
    def from_env(cls, **given: Any) -> SecurityConfig:
        """Settings given in code win; the environment fills the rest; then the defaults."""
        values: dict[str, Any] = {}
        token = os.environ.get("MARSAD_API_TOKEN", "").strip()
        if token:
            values["api_token"] = token
        origins = [o.strip() for o in os.environ.get("MARSAD_API_CORS_ORIGINS", "").split(",") if o.strip()]
        if origins:
            values["cors_origins"] = tuple(origins)
        values["max_body_bytes"] = _env_int("MARSAD_API_MAX_BODY", cls.max_body_bytes)
        values["rate_limit"] = _env_int("MARSAD_API_RATE_LIMIT", cls.rate_limit)
        values["write_rate_limit"] = _env_int("MARSAD_API_WRITE_RATE_LIMIT", cls.write_rate_limit)
        values.update({k: (tuple(v) if k == "cors_origins" else v) for k, v in given.items() if v is not None})
        return cls(**values)


# -- rate limiting -----------------------------------------------------------------------------------

class RateLimiter:
    """Token buckets per client: ``per_minute`` requests, refilled continuously, bursts up to a minute's worth."""

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> tuple[bool, float]:
        """(allowed, seconds until the next request would be allowed)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return allowed, 0.0 if allowed else (1.0 - tokens) / self.rate


# -- the middleware ----------------------------------------------------------------------------------

class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, detail=f"request body is larger than the {limit} byte limit (MARSAD_API_MAX_BODY)")


_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer")]
_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")


async def _send_json(send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]]) -> None:
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                            *_HEADERS, _CSP, *headers]})
    await send({"type": "http.response.body", "body": payload})


class Guard:
    """Pure ASGI middleware: rate limits, the body size limit and safe response headers."""

    def __init__(self, app: ASGIApp, config: SecurityConfig) -> None:
        self.app = app
        self.config = config
        self.reads = RateLimiter(config.rate_limit, config.max_clients) if config.rate_limit else None
        self.writes = RateLimiter(config.write_rate_limit, config.max_clients) if config.write_rate_limit else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        limiter = self.reads if method in READ_METHODS else self.writes
        if limiter is not None:
            client = (scope.get("client") or ("unknown", 0))[0]
            allowed, wait = limiter.allow(client)
            if not allowed:
                await _send_json(send, 429, {"detail": "too many requests; slow down"},
                                 [(b"retry-after", str(max(1, round(wait))).encode())])
                return
        limit = self.config.max_body_bytes
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, {"detail": "invalid Content-Length"}, [])
                    return
                if declared > limit:
                    await _send_json(send, 413, {"detail": BodyTooLarge(limit).detail}, [])
                    return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:  # a chunked body that lied by omission
                    raise BodyTooLarge(limit)
            return message

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in dict(_HEADERS)]
                headers += _HEADERS
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if b"html" not in content_type.lower() and not any(k.lower() == _CSP[0] for k, _ in headers):
                    headers.append(_CSP)
                message["headers"] = headers
            await send(message)

        await self.app(scope, counted_receive, secured_send)


# -- authentication ----------------------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="the API token (MARSAD_API_TOKEN)")


def require_token(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Dependency of every write endpoint: a bearer token equal (in constant time) to the configured one."""
    expected: str | None = request.app.state.security.api_token
    if not expected:  # the routes are not mounted then; refuse anyway if one is reached
        raise HTTPException(403, detail="the API is read-only (no MARSAD_API_TOKEN configured)")
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8")):
        raise HTTPException(401, detail="a valid API token is required (Authorization: Bearer …)",
                            headers={"WWW-Authenticate": "Bearer"})


# -- errors ------------------------------------------------------------------------------------------

async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal server error"}, status_code=500)


async def _bad_value(request: Request, exc: Exception) -> JSONResponse:
    # The database refused a parameter it cannot represent (NUL in PostgreSQL text, an integer out of range).
    log.info("database refused a value on %s %s: %s", request.method, request.url.path, exc)
    return JSONResponse({"detail": [{"loc": ["query"], "msg": "a parameter has a value the database cannot hold "
                                     "(NUL character or number out of range)", "type": "value_error"}]},
                        status_code=422)


async def _busy(request: Request, exc: Exception) -> JSONResponse:
    # Every pooled database connection stayed busy for the pool's timeout: shed load, say when to retry.
    log.warning("no database connection free for %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "server busy; retry later"}, status_code=503, headers={"Retry-After": "5"})


def install(app: FastAPI, config: SecurityConfig | None = None, *, db: str | None = None,
            sessions: Any = None, cors_origins: list[str] | None = None) -> SecurityConfig:
    """Put the guard, CORS (closed unless configured), safe errors and, with a token, the write routes on ``app``."""
    config = config or SecurityConfig.from_env(cors_origins=cors_origins or None)
    app.state.security = config
    app.debug = False
    app.add_exception_handler(Exception, _internal_error)
    app.add_exception_handler(DataError, _bad_value)
    app.add_exception_handler(PoolTimeout, _busy)
    if config.writable:
        from marsad.api.write import router

        app.state.write_db, app.state.write_sessions = db, sessions
        app.include_router(router)
    if config.cors_origins and not cors_origins:  # the app adds CORS itself for origins passed in code
        from fastapi.middleware.cors import CORSMiddleware

        methods = ["GET", "POST"] if config.writable else ["GET"]
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=methods,
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(Guard, config=config)  # added last: runs first, before CORS and the routes
    return config
