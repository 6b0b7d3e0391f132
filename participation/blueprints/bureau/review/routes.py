"""Views of the review pages: each reads the request, calls one function of ``participation.themes``, and
renders or redirects. Every view is for analysts (and admins)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.review import bp
from participation.extensions import db, tasks
from participation.i18n import current_language
from participation.models import Role
from participation.models.themes import SubjectType, Theme
from participation.surveys.labels import TONE_LABELS
from participation.tasks.jobs import request_emerging_run
from participation.tasks.names import EMERGING_THEMES
from participation.themes import find_theme, themes_by_pillar
from participation.themes.agreement import agreement_report
from participation.themes.emerging import last_emerging_themes
from participation.themes.review import (
    ReviewOrder,
    Subject,
    add_theme,
    decide,
    next_for_double_coding,
    next_for_review,
    record_double_coding,
    review_item,
)
from participation.web.staff import current_staff


def _subject(kind: str, number: int) -> Subject:
    try:
        return SubjectType(kind), number
    except ValueError:
        abort(404)


def _order() -> ReviewOrder:
    """The order of the queue the analyst chose (``?order=oldest``); least sure first by default."""
    return ReviewOrder.parse(request.args.get("order"))


def _order_arg(order: ReviewOrder) -> str | None:
    # The query parameter that keeps the order from page to page; none for the default, so default URLs stay short.
    return None if order is ReviewOrder.LEAST_SURE else order.value


def _text_url(subject: Subject, order: ReviewOrder) -> str:
    return url_for("review.text", kind=subject[0].value, number=subject[1], order=_order_arg(order))


def _languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


@bp.get("/")
@requires_role(Role.ANALYST)
def queue() -> ResponseReturnValue:
    """The first text waiting for review (least sure first, or oldest first), or a page that says none wait."""
    order = _order()
    item = next_for_review(db.session, order=order)
    if item is not None:
        return redirect(_text_url((item.subject.subject_type, item.subject.subject_id), order))
    return render_template("review/empty.html")


@bp.get("/<kind>/<int:number>/next")
@requires_role(Role.ANALYST)
def skip(kind: str, number: int) -> Response:
    """The next text after this one in the chosen order, leaving this one in the queue (or after deciding it)."""
    order = _order()
    item = next_for_review(db.session, after=_subject(kind, number), order=order)
    if item is None:
        return redirect(url_for("review.queue", order=_order_arg(order)))
    return redirect(_text_url((item.subject.subject_type, item.subject.subject_id), order))


@bp.get("/<kind>/<int:number>")
@requires_role(Role.ANALYST)
def text(kind: str, number: int) -> ResponseReturnValue:
    """One text with its suggested and decided themes, and the forms to accept, reject or add."""
    item = review_item(db.session, _subject(kind, number))
    if item is None:
        abort(404)
    language = current_language().code
    order = _order()
    return render_template(
        "review/text.html",
        item=item,
        pillars=themes_by_pillar(db.session, language),
        language=language,
        tone_labels=TONE_LABELS,
        order=order,
        order_arg=_order_arg(order),
    )


@bp.post("/<kind>/<int:number>/decide")
@requires_role(Role.ANALYST)
def decide_text(kind: str, number: int) -> Response:
    """Accept or reject all proposals of a text (then on to the next text), or one coding (stay)."""
    subject = _subject(kind, number)
    item = review_item(db.session, subject)
    if item is None:
        abort(404)
    action = request.form.get("action", "")
    verb, _sep, target = action.partition(":")
    if verb not in {"accept", "reject", "accept_all", "reject_all"}:
        abort(400)
    if verb.endswith("_all"):
        ids = [coding.id for coding in item.codings if coding.status.value == "proposed"]
    else:
        ids = [int(target)] if target.isdigit() else []
    changed = decide(db.session, current_staff(), subject, ids, accept=verb.startswith("accept"))
    flash(_("Decisions saved: %(count)d.", count=len(changed)), "success")
    order = _order()
    if verb.endswith("_all"):
        return redirect(url_for("review.skip", kind=kind, number=number, order=_order_arg(order)))
    return redirect(_text_url(subject, order))


@bp.post("/<kind>/<int:number>/add")
@requires_role(Role.ANALYST)
def add(kind: str, number: int) -> Response:
    """Code the text with a theme chosen from the codebook."""
    subject = _subject(kind, number)
    if review_item(db.session, subject) is None:
        abort(404)
    theme = find_theme(db.session, request.form.get("theme", ""))
    if theme is None or theme.merged_into_id is not None:
        flash(_("Choose a theme from the list."), "error")
        return redirect(_text_url(subject, _order()))
    add_theme(db.session, current_staff(), subject, theme)
    flash(_("Theme added: %(label)s.", label=theme.label(current_language().code)), "success")
    return redirect(_text_url(subject, _order()))


@bp.route("/double", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def double() -> ResponseReturnValue:
    """The second round: the next text another analyst decided, without their themes, to code independently."""
    analyst = current_staff()
    if request.method == "POST":
        subject = _subject(request.form.get("kind", ""), request.form.get("number", type=int) or 0)
        codes = request.form.getlist("theme")
        themes: list[Theme] = [theme for code in codes if (theme := find_theme(db.session, code)) is not None]
        try:
            record_double_coding(db.session, analyst, subject, themes)
        except ValueError:
            flash(_("This text cannot be double-coded by you (any more)."), "error")
        else:
            flash(_("Your coding has been saved."), "success")
        return redirect(url_for("review.double"))
    language = current_language().code
    return render_template(
        "review/double.html",
        subject=next_for_double_coding(db.session, analyst),
        pillars=themes_by_pillar(db.session, language),
        language=language,
    )


@bp.get("/agreement")
@requires_role(Role.ANALYST)
def agreement() -> ResponseReturnValue:
    """Cohen's kappa per theme and overall over the double-coded sample."""
    return render_template(
        "review/agreement.html", report=agreement_report(db.session), language=current_language().code
    )


@bp.get("/emerging")
@requires_role(Role.ANALYST)
def emerging() -> ResponseReturnValue:
    """Candidate themes: clusters of texts that fit no theme of the codebook, as the last background run found
    them (clustering takes seconds to minutes; the page answers at once and says when it ran). Without any run yet,
    one is queued."""
    last = last_emerging_themes(db.session, _languages())
    if last is None:
        request_emerging_run()
    return render_template("review/emerging.html", last=last)


@bp.post("/emerging/run")
@requires_role(Role.ANALYST)
def run_emerging() -> Response:
    """Queue a clustering run now; the page shows its result once it ran."""
    tasks.enqueue(EMERGING_THEMES)
    flash(_("The grouping runs in the background; reload this page in a minute to see its result."), "success")
    return redirect(url_for("review.emerging"))
