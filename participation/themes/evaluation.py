"""Scoring the suggestions against texts labelled by hand: precision and recall per language.

Two labelled sets, used differently (docs/theme-suggestions.md):
- the **examples** (``themes/examples.yaml``): the method is tuned on them and learns from them;
  their figures are cross-validated (each fold scored by a model trained without it), so they are not flattered;
- the **held-out set** (``tests/themes/data/heldout.yaml``), written by a different method and never tuned on:
  the figures that count, at cold start and after 50, 100 and 200 analysts' decisions.

Used by ``bench/themes.py`` (which prints the figures) and by the test that keeps them above the goals, so both
measure the same way: micro-averaged over (text, theme) pairs, at the confidence threshold the app proposes at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from participation.config import PROJECT_ROOT
from participation.models.themes import SubjectType, Theme
from participation.themes.codebook import CODEBOOK_FILE, load_codebook
from participation.themes.examples import Example
from participation.themes.subjects import SubjectText
from participation.themes.suggestions import (
    THRESHOLD,
    Features,
    SuggestionModel,
    features,
    keyword_model,
    learn,
    suggest,
)

HELD_OUT_FILE = PROJECT_ROOT / "tests" / "themes" / "data" / "heldout.yaml"
# Texts written like the held-out set but by other people, that the confidence's constants are fitted on.
CALIBRATION_FILE = PROJECT_ROOT / "tests" / "themes" / "data" / "calibration.yaml"


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

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.texts + other.texts,
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )


def codebook_themes(path: Path = CODEBOOK_FILE) -> list[Theme]:
    """The shipped codebook's themes as unsaved objects, so the evaluation needs no database."""
    return [Theme(**definition.fields(), active=True) for definition in load_codebook(path)]


def evaluate(model: SuggestionModel, labelled: Iterable[Example], threshold: float = THRESHOLD) -> dict[str, Scores]:
    """Precision and recall counts per language of the model's suggestions at ``threshold``."""
    counts: dict[str, Scores] = {}
    for item in labelled:
        suggested = {suggestion.theme_code for suggestion in suggest(item.text, item.language, model, threshold)}
        found = Scores(1, len(suggested & item.themes), len(suggested - item.themes), len(item.themes - suggested))
        counts[item.language] = counts.get(item.language, Scores(0, 0, 0, 0)) + found
    return counts


def _merge(into: dict[str, Scores], scores: Mapping[str, Scores]) -> None:
    for language, found in scores.items():
        into[language] = into.get(language, Scores(0, 0, 0, 0)) + found


def cross_validated(labelled: Sequence[Example], themes: list[Theme], folds: int = 5) -> dict[str, Scores]:
    """The examples' figures without flattery: each fold scored by a model trained on the other folds only."""
    totals: dict[str, Scores] = {}
    for fold in range(folds):
        test = [item for number, item in enumerate(labelled) if number % folds == fold]
        train = [item for number, item in enumerate(labelled) if number % folds != fold]
        _merge(totals, evaluate(keyword_model(themes, train), test))
    return totals


def calibration_data(model: SuggestionModel, labelled: Iterable[Example]) -> tuple[list[Features], list[int]]:
    """The confidence's features of every candidate theme of every labelled text, and whether the theme is right
    (1) or not (0): what the constants are fitted on. The texts must be ones the model did not learn from."""
    rows: list[Features] = []
    labels: list[int] = []
    for item in labelled:
        for code, (values, _found) in features(item.text, item.language, model).items():
            rows.append(values)
            labels.append(int(code in item.themes))
    return rows, labels


def fit_calibration(model: SuggestionModel, labelled: Sequence[Example]) -> tuple[float, ...]:
    """The confidence's intercept and weights, fitted by logistic regression on texts the model did not learn
    from, so that a confidence reads as the probability that the theme is right."""
    from sklearn.linear_model import LogisticRegression

    rows, labels = calibration_data(model, labelled)
    fitted = LogisticRegression(C=1.0, max_iter=1000).fit(rows, labels)
    return (round(float(fitted.intercept_[0]), 3), *(round(float(weight), 3) for weight in fitted.coef_[0]))


def learning_curve(
    held_out: Sequence[Example], themes: list[Theme], steps: Sequence[int] = (0, 50, 100, 200), folds: int = 5
) -> dict[int, dict[str, Scores]]:
    """Figures after N analysts' decisions, as analysts would take them on texts like the held-out set's: each
    fold is scored by the cold-start model retrained with the first N decisions on the other folds' texts, the
    languages taken in turn (``queue_order``), accepting their true themes and rejecting wrong suggestions, as
    a careful analyst would."""
    cold = keyword_model(themes)
    curve: dict[int, dict[str, Scores]] = {step: {} for step in steps}
    for fold in range(folds):
        test = [item for number, item in enumerate(held_out) if number % folds == fold]
        stream = queue_order([item for number, item in enumerate(held_out) if number % folds != fold])
        decisions = analyst_decisions(cold, stream)
        for step in steps:
            model = learn(cold, decisions[:step]) if step else cold
            _merge(curve[step], evaluate(model, test))
    return curve


def queue_order(items: Sequence[Example]) -> list[Example]:
    """The texts in the order analysts meet them in the learning curve: languages taken in turn.

    Labelled files are grouped by language, but a review queue mixes them: taken in file order, the first 200
    decisions would all be about the first two or three languages' texts and teach the others nothing."""
    by_language: dict[str, list[Example]] = {}
    for item in items:
        by_language.setdefault(item.language, []).append(item)
    queues = list(by_language.values())
    return [queue[rank] for rank in range(max(map(len, queues), default=0)) for queue in queues if rank < len(queue)]


def analyst_decisions(model: SuggestionModel, items: Iterable[Example]) -> list[tuple[SubjectText, str, bool]]:
    """What a careful analyst does with these texts' suggestions: accept each true theme (adding a missed one),
    reject each wrong suggestion; one decision per (text, theme)."""
    decisions: list[tuple[SubjectText, str, bool]] = []
    for number, item in enumerate(items):
        subject = SubjectText(SubjectType.ANSWER, number, item.text, item.language)
        decisions += [(subject, code, True) for code in sorted(item.themes)]
        decisions += [
            (subject, suggestion.theme_code, False)
            for suggestion in suggest(item.text, item.language, model)
            if suggestion.theme_code not in item.themes
        ]
    return decisions


def meets(scores: Mapping[str, Scores], precision: float = 0.85, recall: float = 0.7) -> list[str]:
    """The languages that miss a goal, as readable lines (empty when every language meets both)."""
    return [
        f"{language}: precision {result.precision:.2f}, recall {result.recall:.2f}"
        for language, result in sorted(scores.items())
        if result.precision < precision or result.recall < recall
    ]


__all__ = [
    "CALIBRATION_FILE",
    "HELD_OUT_FILE",
    "Scores",
    "analyst_decisions",
    "calibration_data",
    "codebook_themes",
    "cross_validated",
    "evaluate",
    "fit_calibration",
    "learning_curve",
    "meets",
    "queue_order",
]
