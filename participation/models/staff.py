"""Staff accounts: professionals, analysts and admins, each in an organisation of the alliance."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, ForeignKey, String, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.models.base import Base, UTCDateTime, enum_values, utcnow


class Role(enum.StrEnum):
    """Staff roles, ordered: each role may do what the roles before it may do."""

    PROFESSIONAL = "professional"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: Role) -> bool:
        return self.rank >= other.rank

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.PROFESSIONAL: _l("Neighbourhood professional"),
    Role.ANALYST: _l("Analyst (programme bureau)"),
    Role.ADMIN: _l("Administrator"),
}


class OrganisationKind(enum.StrEnum):
    MUNICIPALITY = "municipality"
    HOUSING_CORPORATION = "housing_corporation"
    POLICE = "police"
    WELFARE = "welfare"
    CARE = "care"
    EDUCATION = "education"
    PROGRAMME_BUREAU = "programme_bureau"
    OTHER = "other"


class Organisation(Base):
    """A partner of the alliance that staff members work for: the register admins keep at ``/admin/organisations``.

    Those that ``receives_follow_ups`` are offered on the conversation form as the partner a follow-up goes to."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(
        Enum(
            OrganisationKind,
            native_enum=False,
            create_constraint=True,
            name="organisation_kind",
            values_callable=enum_values,
            length=32,
        ),
        default=OrganisationKind.OTHER,
    )
    receives_follow_ups: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    members: Mapped[list[StaffUser]] = relationship(back_populates="organisation")


class StaffUser(UserMixin, Base):
    """A staff member who signs in; residents never have an account."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, create_constraint=True, name="role", values_callable=enum_values, length=16)
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # Set by an admin: the next sign-in leads to the password form, and nothing else opens until it is changed.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    organisation: Mapped[Organisation] = relationship(back_populates="members")

    @property
    def is_active(self) -> bool:
        return self.active

    def has_role(self, role: Role) -> bool:
        return self.role.includes(role)


class StaffSession(Base):
    """One signed-in browser of a staff member, kept in the database so that every app server sees it end.

    The browser's signed cookie carries a random token; only its SHA-256 digest is stored, so a copy of the
    database opens no session."""

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    staff_user: Mapped[StaffUser] = relationship()
