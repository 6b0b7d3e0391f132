"""An answer as a number, where it has a natural one: what indicator means and weighted means are made of."""

from __future__ import annotations

from typing import Any

from participation.surveys.model import Question, QuestionType

# Choices that mean "no answer" carry no score, so they do not pull a mean either way.
NO_SCORE_CHOICES = frozenset({"no_answer", "dont_know", "unknown", "other"})


def answer_score(question: Question, value: Any) -> float | None:
    """Ratings, scales and numbers as themselves, yes as 1 and no as 0; an indicator's single choice by its rank,
    the first (best) choice scoring highest, so "very good" health is 5 of 5. Everything else has no score."""
    kind = question.type
    if kind in (QuestionType.RATING, QuestionType.AGREEMENT, QuestionType.NUMBER):
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
    if kind is QuestionType.YES_NO:
        return (1.0 if value else 0.0) if isinstance(value, bool) else None
    if kind is QuestionType.SINGLE_CHOICE and question.indicator and isinstance(value, str):
        ranked = [choice.value for choice in question.choices if choice.value not in NO_SCORE_CHOICES]
        if value in ranked:
            return float(len(ranked) - ranked.index(value))
    return None
