"""Small request helpers shared by blueprints."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_local_path(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site, else ``fallback``: never redirect to another host."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target
