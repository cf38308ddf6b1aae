"""Interdictor: counter-proliferation trade control.

Engines (``text``, ``lists``, ``screening``, ``goods``, ``network``) are pure
Python with no web and no database. ``store`` persists list versions and
results; ``cli`` is the command-line interface. Imports point downward only.
"""

__version__ = "0.1.0"
