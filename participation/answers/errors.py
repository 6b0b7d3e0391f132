"""Refusals of the answers browser and its exports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError


class AnswersError(CodedError):
    """A filter the browser or an export refuses, with the status the web layer answers with."""

    MESSAGES = {
        "too_few": _l("Fewer than %(k)d responses match these filters: choose wider filters to see or export them."),
        "no_survey": _l("Choose a survey to export its answers."),
    }
    STATUS = {"too_few": 403, "no_survey": 400}

    @property
    def status(self) -> int:
        return self.STATUS[self.code]
