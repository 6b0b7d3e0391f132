"""A survey as a paper form, one PDF per language: for residents who do not answer online.

Every question is printed with its number, tick boxes or lines to write on, and, where the online survey would
skip it, a note in plain words that says when to answer it. Page titles of the survey become section headings.
Arabic is shaped and laid out right to left, boxes included. A staff member later types the answers in through the
data-entry page, which shows the same question numbers.
"""

from __future__ import annotations

from functools import partial

from flask_babel import force_locale
from flask_babel import gettext as _
from fpdf import FPDF

from participation.i18n import is_right_to_left
from participation.printing.document import (
    FONT_FAMILY,
    GREY,
    new_document,
    pdf_bytes,
    use_language,
)
from participation.printing.poster import UnknownLanguage
from participation.printing.sheet import Sheet
from participation.printing.skip_hints import question_numbers, skip_hint
from participation.surveys.labels import AGREEMENT_LABELS, OTHER_LABEL, YES_NO_LABELS
from participation.surveys.model import Page, Question, QuestionType, SurveyDefinition

__all__ = ["paper_form_pdf"]

LONG_TEXT_LINES = 4
PAGE_COUNT_STAND_IN = 987654


class PaperFormDocument(FPDF):
    """An FPDF document whose footer names the form (survey, version, language) and numbers the pages."""

    form_label: str = ""
    language: str = "en"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT_FAMILY, "", 8)
        self.set_text_color(*GREY)
        # The form label is Latin in every language; the page number follows the form's language.
        use_language(self, "en")
        self.cell(0, 5, self.form_label, align="L")
        self.set_x(self.l_margin)
        use_language(self, self.language)
        self.cell(0, 5, self._page_label(), align="R")
        self.set_text_color(0, 0, 0)

    def _page_label(self) -> str:
        # The number of pages is only known when the document is finished: fpdf2 replaces its alias ({nb}) then.
        # The catalog's message takes numbers, so a stand-in number is swapped for the alias.
        label = _("Page %(number)d of %(total)d", number=self.page_no(), total=PAGE_COUNT_STAND_IN)
        return str(label).replace(str(PAGE_COUNT_STAND_IN), self.str_alias_nb_pages)


def paper_form_pdf(definition: SurveyDefinition, language: str, version: int | None = None) -> bytes:
    """The paper form of ``definition`` in ``language`` as PDF; ``version`` is printed in the footer for staff."""
    if language not in definition.languages:
        raise UnknownLanguage(language)
    with force_locale(language):
        return _render(definition, language, version)


def _render(definition: SurveyDefinition, language: str, version: int | None) -> bytes:
    fallback = definition.default_language
    title = definition.title.get(language, fallback)
    with new_document(title, PaperFormDocument) as pdf:
        assert isinstance(pdf, PaperFormDocument)
        pdf.language = language
        pdf.form_label = " · ".join(
            part for part in (definition.slug, f"v{version}" if version is not None else "", language.upper()) if part
        )
        use_language(pdf, language)
        pdf.add_page()
        sheet = Sheet(pdf, is_right_to_left(language))
        _introduction(sheet, definition, language)
        numbers = question_numbers(definition)
        for page in definition.pages:
            _section(sheet, definition, page, numbers, language)
        sheet.space(4)
        sheet.text(_("Thank you for filling in this form."), 12, bold=True)
        return pdf_bytes(pdf)


def _introduction(sheet: Sheet, definition: SurveyDefinition, language: str) -> None:
    fallback = definition.default_language
    sheet.text(definition.title.get(language, fallback), 18, bold=True)
    sheet.space(2)
    if definition.introduction is not None:
        sheet.text(definition.introduction.get(language, fallback), 11)
        sheet.space(3)
    sheet.text(_("How to fill in this form"), 12, bold=True)
    sheet.text(
        _(
            "Put a cross (X) in the box of your answer. Write clearly on the lines. Some questions are not for "
            "everyone: a note under the question says when to answer it."
        ),
        10.5,
    )
    sheet.space(4)


