"""``flask geo``: the locate contract (one JSON object per line) and the import commands."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from tests.paths import BUURTEN_2024, PROJECT_ROOT

CONTRACT_KEYS = ["inside", "wijk", "buurt", "block", "street", "focus_area"]
OUTSIDE = {"inside": False, "wijk": None, "buurt": None, "block": None, "street": None, "focus_area": False}


def test_locate_one_point(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["geo", "locate", "51.81", "4.66"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert list(data) == CONTRACT_KEYS
    assert data == {
        "inside": True,
        "wijk": {"code": "WK050501", "name": "Wijk 01 Binnenstad"},
        "buurt": {"code": "BU05050111", "name": "Rozenhof en omgeving"},
        "block": {"id": "E104800N424800"},
        "street": None,
        "focus_area": False,
    }


def test_locate_in_the_focus_area_and_outside(runner: FlaskCliRunner) -> None:
    # The inside point of Oud Krispijn's first buurt (BU05050300) from the CBS inside-point CSV.
    inside = json.loads(runner.invoke(args=["geo", "locate", "51.8042", "4.6620"]).output)
    assert inside["focus_area"] is True and inside["wijk"]["code"] == "WK050503"
    rotterdam = runner.invoke(args=["geo", "locate", "51.9225", "4.4792"])
    assert json.loads(rotterdam.output) == OUTSIDE
    southern = runner.invoke(args=["geo", "locate", "-33.92", "18.42"])
    assert southern.exit_code == 0 and json.loads(southern.output) == OUTSIDE


def test_locate_stdin_answers_every_line_in_order(runner: FlaskCliRunner) -> None:
    stdin = "51.81 4.66\nnot a point\n51.9225 4.4792\n\n51.81\t4.66\n91 4\n51.81 4.66 7\n"
    result = runner.invoke(args=["geo", "locate", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert len(answers) == 7
    assert answers[0]["buurt"]["code"] == "BU05050111"
    assert answers[2] == OUTSIDE
    assert answers[4] == answers[0]
    for number in (2, 4, 6, 7):
        assert set(answers[number - 1]) >= {"error"}, answers[number - 1]
        assert f"line {number}" in answers[number - 1]["error"]


@pytest.mark.parametrize("args", [["51.81"], ["51.81", "abc"], ["95", "4.66"], ["1", "2", "3"]])
def test_locate_bad_arguments_are_usage_errors(runner: FlaskCliRunner, args: list[str]) -> None:
    result = runner.invoke(args=["geo", "locate", *args])
    assert result.exit_code == 2
    assert "Error" in result.output


def test_locate_uses_the_focus_area_setting(make_app: Callable[..., Flask]) -> None:
    zuidhoven = ["51.7938", "4.6733"]  # inside point of BU05050802 Zuidhoven: only in the "ruim" variant
    kern = make_app().test_cli_runner().invoke(args=["geo", "locate", *zuidhoven])
    ruim = make_app(FOCUS_AREA="ruim").test_cli_runner().invoke(args=["geo", "locate", *zuidhoven])
    assert json.loads(kern.output)["buurt"]["code"] == "BU05050802"
    assert json.loads(kern.output)["focus_area"] is False
    assert json.loads(ruim.output)["focus_area"] is True


def test_bad_focus_area_is_a_clear_error(make_app: Callable[..., Flask]) -> None:
    result = make_app(FOCUS_AREA="BU99999999").test_cli_runner().invoke(args=["geo", "locate", "51.81", "4.66"])
    assert result.exit_code == 1
    assert "BU99999999" in result.output


@pytest.fixture
def geodata_app(make_app: Callable[..., Flask], tmp_path: Path) -> Flask:
    """An app whose geodata directory is an empty temporary one."""
    return make_app(GEODATA_DIR=str(tmp_path / "geodata"))


def test_import_boundaries_then_registers(geodata_app: Flask, tmp_path: Path) -> None:
    runner = geodata_app.test_cli_runner()
    missing = runner.invoke(args=["geo", "locate", "51.81", "4.66"])
    assert missing.exit_code == 1 and "flask geo import boundaries" in missing.output

    source = BUURTEN_2024
    result = runner.invoke(args=["geo", "import", "boundaries", str(source)])
    assert result.exit_code == 0, result.output
    assert "Boundaries 2024 of GM0505: 132 buurten, 13 wijken" in result.output
    manifest = json.loads((tmp_path / "geodata" / "boundaries" / "2024" / "manifest.json").read_text())
    assert manifest["attribution"] == "Kadaster / Centraal Bureau voor de Statistiek, 2024"

    streets = tmp_path / "streets.geojson"
    streets.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Voorstraat"},
                        "geometry": {"type": "LineString", "coordinates": [[4.6595, 51.8099], [4.6625, 51.8099]]},
                    }
                ],
            }
        )
    )
    result = runner.invoke(args=["geo", "import", "streets", str(streets)])
    assert result.exit_code == 0, result.output
    assert "Streets: 1 streets in 1 lines" in result.output
    located = json.loads(runner.invoke(args=["geo", "locate", "51.81", "4.66"]).output)
    assert located["street"] == {"name": "Voorstraat"}  # the import refreshed the cached geocoder

    addresses = tmp_path / "adressen.csv"
    addresses.write_text("postcode,huisnummer,toevoeging,straatnaam,lat,lon\n3311AB,10,,Voorstraat,51.81,4.66\n")
    result = runner.invoke(args=["geo", "import", "addresses", str(addresses)])
    assert result.exit_code == 0, result.output
    assert "Addresses: 1 written" in result.output


def test_import_errors_name_the_file_and_change_nothing(geodata_app: Flask, tmp_path: Path) -> None:
    runner = geodata_app.test_cli_runner()
    shutil.copytree(PROJECT_ROOT / "geodata", tmp_path / "geodata")
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "geodata").rglob("*"))
    broken = tmp_path / "adressen.csv"
    broken.write_text("postcode,huisnummer,straatnaam,x,y\n3311AB,10,Voorstraat,abc,424850\n")
    result = runner.invoke(args=["geo", "import", "addresses", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}: row 2: coordinates" in result.output
    result = runner.invoke(args=["geo", "import", "boundaries", str(broken)])
    assert result.exit_code == 1 and str(broken) in result.output
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "geodata").rglob("*")) == before
