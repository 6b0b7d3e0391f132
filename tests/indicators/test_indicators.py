"""Indicator means with intervals, weighting to the population, response rates, reach per line, and the imports
they depend on, on responses submitted through the API."""

from __future__ import annotations

import math
import statistics
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from scipy.stats import t as student_t

from participation.extensions import db
from participation.indicators.means import AreaLevel, indicator_means
from participation.indicators.population import PopulationImportError, read_population_csv, store_population
from participation.indicators.reach import reach_per_line
from participation.indicators.references import ReferenceImportError, read_reference_csv
from participation.indicators.weighting import response_rates, weighted_means
from tests.factories import ANSWERS

OUD_KRISPIJN = "BU05050300"  # wijk 03, in the focus area
BINNENSTAD = "BU05050100"  # wijk 01, outside it
CBS_HEADER = (
    "ID;WijkenEnBuurten;Gemeentenaam_1;SoortRegio_2;Codering_3;AantalInwoners_5;Mannen_6;Vrouwen_7;"
    "k_0Tot15Jaar_8;k_15Tot25Jaar_9;k_25Tot45Jaar_10;k_45Tot65Jaar_11;k_65JaarOfOuder_12"
)


def submit(app: Flask, buurt: str, rating: int, age: str) -> None:
    answers: dict[str, Any] = {**ANSWERS, "rating_neighbourhood": rating, "age_group": age}
    response = app.test_client().post(
        "/api/v1/surveys/bewonersenquete/responses", json={"answers": answers, "location": {"buurt": buurt}}
    )
    assert response.status_code == 201, response.get_json()


def population_file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "kerncijfers.csv"
    path.write_text("\n".join([CBS_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_means_per_area_and_year_with_a_t_interval(loaded_app: Flask) -> None:
    ratings = [6, 7, 8, 9]
    for rating in ratings:
        submit(loaded_app, OUD_KRISPIJN, rating, "age_25_44")
    submit(loaded_app, BINNENSTAD, 3, "age_65_plus")
    with loaded_app.app_context():
        means = {(m.indicator, m.area_code): m for m in indicator_means(db.session, AreaLevel.WIJK)}
        focus = {(m.indicator, m.area_code): m for m in indicator_means(db.session, AreaLevel.FOCUS_AREA)}
    wijk = means[("rating_neighbourhood", "WK050503")]
    assert wijk.n == 4 and wijk.mean == pytest.approx(7.5)
    margin = student_t.ppf(0.975, 3) * statistics.stdev(ratings) / math.sqrt(4)  # 3.182 * 1.291 / 2
    assert (wijk.low, wijk.high) == (pytest.approx(7.5 - margin), pytest.approx(7.5 + margin))
    assert means[("rating_neighbourhood", "WK050501")].low is None  # one answer has no interval
    assert focus[("rating_neighbourhood", "focus_area")].mean == pytest.approx(7.5)
    assert focus[("rating_neighbourhood", "rest")].mean == pytest.approx(3.0)
    # Agreement scales feed indicators too: safe_day is 4 in every answer.
    assert means[("safe_day", "WK050503")].mean == pytest.approx(4.0)


def test_weighted_means_count_each_age_band_by_its_share_of_residents(loaded_app: Flask, tmp_path: Path) -> None:
    # Three young respondents rate 4, one older respondent rates 10; the buurt has as many of each age.
    for _ in range(3):
        submit(loaded_app, OUD_KRISPIJN, 4, "age_25_44")
    submit(loaded_app, OUD_KRISPIJN, 10, "age_65_plus")
    path = population_file(tmp_path, [f"1;Oud Krispijn;Dordrecht;Buurt;{OUD_KRISPIJN};400;200;200;0;0;200;0;200"])
    with loaded_app.app_context():
        store_population(db.session, 2026, read_population_csv(path, 2026))
        db.session.commit()
        weighted = {(w.indicator, w.area_code): w for w in weighted_means(db.session, AreaLevel.BUURT)}
        rates = {(r.area_code, r.band): r for r in response_rates(db.session, AreaLevel.BUURT)}
    rating = weighted[("rating_neighbourhood", OUD_KRISPIJN)]
    assert rating.mean == pytest.approx((200 * 4 + 200 * 10) / 400)  # 7.0, where the plain mean is 5.5
    assert rating.bands_used == ("25_44", "65_plus")
    assert rates[(OUD_KRISPIJN, "all")].responses == 4 and rates[(OUD_KRISPIJN, "all")].residents == 400
    assert rates[(OUD_KRISPIJN, "25_44")].rate == pytest.approx(3 / 200)


def test_population_import_names_the_problem(tmp_path: Path) -> None:
    broken = population_file(tmp_path, [f"1;X;Dordrecht;Buurt;{OUD_KRISPIJN};10;5;5;1;2;3;x;4"])
    with pytest.raises(PopulationImportError, match="row 2"):
        read_population_csv(broken, 2026)
    missing = tmp_path / "missing.csv"
    missing.write_text("Codering_3;Mannen_6\nBU05050300;4\n", encoding="utf-8")
    with pytest.raises(PopulationImportError, match="k_15tot25jaar"):
        read_population_csv(missing, 2026)
    secret = population_file(tmp_path, [f"1;X;Dordrecht;Buurt;{OUD_KRISPIJN};10;.;.;1;2;3;4;."])
    bands = {(row.age_band, row.sex) for row in read_population_csv(secret, 2026)}
    assert ("65_plus", "all") not in bands and ("15_24", "all") in bands  # "." is secret, not zero


def test_reference_values_import_all_or_nothing(tmp_path: Path) -> None:
    good = tmp_path / "dordrecht.csv"
    good.write_text("indicator,year,value,source\nrating_neighbourhood,2025,7.4,Omnibus\n", encoding="utf-8")
    values = read_reference_csv(good, "GM0505")
    assert values[0].area_code == "GM0505" and values[0].value == 7.4
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,year,value\nrating_neighbourhood,2025,7.4\nsafe_day,later,3\n", encoding="utf-8")
    with pytest.raises(ReferenceImportError, match="row 3"):
        read_reference_csv(bad, "GM0505")


def test_reach_per_line_counts_responses(loaded_app: Flask) -> None:
    submit(loaded_app, OUD_KRISPIJN, 7, "age_25_44")
    submit(loaded_app, OUD_KRISPIJN, 8, "age_25_44")
    with loaded_app.app_context():
        reach = reach_per_line(db.session)
    assert [(r.wijk_code, r.line, r.source, r.residents) for r in reach] == [("WK050503", "explore", "survey", 2)]
