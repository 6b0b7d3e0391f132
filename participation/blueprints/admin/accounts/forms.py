from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length

from participation.accounts.passwords import MIN_PASSWORD_LENGTH
from participation.models import Role


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
