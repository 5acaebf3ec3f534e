"""Opening a corpus database: SQLite (default, WAL) or PostgreSQL, migrated to the current schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from marsad.errors import MarsadError

DEFAULT_DB = "sqlite:///marsad.db"
# As many pooled connections as the API runs handler threads (anyio's default of 40): a request then
# waits for a thread, never 30 s for a connection (sqlalchemy's TimeoutError, a 500, under load).
POOL = {"pool_size": 10, "max_overflow": 30}
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(MarsadError):
    """The database cannot be opened or used: names the database and the reason."""


def database_url(value: str | None) -> str:
    """`marsad.db`, `sqlite:///x.db`, `postgresql://…` -> a SQLAlchemy URL with our drivers."""
    value = value or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{value}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    return value


def _sqlite_pragmas(read_only: bool):
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at checkpoints, never corrupt
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        cur.close()
    return on_connect


def _pg_read_only(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cur.close()
    dbapi_conn.commit()


def make_engine(url: str | None = None, *, read_only: bool = False) -> Engine:
    full = database_url(url)
    try:
        parsed = make_url(full)
    except ArgumentError as exc:
        raise StoreError(f"{url}: not a database URL ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            parent = Path(parsed.database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{url}: directory {parent} does not exist")
        in_memory = parsed.database in (None, "", ":memory:")  # one connection per thread: no pool to size
        engine = create_engine(parsed, connect_args={"timeout": 30}, **({} if in_memory else POOL))
        event.listen(engine, "connect", _sqlite_pragmas(read_only))
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"{url}: unsupported database (use SQLite or PostgreSQL)")
    engine = create_engine(parsed, pool_pre_ping=True, **POOL)
    if read_only:
        event.listen(engine, "connect", _pg_read_only)
    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (creates every table in a new database)."""
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except OperationalError as exc:
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"{where}: cannot migrate ({exc.orig})") from None


def downgrade(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def open_store(url: str | None = None, *, read_only: bool = False) -> sessionmaker[Session]:
    """A session factory on a migrated database (read-only stores must already be migrated)."""
    engine = make_engine(url, read_only=read_only)
    try:
        if read_only:
            if current_revision(engine) != head_revision():
                writable = make_engine(url)
                migrate(writable)
                writable.dispose()
        else:
            migrate(engine)
    except OperationalError as exc:
        raise StoreError(f"{url or DEFAULT_DB}: cannot open ({exc.orig})") from None
    return sessionmaker(engine, expire_on_commit=False)
