from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from participation.indicators.targets import FIRST_YEAR, LAST_YEAR, NOTE_LENGTH


class TargetForm(FlaskForm):
    """One target of an operational goal: what an indicator should reach in an area by a year."""

    indicator = SelectField(_l("Indicator"), validators=[DataRequired(_l("Choose an indicator."))])
    area_code = SelectField(_l("Area"), validators=[DataRequired(_l("Choose an area."))])
    year = IntegerField(
        _l("Year"),
        validators=[
            DataRequired(_l("Fill in a year.")),
            NumberRange(min=FIRST_YEAR, max=LAST_YEAR, message=_l("Use a year from %(min)s to %(max)s.")),
        ],
    )
    value = DecimalField(_l("Target value"), places=None, validators=[InputRequired(_l("Fill in a number."))])
    pillar = SelectField(_l("Pillar"), validators=[Optional()])
    goal = SelectField(_l("Strategic goal"), validators=[Optional()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=NOTE_LENGTH)])
    submit = SubmitField(_l("Save target"))


class DeleteTargetForm(FlaskForm):
    """Only the CSRF token: removing a target is a POST."""
