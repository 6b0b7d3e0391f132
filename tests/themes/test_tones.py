"""The tone of coded texts (praise, complaint, neutral): derived from the question an answer answers and from a
conversation's mood, and counted apart in the theme tables under the same suppression."""

from __future__ import annotations

import pytest

from participation.models.base import DbSession
from participation.models.fieldwork import Mood
from participation.models.themes import SubjectType, Theme
from participation.surveys.model import SurveyDefinition, Tone
from participation.themes.aggregation import Dimension, ThemeCount, ThemeFilter, theme_counts, theme_table
from participation.themes.tones import subject_context
from tests.factories import BUURT_A, TONED_SURVEY, WIJK, Seeder


@pytest.fixture
def seed(session: DbSession) -> Seeder:
    return Seeder(session)


@pytest.fixture
def parks(seed: Seeder) -> Theme:
    return seed.theme("parks")


def by_tone(counts: list[ThemeCount], theme: Theme) -> dict[str, int]:
    return {count.key: count.sources for count in counts if count.theme_id == theme.id}


def test_a_question_keeps_its_tone_through_the_stored_snapshot() -> None:
    definition = SurveyDefinition.from_dict(TONED_SURVEY)
    assert definition.question("good_here").tone is Tone.PRAISE
    assert definition.question("q0").tone is Tone.NEUTRAL
    again = SurveyDefinition.from_dict(definition.to_dict())
    assert again.question("improve_first").tone is Tone.COMPLAINT
    assert "tone" not in definition.question("q0").to_dict()  # neutral leaves old fingerprints as they were


def test_the_tone_of_an_answer_is_its_questions_and_a_conversations_its_mood(
    session: DbSession, seed: Seeder, parks: Theme
) -> None:
    response = seed.response([parks], questions=["good_here", "improve_first", "q0"])
    good, improve, other = response.answers
    praise = subject_context(session, SubjectType.ANSWER, good.id)
    assert praise.tone is Tone.PRAISE
    assert praise.question_text("en") == "What is good about your neighbourhood?"
    assert praise.question_text("tr") == "Wat is goed in uw buurt?"  # the survey's default language
    assert subject_context(session, SubjectType.ANSWER, improve.id).tone is Tone.COMPLAINT
    assert subject_context(session, SubjectType.ANSWER, other.id).tone is Tone.NEUTRAL
    conversation = seed.conversation([parks])
    assert subject_context(session, SubjectType.CONVERSATION, conversation.id).tone is Tone.NEUTRAL
    conversation.mood = Mood.NEGATIVE  # an edited mood is followed, since the tone is not copied anywhere
    session.flush()
    context = subject_context(session, SubjectType.CONVERSATION, conversation.id)
    assert context.tone is Tone.COMPLAINT and context.question is None


def test_praise_and_complaint_about_one_theme_are_counted_apart(session: DbSession, seed: Seeder, parks: Theme) -> None:
    seed.response([parks], questions=["good_here", "improve_first"])  # both: once under each tone
    seed.response([parks], questions=["good_here"])
    seed.response([parks], questions=["q0"])
    seed.conversation([parks]).mood = Mood.POSITIVE
    session.flush()
    counts = theme_counts(session, Dimension.TONE)
    assert by_tone(counts, parks) == {"praise": 3, "complaint": 1, "neutral": 1}
    praise_only = theme_counts(session, Dimension.BUURT, ThemeFilter(tone=Tone.PRAISE))
    assert by_tone(praise_only, parks) == {BUURT_A: 3}
    complaints = theme_counts(session, Dimension.SOURCE, ThemeFilter(tone=Tone.COMPLAINT))
    assert by_tone(complaints, parks) == {"answer": 1}


def test_the_tone_table_counts_distinct_sources_in_its_totals_and_is_suppressed(
    session: DbSession, seed: Seeder, parks: Theme
) -> None:
    for _ in range(6):
        seed.response([parks], questions=["good_here", "improve_first"])
    for _ in range(3):
        seed.response([parks], questions=["improve_first"])
    seed.response([parks], questions=["q0"])
    columns = [tone.value for tone in Tone]
    table = theme_table(
        session, Dimension.TONE, ThemeFilter(wijk_code=WIJK), threshold=5, suppress=False, columns=columns
    )
    assert table.cell(parks.id, "praise").shown == 6
    assert table.cell(parks.id, "complaint").shown == 9
    assert table.cell(parks.id, "neutral").shown == 1
    # Ten responses, not 16: a response that praises and complains counts once in the totals.
    assert table.row_totals[parks.id].shown == 10
    assert table.grand_total is not None and table.grand_total.shown == 10
    suppressed = theme_table(
        session, Dimension.TONE, ThemeFilter(wijk_code=WIJK), threshold=5, suppress=True, columns=columns
    )
    assert suppressed.cell(parks.id, "neutral").small
    assert suppressed.column_totals["neutral"].hidden
    assert all(cell.shown != 1 for cell in suppressed.every_cell())
