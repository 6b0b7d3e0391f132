"""Shipped catalogs are complete: nothing untranslated or fuzzy, placeholders intact, every catalog compiles,
and every text in the code and templates is in every catalog."""

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from participation.cli.translate import extract
from participation.config import DEFAULT_LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def load(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.fixture(scope="module")
def extracted_ids(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    template = tmp_path_factory.mktemp("pot") / "messages.pot"
    extract(template)
    with template.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


@pytest.mark.parametrize("language", DEFAULT_LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(language: str) -> None:
    catalog = load(language)
    problems = [message.id for message in catalog if message.id and (not _all_forms(message.string) or message.fuzzy)]
    assert problems == [], f"{language}: {len(problems)} untranslated or fuzzy, e.g. {problems[:3]}"


def _all_forms(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _placeholders_kept(message_id: str | tuple[str, ...], string: str | tuple[str, ...]) -> bool:
    if isinstance(message_id, str):
        return sorted(PLACEHOLDER.findall(message_id)) == sorted(PLACEHOLDER.findall(str(string)))
    # A plural form may leave the number out where the language words it ("one", "two" in Arabic), but no form
    # may bring a placeholder the code does not fill, and the forms together use every one the code gives.
    given = set().union(*(_placeholders(form) for form in message_id))
    forms = [_placeholders(form) for form in string]
    return all(form <= given for form in forms) and set().union(*forms) == given


@pytest.mark.parametrize("language", DEFAULT_LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    broken = [
        message.id for message in load(language) if message.id and not _placeholders_kept(message.id, message.string)
    ]
    assert broken == [], f"{language}: placeholders differ in {broken[:3]}"


def test_a_plural_form_may_word_the_number_but_not_invent_or_lose_a_placeholder() -> None:
    arabic_open = ("لا توجد", "واحدة", "اثنتان", "%(num)d متابعات", "%(num)d متابعة", "%(num)d متابعة")
    assert _placeholders_kept(("%(num)d open", "%(num)d open"), arabic_open)
    assert not _placeholders_kept(("%(num)d open", "%(num)d open"), ("open",) * 6)
    assert not _placeholders_kept(("%(num)d open", "%(num)d open"), ("%(num)d %(who)s", "%(num)d"))
    assert not _placeholders_kept("%(name)s left", "left")


@pytest.mark.parametrize("language", DEFAULT_LANGUAGES)
def test_catalog_compiles(language: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, load(language))
    assert buffer.getvalue()


@pytest.mark.parametrize("language", DEFAULT_LANGUAGES)
def test_catalog_holds_every_text_of_the_code(language: str, extracted_ids: set[str]) -> None:
    present = {message.id for message in load(language) if message.id}
    missing = sorted(extracted_ids - present)
    assert missing == [], f"{language}: run `flask translate update` and translate {missing[:3]}"


def test_each_shipped_language_has_a_catalog() -> None:
    shipped = sorted(path.name for path in TRANSLATIONS.iterdir() if (path / "LC_MESSAGES").is_dir())
    assert shipped == sorted(DEFAULT_LANGUAGES)
