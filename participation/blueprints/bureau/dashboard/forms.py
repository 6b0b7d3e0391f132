from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class ReferenceValueForm(FlaskForm):
    """The Dordrecht average (or another reference) of one indicator in one year."""

    indicator = SelectField(_l("Indicator"), validators=[DataRequired(_l("Choose an indicator."))])
    year = IntegerField(
        _l("Year"),
        validators=[
            DataRequired(_l("Fill in a year.")),
            NumberRange(min=1990, max=2100, message=_l("Use a year from 1990 to 2100.")),
        ],
    )
    value = DecimalField(_l("Dordrecht average"), places=None, validators=[DataRequired(_l("Fill in a number."))])
    source = StringField(_l("Source"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Save"))
