"""Agreement between two analysts who coded the same texts independently: Cohen's kappa, per theme and overall.

The first coding of a text is every accepted coding that is not a double code (whoever decided it); the second
is the accepted double codes of the second analyst. A text belongs to the sample when it has a double code of
any status: the second analyst's form records the first round's themes they left out as rejected double codes,
so a text they coded with no theme still counts. Per theme, each text in the sample is a pair (theme present
for coder 1?, theme present for coder 2?).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from participation.models.base import DbSession
from participation.models.themes import CodingStatus, SubjectType, Theme, ThemeCoding


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa for two coders' labels of the same items: (p_o - p_e) / (1 - p_e), where p_o is the share
    of items they agree on and p_e the agreement expected by chance from each coder's label shares.

    None when there are no items, or when both coders gave every item one and the same label (p_e = 1): then
    kappa is undefined, and saying 1.0 would claim an agreement beyond chance that the data cannot show.
    """
    pairs = list(pairs)
    if not pairs:
        return None
    total = len(pairs)
    observed = sum(first == second for first, second in pairs) / total
    first_counts = Counter(first for first, _second in pairs)
    second_counts = Counter(second for _first, second in pairs)
    expected = sum(first_counts[label] * second_counts[label] for label in first_counts) / total**2
    if expected == 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


@dataclass(frozen=True)
class ThemeAgreement:
    """Kappa for one theme over the double-coded sample, with how often each coder gave it."""

    theme_code: str
    label_nl: str
    label_en: str
    kappa: float | None
    first: int  # texts coder 1 gave this theme
    second: int  # texts coder 2 gave this theme
    both: int


@dataclass(frozen=True)
class AgreementReport:
    """Agreement over the double-coded sample: per theme, and overall (pooled over every text-theme pair)."""

    texts: int
    themes: list[ThemeAgreement]
    overall: float | None


Subject = tuple[SubjectType, int]


def _accepted(codings: Sequence[ThemeCoding]) -> dict[Subject, set[int]]:
    result: dict[Subject, set[int]] = {}
    for coding in codings:
        if coding.status is CodingStatus.ACCEPTED:
            result.setdefault((coding.subject_type, coding.subject_id), set()).add(coding.theme_id)
    return result


def agreement_report(session: DbSession) -> AgreementReport:
    """Kappa per theme (every theme either coder used in the sample) and overall, over the double-coded texts."""
    double = session.scalars(select(ThemeCoding).where(ThemeCoding.double_code.is_(True))).all()
    sample = sorted({(coding.subject_type, coding.subject_id) for coding in double})
    if not sample:
        return AgreementReport(0, [], None)
    first_codings = session.scalars(
        select(ThemeCoding).where(
            ThemeCoding.double_code.is_(False),
            ThemeCoding.subject_id.in_({subject_id for _type, subject_id in sample}),
        )
    ).all()
    first = _accepted([coding for coding in first_codings if (coding.subject_type, coding.subject_id) in sample])
    second = _accepted(double)
    theme_ids = set().union(*first.values(), *second.values()) if (first or second) else set()
    themes = {theme.id: theme for theme in session.scalars(select(Theme).where(Theme.id.in_(theme_ids)))}
    rows: list[ThemeAgreement] = []
    pooled: list[tuple[bool, bool]] = []
    for theme_id in theme_ids:
        pairs = [(theme_id in first.get(subject, ()), theme_id in second.get(subject, ())) for subject in sample]
        pooled += pairs
        theme = themes[theme_id]
        rows.append(
            ThemeAgreement(
                theme.code,
                theme.label_nl,
                theme.label_en,
                cohen_kappa(pairs),
                sum(one for one, _two in pairs),
                sum(two for _one, two in pairs),
                sum(one and two for one, two in pairs),
            )
        )
    rows.sort(key=lambda row: row.theme_code)
    return AgreementReport(len(sample), rows, cohen_kappa(pooled))
