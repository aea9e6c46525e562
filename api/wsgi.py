"""Entry point for gunicorn: ``gunicorn 'api.wsgi:app_from_env()'`` builds the app.

Without ``--preload`` each worker builds its own app (and resolver index); with it the
master builds one and the workers share it copy-on-write.
"""

from __future__ import annotations

import gc
from typing import Any

from apiflask import APIFlask

from addressreg.config import settings_from_env
from api.app import create_app


def app_from_env(**config: Any) -> APIFlask:
    """The app on the settings of the environment; keyword arguments override app config.

    Everything built so far (the resolver's index above all) is moved out of the garbage
    collector's reach (:func:`gc.freeze`): it lives as long as the process, collections no
    longer walk it, and forked workers do not copy its pages just to mark them.
    """
    app = create_app(settings_from_env(), config={k.upper(): v for k, v in config.items()})
    gc.collect()
    gc.freeze()
    return app
