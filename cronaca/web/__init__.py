"""The web UI and HTTP API: ``create_app(db_path)`` returns the ASGI application."""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(db_path):
    from .app import create_app as _create_app

    return _create_app(db_path)
