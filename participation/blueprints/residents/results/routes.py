"""The public "you said, we did" page: what the programme does with what residents of a wijk said."""

from __future__ import annotations

from flask import abort, current_app, render_template
from sqlalchemy import select

from participation.blueprints.residents.results import bp
from participation.extensions import db
from participation.i18n import current_language
from participation.models.themes import Theme
from participation.programme import STATUS_LABELS, consented_quotes, public_inputs, public_text, wijken
from participation.themes.aggregation import ThemeFilter, theme_list
from participation.web.disclosure import public_disclosure


@bp.get("/wijk/<wijk_code>/")
def wijk(wijk_code: str) -> str:
    """Adopted, in-progress and done inputs of a focus-area wijk in the resident's language, the themes residents
    raised there as suppressed aggregates, and only quotes given with consent."""
    area = next((w for w in wijken(db.session) if w.code == wijk_code.upper()), None)
    if area is None:
        abort(404)
    language = current_language().code
    fallback = current_app.config["DEFAULT_LANGUAGE"]
    items = [
        (item, text, consented_quotes(item))
        for item in public_inputs(db.session, area.code)
        if (text := public_text(item, language, fallback))
    ]
    themes = db.session.scalars(select(Theme).where(Theme.merged_into_id.is_(None))).all()
    # Ordered by name, never by count: an order by count would place hidden figures between shown ones.
    ordered = sorted(themes, key=lambda theme: theme.label(language).casefold())
    policy = public_disclosure()
    counts = theme_list(
        db.session,
        ThemeFilter(wijk_code=area.code),
        threshold=policy.threshold,
        suppress=policy.suppress,
        theme_order=[theme.id for theme in ordered],
    )
    raised = [theme for theme in ordered if counts.cell(theme.id, None).value > 0]
    return render_template(
        "results/wijk.html",
        wijk=area,
        items=items,
        counts=counts,
        raised=raised,
        status_labels=STATUS_LABELS,
        language=language,
        k=policy.threshold,
    )
