from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, Form, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length

from participation.accounts.passwords import MIN_PASSWORD_LENGTH
from participation.models import Role, StaffUser


class CreateStaffUserForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(_l("Fill in an e-mail address."))])
    role = SelectField(_l("Role"))
    organisation = StringField(
        _l("Organisation"), validators=[DataRequired(_l("Fill in the organisation.")), Length(max=200)]
    )
    password = PasswordField(
        _l("First password"),
        validators=[
            DataRequired(_l("Fill in a first password.")),
            Length(min=MIN_PASSWORD_LENGTH, message=_l("Use at least %(min)d characters.")),
        ],
    )
    submit = SubmitField(_l("Create account"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, in the admin's own language.
        self.role.choices = [SelectChoice(role.value, role.label) for role in Role]


class AccountStatusForm(FlaskForm):
    """One button per account on the accounts page: ``active`` is "0" to deactivate, "1" to reactivate."""

    active = HiddenField(validators=[AnyOf(["0", "1"])])


class PasswordResetForm(FlaskForm):
    """The button that makes an account choose a new password at its next sign-in."""


class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(_l("Fill in the name of the organisation.")), Length(max=200)]
    )
    submit = SubmitField(_l("Add to the register"))


class FollowUpPartnerForm(FlaskForm):
    """One button per organisation: ``receives`` is "1" to offer it as a follow-up's partner, "0" to stop that."""

    receives = HiddenField(validators=[AnyOf(["0", "1"])])


class AuditFilterForm(Form):
    """The audit log's filters, read from the query string (a GET form: no CSRF token, nothing changes)."""

    user = SelectField(_l("Who"), default="")
    event = SelectField(_l("Kind of event"), default="")
    submit = SubmitField(_l("Filter"))

    def __init__(self, formdata: Any, accounts: Sequence[StaffUser], actions: Sequence[tuple[str, str]]) -> None:
        super().__init__(formdata)
        self.user.choices = [("", _l("Everyone")), *((str(account.id), account.email) for account in accounts)]
        self.event.choices = [("", _l("Every kind")), *actions]

    @property
    def actor_id(self) -> int | None:
        return int(self.user.data) if self.user.data and str(self.user.data).isdigit() else None
