"""Views of the programme pages: each reads the request, calls one function of ``participation.programme``, and
renders or redirects. Every view is for analysts (and admins)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.programme import bp
from participation.blueprints.bureau.programme.context import (
    form_choices,
    input_or_404,
    language,
    wijk_or_404,
)
from participation.blueprints.bureau.programme.forms import SOURCE_LABELS, EvidenceForm, StatusForm, input_form_class
from participation.blueprints.bureau.programme.labels import DIMENSION_LABELS, column_labels, theme_labels
from participation.extensions import db
from participation.models import Role
from participation.models.programme import InputEvidence, InputStatus, Priority, ProgrammeInput
from participation.models.themes import SubjectType
from participation.programme import (
    PRIORITY_LABELS,
    STATUS_LABELS,
    InputFilter,
    ProgrammeError,
    change_status,
    create_input,
    inputs_of_wijk,
    link_evidence,
    unlink_evidence,
    update_input,
    wijk_theme_table,
    wijken,
)
from participation.surveys.labels import TONE_LABELS
from participation.surveys.model import Tone
from participation.themes.aggregation import Dimension, ThemeFilter, theme_table
from participation.themes.pillars import pillar_label
from participation.themes.tones import TONES
from participation.web.disclosure import viewer_disclosure
from participation.web.forms import show_refusal
from participation.web.staff import current_staff


def _enum_args(name: str, kind: type[InputStatus] | type[Priority]) -> list[str]:
    values = {member.value for member in kind}
    return [value for value in request.args.getlist(name) if value in values]


@bp.get("/")
@requires_role(Role.ANALYST)
def index() -> ResponseReturnValue:
    """The wijken of the focus area, each leading to its programme input."""
    return render_template("programme/index.html", wijken=wijken(db.session))


@bp.get("/wijk/<wijk_code>/")
@requires_role(Role.ANALYST)
def inputs(wijk_code: str) -> ResponseReturnValue:
    """A wijk's inputs, filtered by status, priority and theme (GET parameters, so a filtered list can be shared)."""
    wijk = wijk_or_404(wijk_code)
    statuses, priorities = _enum_args("status", InputStatus), _enum_args("priority", Priority)
    theme_id = request.args.get("theme", type=int) or None
    filters = InputFilter(
        statuses=[InputStatus(s) for s in statuses], priorities=[Priority(p) for p in priorities], theme_id=theme_id
    )
    _wijken, _buurten, themes = form_choices()
    return render_template(
        "programme/inputs.html",
        wijk=wijk,
        items=inputs_of_wijk(db.session, wijk.code, filters),
        statuses=statuses,
        priorities=priorities,
        theme_id=theme_id,
        themes=themes,
        status_labels=STATUS_LABELS,
        priority_labels=PRIORITY_LABELS,
        language=language(),
        status_form=StatusForm(),
    )


def _render_form(form: object, item: ProgrammeInput | None) -> ResponseReturnValue:
    status = 400 if getattr(form, "is_submitted")() else 200  # noqa: B009 - the form class is made per request
    return render_template("programme/form.html", form=form, item=item, language=language()), status


