"""Evidence whose source a resident erased: the quote is gone, the link too, and the documents say so instead of
silently showing one source fewer."""

from __future__ import annotations

from flask import Flask
from flask_babel import force_locale

from participation.models.base import DbSession
from participation.models.themes import SubjectType
from participation.programme import InputDraft, create_input, find_wijk, input_rows, link_evidence, wijk_programme
from participation.programme.operations import erase_evidence_of
from participation.reports.queries import YearSpan, consented_quotes_of_year
from tests.factories import WIJK, Seeder

KEPT = "Het plein is eindelijk schoon."
ERASED = "De bankjes bij de vijver zijn kapot."
NOT_CONSENTED = "Niet citeren graag."


def test_an_erased_source_leaves_a_mark_and_no_quote(app: Flask, session: DbSession, seed: Seeder) -> None:
    litter = seed.theme("litter")
    kept, erased, private = (seed.response([litter]).answers[0] for _ in range(3))
    made = create_input(session, InputDraft(wijk_code=WIJK, theme_id=litter.id, title="Schoon plein"), None, ["nl"])
    link_evidence(session, made, SubjectType.ANSWER, kept.id, None, quote=KEPT, quote_consent=True)
    link_evidence(session, made, SubjectType.ANSWER, erased.id, None, quote=ERASED, quote_consent=True)
    link_evidence(session, made, SubjectType.ANSWER, private.id, None, quote=NOT_CONSENTED)

    assert erase_evidence_of(session, SubjectType.ANSWER, [erased.id, private.id]) == 2
    # Another kind of source with the same number is not touched.
    assert erase_evidence_of(session, SubjectType.CONVERSATION, [kept.id]) == 0
    session.expire_all()

    wijk = find_wijk(session, WIJK)
    assert wijk is not None
    with force_locale("en"):
        document = wijk_programme(session, wijk, "en", threshold=5, suppress=False)
        rows = input_rows(document)
    line = document.inputs[0]
    assert line.quotes == (KEPT,)
    assert line.removed_quotes == 1  # the consented one was shown before; the other never was
    assert line.evidence.value == 1  # sources still linked
    assert rows[1][-1] == f"{KEPT}\nQuote removed at the resident's request"
    quotes = consented_quotes_of_year(session, YearSpan(2024))  # the seeded responses came in in 2024
    assert [quote.text for quote in quotes] == [KEPT]
