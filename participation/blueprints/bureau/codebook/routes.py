"""Views of the codebook pages: each reads the request, calls one function of ``participation.themes``, and
renders or redirects. Every view is for analysts (and admins)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.bureau.codebook import bp
from participation.blueprints.bureau.codebook.forms import MergeForm, NewThemeForm, ThemeForm, theme_form_class
from participation.extensions import db
from participation.i18n import current_language
from participation.models import Role
from participation.models.themes import Theme
from participation.surveys.labels import TONE_LABELS
from participation.themes import (
    ThemeError,
    coding_counts,
    codings_of,
    create_theme,
    find_theme,
    goal_label,
    merge_targets,
    merge_themes,
    pillar_label,
    themes_by_pillar,
    update_theme,
)
from participation.themes.aggregation import Dimension, theme_table
from participation.themes.tones import TONES
from participation.web.disclosure import viewer_disclosure
from participation.web.forms import show_refusal
from participation.web.staff import current_staff


def _language() -> str:
    return current_language().code


def _theme(code: str) -> Theme:
    theme = find_theme(db.session, code)
    if theme is None:
        abort(404)
    return theme


def _form(base: type[ThemeForm], theme: Theme | None = None) -> ThemeForm:
    return theme_form_class(base, current_app.config["LANGUAGES"])(obj=theme)


def _render_form(form: ThemeForm, theme: Theme | None) -> ResponseReturnValue:
    status = 400 if form.is_submitted() else 200
    return render_template("codebook/form.html", form=form, theme=theme, language=_language()), status


@bp.get("/")
@requires_role(Role.ANALYST)
def themes() -> ResponseReturnValue:
    """The codebook grouped by pillar, with the number of codings per theme, and the themes merged away."""
    language = _language()
    merged = db.session.scalars(select(Theme).where(Theme.merged_into_id.is_not(None)).order_by(Theme.code)).all()
    pillars = themes_by_pillar(db.session, language)
    policy = viewer_disclosure()
    # Praise and complaint apart: the sources per theme and tone, suppressed like every theme table.
    tones = theme_table(
        db.session,
        Dimension.TONE,
        threshold=policy.threshold,
        suppress=policy.suppress,
        theme_order=[theme.id for group in pillars for theme in group.themes],
        columns=[tone.value for tone in TONES],
    )
    return render_template(
        "codebook/themes.html",
        pillars=pillars,
        tones=tones,
        tone_labels=TONE_LABELS,
        k=policy.threshold,
        counts=coding_counts(db.session),
        merged=merged,
        language=language,
        pillar_label=pillar_label,
        goal_label=goal_label,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def new() -> ResponseReturnValue:
    """Add a theme to the codebook."""
    form = _form(NewThemeForm)
    if form.validate_on_submit():
        try:
            theme = create_theme(db.session, form.definition(form.code.data or ""), current_staff())
        except ThemeError as error:
            show_refusal(form, error)
        else:
            flash(_("The theme %(label)s has been added.", label=theme.label(_language())), "success")
            return redirect(url_for("codebook.themes"))
    return _render_form(form, None)


@bp.route("/<code>/edit", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def edit(code: str) -> ResponseReturnValue:
    """Change a theme's labels, descriptions, pillar, goals and keywords; its code stays."""
    theme = _theme(code)
    if theme.merged_into is not None:
        return redirect(url_for("codebook.edit", code=theme.merged_into.code))
    form = _form(ThemeForm, theme)
    if not form.is_submitted():
        form.fill_from(theme)
    elif form.validate():
        try:
            changed = update_theme(
                db.session,
                theme,
                form.definition(theme.code, kept=theme),
                current_staff(),
            )
        except ThemeError as error:
            show_refusal(form, error)
        else:
            if changed:
                flash(_("The theme %(label)s has been saved.", label=theme.label(_language())), "success")
            return redirect(url_for("codebook.themes"))
    return _render_form(form, theme)


@bp.route("/<code>/merge", methods=["GET", "POST"])
@requires_role(Role.ANALYST)
def merge(code: str) -> ResponseReturnValue:
    """Merge a theme into another: choose the target, confirm with the number of codings that move, merge."""
    source = _theme(code)
    if source.merged_into is not None:
        abort(404)
    language = _language()
    form = MergeForm()
    form.offer(merge_targets(db.session, source, language), language)
    target = None
    if form.validate_on_submit():
        target = find_theme(db.session, form.target.data or "")
        if target is not None and form.confirm.data:
            try:
                report = merge_themes(db.session, source, target, current_staff())
            except ThemeError as error:
                form.target.errors = [error.message]
                target = None
            else:
                flash(
                    _(
                        "%(source)s has been merged into %(target)s. Codings moved: %(count)d.",
                        source=source.label(language),
                        target=target.label(language),
                        count=report.moved + report.dropped,
                    ),
                    "success",
                )
                return redirect(url_for("codebook.themes"))
    status = 400 if form.is_submitted() and target is None else 200
    return (
        render_template(
            "codebook/merge.html",
            form=form,
            source=source,
            target=target,
            moving=len(codings_of(db.session, source)),
            language=language,
        ),
        status,
    )
