"""The codebook: themes mapped to the programme's pillars and strategic goals, kept by the bureau's analysts.

No flask.request here: functions take a database session and plain values, flush, and leave the commit to the
caller.
"""

from participation.themes.codebook import CODEBOOK_FILE, CodebookError, SyncReport, load_codebook, sync_codebook
from participation.themes.definition import ThemeDefinition
from participation.themes.errors import ThemeError
from participation.themes.operations import MergeReport, codings_of, create_theme, merge_themes, update_theme
from participation.themes.pillars import GOAL_LABELS, PILLAR_LABELS, goal_label, pillar_label
from participation.themes.queries import PillarThemes, coding_counts, find_theme, merge_targets, themes_by_pillar

__all__ = [
    "CODEBOOK_FILE",
    "GOAL_LABELS",
    "PILLAR_LABELS",
    "CodebookError",
    "MergeReport",
    "PillarThemes",
    "SyncReport",
    "ThemeDefinition",
    "ThemeError",
    "coding_counts",
    "codings_of",
    "create_theme",
    "find_theme",
    "goal_label",
    "load_codebook",
    "merge_targets",
    "merge_themes",
    "pillar_label",
    "sync_codebook",
    "themes_by_pillar",
    "update_theme",
]
