"""Entry point for gunicorn: ``gunicorn 'api.wsgi:app_from_env()'`` builds the app in each worker."""

from __future__ import annotations

from typing import Any

from apiflask import APIFlask

from addressreg.config import settings_from_env
from api.app import create_app


def app_from_env(**config: Any) -> APIFlask:
    """The app on the settings of the environment; keyword arguments override app config."""
    return create_app(settings_from_env(), config={k.upper(): v for k, v in config.items()})
