"""The other background jobs: emerging themes, report PDFs, tallies and the privacy purge, each run from the queue
as the consumer runs it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation.extensions import db, tasks
from participation.models import AuditEvent, EmergingThemeRun, PreparedReport, ResponseTally, Role
from participation.models.base import utcnow
from participation.models.surveys import ResponseDraft, SurveyVersion
from participation.tasks.jobs import JOBS
from participation.tasks.names import EMERGING_THEMES, PRIVACY_PURGE, REBUILD_TALLIES
from participation.themes.emerging import KEPT_RUNS, last_emerging_themes
from tests.factories import ANSWERS, StaffAccount
from tests.printing.pdf_text import pdf_text
from tests.reports.data import CONSENTED, NOT_CONSENTED, fill
from tests.tasks import queued, run_queued


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def test_periodic_jobs_have_a_schedule_and_the_per_text_jobs_none() -> None:
    schedules = {job.name: job.schedule is not None for job in JOBS}
    assert schedules == {
        "suggest_for_response": False,
        "suggest_for_subject": False,
        "suggest_uncoded": True,
        "emerging_themes": True,
        "prepare_report": False,
        "rebuild_tallies": True,
        "privacy_purge": True,
    }


def test_each_emerging_run_is_kept_with_its_time_and_old_runs_are_dropped(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    for text in ("De pont naar Zwijndrecht vaart te weinig.", "Pont Zwijndrecht vaart niet meer na acht uur."):
        client.post("/api/v1/surveys/bewonersenquete/responses", json={"answers": {**ANSWERS, "good_here": text}})
    before = utcnow()
    with loaded_app.app_context():
        for _ in range(KEPT_RUNS + 3):
            tasks.enqueue(EMERGING_THEMES)
    run_queued(loaded_app)
    assert count(loaded_app, EmergingThemeRun) == KEPT_RUNS + 1
    with loaded_app.app_context():
        last = last_emerging_themes(db.session)
        assert last is not None and last.finished_at >= before and last.seconds >= 0
        assert last.unfitting >= 2
        assert any("pont" in candidate.top_words for candidate in last.candidates)


def test_the_report_pdf_is_prepared_in_the_background_then_offered_and_audited(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    year = fill(loaded_app).year
    analyst = signed_in(Role.ANALYST)
    page = client.get(f"/bureau/report/{year}?language=en").get_data(as_text=True)
    assert 'data-pdf-state="none"' in page and "prepared-pdf-link" not in page
    assert client.get(f"/bureau/report/{year}/prepared.pdf?language=en").status_code == 404

    asked = client.post(f"/bureau/report/{year}/prepare", data={"language": "en"})
    assert asked.status_code == 302
    assert 'data-pdf-state="preparing"' in client.get(f"/bureau/report/{year}?language=en").get_data(as_text=True)
    assert "prepare_report" in run_queued(loaded_app)

    page = client.get(f"/bureau/report/{year}?language=en").get_data(as_text=True)
    assert 'data-pdf-state="ready"' in page and 'id="prepared-pdf-link"' in page
    download = client.get(f"/bureau/report/{year}/prepared.pdf?language=en")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Cache-Control"] == "no-store"
    assert f"verantwoording-{year}-en.pdf" in download.headers["Content-Disposition"]
    text = pdf_text(download.data)
    assert "Reach per participation line" in text and CONSENTED in text and NOT_CONSENTED not in text
    assert "n = 4" not in text  # the analyst's suppression
    with loaded_app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report.exported")).one()
        assert event.actor_id == analyst.id and event.details["suppressed"] is True
        assert event.details["year"] == year and event.details["format"] == "pdf"
        prepared = db.session.scalars(select(PreparedReport)).one()
        assert prepared.requested_by_id == analyst.id and prepared.suppressed is True


def test_an_admin_gets_an_unsuppressed_pdf_of_their_own(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    year = fill(loaded_app).year
    signed_in(Role.ADMIN)
    client.post(f"/bureau/report/{year}/prepare", data={"language": "en"})
    run_queued(loaded_app)
    assert "n = 4" in pdf_text(client.get(f"/bureau/report/{year}/prepared.pdf?language=en").data)
    with loaded_app.app_context():
        assert db.session.scalars(select(PreparedReport)).one().suppressed is False


def test_tallies_are_rebuilt_by_the_task(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    client.post(
        "/api/v1/surveys/bewonersenquete/responses",
        json={"answers": ANSWERS, "location": {"lat": 51.8012, "lon": 4.6718}},
    )
    kept = count(loaded_app, ResponseTally)
    assert kept > 0
    with loaded_app.app_context():
        db.session.query(ResponseTally).delete()
        db.session.commit()
    result = loaded_app.test_cli_runner().invoke(args=["tasks", "enqueue", REBUILD_TALLIES])
    assert result.exit_code == 0, result.output
    assert REBUILD_TALLIES in queued(loaded_app)
    run_queued(loaded_app)
    assert count(loaded_app, ResponseTally) == kept


def test_the_daily_purge_removes_expired_drafts(loaded_app: Flask) -> None:
    with loaded_app.app_context():
        version = db.session.scalars(select(SurveyVersion)).first()
        assert version is not None
        for number, days in enumerate((-1, 3)):
            db.session.add(
                ResponseDraft(
                    survey_version_id=version.id,
                    resume_code_hash=f"{number:064d}",
                    language="nl",
                    answers={},
                    expires_at=utcnow() + timedelta(days=days),
                )
            )
        db.session.commit()
        tasks.enqueue(PRIVACY_PURGE)
    run_queued(loaded_app)
    assert count(loaded_app, ResponseDraft) == 1


def test_erasing_a_response_drops_the_prepared_pdfs_that_may_quote_it(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    from participation.models import SurveyResponse
    from participation.responses.erasure import erase_response

    year = fill(loaded_app).year
    signed_in(Role.ANALYST)
    client.post(f"/bureau/report/{year}/prepare", data={"language": "en"})
    run_queued(loaded_app)
    assert count(loaded_app, PreparedReport) == 1
    with loaded_app.app_context():
        response = db.session.scalars(select(SurveyResponse)).first()
        assert response is not None
        erase_response(db.session, response)
        db.session.commit()
    assert count(loaded_app, PreparedReport) == 0
    assert 'data-pdf-state="none"' in client.get(f"/bureau/report/{year}?language=en").get_data(as_text=True)
