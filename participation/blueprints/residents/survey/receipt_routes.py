"""``/<lang>/receipt``: a resident sees or deletes their own response with the receipt code."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from participation.blueprints.residents.survey import bp
from participation.extensions import db, limiter
from participation.responses.erasure import erase_response
from participation.responses.publishing import definition_of
from participation.responses.submission import find_by_receipt


@bp.route("/receipt", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def receipt() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("survey/receipt_lookup.html", problem=False)
    code = request.form.get("code", "")
    response = find_by_receipt(db.session, code)
    if response is None:
        return render_template("survey/receipt_lookup.html", problem=True), 400
    definition = definition_of(response.survey_version)
    answers = {answer.question_id: answer.value for answer in response.answers}
    return render_template("survey/receipt.html", definition=definition, response=response, answers=answers, code=code)


@bp.post("/receipt/delete")
@limiter.limit("20 per hour")
def delete_receipt() -> ResponseReturnValue:
    response = find_by_receipt(db.session, request.form.get("code", ""))
    if response is None:
        return render_template("survey/receipt_lookup.html", problem=True), 400
    erase_response(db.session, response)
    flash(_("Your answers have been deleted."), "success")
    return redirect(url_for("survey.receipt"))
