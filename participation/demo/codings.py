"""Theme codings of the demo texts: the app's own suggestion model proposes, and a share is decided as an analyst
would (accepted or rejected); the rest waits in the review queue."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from participation.demo.registry import Registry
from participation.models import CodingOrigin, CodingStatus, SubjectType, Theme, ThemeCoding
from participation.models.base import DbSession
from participation.themes.suggestions import build_model, suggest

ACCEPTED_SHARE = 0.7
REJECTED_SHARE = 0.1  # the rest stays proposed


@dataclass
class CodingYear:
    proposed: int = 0
    accepted: int = 0
    rejected: int = 0
    # theme code -> accepted texts (subject type, id, text): evidence for programme inputs
    accepted_texts: dict[str, list[tuple[SubjectType, int, str]]] = field(default_factory=dict)


def code_texts(
    session: DbSession,
    registry: Registry,
    rng: random.Random,
    texts: Sequence[tuple[SubjectType, int, str, str]],
    analyst_id: int,
    now: datetime,
) -> CodingYear:
    """Suggest themes for every (subject type, id, text, language) with the model ``propose_codings`` uses, and
    store them in one statement, in the shape ``propose_codings`` and the review give them.

    ``propose_codings`` itself looks up and flushes per text; for thousands of texts at once that is most of the
    load's time, so the same ``suggest`` runs here and the rows are written together."""
    model = build_model(session)
    themes = {theme.code: theme.id for theme in session.scalars(select(Theme))}
    result = CodingYear()
    rows = []
    for subject_type, subject_id, text, language in texts:
        for suggestion in suggest(text, language, model):
            theme_id = themes.get(suggestion.theme_code)
            if theme_id is None:
                continue
            draw = rng.random()
            status = CodingStatus.PROPOSED
            if draw < ACCEPTED_SHARE:
                status = CodingStatus.ACCEPTED
                result.accepted += 1
                result.accepted_texts.setdefault(suggestion.theme_code, []).append((subject_type, subject_id, text))
            elif draw < ACCEPTED_SHARE + REJECTED_SHARE:
                status = CodingStatus.REJECTED
                result.rejected += 1
            else:
                result.proposed += 1
            rows.append({
                "theme_id": theme_id, "subject_type": subject_type, "subject_id": subject_id,
                "origin": CodingOrigin.SUGGESTION, "status": status, "confidence": suggestion.confidence,
                "double_code": False, "coded_by_id": None if status is CodingStatus.PROPOSED else analyst_id,
                "created_at": now,
                "details": {"matched_words": list(suggestion.matched_words), "language": language},
            })  # fmt: skip
    registry.insert(ThemeCoding, rows)
    return result
