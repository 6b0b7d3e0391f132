"""Benchmark of the theme suggestions on texts labelled by hand, with the cold-start baseline in the same run.

Run: .venv/bin/python bench/themes.py [--labelled tests/themes/data/labelled.yaml] [--threshold 0.5]

Prints precision and recall per language (nl, en, tr, ar, pl, bg) of the suggestions at the confidence threshold
the app proposes at, from the shipped codebook's keywords alone (what a fresh installation does); goal:
precision >= 0.8 and recall >= 0.6 in every language. Then the same with learning from decisions, scored by
5-fold cross-validation (each fold learns from the other folds' labels as if analysts had decided them), to show
what accepted and rejected codings add. Exits 1 when a language misses a goal at cold start.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from participation.themes.evaluation import (  # noqa: E402
    Scores,
    codebook_themes,
    cross_validated,
    evaluate,
    load_labelled,
    meets,
)
from participation.themes.suggestions import THRESHOLD, keyword_model  # noqa: E402

LABELLED = PROJECT_ROOT / "tests" / "themes" / "data" / "labelled.yaml"


def _table(title: str, scores: dict[str, Scores]) -> None:
    print(title)
    print(f"  {'lang':<5}{'texts':>6}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for language, result in scores.items():
        print(
            f"  {language:<5}{result.texts:>6}{result.true_positives:>5}{result.false_positives:>5}"
            f"{result.false_negatives:>5}{result.precision:>11.2f}{result.recall:>8.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    arguments = parser.parse_args()

    labelled = load_labelled(arguments.labelled)
    themes = codebook_themes()
    started = time.perf_counter()
    model = keyword_model(themes)
    built = time.perf_counter()
    cold = evaluate(model, labelled, arguments.threshold)
    scored = time.perf_counter()
    print(f"{len(labelled)} labelled texts, {len(themes)} themes, threshold {arguments.threshold}")
    print(f"model built in {built - started:.2f} s, {len(labelled) / (scored - built):.0f} texts/s")
    _table("keywords only (cold start):", cold)
    _table("with learning from decisions (5-fold cross-validation):", cross_validated(labelled, themes))
    missed = meets(cold)
    print("goal (precision >= 0.8, recall >= 0.6 in every language):", "met" if not missed else "MISSED")
    for line in missed:
        print("  " + line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
