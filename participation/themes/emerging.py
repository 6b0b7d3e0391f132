"""Emerging themes: texts that fit no theme of the codebook, clustered into candidate themes for the analysts.

A text fits no theme when it has no accepted coding and no suggestion at or above the threshold. Such texts are
turned into TF-IDF vectors over their lemmas (so "woningen" and "woning" are one word) and clustered with
k-means at a fixed random state, so the same texts always give the same candidates. Each candidate shows its
most characteristic words and the texts closest to its centre.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import select

from participation.models.base import DbSession
from participation.models.themes import CodingStatus, SubjectType, ThemeCoding
from participation.themes.lemmas import lemmas
from participation.themes.subjects import SHIPPED_LANGUAGES, SubjectText, all_texts
from participation.themes.suggestions import THRESHOLD, SuggestionModel, suggest

RANDOM_STATE = 0
# Fewer texts than this in a cluster is not yet a theme, just a remark.
MIN_CLUSTER_SIZE = 2
MAX_CLUSTERS = 8
# Lemmas this short are almost all function words in the shipped languages.
MIN_LEMMA = 3


@dataclass(frozen=True)
class CandidateTheme:
    """A cluster of texts that fit no theme: its characteristic words and the texts nearest its centre."""

    top_words: tuple[str, ...]
    examples: tuple[SubjectText, ...]
    size: int


def _document(text: SubjectText) -> str:
    # Lemmas joined by spaces; the language is part of each token so that a Dutch and a Polish word that are
    # spelled alike are not taken for one.
    return " ".join(f"{text.language}:{lemma}" for lemma in lemmas(text.text, text.language) if len(lemma) >= MIN_LEMMA)


def _cluster_count(texts: int, distinct: int, max_clusters: int) -> int:
    # About one cluster per handful of texts, never more than there are distinct documents (k-means would warn).
    return max(1, min(max_clusters, distinct, round(math.sqrt(texts / 2))))


def cluster_texts(
    texts: Sequence[SubjectText], max_clusters: int = MAX_CLUSTERS, top: int = 8, examples: int = 3
) -> list[CandidateTheme]:
    """Group texts into candidate themes, largest first; clusters smaller than ``MIN_CLUSTER_SIZE`` are left out."""
    documents = [_document(text) for text in texts]
    usable = [number for number, document in enumerate(documents) if document]
    if len(usable) < MIN_CLUSTER_SIZE:
        return []
    # Documents are already tokens separated by spaces (language:lemma), so split on spaces only.
    vectoriser = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True)  # noqa: S106
    matrix = vectoriser.fit_transform([documents[number] for number in usable])
    distinct = len({tuple(row) for row in matrix.toarray().round(6)})
    clusters = _cluster_count(len(usable), distinct, max_clusters)
    kmeans = KMeans(n_clusters=clusters, n_init=10, random_state=RANDOM_STATE).fit(matrix)
    words = np.array([feature.split(":", 1)[1] for feature in vectoriser.get_feature_names_out()])
    distances = kmeans.transform(matrix)
    candidates = []
    for cluster in range(clusters):
        members = np.flatnonzero(kmeans.labels_ == cluster)
        if len(members) < MIN_CLUSTER_SIZE:
            continue
        centre = kmeans.cluster_centers_[cluster]
        order = np.argsort(-centre, kind="stable")
        top_words = tuple(dict.fromkeys(str(words[index]) for index in order if centre[index] > 0))[:top]
        nearest = members[np.argsort(distances[members, cluster], kind="stable")][:examples]
        candidates.append(CandidateTheme(top_words, tuple(texts[usable[index]] for index in nearest), len(members)))
    return sorted(candidates, key=lambda candidate: (-candidate.size, candidate.top_words))


def unfitting_texts(
    session: DbSession,
    model: SuggestionModel,
    threshold: float = THRESHOLD,
    languages: tuple[str, ...] = SHIPPED_LANGUAGES,
) -> list[SubjectText]:
    """Texts with no accepted first-round coding and no suggestion at or above ``threshold``."""
    accepted: set[tuple[SubjectType, int]] = {
        (SubjectType(kind), int(number))
        for kind, number in session.execute(
            select(ThemeCoding.subject_type, ThemeCoding.subject_id).where(
                ThemeCoding.status == CodingStatus.ACCEPTED, ThemeCoding.double_code.is_(False)
            )
        )
    }
    return [
        text
        for text in all_texts(session, languages)
        if (text.subject_type, text.subject_id) not in accepted
        and not suggest(text.text, text.language, model, threshold)
    ]


def emerging_themes(
    session: DbSession, model: SuggestionModel, languages: tuple[str, ...] = SHIPPED_LANGUAGES
) -> tuple[int, list[CandidateTheme]]:
    """The number of texts that fit no theme, and their clusters as candidate themes."""
    texts = unfitting_texts(session, model, languages=languages)
    return len(texts), cluster_texts(texts)
