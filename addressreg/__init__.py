"""addressreg: Shenzhen's unified address registry (一码多址, one code, many addresses).

Always import the public API from this package. Nothing is built at import time.
"""
