"""Forms for the codebook pages. Choices and the keyword fields per language are made per request, so that their
labels are in the analyst's language and a newly configured language needs no code change."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from participation.i18n import describe
from participation.models.themes import STRATEGIC_GOALS, Pillar, Theme
from participation.themes import GOAL_LABELS, PILLAR_LABELS, ThemeDefinition
from participation.themes.definition import CODE_LENGTH, LABEL_LENGTH

KEYWORD_PREFIX = "keywords_"
LABEL_PREFIX = "labels_"  # the label in a language other than Dutch and English, which have fields of their own
DESCRIPTION_PREFIX = "description_"


class ThemeForm(FlaskForm):
    """A theme's labels, descriptions, pillar, goals and keywords; ``code`` only when a theme is created."""

    label_nl = StringField(
        _l("Label in Dutch"),
        validators=[
            DataRequired(_l("Fill in a label.")),
            Length(max=LABEL_LENGTH, message=_l("Use at most %(max)d characters.")),
        ],
    )
    label_en = StringField(
        _l("Label in English"),
        validators=[
            DataRequired(_l("Fill in a label.")),
            Length(max=LABEL_LENGTH, message=_l("Use at most %(max)d characters.")),
        ],
    )
    pillar = SelectField(_l("Pillar"), coerce=int, validators=[DataRequired(_l("Choose one of the five pillars."))])
    goals = SelectMultipleField(
        _l("Strategic goals"), coerce=int, validators=[DataRequired(_l("Choose at least one strategic goal."))]
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.pillar.choices = [(pillar.value, f"{pillar.value}. {PILLAR_LABELS[pillar]}") for pillar in Pillar]
        self.goals.choices = [(goal, f"{goal}. {GOAL_LABELS[goal]}") for goal in STRATEGIC_GOALS]

    def _fields_with(self, prefix: str) -> list[tuple[str, Field]]:
        return [(name.removeprefix(prefix), field) for name, field in self._fields.items() if name.startswith(prefix)]

    def keyword_fields(self) -> list[tuple[str, Field]]:
        """The keyword field of each language, with its language code, in the configured order."""
        return self._fields_with(KEYWORD_PREFIX)

    def label_fields(self) -> list[tuple[str, Field]]:
        """The label field of each language other than Dutch and English, with its language code."""
        return self._fields_with(LABEL_PREFIX)

    def description_fields(self) -> list[tuple[str, Field]]:
        """The description field of each language, with its language code."""
        return self._fields_with(DESCRIPTION_PREFIX)

    def fill_from(self, theme: Theme) -> None:
        """Show a stored theme's keywords, labels and descriptions, one language per field."""
        for language, field in self.keyword_fields():
            field.data = ", ".join((theme.keywords or {}).get(language, []))
        for language, field in self.label_fields():
            field.data = (theme.labels or {}).get(language, "")
        for language, field in self.description_fields():
            field.data = (theme.descriptions or {}).get(language, "")

    def definition(self, code: str, kept: Theme | None = None) -> ThemeDefinition:
        """The definition the analyst entered; what ``kept`` has in languages the form does not show stays."""
        keywords = {language: tuple(words) for language, words in ((kept.keywords if kept else None) or {}).items()}
        for language, field in self.keyword_fields():
            keywords[language] = tuple(word for word in _split(field.data or "") if word)
        labels = dict((kept.labels if kept else None) or {})
        labels.update((language, field.data or "") for language, field in self.label_fields())
        descriptions = dict((kept.descriptions if kept else None) or {})
        descriptions.update((language, field.data or "") for language, field in self.description_fields())
        return ThemeDefinition(
            code=code,
            label_nl=self.label_nl.data or "",
            label_en=self.label_en.data or "",
            labels=labels,
            descriptions=descriptions,
            pillar=int(self.pillar.data or 0),
            goals=tuple(self.goals.data or ()),
            keywords=keywords,
        )


class NewThemeForm(ThemeForm):
    code = StringField(
        _l("Code"),
        validators=[
            DataRequired(_l("Fill in a code.")),
            Length(max=CODE_LENGTH, message=_l("Use at most %(max)d characters.")),
        ],
    )


def _split(text: str) -> list[str]:
    # Analysts paste lists separated by commas, semicolons or new lines.
    return [word.strip() for word in text.replace(";", ",").replace("\n", ",").split(",")]


def theme_form_class(base: type[ThemeForm], languages: Sequence[str]) -> type[ThemeForm]:
    """``base`` with a label (beyond Dutch and English), a description and a keyword field per language; each
    field's label is the language's own name."""
    limit = Length(max=LABEL_LENGTH, message=_l("Use at most %(max)d characters."))
    fields: dict[str, Field] = {}
    for language in languages:
        if language not in ("nl", "en"):
            fields[f"{LABEL_PREFIX}{language}"] = StringField(describe(language).native_name, validators=[limit])
    for language in languages:
        fields[f"{DESCRIPTION_PREFIX}{language}"] = TextAreaField(describe(language).native_name)
    for language in languages:
        fields[f"{KEYWORD_PREFIX}{language}"] = TextAreaField(describe(language).native_name)
    return type(base.__name__, (base,), fields)


class MergeForm(FlaskForm):
    """The theme to merge into; ``confirm`` is set by the confirmation step."""

    target = SelectField(_l("Merge into"), validators=[DataRequired(_l("Choose a theme to merge into."))])
    confirm = SubmitField(_l("Merge the themes"))
    proceed = SubmitField(_l("Continue"))

    def offer(self, targets: Sequence[Theme], language: str) -> None:
        """Offer these themes as targets, labelled in the analyst's language."""
        self.target.choices = [("", _l("Choose a theme"))] + [
            (theme.code, f"{theme.label(language)} ({theme.code})") for theme in targets
        ]
