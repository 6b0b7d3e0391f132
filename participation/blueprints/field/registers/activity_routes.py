"""Activities of the connect and involve lines: list, log, change; with the themes raised as checkboxes."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.field.registers import bp
from participation.blueprints.field.registers.context import (
    FIELD_OF_ERROR,
    LocationRefused,
    found_or_404,
    location_context,
    read_location,
)
from participation.blueprints.field.registers.forms import ActivityForm, describe_location
from participation.blueprints.field.registers.labels import ACTIVITY_KIND_LABELS
from participation.extensions import db
from participation.fieldwork.access import AccessDenied, can_edit, can_read, counts_by_organisation, sees_all
from participation.fieldwork.activities import (
    ActivityInput,
    active_themes,
    activities_for,
    create_activity,
    themes_of,
    update_activity,
)
from participation.fieldwork.errors import InvalidRecord
from participation.fieldwork.places import places_for
from participation.i18n import current_language
from participation.models import Activity, Role, StaffUser, Theme
from participation.web.forms import show_refusal
from participation.web.staff import current_staff


@bp.get("/activities")
@requires_role(Role.PROFESSIONAL)
def activities() -> ResponseReturnValue:
    """The recent activities the staff member may see; of other organisations only how many they logged."""
    user = current_staff()
    found = activities_for(db.session, user)
    return render_template(
        "field_registers/activities.html",
        activities=found,
        themes=themes_of(db.session, [activity.id for activity in found]),
        counts=[] if sees_all(user) else counts_by_organisation(db.session, Activity.organisation_id),
        can_edit=lambda activity: can_edit(user, activity),
        kind_labels=ACTIVITY_KIND_LABELS,
        describe_location=describe_location,
        language=current_language().code,
        **location_context(),
    )


def _offer_choices(form: ActivityForm, user: StaffUser, chosen_themes: list[Theme]) -> list[Theme]:
    """Fill the place and theme lists; a theme chosen before and since retired stays offered on its activity."""
    form.place.choices = [("", _("No place from the register"))] + [
        (str(place.id), place.name) for place in places_for(db.session, user)
    ]
    offered = active_themes(db.session)
    offered += [theme for theme in chosen_themes if theme not in offered]
    form.themes.choices = [(theme.id, theme.label(current_language().code)) for theme in offered]
    return offered


def _input(form: ActivityForm, activity: Activity | None) -> ActivityInput:
    location = read_location(form)
    if location is None and activity is not None:
        location = activity.location  # an empty location on the form keeps the one stored
    return ActivityInput(
        client_id=form.client_id.data or "",
        title=form.title.data or "",
        kind=form.kind.data or "",
        held_on=form.held_on.data,
        line=form.line.data or "",
        attendance=form.attendance.data,
        notes=form.notes.data or "",
        place_id=int(form.place.data) if (form.place.data or "").isdigit() else None,
        location=location,
        theme_ids=list(form.themes.data or []),
    )


def _render(form: ActivityForm, activity: Activity | None, offered: list[Theme], status: int) -> ResponseReturnValue:
    return (
        render_template(
            "field_registers/activity_form.html",
            form=form,
            activity=activity,
            offered_themes=offered,
            language=current_language().code,
            describe_location=describe_location,
            **location_context(),
        ),
        status,
    )


@bp.route("/activities/new", methods=["GET", "POST"])
@requires_role(Role.PROFESSIONAL)
def new_activity() -> ResponseReturnValue:
    """Log an activity for the staff member's organisation."""
    user = current_staff()
    form = ActivityForm(line="connect", held_on=date.today())
    offered = _offer_choices(form, user, [])
    if form.validate_on_submit():
        try:
            activity = create_activity(db.session, _input(form, None), author=user)
        except (InvalidRecord, LocationRefused) as refused:
            show_refusal(form, refused, FIELD_OF_ERROR)  # the 400 answer rolls back
        else:
            flash(_("The activity %(title)s has been logged.", title=activity.title), "success")
            return redirect(url_for("field_registers.activities"))
    return _render(form, None, offered, 400 if form.is_submitted() else 200)


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@requires_role(Role.PROFESSIONAL)
def edit_activity(activity_id: int) -> ResponseReturnValue:
    """Change an activity the staff member logged in the last seven days (admins: any activity)."""
    user = current_staff()
    activity = found_or_404(Activity, activity_id)
    if not can_read(user, activity) or not can_edit(user, activity):
        abort(403)
    chosen = themes_of(db.session, [activity.id])[activity.id]
    form = ActivityForm(
        obj=activity,
        # ``data`` wins over ``obj``, whose ``place`` is the related row rather than the id the list offers.
        data={"place": str(activity.place_id or ""), "themes": [theme.id for theme in chosen]},
    )
    offered = _offer_choices(form, user, chosen)
    if form.validate_on_submit():
        try:
            update_activity(db.session, activity, _input(form, activity), editor=user)
        except (InvalidRecord, LocationRefused) as refused:
            show_refusal(form, refused, FIELD_OF_ERROR)  # the 400 answer rolls back
        except AccessDenied:
            abort(403)
        else:
            flash(_("The activity %(title)s has been changed.", title=activity.title), "success")
            return redirect(url_for("field_registers.activities"))
    return _render(form, activity, offered, 400 if form.is_submitted() else 200)
