"""Declarative base with a metadata naming convention, so that Alembic migrations name constraints stably."""

import enum
from datetime import UTC, datetime
from typing import Any, TypeAlias

from sqlalchemy import DateTime, Enum, MetaData
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Domain functions take either a plain Session (scripts, tests) or Flask-SQLAlchemy's request-scoped one.
DbSession: TypeAlias = Session | scoped_session[Any]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_values(enum_class: type[enum.Enum]) -> list[str]:
    """Store enums by value (what migrations and other tools see), not by Python member name."""
    return [str(member.value) for member in enum_class]


def enum_column(enum_class: type[enum.Enum], name: str, length: int = 16) -> Enum:
    """An enum stored as VARCHAR with a named CHECK constraint: the same on SQLite and PostgreSQL, and adding a
    member is a constraint change rather than a PostgreSQL type migration."""
    return Enum(
        enum_class, native_enum=False, create_constraint=True, name=name, values_callable=enum_values, length=length
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database.

    SQLite forgets the timezone of what it stores; normalising on the way in and out keeps comparisons between
    stored and fresh values correct on SQLite and PostgreSQL alike.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use participation.models.base.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
