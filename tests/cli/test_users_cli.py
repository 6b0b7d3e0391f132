import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from participation.accounts.passwords import verify_password
from participation.extensions import db
from participation.models import Role, StaffUser


def test_users_create_reads_the_password_from_stdin(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Analist@Example.org",
            "--role",
            "analyst",
            "--organisation",
            "Programmabureau Dordt West",
            "--password-stdin",
        ],
        input="a long password from a pipe\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(StaffUser).where(StaffUser.email == "analist@example.org"))
        assert user is not None
        assert user.role is Role.ANALYST
        assert user.organisation.name == "Programmabureau Dordt West"
        assert user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, "a long password from a pipe")


def test_users_create_refuses_a_short_password_and_saves_nothing(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@example.org",
            "--role",
            "admin",
            "--organisation",
            "X",
            "--password-stdin",
        ],
        input="short\n",
    )
    assert result.exit_code == 1
    assert "at least 12 characters" in result.output
    with app.app_context():
        assert db.session.scalar(select(StaffUser)) is None


def test_users_create_refuses_an_unknown_role(runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@example.org",
            "--role",
            "mayor",
            "--organisation",
            "X",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 2
    assert "mayor" in result.output


def test_users_create_refuses_a_second_account_for_the_same_address(runner: FlaskCliRunner) -> None:
    args = [
        "users",
        "create",
        "--email",
        "dup@example.org",
        "--role",
        "professional",
        "--organisation",
        "Welzijn",
        "--password-stdin",
    ]
    assert runner.invoke(args=args, input="a long enough password\n").exit_code == 0
    second = runner.invoke(args=args, input="a long enough password\n")
    assert second.exit_code == 1
    assert "This e-mail address has an account already." in second.output


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password123", "at least 12 characters"),
        ("password12345", "one of the most used passwords"),
        ("dordrecht2024", "the name of this site"),
        ("beheer@example.org", "built on your e-mail address"),
    ],
)
def test_users_create_refuses_a_guessable_password_and_saves_nothing(
    app: Flask, runner: FlaskCliRunner, password: str, reason: str
) -> None:
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "beheer@example.org",
            "--role",
            "admin",
            "--organisation",
            "X",
            "--password-stdin",
        ],
        input=f"{password}\n",
    )
    assert result.exit_code == 1
    assert reason in result.output
    assert "Traceback" not in result.output
    with app.app_context():
        assert db.session.scalar(select(StaffUser)) is None
