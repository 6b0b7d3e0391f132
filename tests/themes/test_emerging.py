"""Emerging themes: texts that fit no theme are clustered the same way every time."""

from __future__ import annotations

import warnings

from participation.models.themes import SubjectType
from participation.themes.emerging import cluster_texts
from participation.themes.subjects import SubjectText

# Two topics the default codebook has no theme for (a ferry stop, pigeons), plus one stray remark.
TEXTS = [
    ("nl", "De pont naar Zwijndrecht vaart te weinig in het weekend."),
    ("nl", "Pont Zwijndrecht vaart niet meer na acht uur."),
    ("nl", "Graag vaker een pont richting Zwijndrecht."),
    ("nl", "Duiven op het balkon, overal duivenpoep op de balkons."),
    ("nl", "De duiven nestelen onder ons balkon."),
    ("nl", "Wie doet er iets aan de duiven op de balkons?"),
    ("en", "Thanks."),
]


def subjects() -> list[SubjectText]:
    return [SubjectText(SubjectType.ANSWER, number, text, language) for number, (language, text) in enumerate(TEXTS)]


def test_texts_about_one_new_topic_end_up_in_one_candidate() -> None:
    candidates = cluster_texts(subjects(), max_clusters=3)
    groups = [{example.subject_id for example in candidate.examples} for candidate in candidates]
    assert {0, 1, 2} in groups
    assert {3, 4, 5} in groups
    by_group = {frozenset(group): candidate for group, candidate in zip(groups, candidates, strict=True)}
    assert "pont" in by_group[frozenset({0, 1, 2})].top_words
    assert "duif" in by_group[frozenset({3, 4, 5})].top_words


def test_clustering_is_deterministic_and_raises_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        first = cluster_texts(subjects(), max_clusters=3)
        second = cluster_texts(list(reversed(subjects()))[::-1], max_clusters=3)
    assert first == second


def test_too_few_or_identical_texts_give_no_warning() -> None:
    assert cluster_texts([]) == []
    assert cluster_texts(subjects()[:1]) == []
    same = [SubjectText(SubjectType.ANSWER, number, "Pont Zwijndrecht", "nl") for number in range(4)]
    [candidate] = cluster_texts(same)
    assert candidate.size == 4
