"""The HTTP API (Flask): a thin adapter over the addressreg core and store."""
