"""The names of the background tasks, what operations enqueue (kept apart from ``jobs`` so that a domain module can
name a task without importing every job)."""

SUGGEST_FOR_RESPONSE = "suggest_for_response"
SUGGEST_FOR_SUBJECT = "suggest_for_subject"
SUGGEST_UNCODED = "suggest_uncoded"
EMERGING_THEMES = "emerging_themes"
PREPARE_REPORT = "prepare_report"
REBUILD_TALLIES = "rebuild_tallies"
PRIVACY_PURGE = "privacy_purge"
