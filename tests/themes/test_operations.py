"""Analysts' changes to the codebook: validation, create, update, and merges that keep every coding."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from participation.models import AuditEvent, Role
from participation.models.base import DbSession
from participation.models.themes import STRATEGIC_GOALS, CodingStatus, Pillar, SubjectType, Theme, ThemeCoding
from participation.themes import (
    GOAL_LABELS,
    PILLAR_LABELS,
    ThemeError,
    coding_counts,
    codings_of,
    create_theme,
    merge_targets,
    merge_themes,
    themes_by_pillar,
    update_theme,
)
from tests.factories import StaffAccount, definition


def test_every_pillar_and_goal_has_a_name() -> None:
    assert set(PILLAR_LABELS) == set(Pillar)
    assert set(GOAL_LABELS) == set(STRATEGIC_GOALS)
    assert str(GOAL_LABELS[10]) == "More safety"  # English outside a request


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"code": ""}, "code", "code_required"),
        ({"code": "Zwerf Afval"}, "code", "code_format"),
        ({"code": "1litter"}, "code", "code_format"),
        ({"code": "x" * 65}, "code", "too_long"),
        ({"label_nl": "  "}, "label_nl", "label_required"),
        ({"label_en": "x" * 121}, "label_en", "too_long"),
        ({"pillar": 0}, "pillar", "pillar_range"),
        ({"pillar": 6}, "pillar", "pillar_range"),
        ({"goals": ()}, "goals", "goals_required"),
        ({"goals": (3, 11)}, "goals", "goal_range"),
        ({"goals": (0,)}, "goals", "goal_range"),
        ({"keywords": {"nl": ("vier woorden op rij",)}}, "keywords_nl", "keyword_format"),
        ({"keywords": {"Dutch": ("afval",)}}, "keywords", "language_code"),
    ],
)
def test_a_theme_that_breaks_a_rule_is_refused(
    session: DbSession, changes: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(ThemeError) as refused:
        create_theme(session, definition(**changes), actor=None)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.code) == (field, code)
    assert refused.value.message  # a readable sentence, English outside a request
    assert session.scalar(select(func.count()).select_from(Theme)) == 0


def test_create_tidies_the_definition_and_writes_an_audit_event(session: DbSession) -> None:
    theme = create_theme(
        session,
        definition("litter", label_nl="  Zwerf   afval ", goals=(9, 1, 9), keywords={"nl": (" Afval", "afval", "")}),
        actor=None,
    )
    assert (theme.label_nl, theme.goals, theme.keywords, theme.active) == (
        "Zwerf afval",
        [1, 9],
        {"nl": ["afval"]},
        True,
    )
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "theme.created"))
    assert event is not None and event.subject_id == str(theme.id)


def test_codes_are_unique_even_after_a_merge(session: DbSession, make_theme: Callable[..., Theme]) -> None:
    source, target = make_theme("afval"), make_theme("litter")
    merge_themes(session, source, target, actor=None)
    with pytest.raises(ThemeError) as refused:
        create_theme(session, definition("afval"), actor=None)
    assert refused.value.code == "code_taken"


def test_update_changes_the_definition_but_not_the_code(session: DbSession, make_theme: Callable[..., Theme]) -> None:
    theme = make_theme("litter")
    assert update_theme(session, theme, definition("litter", pillar=1, goals=(1,)), actor=None)
    assert (theme.pillar, theme.goals) == (1, [1])
    assert not update_theme(session, theme, definition("litter", pillar=1, goals=(1,)), actor=None)
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "theme.updated")).all()
    assert [event.details["fields"] for event in events] == [["goals", "pillar"]]
    with pytest.raises(ThemeError) as refused:
        update_theme(session, theme, definition("zwerfvuil"), actor=None)
    assert refused.value.code == "code_fixed"


def test_merge_moves_every_coding_and_unites_the_keywords(
    session: DbSession,
    make_theme: Callable[..., Theme],
    make_coding: Callable[..., ThemeCoding],
    make_staff: Callable[..., StaffAccount],
) -> None:
    analyst = make_staff(Role.ANALYST)
    source = make_theme("zwerfvuil", keywords={"nl": ("zwerfvuil", "afval"), "tr": ("çöp",)})
    target = make_theme("litter", keywords={"nl": ("afval", "vuil")})
    earlier = make_theme("troep")
    merge_themes(session, earlier, source, actor=None)
    for subject_id in (1, 2, 3):
        make_coding(source, subject_id, analyst.id)
    make_coding(source, 1, analyst.id, double_code=True)
    make_coding(source, 4, None, subject_type=SubjectType.CONVERSATION)
    make_coding(target, 5, analyst.id)

    report = merge_themes(session, source, target, actor=None)

    assert (report.moved, report.dropped) == (5, 0)
    assert codings_of(session, source) == []
    assert len(codings_of(session, target)) == 6
    assert all(
        coding.details.get("merged_from") == "zwerfvuil"
        for coding in codings_of(session, target)[:-1]
        if coding.subject_id != 5
    )
    # The source had taken in the keywords of "troep" before.
    assert target.keywords == {"nl": ["afval", "vuil", "zwerfvuil"], "tr": ["çöp"], "en": ["litter"]}
    assert (source.active, source.merged_into_id) == (False, target.id)
    assert earlier.merged_into_id == target.id  # no chains to follow
    event = session.scalar(
        select(AuditEvent).where(AuditEvent.action == "theme.merged", AuditEvent.subject_id == str(source.id))
    )
    assert event is not None and event.details == {"code": "zwerfvuil", "into": "litter", "moved": 5, "dropped": 0}


def test_merge_drops_a_duplicate_coding_and_keeps_the_more_decided_one(
    session: DbSession,
    make_theme: Callable[..., Theme],
    make_coding: Callable[..., ThemeCoding],
    make_staff: Callable[..., StaffAccount],
) -> None:
    first, second = make_staff(Role.ANALYST), make_staff(Role.ANALYST)
    source, target = make_theme("zwerfvuil"), make_theme("litter")
    make_coding(source, 1, first.id, status=CodingStatus.ACCEPTED)
    make_coding(target, 1, first.id, status=CodingStatus.PROPOSED)  # same text, same coder: a duplicate
    make_coding(source, 1, second.id)  # another coder: moves
    make_coding(source, 1, first.id, double_code=True)  # the double-coding pass: moves
    make_coding(target, 2, first.id, status=CodingStatus.ACCEPTED)
    make_coding(source, 2, first.id, status=CodingStatus.REJECTED)  # duplicate, less decided

    report = merge_themes(session, source, target, actor=None)

    assert (report.moved, report.dropped) == (2, 2)
    codings = {(c.subject_id, c.coded_by_id, c.double_code): c.status for c in codings_of(session, target)}
    assert codings == {
        (1, first.id, False): CodingStatus.ACCEPTED,
        (1, second.id, False): CodingStatus.ACCEPTED,
        (1, first.id, True): CodingStatus.ACCEPTED,
        (2, first.id, False): CodingStatus.ACCEPTED,
    }
    assert session.scalar(select(func.count()).select_from(ThemeCoding)) == 4


def test_a_merge_needs_two_different_active_themes(session: DbSession, make_theme: Callable[..., Theme]) -> None:
    first, second, third = make_theme("a"), make_theme("b"), make_theme("c")
    with pytest.raises(ThemeError, match="merge_same"):
        merge_themes(session, first, first, actor=None)
    merge_themes(session, first, second, actor=None)
    with pytest.raises(ThemeError, match="merge_inactive"):
        merge_themes(session, third, first, actor=None)
    with pytest.raises(ThemeError, match="merged_already"):
        merge_themes(session, first, third, actor=None)
    with pytest.raises(ThemeError, match="merged_already"):
        update_theme(session, first, definition("a"), actor=None)


def test_the_list_groups_active_themes_by_pillar_with_their_coding_counts(
    session: DbSession, make_theme: Callable[..., Theme], make_coding: Callable[..., ThemeCoding]
) -> None:
    noise = make_theme("noise", label_en="Noise", label_nl="Geluid")
    make_theme("greenery", pillar=1, goals=(1,), label_en="Greenery", label_nl="Groen")
    make_theme("litter", label_en="Litter", label_nl="Afval")
    merged = make_theme("dirt")
    merge_themes(session, merged, noise, actor=None)
    make_coding(noise, 1)
    make_coding(noise, 2)

    groups = themes_by_pillar(session, "nl")
    assert [group.pillar for group in groups] == list(Pillar)
    assert [theme.code for theme in groups[0].themes] == ["greenery"]
    assert [theme.code for theme in groups[4].themes] == ["litter", "noise"]  # Afval before Geluid
    assert coding_counts(session) == {noise.id: 2}
    assert [theme.code for theme in merge_targets(session, noise)] == ["greenery", "litter"]