def _section(sheet: Sheet, definition: SurveyDefinition, page: Page, numbers: dict[str, int], language: str) -> None:
    fallback = definition.default_language

    def heading(target: Sheet) -> None:
        target.rule()
        target.text(page.title.get(language, fallback), 14, bold=True)
        if page.show_if is not None:
            target.text(skip_hint(page.show_if, definition, numbers, language), 10, color=GREY)
        target.space(2)

    first, *rest = page.questions

    def heading_and_first(target: Sheet) -> None:
        heading(target)
        _question(target, definition, first, numbers, language)

    # A heading alone at the bottom of a page helps nobody: keep it with its first question.
    sheet.keep_together(heading_and_first)
    for question in rest:
        sheet.keep_together(
            partial(_question, definition=definition, question=question, numbers=numbers, language=language)
        )


def _question(
    sheet: Sheet, definition: SurveyDefinition, question: Question, numbers: dict[str, int], language: str
) -> None:
    fallback = definition.default_language
    text = f"{numbers[question.id]}. {question.text.get(language, fallback)}"
    if not question.required:
        text = f"{text} ({_('optional')})"
    sheet.text(text, 11.5, bold=True)
    if question.help is not None:
        sheet.text(question.help.get(language, fallback), 10, color=GREY)
    if question.show_if is not None:
        sheet.text(skip_hint(question.show_if, definition, numbers, language), 10, color=GREY)
    instruction = _instruction(question)
    if instruction:
        sheet.text(instruction, 9.5, color=GREY)
    sheet.space(1.5)
    _answer_area(sheet, question, language, fallback)
    sheet.space(4)


def _instruction(question: Question) -> str:
    kind = question.type
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.RATING, QuestionType.AGREEMENT, QuestionType.YES_NO):
        return str(_("Tick one box."))
    if kind is QuestionType.MULTIPLE_CHOICE:
        return str(_("Tick one or more boxes."))
    if kind is QuestionType.NUMBER:
        if question.minimum is not None and question.maximum is not None:
            bounds = {"minimum": question.minimum, "maximum": question.maximum}
            return str(_("Write a number from %(minimum)s to %(maximum)s.", **bounds))
        return str(_("Write a number."))
    return ""


def _answer_area(sheet: Sheet, question: Question, language: str, fallback: str) -> None:
    kind = question.type
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        for choice in question.choices:
            sheet.option(choice.label.get(language, fallback))
        if question.other_option:
            sheet.option(str(OTHER_LABEL))
            sheet.write_line()
    elif kind is QuestionType.RATING:
        sheet.scale([str(number) for number in range(1, 11)])
    elif kind is QuestionType.AGREEMENT:
        for label in AGREEMENT_LABELS.values():
            sheet.option(str(label))
    elif kind is QuestionType.YES_NO:
        sheet.option(str(YES_NO_LABELS[True]))
        sheet.option(str(YES_NO_LABELS[False]))
    elif kind is QuestionType.NUMBER:
        sheet.number_box()
    elif kind is QuestionType.SHORT_TEXT:
        sheet.write_line()
    elif kind is QuestionType.LONG_TEXT:
        for _line in range(LONG_TEXT_LINES):
            sheet.write_line()
    elif kind is QuestionType.LOCATION:
        sheet.write_line(_("Street"))
        sheet.write_line(_("Postcode"), length=sheet.width / 2)
        sheet.write_line(_("House number"), length=sheet.width / 2)
        sheet.write_line(_("Neighbourhood"))
        sheet.option(_("I would rather not say where"))
    elif kind is QuestionType.CONTACT_CONSENT:
        sheet.option(_("Yes, you may contact me about this"))
        sheet.option(_("No, thank you"))
        sheet.write_line(_("Name"))
        sheet.write_line(_("E-mail address"))
        sheet.write_line(_("Phone number"))
