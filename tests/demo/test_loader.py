"""The demo year: its size and realism at full scale, determinism per seed, refusals, and clearing exactly it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from participation import create_app
from participation.demo.loader import DemoOptions, DemoRefused, clear, load_demo
from participation.demo.population import population_by_buurt
from participation.demo.registry import demo_counts, demo_loaded
from participation.extensions import db
from participation.geo.app_geocoder import geocoder_for
from participation.models import (
    Answer,
    CodingStatus,
    Conversation,
    IndicatorReference,
    Organisation,
    Place,
    PlaceKind,
    ResponseChannel,
    StaffUser,
    StoredLocation,
    SurveyResponse,
    SurveyVersion,
    ThemeCoding,
)
from participation.models.base import utcnow
from tests.conftest import base_config
from tests.databases import empty_database
from tests.demo.helpers import NOW, YEAR, digest, load, table_counts


def _real_rows(app: Flask, make_staff) -> None:  # type: ignore[no-untyped-def]
    """Rows of the real installation that the demo must leave alone."""
    make_staff(organisation="Gemeente Dordrecht")
    with app.app_context():
        organisation = db.session.scalar(sa.select(Organisation))
        assert organisation is not None
        db.session.add(Place(name="Echt buurthuis", kind=PlaceKind.COMMUNITY_CENTRE, organisation_id=organisation.id))
        db.session.add(IndicatorReference(indicator="rating_neighbourhood", area_code="GM0505", year=2019, value=7.0))
        db.session.commit()


def test_full_year_is_realistic_and_clear_removes_exactly_it(loaded_app: Flask, make_staff) -> None:  # type: ignore[no-untyped-def]
    _real_rows(loaded_app, make_staff)
    with loaded_app.app_context():
        before = table_counts(db.session)

    counts = load(loaded_app, scale=1.0)

    with loaded_app.app_context():
        session = db.session
        responses = counts["survey_response"]
        assert 2700 <= responses <= 3300
        assert 700 <= counts["conversation"] <= 900
        assert session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) == 1 + 13
        languages = Counter(
            language
            for (language,) in session.execute(
                sa.select(SurveyResponse.language)
                .join(Answer, Answer.response_id == SurveyResponse.id)
                .where(Answer.question_id.in_(("good_here", "improve_first")))
            )
        )
        assert set(languages) == {"nl", "en", "tr", "ar", "pl", "bg"}
        assert languages.most_common(1)[0][0] == "nl"
        distinct = {
            language: len(
                set(
                    session.scalars(
                        sa.select(Answer.value)
                        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
                        .where(
                            Answer.question_id.in_(("good_here", "improve_first")), SurveyResponse.language == language
                        )
                    )
                )
            )
            for language in languages
        }
        assert all(count >= 40 for count in distinct.values()), distinct
        with_point = session.scalar(
            sa.select(sa.func.count())
            .select_from(SurveyResponse)
            .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
            .where(StoredLocation.latitude.is_not(None))
        )
        assert 0.25 <= with_point / responses <= 0.35
        per_buurt = dict(
            session.execute(
                sa.select(StoredLocation.buurt_code, sa.func.count())
                .join(SurveyResponse, SurveyResponse.location_id == StoredLocation.id)
                .group_by(StoredLocation.buurt_code)
            ).all()
        )
        population = population_by_buurt(session, YEAR)
        focus = sorted(geocoder_for(loaded_app).focus_codes)
        assert set(per_buurt) <= set(focus)
        correlation = np.corrcoef([population[c] for c in focus], [per_buurt.get(c, 0) for c in focus])[0, 1]
        assert correlation > 0.7
        rates = sorted(per_buurt[c] / population[c] for c in focus if population[c] > 500)
        assert rates[-1] / rates[0] >= 1.5  # skew: some buurten answer much more readily than others
        ages = Counter(session.scalars(sa.select(Answer.value).where(Answer.question_id == "age_group")))
        assert ages["age_65_plus"] > ages["age_25_44"] > ages["age_18_24"]
        channels = set(session.scalars(sa.select(SurveyResponse.channel).distinct()))
        assert {ResponseChannel.WEB, ResponseChannel.PAPER, ResponseChannel.API} <= channels
        months = Counter(moment.month for moment in session.scalars(sa.select(SurveyResponse.submitted_at)))
        assert len(months) >= 11 and max(months.values()) > 2 * min(months.values())  # campaigns' peaks
        statuses = Counter(session.scalars(sa.select(ThemeCoding.status)))
        accepted_share = statuses[CodingStatus.ACCEPTED] / sum(statuses.values())
        assert 0.6 <= accepted_share <= 0.85 and statuses[CodingStatus.PROPOSED] > 0
        lines = set(session.scalars(sa.select(Conversation.line).distinct()))
        assert len(lines) == 4
        references = session.scalars(
            sa.select(IndicatorReference.year).where(IndicatorReference.area_code == "GM0505").distinct()
        )
        assert {YEAR - 2, YEAR - 1, YEAR} <= set(references)
        assert sum(demo_counts(session).values()) == sum(counts.values())

        deleted = clear(session)
        db.session.commit()
        assert deleted == counts
        after = table_counts(session)
        assert after == before
        assert not demo_loaded(session)
        assert session.scalar(sa.select(Place.name)) == "Echt buurthuis"


def test_same_seed_makes_the_same_year_in_a_fresh_database_and_another_seed_another(
    loaded_app: Flask, tmp_path: Path
) -> None:
    load(loaded_app, seed=7)
    with loaded_app.app_context():
        first = digest(db.session)
        clear(db.session)
        db.session.commit()
    load(loaded_app, seed=8)
    with loaded_app.app_context():
        other = digest(db.session)

    second_database = empty_database(tmp_path, "demo_second")
    fresh = create_app(base_config(second_database))
    with fresh.app_context():
        upgrade()
    assert fresh.test_cli_runner().invoke(args=["content", "load"]).exit_code == 0
    load(fresh, seed=7)
    with fresh.app_context():
        again = digest(db.session)
        db.session.remove()
        db.engine.dispose()

    assert first == again
    assert first[1] != other[1]
    assert sum(first[0].values()) > 0


def test_refuses_a_second_load_and_real_responses(loaded_app: Flask) -> None:
    load(loaded_app, scale=0.02)
    with loaded_app.app_context():
        with pytest.raises(DemoRefused, match="demo clear"):
            load_demo(db.session, geocoder_for(loaded_app), DemoOptions(year=YEAR, scale=0.02), now=NOW)
        clear(db.session)
        version = db.session.scalar(sa.select(SurveyVersion))
        assert version is not None
        db.session.add(
            SurveyResponse(survey_version_id=version.id, language="nl", channel=ResponseChannel.WEB,
                           submission_key="real-1", receipt_code_hash="real-1", submitted_at=utcnow())
        )  # fmt: skip
        db.session.commit()
        with pytest.raises(DemoRefused, match="responses"):
            load_demo(db.session, geocoder_for(loaded_app), DemoOptions(year=YEAR, scale=0.02), now=NOW)


def test_refuses_without_published_surveys_and_a_year_not_begun(app: Flask) -> None:
    with app.app_context(), pytest.raises(DemoRefused, match="content load"):
        load_demo(db.session, geocoder_for(app), DemoOptions(year=YEAR), now=NOW)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["content", "load"]).exit_code == 0
    with app.app_context(), pytest.raises(DemoRefused, match="not begun"):
        load_demo(db.session, geocoder_for(app), DemoOptions(year=YEAR + 1), now=NOW)
