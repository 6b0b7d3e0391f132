"""Publishing: an unchanged definition publishes nothing new, an edit publishes a new version, and responses keep
the version they answered."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import select

from participation.extensions import db
from participation.models import SurveyResponse, SurveyVersion
from tests.factories import ANSWERS

DEFAULT_SURVEY = Path(__file__).resolve().parents[2] / "surveys" / "bewonersenquete.yaml"


def test_import_publishes_versions_and_responses_keep_theirs(loaded_app: Flask, tmp_path: Path) -> None:
    runner = loaded_app.test_cli_runner()
    again = runner.invoke(args=["surveys", "import", str(DEFAULT_SURVEY)])
    assert again.exit_code == 0 and "unchanged, still version 1" in again.output

    client = loaded_app.test_client()
    first = client.post("/api/v1/surveys/bewonersenquete/responses", json={"answers": ANSWERS})
    assert first.status_code == 201

    edited = tmp_path / "bewonersenquete.yaml"
    edited.write_text(
        DEFAULT_SURVEY.read_text(encoding="utf-8").replace(
            "Welk cijfer geeft u uw buurt?", "Welk rapportcijfer geeft u uw buurt?"
        ),
        encoding="utf-8",
    )
    published = runner.invoke(args=["surveys", "import", str(edited)])
    assert published.exit_code == 0 and "published as version 2" in published.output

    second = client.post("/api/v1/surveys/bewonersenquete/responses", json={"answers": ANSWERS})
    assert client.get("/api/v1/surveys/bewonersenquete").get_json()["version"] == 2
    with loaded_app.app_context():
        versions = {r.id: r.survey_version.number for r in db.session.scalars(select(SurveyResponse))}
        assert versions == {first.get_json()["id"]: 1, second.get_json()["id"]: 2}
        first_definition = db.session.scalar(select(SurveyVersion.definition).where(SurveyVersion.number == 1))
        assert "Welk cijfer geeft u uw buurt?" in str(first_definition)  # version 1 is unchanged


def test_import_of_a_broken_file_reports_lines_and_publishes_nothing(loaded_app: Flask, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "slug: kapot\nline: explore\nlanguages: [nl]\ntitle: {nl: Kapot}\npages:\n  - id: p\n", encoding="utf-8"
    )
    result = loaded_app.test_cli_runner().invoke(args=["surveys", "import", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:" in result.output
    with loaded_app.app_context():
        assert (
            db.session.scalar(select(SurveyVersion).join(SurveyVersion.survey).where(SurveyVersion.number > 1)) is None
        )
