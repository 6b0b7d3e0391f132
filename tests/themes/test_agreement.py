"""Cohen's kappa against a worked example computed by hand, its edge cases, and the per-theme report over the
double-coded sample."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from participation.models import Role
from participation.models.base import DbSession
from participation.models.themes import CodingStatus, Theme, ThemeCoding
from participation.themes.agreement import agreement_report, cohen_kappa
from tests.factories import StaffAccount


def table(yes_yes: int, yes_no: int, no_yes: int, no_no: int) -> list[tuple[bool, bool]]:
    """Pairs (coder 1 gave the theme, coder 2 gave the theme) for a 2x2 table."""
    return [(True, True)] * yes_yes + [(True, False)] * yes_no + [(False, True)] * no_yes + [(False, False)] * no_no


def test_kappa_matches_the_worked_example() -> None:
    # 50 texts, theme "litter":
    #                     coder 2 yes   coder 2 no
    #   coder 1 yes            20            5        (25)
    #   coder 1 no             10           15        (25)
    #                         (30)         (20)
    # p_o = (20 + 15) / 50 = 0.70
    # p_e = P(both yes by chance) + P(both no by chance) = (25/50)(30/50) + (25/50)(20/50) = 0.30 + 0.20 = 0.50
    # kappa = (p_o - p_e) / (1 - p_e) = (0.70 - 0.50) / 0.50 = 0.40
    assert cohen_kappa(table(20, 5, 10, 15)) == pytest.approx(0.40)


def test_kappa_with_three_labels_matches_a_second_worked_example() -> None:
    # 10 items, labels a, b, c; coder 1 vs coder 2:
    #   a-a x3, b-b x3, c-c x1, a-b x1, b-c x1, c-a x1
    # p_o = 7/10 = 0.7
    # coder 1: a 4, b 4, c 2;  coder 2: a 4, b 4, c 2
    # p_e = (4*4 + 4*4 + 2*2) / 100 = 36/100 = 0.36
    # kappa = (0.7 - 0.36) / (1 - 0.36) = 0.34 / 0.64 = 0.53125
    pairs = [("a", "a")] * 3 + [("b", "b")] * 3 + [("c", "c")] + [("a", "b"), ("b", "c"), ("c", "a")]
    assert cohen_kappa(pairs) == pytest.approx(0.53125)


def test_perfect_agreement_is_one() -> None:
    assert cohen_kappa(table(4, 0, 0, 6)) == pytest.approx(1.0)


def test_agreement_no_better_than_chance_is_zero_and_systematic_disagreement_is_negative() -> None:
    # p_o = 0.5, p_e = 0.5*0.5 + 0.5*0.5 = 0.5 -> kappa 0
    assert cohen_kappa(table(1, 1, 1, 1)) == pytest.approx(0.0)
    # p_o = 0, p_e = 0.5 -> kappa = -0.5 / 0.5 = -1
    assert cohen_kappa(table(0, 2, 2, 0)) == pytest.approx(-1.0)


def test_no_variation_and_no_items_leave_kappa_undefined() -> None:
    # Both coders said "no" to every text: p_o = 1 and p_e = 1, so kappa is 0/0.
    assert cohen_kappa(table(0, 0, 0, 5)) is None
    assert cohen_kappa(table(3, 0, 0, 0)) is None
    assert cohen_kappa([]) is None


def test_one_coder_without_variation_gives_zero() -> None:
    # Coder 1 always yes, coder 2 yes on 2 of 4: p_o = 0.5, p_e = 1*0.5 + 0*0.5 = 0.5 -> kappa 0
    assert cohen_kappa(table(2, 2, 0, 0)) == pytest.approx(0.0)


def test_report_per_theme_and_overall_over_the_double_coded_sample(
    session: DbSession,
    make_theme: Callable[..., Theme],
    make_coding: Callable[..., ThemeCoding],
    make_staff: Callable[..., StaffAccount],
) -> None:
    first, second = make_staff(Role.ANALYST).id, make_staff(Role.ANALYST).id
    litter, noise = make_theme("litter"), make_theme("noise")
    # Texts 1-4 are double-coded; text 5 only has a first coding and is not in the sample.
    for text, theme in [(1, litter), (2, litter), (3, noise), (4, litter), (5, litter)]:
        make_coding(theme, text, first)
    for text, theme in [(1, litter), (2, noise), (3, noise)]:
        make_coding(theme, text, second, double_code=True)
    make_coding(litter, 4, second, double_code=True, status=CodingStatus.REJECTED)  # left out by coder 2

    report = agreement_report(session)
    assert report.texts == 4
    by_code = {row.theme_code: row for row in report.themes}
    # litter: coder 1 yes on 1, 2, 4; coder 2 yes on 1 -> pairs (T,T) (T,F) (F,F) (T,F)
    # p_o = 2/4 = 0.5; p_e = (3/4)(1/4) + (1/4)(3/4) = 0.375; kappa = 0.125 / 0.625 = 0.2
    assert by_code["litter"].kappa == pytest.approx(0.2)
    assert (by_code["litter"].first, by_code["litter"].second, by_code["litter"].both) == (3, 1, 1)
    # noise: coder 1 yes on 3; coder 2 yes on 2, 3 -> (F,F) (F,T) (T,T) (F,F)
    # p_o = 3/4; p_e = (1/4)(2/4) + (3/4)(2/4) = 0.5; kappa = 0.25 / 0.5 = 0.5
    assert by_code["noise"].kappa == pytest.approx(0.5)
    # overall, pooled over the 8 pairs: agree 5/8 = 0.625; coder 1 yes 4/8, coder 2 yes 3/8
    # p_e = (4/8)(3/8) + (4/8)(5/8) = 0.5; kappa = 0.125 / 0.5 = 0.25
    assert report.overall == pytest.approx(0.25)


def test_report_without_double_coding_is_empty(session: DbSession) -> None:
    report = agreement_report(session)
    assert (report.texts, report.themes, report.overall) == (0, [], None)