@bp.route("/new", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def new() -> ResponseReturnValue:
    """Add a programme input; ``?wijk=`` chooses the district beforehand."""
    form = input_form_class(current_app.config["LANGUAGES"])()
    form.offer(*form_choices(), language())
    if not form.is_submitted():
        form.wijk_code.data = (request.args.get("wijk") or "").upper()
    if form.validate_on_submit():
        try:
            item = create_input(db.session, form.draft(), current_staff(), current_app.config["LANGUAGES"])
        except ProgrammeError as error:
            show_refusal(form, error)
        else:
            flash(_("The programme input %(title)s has been added.", title=item.title), "success")
            return redirect(url_for("programme.inputs", wijk_code=item.wijk_code))
    return _render_form(form, None)


@bp.route("/<int:input_id>/edit", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def edit(input_id: int) -> ResponseReturnValue:
    """Change a programme input."""
    item = input_or_404(input_id)
    form = input_form_class(current_app.config["LANGUAGES"])(obj=item)
    form.offer(*form_choices(), language())
    if not form.is_submitted():
        form.fill_from(item)
    elif form.validate():
        try:
            changed = update_input(db.session, item, form.draft(), current_staff(), current_app.config["LANGUAGES"])
        except ProgrammeError as error:
            show_refusal(form, error)
        else:
            if changed:
                flash(_("The programme input %(title)s has been saved.", title=item.title), "success")
            return redirect(url_for("programme.inputs", wijk_code=item.wijk_code))
    return _render_form(form, item)


@bp.post("/<int:input_id>/status")
@requires_role(Role.ANALYST)
def status(input_id: int) -> ResponseReturnValue:
    """Move an input to another status from the list."""
    item = input_or_404(input_id)
    form = StatusForm()
    if form.validate_on_submit():
        if change_status(db.session, item, InputStatus(form.status.data), current_staff()):
            flash(_("%(title)s is now: %(status)s.", title=item.title, status=STATUS_LABELS[item.status]), "success")
        return redirect(url_for("programme.inputs", wijk_code=item.wijk_code))
    return redirect(url_for("programme.inputs", wijk_code=item.wijk_code)), 303


@bp.route("/<int:input_id>/evidence", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def evidence(input_id: int) -> ResponseReturnValue:
    """The evidence of an input, and a form to link an answer, conversation or activity with a quote."""
    item = input_or_404(input_id)
    form = EvidenceForm()
    if form.validate_on_submit():
        try:
            link_evidence(
                db.session,
                item,
                SubjectType(form.subject_type.data),
                int(form.subject_id.data or 0),
                current_staff(),
                quote=form.quote.data or "",
                quote_consent=bool(form.quote_consent.data),
            )
        except ProgrammeError as error:
            show_refusal(form, error)
        else:
            flash(_("The evidence has been linked."), "success")
            return redirect(url_for("programme.evidence", input_id=item.id))
    return (
        render_template(
            "programme/evidence.html",
            item=item,
            form=form,
            source_labels=SOURCE_LABELS,
            pillar_label=pillar_label,
            language=language(),
        ),
        400 if form.is_submitted() else 200,
    )


@bp.post("/<int:input_id>/evidence/<int:evidence_id>/remove")
@requires_role(Role.ANALYST)
def remove_evidence(input_id: int, evidence_id: int) -> ResponseReturnValue:
    """Unlink a piece of evidence (and its quote) from an input."""
    item = input_or_404(input_id)
    found = db.session.get(InputEvidence, evidence_id)
    if found is None or found.programme_input_id != item.id:
        return redirect(url_for("programme.evidence", input_id=item.id))
    unlink_evidence(db.session, item, found, current_staff())
    flash(_("The evidence has been removed."), "success")
    return redirect(url_for("programme.evidence", input_id=item.id))


@bp.get("/wijk/<wijk_code>/themes")
@requires_role(Role.ANALYST)
def themes(wijk_code: str) -> ResponseReturnValue:
    """Theme counts of a wijk by buurt (or ``?by=`` street, block, source, line, month, quarter, year)."""
    wijk = wijk_or_404(wijk_code)
    by_value = request.args.get("by", Dimension.BUURT.value)
    by = Dimension(by_value) if by_value in {d.value for d in Dimension} - {"wijk"} else Dimension.BUURT
    tone_value = request.args.get("tone", "")
    tone = Tone(tone_value) if tone_value in set(Tone) and by is not Dimension.TONE else None
    policy = viewer_disclosure()
    if by is Dimension.BUURT:
        table = wijk_theme_table(db.session, wijk, threshold=policy.threshold, suppress=policy.suppress, tone=tone)
    else:
        table = theme_table(
            db.session,
            by,
            ThemeFilter(wijk_code=wijk.code, tone=tone),
            threshold=policy.threshold,
            suppress=policy.suppress,
            # Every tone a column, also one nobody used: praise and complaint side by side.
            columns=[t.value for t in TONES] if by is Dimension.TONE else None,
        )
    return render_template(
        "programme/themes.html",
        wijk=wijk,
        table=table,
        by=by,
        tone=tone,
        tones=TONES,
        tone_labels=TONE_LABELS,
        dimensions=[d for d in Dimension if d is not Dimension.WIJK],
        dimension_labels=DIMENSION_LABELS,
        theme_labels=theme_labels(table.rows),
        column_labels=column_labels(wijk, by, table.columns),
        k=policy.threshold,
    )
