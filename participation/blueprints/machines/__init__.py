"""Interfaces for programs rather than people: the JSON API, health checks and static assets."""
