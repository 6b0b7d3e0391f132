"""The shipped codebook covers the programme, and syncing it is idempotent and leaves analysts' work alone."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import simplemma
import yaml
from flask.testing import FlaskCliRunner
from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory
from sqlalchemy import func, select

from participation.models import AuditEvent
from participation.models.base import DbSession
from participation.models.themes import STRATEGIC_GOALS, Pillar, Theme
from participation.themes import CODEBOOK_FILE, CodebookError, load_codebook, sync_codebook
from participation.themes.codebook import SYNCED
from participation.themes.lemmas import MIN_STEM, tokens, word
from participation.themes.operations import update_theme
from tests.factories import definition

LANGUAGES = ("nl", "en", "tr", "ar", "pl", "bg")


def test_the_shipped_codebook_covers_every_pillar_and_every_goal() -> None:
    themes = load_codebook()
    assert len(themes) >= 30
    per_pillar = Counter(theme.pillar for theme in themes)
    assert all(per_pillar[pillar] >= 4 for pillar in Pillar), per_pillar
    assert {goal for theme in themes for goal in theme.goals} == set(STRATEGIC_GOALS)


def test_the_shipped_codebook_has_the_themes_the_issue_names() -> None:
    codes = {theme.code for theme in load_codebook()}
    named = {
        "litter", "youth_nuisance", "traffic_safety", "greenery", "playgrounds", "unsafe_at_night", "drugs",
        "poverty_debt", "work", "language_skills", "loneliness", "health_exercise", "housing_quality",
        "energy_poverty", "facilities", "schools",
    }  # fmt: skip
    assert named <= codes


def test_every_shipped_theme_has_lower_case_keywords_and_short_phrases_in_all_six_languages() -> None:
    # Read the file itself: loading would quietly lower-case what it finds.
    raw = yaml.safe_load(CODEBOOK_FILE.read_text(encoding="utf-8"))["themes"]
    for entry in raw:
        for language in LANGUAGES:
            words = entry["keywords"][language]
            assert 10 <= len(words) <= 120, (entry["code"], language, len(words))
            assert all(word == word.lower() and 1 <= len(word.split()) <= 3 for word in words), (
                entry["code"],
                language,
            )
            assert len(set(words)) == len(words), (entry["code"], language)


def test_sync_creates_the_themes_once_and_a_second_run_changes_nothing(session: DbSession) -> None:
    themes = load_codebook()
    first = sync_codebook(session, themes)
    assert (first.themes, first.created, first.updated, first.kept) == (len(themes), len(themes), 0, 0)
    events = session.scalar(select(func.count()).select_from(AuditEvent))

    second = sync_codebook(session, load_codebook())
    assert (second.created, second.updated, second.kept) == (0, 0, 0)
    assert session.scalar(select(func.count()).select_from(Theme)) == len(themes)
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == events
    litter = session.scalar(select(Theme).where(Theme.code == "litter"))
    assert litter is not None and litter.pillar == 5 and "zwerfvuil" in litter.keywords["nl"]


def test_sync_updates_a_theme_whose_entry_changed_and_never_deletes(session: DbSession) -> None:
    sync_codebook(session, [definition("litter"), definition("noise")])
    report = sync_codebook(session, [definition("litter", label_en="Litter and dumping", goals=(1, 9))])
    assert (report.created, report.updated) == (0, 1)
    litter = session.scalar(select(Theme).where(Theme.code == "litter"))
    assert litter is not None and litter.label_en == "Litter and dumping" and litter.goals == [1, 9]
    assert session.scalar(select(Theme).where(Theme.code == "noise")) is not None


def test_sync_keeps_an_analysts_edit_until_the_file_entry_changes(session: DbSession) -> None:
    sync_codebook(session, [definition("litter")])
    litter = session.scalar(select(Theme).where(Theme.code == "litter"))
    assert litter is not None
    update_theme(session, litter, definition("litter", label_nl="Afval op straat"), actor=None)

    report = sync_codebook(session, [definition("litter")])
    assert (report.updated, report.kept) == (0, 1)
    assert litter.label_nl == "Afval op straat"

    report = sync_codebook(session, [definition("litter", descriptions={"en": "Changed in the file."})])
    assert report.updated == 1
    assert (litter.label_nl, litter.description("en")) == ("Thema litter", "Changed in the file.")
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == SYNCED)) == 2


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("themes: nothing", "expected a list under 'themes'"),
        ("themes:\n  - {code: Bad Code, label_nl: a, label_en: b, pillar: 1, goals: [1]}", "code: code_format"),
        ("themes:\n  - {code: a, label_nl: a, label_en: b, pillar: 6, goals: [1]}", "pillar: pillar_range"),
        ("themes:\n  - {code: a, label_nl: a, label_en: b, pillar: 1, goals: [11]}", "goals: goal_range"),
        ("themes:\n  - {code: a, label_nl: a, label_en: b, pillar: 1, goals: [1], keywords: {nl: [no]}}", "quote"),
        (
            "themes:\n  - {code: a, label_nl: a, label_en: b, pillar: 1, goals: [1]}\n"
            "  - {code: a, label_nl: a, label_en: b, pillar: 2, goals: [3]}",
            "appears twice",
        ),
        ("themes: [", "while parsing"),
    ],
)
def test_a_broken_codebook_file_is_refused_with_the_reason(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as refused:
        load_codebook(path)
    assert problem in str(refused.value)


def test_content_load_syncs_the_codebook_and_says_so(runner: FlaskCliRunner) -> None:
    count = len(load_codebook())
    first = runner.invoke(args=["content", "load"])
    assert first.exit_code == 0, first.output
    assert f"Codebook: {count} themes, {count} created, 0 updated." in first.output
    second = runner.invoke(args=["content", "load"])
    assert f"Codebook: {count} themes, 0 created, 0 updated." in second.output


@pytest.fixture(scope="module")
def lemmatiser_lemmas() -> dict[str, set[str]]:
    """Every lemma simplemma's dictionary produces, per shipped language (normalised as texts are)."""
    factory = DefaultDictionaryFactory()
    return {
        language: {"".join(tokens(lemma, language)) for lemma in set(factory.get_dictionary(language).values())}
        for language in LANGUAGES
    }


def test_every_single_word_keyword_is_a_lemma_the_lemmatiser_produces(lemmatiser_lemmas: dict[str, set[str]]) -> None:
    # A keyword the lemmatiser knows as an inflected form only would never meet residents' inflected words, which
    # it reduces to another lemma. Words it does not know at all (Dutch terms in other languages, colloquial
    # Arabic) are matched by their stems; a known word whose lemma is too short to match on keeps its own form.
    wrong = []
    for theme in load_codebook():
        for language in LANGUAGES:
            for keyword in theme.keywords[language]:
                found = tokens(keyword, language)
                if len(found) != 1 or found[0] in lemmatiser_lemmas[language]:
                    continue
                lemma = word(found[0], language).lemma
                if simplemma.is_known(found[0], lang=language) and len(lemma) >= MIN_STEM:
                    wrong.append((theme.code, language, keyword, lemma))
    assert wrong == []
