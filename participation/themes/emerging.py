"""Emerging themes: texts that fit no theme of the codebook, clustered into candidate themes for the analysts.

A text fits no theme when it has no accepted coding and no suggestion at or above the threshold. Such texts are
turned into TF-IDF vectors over their lemmas (so "woningen" and "woning" are one word) and clustered with
k-means at a fixed random state, so the same texts always give the same candidates. Each candidate shows its
most characteristic words and the texts closest to its centre.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from participation.models.background import EmergingThemeRun
from participation.models.base import DbSession, utcnow
from participation.models.themes import CodingStatus, SubjectType, ThemeCoding
from participation.themes.lemmas import lemmas
from participation.themes.subjects import SHIPPED_LANGUAGES, SubjectText, all_texts, subject_text
from participation.themes.suggestions import THRESHOLD, SuggestionModel, suggest

RANDOM_STATE = 0
# Runs kept besides the last one, to see how the candidates changed.
KEPT_RUNS = 5
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
    # scikit-learn (and SciPy under it) costs a web worker about 100 MB and a second at import: only the clustering
    # task and the bureau's page of candidates load it.
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

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


@dataclass(frozen=True)
class StoredCandidates:
    """The last run as the page shows it: when it ran, how long it took, and its candidates with their texts."""

    finished_at: datetime
    seconds: float
    unfitting: int
    candidates: list[CandidateTheme]


def _stored(candidate: CandidateTheme) -> dict[str, Any]:
    return {
        "top_words": list(candidate.top_words),
        "size": candidate.size,
        "examples": [[example.subject_type.value, example.subject_id] for example in candidate.examples],
    }


def run_emerging_themes(
    session: DbSession, model: SuggestionModel, languages: tuple[str, ...] = SHIPPED_LANGUAGES
) -> EmergingThemeRun:
    """Cluster the texts that fit no theme and keep the result with the time it ran; flushes, the caller commits.
    Older runs beyond ``KEPT_RUNS`` are dropped."""
    started, clock = utcnow(), time.perf_counter()
    unfitting, candidates = emerging_themes(session, model, languages)
    run = EmergingThemeRun(
        started_at=started,
        finished_at=utcnow(),
        seconds=round(time.perf_counter() - clock, 3),
        unfitting=unfitting,
        candidates=[_stored(candidate) for candidate in candidates],
    )
    session.add(run)
    session.flush()
    old = session.scalars(
        select(EmergingThemeRun.id).order_by(EmergingThemeRun.finished_at.desc(), EmergingThemeRun.id.desc())
    ).all()[KEPT_RUNS + 1 :]
    for run_id in old:
        session.delete(session.get(EmergingThemeRun, run_id))
    session.flush()
    return run


def last_emerging_themes(session: DbSession, languages: tuple[str, ...] = SHIPPED_LANGUAGES) -> StoredCandidates | None:
    """The candidates of the last run, with their example texts read again (an erased text is left out), or None
    when the clustering never ran."""
    run = session.scalars(
        select(EmergingThemeRun).order_by(EmergingThemeRun.finished_at.desc(), EmergingThemeRun.id.desc()).limit(1)
    ).first()
    if run is None:
        return None
    candidates = []
    for stored in run.candidates:
        examples = tuple(
            text
            for kind, number in stored["examples"]
            if (text := subject_text(session, SubjectType(kind), int(number), languages)) is not None
        )
        candidates.append(CandidateTheme(tuple(stored["top_words"]), examples, int(stored["size"])))
    return StoredCandidates(run.finished_at, run.seconds, run.unfitting, candidates)
