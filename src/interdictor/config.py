"""Where Interdictor keeps its data, and the settings every command shares."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "INTERDICTOR_HOME"
DATABASE_URL_ENV = "INTERDICTOR_DATABASE_URL"
DEFAULT_HOME = Path("~/.interdictor")


def resolve_home(home: str | Path | None = None) -> Path:
    """Return the data directory: the argument, else $INTERDICTOR_HOME, else ~/.interdictor."""
    chosen = home or os.environ.get(HOME_ENV) or DEFAULT_HOME
    path = Path(chosen).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def resolve_database_url(home: Path, url: str | None = None) -> str:
    """Return the store URL: the argument, else $INTERDICTOR_DATABASE_URL, else SQLite in home."""
    return url or os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{home / 'interdictor.db'}"
