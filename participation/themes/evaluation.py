"""Scoring the suggestions against texts labelled by hand: precision and recall per language.

Used by ``bench/themes.py`` (which prints the figures) and by the test that keeps them above the goals, so both
measure the same way: micro-averaged over (text, theme) pairs, at the confidence threshold the app proposes at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from participation.imports import DEFINITION_MAX_BYTES, load_yaml, read_text
from participation.models.themes import SubjectType, Theme
from participation.themes.codebook import CODEBOOK_FILE, load_codebook
from participation.themes.subjects import SubjectText
from participation.themes.suggestions import THRESHOLD, SuggestionModel, keyword_model, learn, suggest


@dataclass(frozen=True)
class LabelledText:
    """A text with the theme codes a person gave it."""

    language: str
    text: str
    themes: frozenset[str]


@dataclass(frozen=True)
class Scores:
    """Counts of one language's (text, theme) pairs, and the ratios they give."""

    texts: int
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        suggested = self.true_positives + self.false_positives
        return self.true_positives / suggested if suggested else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else 1.0


def load_labelled(path: Path) -> list[LabelledText]:
    """Read a labelled set: a mapping of language -> list of {text, themes}."""
    document = load_yaml(read_text(path, DEFINITION_MAX_BYTES))
    return [
        LabelledText(language, str(entry["text"]), frozenset(entry.get("themes") or ()))
        for language, entries in document.items()
        for entry in entries
    ]


def codebook_themes(path: Path = CODEBOOK_FILE) -> list[Theme]:
    """The shipped codebook's themes as unsaved objects, so the evaluation needs no database."""
    return [Theme(**definition.fields(), active=True) for definition in load_codebook(path)]


def evaluate(
    model: SuggestionModel, labelled: Iterable[LabelledText], threshold: float = THRESHOLD
) -> dict[str, Scores]:
    """Precision and recall counts per language of the model's suggestions at ``threshold``."""
    counts: dict[str, list[int]] = {}
    for item in labelled:
        suggested = {suggestion.theme_code for suggestion in suggest(item.text, item.language, model, threshold)}
        row = counts.setdefault(item.language, [0, 0, 0, 0])
        row[0] += 1
        row[1] += len(suggested & item.themes)
        row[2] += len(suggested - item.themes)
        row[3] += len(item.themes - suggested)
    return {language: Scores(*row) for language, row in counts.items()}


def cross_validated(labelled: list[LabelledText], themes: list[Theme], folds: int = 5) -> dict[str, Scores]:
    """How much learning from decisions adds: each fold is scored by a model that learned from the other folds'
    labels as if analysts had accepted them (and rejected the wrong keyword suggestions)."""
    base = keyword_model(themes)
    totals: dict[str, list[int]] = {}
    for fold in range(folds):
        test = [item for number, item in enumerate(labelled) if number % folds == fold]
        train = [item for number, item in enumerate(labelled) if number % folds != fold]
        model = learn(base, _decisions(base, train))
        for language, scores in evaluate(model, test).items():
            row = totals.setdefault(language, [0, 0, 0, 0])
            for position, value in enumerate(
                (scores.texts, scores.true_positives, scores.false_positives, scores.false_negatives)
            ):
                row[position] += value
    return {language: Scores(*row) for language, row in totals.items()}


def _decisions(model: SuggestionModel, items: Iterable[LabelledText]) -> list[tuple[SubjectText, str, bool]]:
    # What a careful analyst would have done with these texts: accept each true theme, reject each wrong
    # suggestion.
    decisions: list[tuple[SubjectText, str, bool]] = []
    for number, item in enumerate(items):
        subject = SubjectText(SubjectType.ANSWER, number, item.text, item.language)
        decisions += [(subject, code, True) for code in item.themes]
        decisions += [
            (subject, suggestion.theme_code, False)
            for suggestion in suggest(item.text, item.language, model)
            if suggestion.theme_code not in item.themes
        ]
    return decisions


def meets(scores: Mapping[str, Scores], precision: float = 0.8, recall: float = 0.6) -> list[str]:
    """The languages that miss a goal, as readable lines (empty when every language meets both)."""
    return [
        f"{language}: precision {result.precision:.2f}, recall {result.recall:.2f}"
        for language, result in sorted(scores.items())
        if result.precision < precision or result.recall < recall
    ]
