"""Forms of the programme pages. Choices and the public text fields per language are made per request, so labels
are in the analyst's language and a newly configured language needs no code change."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from participation.i18n import describe
from participation.models.programme import InputStatus, Priority, ProgrammeInput
from participation.models.themes import SubjectType, Theme
from participation.programme import PRIORITY_LABELS, STATUS_LABELS, Area, InputDraft

PUBLIC_TEXT_PREFIX = "public_text_"

SOURCE_LABELS = {
    SubjectType.ANSWER: _l("Answer in a survey response"),
    SubjectType.CONVERSATION: _l("Conversation"),
    SubjectType.ACTIVITY: _l("Activity"),
}


class InputForm(FlaskForm):
    """A programme input: area, theme, what residents said, proposed effort, priority, status, public texts."""

    wijk_code = SelectField(_l("District"), validators=[DataRequired(_l("Choose a district."))])
    buurt_code = SelectField(_l("Neighbourhood (optional)"), validators=[Optional()])
    street_name = StringField(_l("Street (optional)"), validators=[Optional()])
    theme_id = SelectField(_l("Theme"), coerce=int, validators=[DataRequired(_l("Choose a theme."))])
    title = StringField(_l("Title"), validators=[DataRequired(_l("Fill in a title."))])
    residents_said = TextAreaField(_l("What residents said"), validators=[Optional()])
    proposed_effort = TextAreaField(_l("Proposed effort"), validators=[Optional()])
    priority = SelectField(_l("Priority"), default=Priority.MEDIUM.value)
    status = SelectField(_l("Status"), default=InputStatus.PROPOSED.value)

    def offer(self, wijken: Sequence[Area], buurten: Sequence[Area], themes: Sequence[Theme], language: str) -> None:
        """Fill the choices, labelled in the analyst's language."""
        self.wijk_code.choices = [("", _l("Choose a district"))] + [(w.code, f"{w.name} ({w.code})") for w in wijken]
        self.buurt_code.choices = [("", _l("The whole district"))] + [(b.code, f"{b.name} ({b.code})") for b in buurten]
        self.theme_id.choices = [(0, _l("Choose a theme"))] + [(t.id, t.label(language)) for t in themes]
        self.priority.choices = [(p.value, label) for p, label in PRIORITY_LABELS.items()]
        self.status.choices = [(s.value, label) for s, label in STATUS_LABELS.items()]

    def public_text_fields(self) -> list[tuple[str, Field]]:
        """The public text field of each language, with its language code, in the configured order."""
        return [
            (name.removeprefix(PUBLIC_TEXT_PREFIX), field)
            for name, field in self._fields.items()
            if name.startswith(PUBLIC_TEXT_PREFIX)
        ]

    def fill_from(self, programme_input: ProgrammeInput) -> None:
        self.buurt_code.data = programme_input.buurt_code or ""
        self.priority.data = str(programme_input.priority)
        self.status.data = str(programme_input.status)
        for language, field in self.public_text_fields():
            field.data = (programme_input.public_texts or {}).get(language, "")

    def draft(self) -> InputDraft:
        return InputDraft(
            wijk_code=self.wijk_code.data or "",
            theme_id=int(self.theme_id.data or 0),
            title=self.title.data or "",
            buurt_code=self.buurt_code.data or None,
            street_name=self.street_name.data or None,
            residents_said=self.residents_said.data or "",
            proposed_effort=self.proposed_effort.data or "",
            priority=Priority(self.priority.data or Priority.MEDIUM),
            status=InputStatus(self.status.data or InputStatus.PROPOSED),
            public_texts={language: field.data or "" for language, field in self.public_text_fields()},
        )


def input_form_class(languages: Sequence[str]) -> type[InputForm]:
    """``InputForm`` with one public text field per language, labelled with the language's own name."""
    fields = {
        f"{PUBLIC_TEXT_PREFIX}{language}": TextAreaField(describe(language).native_name, validators=[Optional()])
        for language in languages
    }
    return type("InputForm", (InputForm,), fields)


class EvidenceForm(FlaskForm):
    """Link a source to an input: its kind and number, a quote, and whether the person agreed to being quoted."""

    subject_type = SelectField(_l("Kind of source"), validators=[DataRequired(_l("Choose the kind of source."))])
    subject_id = IntegerField(
        _l("Number of the answer, conversation or activity"),
        validators=[InputRequired(_l("Fill in a number.")), NumberRange(min=1, message=_l("Fill in a number."))],
    )
    quote = TextAreaField(_l("Quote (optional)"), validators=[Optional()])
    quote_consent = BooleanField(_l("The person agreed to being quoted"), default=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.subject_type.choices = [(kind.value, label) for kind, label in SOURCE_LABELS.items()]


class StatusForm(FlaskForm):
    status = SelectField(_l("Status"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = [(s.value, label) for s, label in STATUS_LABELS.items()]
