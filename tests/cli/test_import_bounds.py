"""Every import command answers an oversized, a cut-off and a hostile file with one line that names the file, a
non-zero exit and no traceback; it changes nothing in the database or the geodata directory, and takes little
time and memory (issue 10: under 10 s and 500 MB)."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from flask import Flask

from tests.imports.budget import (
    MB,
    alias_bomb,
    cut_off,
    database_state,
    directory_state,
    huge_xlsform,
    sparse_file,
    within_budget,
    within_memory,
)
from tests.indicators.test_indicators import CBS_HEADER
from tests.paths import BUURTEN_2024, PROJECT_ROOT

DEFAULT_SURVEY = PROJECT_ROOT / "surveys" / "bewonersenquete.yaml"
POPULATION_ROW = "1;X;Dordrecht;Buurt;BU05050300;400;200;200;50;60;70;80;90"


def garbage(path: Path) -> Path:
    """Binary noise, the same in every run."""
    path.write_bytes(random.Random(10).randbytes(64 * 1024))  # noqa: S311 - noise, not a secret
    return path


def assert_refused(result: Result, file: Path, *, text: str = "") -> str:
    """One line naming the file (and ``text``), a non-zero exit, and no traceback."""
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not an unexpected error
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert str(file) in lines[0] and text in lines[0], lines[0]
    return lines[0]


def run_refused(
    app: Flask, args: list[str], file: Path, *, text: str = "", geodata: Path | None = None, given: bool = True
) -> str:
    """Run an import command that must refuse ``file`` (given as its last argument, unless it reads it from its
    settings), within budget in time and memory, and check nothing changed."""
    before = database_state(app), directory_state(geodata) if geodata else {}
    arguments = [*args, str(file)] if given else args
    with within_budget():
        result = app.test_cli_runner().invoke(args=arguments)
    line = assert_refused(result, file, text=text)
    with within_memory():
        again = app.test_cli_runner().invoke(args=arguments)
    assert again.output == result.output
    assert (database_state(app), directory_state(geodata) if geodata else {}) == before
    return line


# Population figures and reference values


@pytest.fixture
def with_population(app: Flask, tmp_path: Path) -> Flask:
    """An app that holds figures already, which a refused import must leave as they are."""
    good = tmp_path / "good.csv"
    good.write_text(f"{CBS_HEADER}\n{POPULATION_ROW}\n", encoding="utf-8")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["indicators", "import-population", str(good), "--year", "2025"]).exit_code == 0
    reference = tmp_path / "reference.csv"
    reference.write_text("indicator,year,value\nrating_neighbourhood,2025,7.3\n", encoding="utf-8")
    assert runner.invoke(args=["indicators", "import-reference", str(reference)]).exit_code == 0
    return app


POPULATION = ["indicators", "import-population", "--year", "2025"]
REFERENCE = ["indicators", "import-reference"]


def test_a_real_60_mb_population_csv_is_refused_unread(with_population: Flask, tmp_path: Path) -> None:
    big = tmp_path / "kerncijfers.csv"
    with big.open("w", encoding="utf-8") as stream:
        stream.write(CBS_HEADER + "\n")
        row = POPULATION_ROW + "\n"
        stream.write(row * (60 * MB // len(row) + 1))
    assert big.stat().st_size > 60 * MB
    run_refused(with_population, POPULATION, big, text="more than 50 MB")


@pytest.mark.parametrize(
    ("rows", "text"),
    [
        ([POPULATION_ROW, "2;X;Dordrecht;Buurt;BU05050301;400;2"], "row 3: This row has 7 fields where the header"),
        ([POPULATION_ROW.replace(";90", ";NaN")], "row 2, BU05050300: 'NaN' is not a whole number"),
        ([POPULATION_ROW.replace(";90", ";inf")], "'inf' is not a whole number"),
        ([POPULATION_ROW.replace(";90", ";²")], "'²' is not a whole number"),
        ([POPULATION_ROW.replace(";90", ";99999999999")], "is not a whole number from 0 to 10000000"),
        ([POPULATION_ROW, POPULATION_ROW], "row 3, BU05050300: the buurt is also on row 2"),
    ],
)
def test_population_refuses_cut_off_and_impossible_figures(
    with_population: Flask, tmp_path: Path, rows: list[str], text: str
) -> None:
    path = tmp_path / "kerncijfers.csv"
    path.write_text("\n".join([CBS_HEADER, *rows]), encoding="utf-8")
    run_refused(with_population, POPULATION, path, text=text)


def test_population_refuses_an_oversized_garbage_or_empty_file(make_app: Callable[..., Flask], tmp_path: Path) -> None:
    app = make_app(IMPORT_MAX_MB=1)
    run_refused(app, POPULATION, sparse_file(tmp_path / "big.csv", 2 * MB), text="more than 1 MB")
    run_refused(app, POPULATION, garbage(tmp_path / "noise.csv"), text="not UTF-8")
    (tmp_path / "empty.csv").write_bytes(b"")
    run_refused(app, POPULATION, tmp_path / "empty.csv", text="The file is empty")
    (tmp_path / "nul.csv").write_bytes(f"{CBS_HEADER}\n".encode() + b"1;\x00;2\n")
    run_refused(app, POPULATION, tmp_path / "nul.csv", text="row 2: The file holds binary data")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("indicator,year,value\nrating_neighbourhood,2025,7.3\nsafe_day,20", "row 3: This row has 2 fields"),
        ("indicator,year,value\nrating_neighbourhood,2025,nan\n", "row 2: 'nan' is not a number that can be stored"),
        ("indicator,year,value\nrating_neighbourhood,2025,-Infinity\n", "'-Infinity' is not a number"),
        ("indicator,year,value\nrating_neighbourhood,2025,1e999\n", "'1e999' is not a number"),
        ("indicator,year,value\n" + "x" * 100 + ",2025,7\n", "is not a key like rating_neighbourhood"),
        ("indicator,year,value\nsafe_day,2025,7\nsafe_day,2025,8\n", "row 3: safe_day GM0505 2025 is also on row 2"),
    ],
)
def test_reference_values_refuse_cut_off_and_non_finite_values(
    with_population: Flask, tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "dordrecht.csv"
    path.write_text(text, encoding="utf-8")
    run_refused(with_population, REFERENCE, path, text=problem)


def test_reference_values_refuse_an_oversized_or_garbage_file(make_app: Callable[..., Flask], tmp_path: Path) -> None:
    app = make_app(IMPORT_MAX_MB=1)
    run_refused(app, REFERENCE, sparse_file(tmp_path / "big.csv", 2 * MB), text="more than 1 MB")
    run_refused(app, REFERENCE, garbage(tmp_path / "noise.csv"), text="not UTF-8")


def test_a_special_file_is_refused_as_not_regular(app: Flask) -> None:
    # /dev/zero says it is empty and never ends: only the check of the file's kind stops it.
    run_refused(app, REFERENCE, Path("/dev/zero"), text="not a regular file")


# Geodata


@pytest.fixture
def geodata(tmp_path: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(PROJECT_ROOT / "geodata" / "boundaries", target / "boundaries")
    return target


@pytest.mark.parametrize("kind", ["boundaries", "streets"])
def test_vector_imports_refuse_oversized_cut_off_and_garbage_files(
    make_app: Callable[..., Flask], geodata: Path, tmp_path: Path, kind: str
) -> None:
    app = make_app(GEODATA_DIR=str(geodata), GEODATA_MAX_MB=1)
    args = ["geo", "import", kind]
    run_refused(app, args, sparse_file(tmp_path / "big.geojson", 2 * MB), text="more than 1 MB", geodata=geodata)
    cut = cut_off(BUURTEN_2024, tmp_path / "cut.geojson")
    run_refused(app, args, cut, text="cannot read as a vector file", geodata=geodata)
    run_refused(app, args, garbage(tmp_path / "noise.gpkg"), text="cannot read as a vector file", geodata=geodata)


def test_a_shapefile_counts_with_the_files_beside_it(
    make_app: Callable[..., Flask], geodata: Path, tmp_path: Path
) -> None:
    app = make_app(GEODATA_DIR=str(geodata), GEODATA_MAX_MB=1)
    shapefile = sparse_file(tmp_path / "buurten.shp", MB // 2)
    sparse_file(tmp_path / "buurten.dbf", MB)  # the attributes: together more than the limit
    run_refused(app, ["geo", "import", "boundaries"], shapefile, text="more than 1 MB", geodata=geodata)


ADDRESS_HEADER = "postcode,huisnummer,straatnaam,lat,lon"


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (["3311AB,10,Voorstraat,51.81,4.66", "3311AB,1"], "row 3: This row has 2 fields where the header has 5"),
        (["3311AB,10,Voorstraat,nan,4.66"], "row 2: 'nan' is not a number that can be stored"),
        (["3311AB,²,Voorstraat,51.81,4.66"], "row 2: house number '²' is not a whole number"),
    ],
)
def test_addresses_refuse_cut_off_and_hostile_rows(
    make_app: Callable[..., Flask], geodata: Path, tmp_path: Path, rows: list[str], problem: str
) -> None:
    app = make_app(GEODATA_DIR=str(geodata))
    path = tmp_path / "adressen.csv"
    path.write_text("\n".join([ADDRESS_HEADER, *rows]), encoding="utf-8")
    run_refused(app, ["geo", "import", "addresses"], path, text=problem, geodata=geodata)


def test_addresses_refuse_an_oversized_or_garbage_file(
    make_app: Callable[..., Flask], geodata: Path, tmp_path: Path
) -> None:
    app = make_app(GEODATA_DIR=str(geodata), IMPORT_MAX_MB=1)
    args = ["geo", "import", "addresses"]
    run_refused(app, args, sparse_file(tmp_path / "big.csv", 2 * MB), text="more than 1 MB", geodata=geodata)
    run_refused(app, args, garbage(tmp_path / "noise.csv"), text="not UTF-8", geodata=geodata)


# Survey definitions


IMPORT_SURVEY = ["surveys", "import"]


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("bomb.yaml", alias_bomb(), ":6: The YAML document holds more than 200000 values"),
        ("deep.yaml", "[" * 100_000, ":1: The YAML document is nested more than 64 levels deep"),
        ("loop.yaml", "slug: &s [1, *s]\n", ":1: An alias refers to the value it is part of"),
        ("bomb.json", '{"slug": "x", "pages": ' + "[" * 5000 + "]" * 5000 + "}", "nested more than 64 levels"),
        ("nul.yaml", "slug: a\n\n\x00", ":3: The file holds the control character #x0000"),
    ],
)
def test_hostile_yaml_is_refused_quickly(loaded_app: Flask, tmp_path: Path, name: str, text: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run_refused(loaded_app, IMPORT_SURVEY, path, text=problem)


def test_oversized_cut_off_and_garbage_definitions_are_refused(loaded_app: Flask, tmp_path: Path) -> None:
    run_refused(loaded_app, IMPORT_SURVEY, sparse_file(tmp_path / "big.yaml", 3 * MB), text="more than 2 MB")
    run_refused(loaded_app, IMPORT_SURVEY, sparse_file(tmp_path / "big.xlsx", 3 * MB), text="more than 2 MB")
    run_refused(loaded_app, IMPORT_SURVEY, garbage(tmp_path / "noise.yaml"), text="not UTF-8 text")
    run_refused(loaded_app, IMPORT_SURVEY, garbage(tmp_path / "noise.xlsx"), text="not a readable .xlsx workbook")
    # Cut off in the middle, the default survey loses its later pages' texts; every problem is on a line of its own.
    # (Where the cut falls matters: a cut that happens to end after a whole text leaves a shorter, valid survey.)
    cut = cut_off(DEFAULT_SURVEY, tmp_path / "cut.yaml", 0.4)
    before = database_state(loaded_app)
    result = loaded_app.test_cli_runner().invoke(args=[*IMPORT_SURVEY, str(cut)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert all(line.startswith(f"{cut}:") for line in result.output.strip().splitlines()), result.output
    assert database_state(loaded_app) == before


def test_a_cut_off_workbook_is_refused(loaded_app: Flask, tmp_path: Path) -> None:
    whole = huge_xlsform(tmp_path / "form.xlsx", 20)
    cut = cut_off(whole, tmp_path / "cut.xlsx")
    run_refused(loaded_app, IMPORT_SURVEY, cut, text="not a readable .xlsx workbook")


@pytest.fixture(scope="module")
def xlsform_300k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return huge_xlsform(tmp_path_factory.mktemp("xlsform") / "huge.xlsx", 300_000)


def test_an_xlsform_of_300000_questions_is_refused_within_seconds(
    make_app: Callable[..., Flask], xlsform_300k: Path
) -> None:
    # Under the default limit the file is refused by its size alone; with room for it, reading stops at the
    # sheet's row limit instead of going through all 300,000 rows.
    assert xlsform_300k.stat().st_size > 2 * MB
    run_refused(make_app(), IMPORT_SURVEY, xlsform_300k, text="more than 2 MB")
    roomy = make_app(DEFINITION_MAX_MB=64)
    run_refused(roomy, IMPORT_SURVEY, xlsform_300k, text=":10001: (survey sheet) The survey sheet has more than 10000")
    validate = roomy.test_cli_runner().invoke(args=["surveys", "validate", str(xlsform_300k)])
    assert validate.exit_code == 1 and "more than 10000 rows" in validate.output


# flask content load: all or nothing


def second_survey(directory: Path) -> Path:
    path = directory / "tweede.yaml"
    path.write_text(DEFAULT_SURVEY.read_text(encoding="utf-8").replace("slug: bewonersenquete", "slug: tweede"))
    return path


def test_content_load_with_one_broken_survey_publishes_none(make_app: Callable[..., Flask], tmp_path: Path) -> None:
    surveys = tmp_path / "surveys"
    surveys.mkdir()
    shutil.copy(DEFAULT_SURVEY, surveys)
    second_survey(surveys)
    broken = surveys / "kapot.yaml"
    broken.write_text("slug: kapot\nline: explore\nlanguages: [nl]\ntitle: {nl: Kapot}\npages:\n  - id: p\n")
    app = make_app(SURVEYS_DIR=str(surveys))
    line = run_refused(app, ["content", "load"], broken, text=f"{broken}:6: ", given=False)
    assert "nothing was loaded" in line
    with app.app_context():
        assert database_state(app)["survey"] == [] and database_state(app)["buurt"] == []

    broken.unlink()
    result = app.test_cli_runner().invoke(args=["content", "load"])
    assert result.exit_code == 0, result.output
    assert "Survey bewonersenquete: published" in result.output and "Survey tweede: published" in result.output


def test_content_load_refuses_an_alias_bomb_among_the_surveys(make_app: Callable[..., Flask], tmp_path: Path) -> None:
    surveys = tmp_path / "surveys"
    surveys.mkdir()
    second_survey(surveys)
    (surveys / "bomb.yaml").write_text(alias_bomb(), encoding="utf-8")
    app = make_app(SURVEYS_DIR=str(surveys))
    run_refused(app, ["content", "load"], surveys / "bomb.yaml", text="200000 values", given=False)


def test_content_load_refuses_a_hostile_codebook(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    codebook = tmp_path / "codebook.yaml"
    codebook.write_text(alias_bomb(), encoding="utf-8")
    monkeypatch.setattr("participation.cli.content.CODEBOOK_FILE", codebook)
    text = "line 6: The YAML document holds more than 200000 values"
    run_refused(app, ["content", "load"], codebook, text=text, given=False)
    sparse_file(codebook, 3 * MB)
    run_refused(app, ["content", "load"], codebook, text="more than 2 MB", given=False)
