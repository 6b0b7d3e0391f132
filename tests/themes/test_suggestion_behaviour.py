"""How the suggestions behave on the kinds of text that defeated the first method (issue 14), one test per kind:
paraphrase, Dutch words inside other languages, word forms, collisions of stems and prefixes, incidental words,
a second theme next to a strong one, and negation. Each is stated as behaviour of the shipped codebook and
examples at cold start, not as a list of patched words: every case is a sentence a resident could write."""

from __future__ import annotations

import pytest

from participation.themes.evaluation import codebook_themes
from participation.themes.suggestions import SuggestionModel, keyword_model, suggest


@pytest.fixture(scope="module")
def model() -> SuggestionModel:
    return keyword_model(codebook_themes())


def codes(text: str, language: str, model: SuggestionModel) -> set[str]:
    return {suggestion.theme_code for suggestion in suggest(text, language, model)}


@pytest.mark.parametrize(
    ("language", "text", "theme"),
    [
        ("en", "There's black stuff spreading on the ceiling of the kids' room.", "housing_quality"),
        ("tr", "Banyonun tavanı kapkara oldu, ev sahibi bir şey yapmıyor.", "housing_quality"),
        ("bg", "Таванът е почернял, а хазяинът не идва.", "housing_quality"),
        ("en", "With my headscarf I'm turned down at every job interview.", "discrimination"),
        ("en", "Groups of lads hang around the entrance every night.", "youth_nuisance"),
        ("en", "Since the divorce I feel anxious and low most days.", "mental_health"),
        ("en", "Three break-ins in our street this winter.", "burglary_crime"),
    ],
)
def test_a_problem_described_without_its_usual_word_is_recognised(
    model: SuggestionModel, language: str, text: str, theme: str
) -> None:
    assert theme in codes(text, language, model)


@pytest.mark.parametrize(
    ("language", "text", "theme"),
    [
        ("tr", "Huisarts'a gitmek için üç hafta bekliyorum.", "care_access"),
        ("en", "My toeslag was stopped and nobody explains why.", "income_benefits"),
        ("ar", "قطعوا عني الhuurtoeslag ولا أستطيع دفع الإيجار.", "housing_costs"),
        ("pl", "Nie umiem się zalogować do DigiD, syn mi zawsze pomaga.", "digital_skills"),
        ("bg", "В basisschool-а на сина ми няма достатъчно учители.", "schools"),
        ("tr", "Buurthuis kapandı, artık kadınlar buluşacak yer bulamıyor.", "meeting_places"),
    ],
)
def test_dutch_words_of_dutch_life_count_inside_every_language(
    model: SuggestionModel, language: str, text: str, theme: str
) -> None:
    assert theme in codes(text, language, model)


@pytest.mark.parametrize(
    ("language", "text", "theme"),
    [
        ("pl", "Nie ma gdzie zaparkować po osiemnastej.", "parking"),
        ("tr", "Altı aydır işsizim, başvurulara cevap gelmiyor.", "work"),
        ("ar", "سرقوا دراجة ابني من أمام البيت.", "burglary_crime"),
        ("bg", "Откраднаха ми колелото от входа.", "burglary_crime"),
    ],
)
def test_inflected_forms_find_their_base_words(model: SuggestionModel, language: str, text: str, theme: str) -> None:
    assert theme in codes(text, language, model)


@pytest.mark.parametrize(
    ("language", "text", "wrong"),
    [
        ("nl", "Ik moet van de dokter tien kilo afvallen.", "litter"),
        ("tr", "O yüzden bu mahallede kalmak istiyoruz.", "sports"),
        ("bg", "Колите паркират на тротоара.", "greenery"),
        ("nl", "Het transport naar de dagbesteding is geregeld.", "sports"),
    ],
)
def test_a_word_that_only_starts_or_ends_like_a_keyword_does_not_match_it(
    model: SuggestionModel, language: str, text: str, wrong: str
) -> None:
    assert wrong not in codes(text, language, model)


@pytest.mark.parametrize(
    ("language", "text", "wrong"),
    [
        ("en", "The alley behind the shops is pitch black at night.", "sports"),
        ("en", "We can't make ends meet since the rent went up.", "meeting_places"),
        ("en", "My bike was stolen at the shopping centre.", "meeting_places"),
        ("nl", "De bovenburen draaien elke nacht harde muziek, ik slaap er slecht van.", "neighbour_contact"),
    ],
)
def test_an_incidental_word_does_not_make_its_theme(
    model: SuggestionModel, language: str, text: str, wrong: str
) -> None:
    assert wrong not in codes(text, language, model)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Goedemorgen! Mooi weer vandaag, hè."),
        ("en", "Thanks for asking, have a nice day."),
        ("tr", "Merhaba, teşekkürler, iyi günler."),
        ("ar", "شكرا جزيلا، يوم سعيد."),
        ("pl", "Dzień dobry, dziękuję za pytanie."),
        ("bg", "Здравейте, благодаря за въпроса."),
    ],
)
def test_greetings_and_small_talk_get_no_theme(model: SuggestionModel, language: str, text: str) -> None:
    assert codes(text, language, model) == set()


@pytest.mark.parametrize(
    ("language", "text", "themes"),
    [
        (
            "nl",
            "Schimmel in de badkamer en de energierekening is niet te betalen.",
            {"housing_quality", "energy_poverty"},
        ),
        (
            "en",
            "Broken glass and dog poo everywhere, and the swings in the playground are broken.",
            {"playgrounds", "litter"},
        ),
    ],
)
def test_a_second_theme_is_kept_next_to_a_strong_first(
    model: SuggestionModel, language: str, text: str, themes: set[str]
) -> None:
    assert themes <= codes(text, language, model)


@pytest.mark.parametrize(
    ("language", "text", "denied"),
    [
        ("nl", "Ik voel me hier helemaal niet eenzaam.", {"loneliness"}),
        ("en", "No problems with drugs or noise here.", {"drugs", "noise"}),
        ("tr", "Burada uyuşturucu sorunu yok.", {"drugs"}),
        ("pl", "Nie czuję się tu samotna.", {"loneliness"}),
        ("bg", "Нямаме проблеми с шума.", {"noise"}),
        ("ar", "لا توجد مشاكل مع المخدرات هنا.", {"drugs"}),
    ],
)
def test_a_negated_theme_is_not_suggested(model: SuggestionModel, language: str, text: str, denied: set[str]) -> None:
    assert not denied & codes(text, language, model)


@pytest.mark.parametrize(
    ("language", "text", "theme"),
    [
        ("nl", "Er is geen speeltuin meer in de buurt.", "playgrounds"),
        ("en", "There is no GP who takes new patients.", "care_access"),
    ],
)
def test_an_absence_that_is_the_complaint_is_still_suggested(
    model: SuggestionModel, language: str, text: str, theme: str
) -> None:
    assert theme in codes(text, language, model)
