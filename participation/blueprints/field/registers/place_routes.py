"""The register of places and moments: list, add, change."""

from __future__ import annotations

from dataclasses import replace

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
from participation.blueprints.field.registers.forms import PlaceForm, describe_location
from participation.blueprints.field.registers.labels import PLACE_KIND_LABELS
from participation.extensions import db
from participation.fieldwork.access import (
    AccessDenied,
    can_edit,
    can_read,
    counts_by_organisation,
    sees_all,
)
from participation.fieldwork.errors import InvalidRecord
from participation.fieldwork.places import PlaceInput, create_place, places_for, update_place
from participation.models import Place, Role
from participation.web.forms import show_refusal
from participation.web.staff import current_staff


@bp.get("/places")
@requires_role(Role.PROFESSIONAL)
def places() -> ResponseReturnValue:
    """The places the staff member may see; of other organisations only how many they registered."""
    user = current_staff()
    return render_template(
        "field_registers/places.html",
        places=places_for(db.session, user),
        counts=[] if sees_all(user) else counts_by_organisation(db.session, Place.organisation_id),
        can_edit=lambda place: can_edit(user, place),
        kind_labels=PLACE_KIND_LABELS,
        describe_location=describe_location,
        **location_context(),
    )


def _input(form: PlaceForm) -> PlaceInput:
    return PlaceInput(
        name=form.name.data or "",
        kind=form.kind.data or "",
        moment=form.moment.data or "",
        contact_organisation=form.contact_organisation.data or "",
        location=read_location(form),
    )


def _render(form: PlaceForm, place: Place | None, status: int) -> ResponseReturnValue:
    return (
        render_template(
            "field_registers/place_form.html",
            form=form,
            place=place,
            describe_location=describe_location,
            **location_context(),
        ),
        status,
    )


@bp.route("/places/new", methods=["GET", "POST"])
@requires_role(Role.PROFESSIONAL)
def new_place() -> ResponseReturnValue:
    """Add a place to the register of the staff member's organisation."""
    form = PlaceForm()
    if form.validate_on_submit():
        try:
            place = create_place(db.session, _input(form), created_by=current_staff())
        except (InvalidRecord, LocationRefused) as refused:
            show_refusal(form, refused, FIELD_OF_ERROR)  # the 400 answer rolls back
        else:
            flash(_("The place %(name)s has been added.", name=place.name), "success")
            return redirect(url_for("field_registers.places"))
    return _render(form, None, 400 if form.is_submitted() else 200)


@bp.route("/places/<int:place_id>/edit", methods=["GET", "POST"])
@requires_role(Role.PROFESSIONAL)
def edit_place(place_id: int) -> ResponseReturnValue:
    """Change a place the staff member made in the last seven days (admins: any place)."""
    user = current_staff()
    place = found_or_404(Place, place_id)
    if not can_read(user, place) or not can_edit(user, place):
        abort(403)
    form = PlaceForm(obj=place)
    if form.validate_on_submit():
        try:
            data = _input(form)
            # An empty location on the form keeps the one stored.
            data = data if data.location is not None else replace(data, location=place.location)
            update_place(db.session, place, data, editor=user)
        except (InvalidRecord, LocationRefused) as refused:
            show_refusal(form, refused, FIELD_OF_ERROR)  # the 400 answer rolls back
        except AccessDenied:
            abort(403)
        else:
            flash(_("The place %(name)s has been changed.", name=place.name), "success")
            return redirect(url_for("field_registers.places"))
    return _render(form, place, 400 if form.is_submitted() else 200)
