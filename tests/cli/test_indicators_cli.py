from pathlib import Path

from flask import Flask
from sqlalchemy import func, select, update

from participation.extensions import db
from participation.models import Answer, IndicatorReference, PopulationCount
from tests.factories import ANSWERS
from tests.indicators.test_indicators import CBS_HEADER


def test_population_and_reference_imports(loaded_app: Flask, tmp_path: Path) -> None:
    runner = loaded_app.test_cli_runner()
    population = tmp_path / "kerncijfers.csv"
    population.write_text(
        f"{CBS_HEADER}\n1;X;Dordrecht;Buurt;BU05050300;400;200;200;50;60;70;80;90\n", encoding="utf-8"
    )
    result = runner.invoke(args=["indicators", "import-population", str(population), "--year", "2025"])
    assert result.exit_code == 0 and "1 buurten, 7 figures" in result.output
    again = runner.invoke(args=["indicators", "import-population", str(population), "--year", "2025"])
    assert again.exit_code == 0
    reference = tmp_path / "dordrecht.csv"
    reference.write_text("indicator,year,value\nrating_neighbourhood,2025,7.3\n", encoding="utf-8")
    assert runner.invoke(args=["indicators", "import-reference", str(reference)]).exit_code == 0
    broken = tmp_path / "broken.csv"
    broken.write_text("indicator,value\nx,1\n", encoding="utf-8")
    refused = runner.invoke(args=["indicators", "import-reference", str(broken)])
    assert refused.exit_code == 1 and "missing columns: year" in refused.output
    with loaded_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PopulationCount)) == 7  # replaced, not doubled
        reference_row = db.session.scalar(select(IndicatorReference))
        assert reference_row is not None and reference_row.area_code == "GM0505" and reference_row.value == 7.3


def test_rescore_fills_missing_scores(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    assert client.post("/api/v1/surveys/bewonersenquete/responses", json={"answers": ANSWERS}).status_code == 201
    with loaded_app.app_context():
        db.session.execute(update(Answer).values(score=None))
        db.session.commit()
    result = loaded_app.test_cli_runner().invoke(args=["indicators", "rescore"])
    assert result.exit_code == 0, result.output
    with loaded_app.app_context():
        scores = dict(db.session.execute(select(Answer.question_id, Answer.score)).all())
    assert scores["rating_neighbourhood"] == 8 and scores["wants_involved"] == 0 and scores["good_here"] is None
    assert scores["health"] == 4  # "good" is the second of five ranked choices
