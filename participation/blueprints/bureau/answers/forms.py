"""Reading the browser's filters from the query string: anything that is not one of the offered choices or a
valid day is ignored rather than refused, as a filter form's leftovers are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from participation.answers.filters import AnswerFilter
from participation.models.surveys import ResponseChannel


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_filter(args: Mapping[str, str], surveys: Sequence[str]) -> AnswerFilter:
    """The filter in ``args``; the first survey when none (or an unknown one) is chosen, since the columns of the
    list and the exports are a survey's questions."""
    survey = args.get("survey", "")
    channel = args.get("channel", "")
    return AnswerFilter(
        survey=survey if survey in surveys else (surveys[0] if surveys else None),
        question=args.get("question") or None,
        value=args.get("value") or None,
        wijk_code=args.get("wijk") or None,
        buurt_code=args.get("buurt") or None,
        since=_day(args.get("since", "")),
        until=_day(args.get("until", "")),
        channel=ResponseChannel(channel) if channel in set(ResponseChannel) else None,
        language=args.get("language") or None,
    )


def query_args(filters: AnswerFilter) -> dict[str, str]:
    """The filter as query arguments, for the links to other pages and the exports."""
    pairs = {
        "survey": filters.survey,
        "question": filters.question,
        "value": filters.value,
        "wijk": filters.wijk_code,
        "buurt": filters.buurt_code,
        "since": filters.since.isoformat() if filters.since else None,
        "until": filters.until.isoformat() if filters.until else None,
        "channel": filters.channel.value if filters.channel else None,
        "language": filters.language,
    }
    return {key: value for key, value in pairs.items() if value}
