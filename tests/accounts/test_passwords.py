"""The strength rule for new passwords: zxcvbn's estimate with the account's own words, refusals in our words."""

import secrets

import pytest

from participation.accounts.errors import MESSAGES, AccountError
from participation.accounts.operations import check_password_strength
from participation.accounts.passwords import PLATFORM_WORDS, personal_words, site_words, weakness
from participation.domain.coded_errors import CodedError

DEPLOYMENT = {
    "FOCUS_AREA_NAME": "Dordt West",
    "ORGANISATION_NAME": "Alliantie Dordt West",
    "CONTACT_EMAIL": "programmabureau@dordtwest.example",
    "PUBLIC_BASE_URL": "https://meedoen.dordtwest.example",
}
EMAIL = "j.de.vries@welzijn-dordrecht.example"


def refusal(password: str) -> AccountError:
    with pytest.raises(AccountError) as caught:
        check_password_strength(
            password, email=EMAIL, organisation="Welzijn Dordrecht", site_words=site_words(DEPLOYMENT)
        )
    return caught.value


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("password123", "password_short"),
        ("password12345", "password_common"),
        ("dordrecht2024", "password_personal"),
        (EMAIL, "password_personal"),
        ("Alliantie Dordt West", "password_personal"),
        ("qwertyuiopasdf", "password_common"),
        ("zxcvbnm,./asdfg", "password_keyboard"),
        ("aaaaaaaaaaaaaaaa", "password_repeated"),
        ("abcdefghijklmnop", "password_sequence"),
        ("Rotterdam2023!", "password_word"),
    ],
)
def test_guessable_passwords_are_refused_with_the_reason(password: str, code: str) -> None:
    error = refusal(password)
    assert error.code == code
    assert error.field == "password"


def test_password123_is_refused_also_when_it_is_long_enough() -> None:
    assert weakness("password123") == "password_short"
    assert weakness("password123456") == "password_common"


def test_dordrecht2024_is_refused_even_without_the_site_words() -> None:
    assert weakness("dordrecht2024") is not None


def test_the_e_mail_address_itself_is_refused_in_any_case() -> None:
    assert refusal(EMAIL.upper()).code == "password_personal"


def test_a_long_random_passphrase_is_accepted() -> None:
    words = ["kraanvogel", "lantaarn", "schuifdeur", "komkommer", "wervelwind", "plafond", "zeebries", "trompet"]
    passphrase = " ".join(secrets.SystemRandom().sample(words, 5))
    check_password_strength(passphrase, email=EMAIL, organisation="Welzijn Dordrecht", site_words=PLATFORM_WORDS)
    check_password_strength(secrets.token_urlsafe(24), email=EMAIL, organisation="Welzijn Dordrecht")


def test_a_password_longer_than_zxcvbn_takes_is_scored_on_its_start() -> None:
    assert weakness("kraanvogel lantaarn schuifdeur " * 5) is None
    assert weakness("a" * 200) == "password_repeated"


def test_the_refusal_is_a_coded_error_in_our_own_words() -> None:
    error = refusal("password12345")
    assert isinstance(error, CodedError)
    assert error.message == str(MESSAGES["password_common"])
    assert "most used passwords" in error.message
    assert "This is a very common password." not in error.message  # zxcvbn's own English


def test_a_short_password_names_the_minimum_length() -> None:
    assert refusal("short").message == "Use at least 12 characters."


def test_personal_words_cut_addresses_and_names_into_words() -> None:
    words = personal_words("J.de.Vries@Welzijn-Dordrecht.example", "")
    assert "j.de.vries@welzijn-dordrecht.example" in words
    assert {"vries", "welzijn", "dordrecht"} <= set(words)
    assert "de" not in words  # two letters make nothing easier to guess
    assert {"dordt", "west", "alliantie", "meedoen", "dordrecht"} <= set(site_words(DEPLOYMENT))
