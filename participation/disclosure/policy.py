"""Who sees which figures: the one place that decides whether a viewer's tables are suppressed, and at which k.

The suppression itself (``participation.disclosure.suppression``) knows nothing of roles; every page, export and
command asks ``DisclosurePolicy.for_viewer`` and hands its threshold and decision on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from participation.models.staff import Role


@dataclass(frozen=True)
class DisclosurePolicy:
    """How figures are disclosed to one viewer: ``threshold`` is k, the smallest number of people a shown figure
    may rest on; ``suppress`` is False only when the viewer sees small figures as they are."""

    threshold: int
    suppress: bool

    @classmethod
    def for_viewer(cls, viewer: Role | None, settings: Mapping[str, Any]) -> DisclosurePolicy:
        """The policy for a viewer with role ``viewer`` (None: a resident) under the app's ``settings``.

        Admins see every figure; everybody below admin, and residents always, see suppressed ones."""
        return cls(
            threshold=int(settings["SMALL_COUNT_THRESHOLD"]),
            suppress=viewer is None or not viewer.includes(Role.ADMIN),
        )
