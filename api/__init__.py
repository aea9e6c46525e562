"""The HTTP API (Flask): a thin adapter over the addressreg core and store.

Build the app with :func:`api.app.create_app`; gunicorn uses :mod:`api.wsgi`.
"""
