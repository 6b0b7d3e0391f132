"""The phrase bank: every fragment is about a codebook theme the suggestion model finds, and texts vary."""

from __future__ import annotations

import random

import pytest

from participation.demo import phrases
from participation.models import Theme
from participation.themes.codebook import load_codebook
from participation.themes.suggestions import keyword_model, suggest

LANGUAGES = ("nl", "en", "tr", "ar", "pl", "bg")


def _model():  # type: ignore[no-untyped-def]
    themes = [
        Theme(code=d.code, label_nl=d.code, label_en=d.code, pillar=d.pillar, active=True,
              keywords={language: list(words) for language, words in d.keywords.items()})
        for d in load_codebook()
    ]  # fmt: skip
    return keyword_model(themes), {theme.code for theme in themes}


@pytest.mark.parametrize("language", LANGUAGES)
def test_fragments_are_about_codebook_themes_the_suggestions_find(language: str) -> None:
    model, codes = _model()
    fragments = [item for kind in (phrases.GOOD, phrases.IMPROVE) for item in phrases.FRAGMENTS[language][kind]]
    assert {theme for theme, _text in fragments} <= codes
    found = [theme in {s.theme_code for s in suggest(text, language, model)} for theme, text in fragments]
    assert sum(found) / len(found) >= 0.9


@pytest.mark.parametrize("language", LANGUAGES)
def test_composed_texts_vary_and_name_their_themes(language: str) -> None:
    rng = random.Random(1)  # noqa: S311 - made-up texts, nothing secret
    texts = set()
    for kind in (phrases.GOOD, phrases.IMPROVE):
        for _ in range(300):
            text, themes = phrases.compose(rng, language, kind)
            assert 1 <= len(themes) <= 2
            texts.add(text)
    assert len(texts) >= 60
